package io.cardmint.card;

import io.cardmint.code.Barcodes;
import io.cardmint.code.CodeFormat;

/**
 * A card in the one response that shows its secrets: the synchronous batch create.
 * {@code toString()} is redacted so that the values cannot reach a log by accident.
 */
record IssuedCard(CardView card, String token, CodeFormat tokenFormat, String pin, CodeFormat pinFormat) {

	/** The response JSON: the card, plus {@code card_token.token.value} and {@code pin.pin.value}. */
	CardView toResponse() {
		CardView.TokenView tokenView = new CardView.TokenView(
				new CardView.Secret(this.token, this.tokenFormat.barcodeRequested() ? Barcodes.code128DataUri(this.token) : null),
				this.tokenFormat);
		CardView.PinView pinView = (this.pinFormat != null) ? new CardView.PinView(new CardView.Secret(this.pin,
				this.pinFormat.barcodeRequested() ? Barcodes.code128DataUri(this.pin) : null), this.pinFormat) : null;
		return this.card.withSecrets(tokenView, pinView);
	}

	@Override
	public String toString() {
		return "IssuedCard[" + this.card.cardId() + ", secrets redacted]";
	}

}
