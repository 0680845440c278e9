package io.cardmint.print;

/**
 * One card's line in the print file.
 *
 * <p>{@code toString()} is redacted: records end up in log lines and exception messages, and
 * the token and PIN must never leave the encrypted print file.
 */
public record PrintRecord(String cardId, String token, String pin, String barcode) {

	@Override
	public String toString() {
		return "PrintRecord[cardId=" + this.cardId + ", token=***, pin=***, barcode=***]";
	}

}
