package io.cardmint.payment;

import io.cardmint.card.Card;
import io.cardmint.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * The refusals of the payment endpoints, each with its own code. Messages name the card by
 * its card_id at most, never by token or PIN: an unknown token is only "not found".
 */
final class PaymentErrors {

	private PaymentErrors() {
	}

	static ApiException cardNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "card_not_found", "no card with this token or card_id");
	}

	static ApiException transactionNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "transaction_not_found", "no transaction with this id");
	}

	static ApiException pinRequired() {
		return new ApiException(HttpStatus.BAD_REQUEST, "pin_required", "this card has a PIN; send it as pin");
	}

	static ApiException wrongPin(int failedAttempts) {
		int left = Card.MAX_FAILED_PIN_ATTEMPTS - failedAttempts;
		return new ApiException(HttpStatus.FORBIDDEN, "wrong_pin",
				(left > 0) ? "wrong PIN; " + left + " attempt" + ((left == 1) ? "" : "s") + " left before the card is locked"
						: "wrong PIN; no attempts left: the card is now locked for payments");
	}

	static ApiException cardLocked() {
		return ApiException.conflict("card_locked", "the card is locked after " + Card.MAX_FAILED_PIN_ATTEMPTS
				+ " wrong PINs in a row; it takes no payments and answers no balance lookups");
	}

	static ApiException cardInactive() {
		return ApiException.conflict("card_inactive", "the card has not been activated; an inactive card never pays");
	}

	static ApiException cardNotYetActive() {
		return ApiException.conflict("card_not_yet_active", "the card cannot pay before its active_from");
	}

	static ApiException cardExpired() {
		return ApiException.conflict("card_expired", "the card expired at its expires_at");
	}

	static ApiException currencyMismatch(String cardCurrency) {
		return ApiException.badRequest("currency_mismatch", "the card's currency is " + cardCurrency);
	}

	static ApiException insufficientFunds(long available) {
		return ApiException.conflict("insufficient_funds", "the card's available balance is " + available);
	}

	static ApiException refIdConflict() {
		return ApiException.conflict("ref_id_conflict",
				"ref_id was already used for a different transaction (card, type, amount, currency or pending differ)");
	}

	static ApiException notPending(TransactionStatus status) {
		return ApiException.conflict("transaction_not_pending",
				"the transaction is " + status.value() + "; only a pending drawdown can be captured or voided");
	}

	static ApiException invalid(String message) {
		return ApiException.badRequest("invalid_request", message);
	}

}
