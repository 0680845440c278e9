package io.cardmint.card;

import io.cardmint.code.CodeFormat;

/** Dintero's {@code card_token} request object: how a card's token is made and how long it works. */
public record CardTokenOptions(CodeFormat format, Long expiresIn, Boolean expiresAfterTransaction) {

	boolean singleUse() {
		return Boolean.TRUE.equals(this.expiresAfterTransaction);
	}

}
