package io.cardmint.card;

import java.util.List;

import io.cardmint.code.CodeFormat;

/**
 * The body of {@code POST …/cards/batch}, as in the Dintero wallet API. Validated by
 * {@link CardBatchService} so that every message can name the card it is about.
 */
public record BatchCreateRequest(List<CardRequest> cards, Options options) {

	public record CardRequest(String cardId, String type) {
	}

	public record Options(FormatOption pin, FormatOption cardToken) {
	}

	public record FormatOption(CodeFormat format) {
	}

	CodeFormat tokenFormat() {
		return (this.options != null && this.options.cardToken() != null && this.options.cardToken().format() != null)
				? this.options.cardToken().format() : CodeFormat.defaultToken();
	}

	/** A batch without a PIN format makes cards without a PIN. */
	CodeFormat pinFormat() {
		return (this.options != null && this.options.pin() != null) ? this.options.pin().format() : null;
	}

}
