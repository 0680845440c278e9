package io.cardmint.card;

import io.cardmint.code.CodeFormat;
import io.swagger.v3.oas.annotations.media.Schema;

/** Dintero's {@code card_token} request object: how a card's token is made and how long it works. */
public record CardTokenOptions(CodeFormat format,
		@Schema(minimum = "1", maximum = "" + Sales.MAX_EXPIRES_IN, description = "seconds") Long expiresIn,
		Boolean expiresAfterTransaction) {

	boolean singleUse() {
		return Boolean.TRUE.equals(this.expiresAfterTransaction);
	}

}
