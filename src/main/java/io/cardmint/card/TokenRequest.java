package io.cardmint.card;

import java.util.Map;

import io.cardmint.code.CodeFormat;
import io.cardmint.domain.Ids;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST …/cards/{card_id}/tokens}: a temporary token. {@code ref_id} makes
 * a retry safe; {@code expires_in} seconds (default 3600); {@code expires_after_transaction}:
 * it pays once, and still finds the card by {@code /info} until it expires; {@code format}
 * defaults to a UUID prefixed {@code DINCARD:}.
 */
record TokenRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = Ids.MAX_LENGTH,
		description = Ids.RULE) String refId,
		@Schema(minimum = "1", maximum = "" + Sales.MAX_EXPIRES_IN, description = "seconds") Long expiresIn,
		Boolean expiresAfterTransaction, CodeFormat format,
		Map<String, Object> metadata) {
}
