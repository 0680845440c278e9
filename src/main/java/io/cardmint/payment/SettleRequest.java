package io.cardmint.payment;

import java.util.Map;

import io.cardmint.domain.Amounts;
import io.cardmint.domain.Ids;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST …/transactions/{id}/capture} and {@code …/void}: the child
 * transaction's own {@code ref_id} (required: a retry answers the same child), and for a
 * capture the {@code amount} to take, at most the pending amount (default all of it).
 */
record SettleRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = Ids.MAX_LENGTH,
		description = Ids.RULE) String refId,
		@Schema(minimum = "1", maximum = "" + Amounts.MAX,
				description = "capture only; at most the pending amount, which is the default") Long amount,
		Map<String, Object> metadata) {
}
