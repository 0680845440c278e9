package io.cardmint.code;

/**
 * A card's token and PIN in the clear. Lives only in memory on the way to the print file or
 * the batch response; {@link #toString()} is redacted so it cannot leak through a log line or
 * an exception message.
 *
 * @param pin null for a card without PIN
 */
public record CardSecrets(String token, String pin) {

	@Override
	public String toString() {
		return "CardSecrets[redacted]";
	}

}
