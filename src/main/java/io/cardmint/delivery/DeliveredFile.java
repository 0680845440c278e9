package io.cardmint.delivery;

/**
 * One file as it now lies under its final name in the remote inbox.
 *
 * @param sha256 lowercase hex of the local bytes that were (or had already been) delivered
 */
public record DeliveredFile(String name, String remotePath, long size, String sha256) {
}
