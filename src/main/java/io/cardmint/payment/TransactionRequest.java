package io.cardmint.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST …/wallets/transactions}. The card is named by {@code token} (plus
 * {@code pin} when it has one) or, for write/admin callers, by {@code card_id}. Amounts are
 * minor units.
 */
record TransactionRequest(
		@NotNull @Pattern(regexp = "drawdown|fund", message = "must be drawdown or fund") String type,
		@Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String token,
		@Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String pin,
		@Size(max = 255) String cardId, @NotBlank @Size(max = 255) String refId,
		@NotNull @Positive @Max(MAX_AMOUNT) Long amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as NOK") String currency,
		Boolean pending) {

	/** 10^12 minor units: far above any gift card, far below overflow. */
	static final long MAX_AMOUNT = 1_000_000_000_000L;

	boolean isPending() {
		return Boolean.TRUE.equals(this.pending);
	}

	@Override
	public String toString() {
		return "TransactionRequest[" + this.type + " " + this.amount + " " + this.currency + ", ref_id " + this.refId
				+ ", card_id " + this.cardId + ", token and PIN redacted]";
	}

}
