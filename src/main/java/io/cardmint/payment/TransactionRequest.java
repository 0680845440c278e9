package io.cardmint.payment;

import java.util.Map;

import io.cardmint.domain.Amounts;
import io.cardmint.domain.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST …/wallets/transactions}. The card is named by {@code token} (plus
 * {@code pin} when it has one), by {@code card_id}, or by both when they name the same card.
 * Amounts are minor units, checked by {@link io.cardmint.domain.Amounts}; ids by
 * {@link io.cardmint.domain.Ids}.
 */
record TransactionRequest(
		@NotNull @Pattern(regexp = "drawdown|fund", message = "must be drawdown or fund") @Schema(allowableValues = {
				"drawdown", "fund" }) String type,
		@Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String token,
		@Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String pin,
		@Schema(minLength = 1, maxLength = Ids.MAX_LENGTH, description = Ids.RULE) String cardId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = Ids.MAX_LENGTH,
				description = Ids.RULE) String refId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "" + Amounts.MAX) Long amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}",
				message = "must be an ISO 4217 code such as NOK") @Schema(allowableValues = { "CHF", "DKK", "EUR",
						"GBP", "ISK", "NOK", "PLN", "SEK", "USD" }) String currency,
		Boolean pending, Map<String, Object> metadata, @Schema(minLength = 1, maxLength = Ids.MAX_LENGTH,
				description = Ids.RULE) String originatedBy) {

	boolean isPending() {
		return Boolean.TRUE.equals(this.pending);
	}

	@Override
	public String toString() {
		return "TransactionRequest[" + this.type + " " + this.amount + " " + this.currency + ", ref_id " + this.refId
				+ ", card_id " + this.cardId + ", token and PIN redacted]";
	}

}
