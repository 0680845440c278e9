package io.cardmint.print;

/**
 * One finished print file in the outbox.
 *
 * @param name file name inside the outbox, e.g. {@code ACME-2026-11-001.csv.pgp}
 * @param records card records in it (the header line is not counted)
 * @param sha256 lower-case hex SHA-256 of the encrypted bytes, as the manufacturer receives them
 */
public record PrintedFile(String name, long records, String sha256) {
}
