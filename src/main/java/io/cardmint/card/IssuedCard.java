package io.cardmint.card;

import io.cardmint.code.Barcodes;
import io.cardmint.code.CodeFormat;

/**
 * A card in the one response that shows its secrets: its creation (batch or single).
 * {@code toString()} is redacted so that the values cannot reach a log by accident.
 */
record IssuedCard(CardView card, String token, CodeFormat tokenFormat, String pin, CodeFormat pinFormat) {

	/** The response JSON: the card, plus {@code card_token.token.value} and {@code pin.pin.value}. */
	CardView toResponse() {
		return this.card.withSecrets(secret(this.token, this.tokenFormat), secret(this.pin, this.pinFormat));
	}

	/** A secret value with its Code 128 barcode when its format asks for one. */
	static CardView.Secret secret(String value, CodeFormat format) {
		if (value == null) {
			return null;
		}
		boolean barcode = format != null && format.barcodeRequested();
		return new CardView.Secret(value, barcode ? Barcodes.code128DataUri(value) : null);
	}

	@Override
	public String toString() {
		return "IssuedCard[" + this.card.cardId() + ", secrets redacted]";
	}

}
