package io.cardmint.payment;

import io.cardmint.card.Card;
import io.cardmint.domain.DomainException;

/**
 * The refusals of the payment endpoints, each with its own code. Messages name the card by
 * its card_id at most, never by token or PIN: an unknown token is only "not found".
 */
final class PaymentErrors {

	private PaymentErrors() {
	}

	static DomainException cardNotFound() {
		return DomainException.notFound("card_not_found", "no card with this token or card_id");
	}

	static DomainException transactionNotFound() {
		return DomainException.notFound("transaction_not_found", "no transaction with this id");
	}

	static DomainException pinRequired() {
		return DomainException.invalid("pin_required", "this card has a PIN; send it as pin");
	}

	static DomainException wrongPin(int failedAttempts) {
		int left = Card.MAX_FAILED_PIN_ATTEMPTS - failedAttempts;
		return DomainException.forbidden("wrong_pin",
				(left > 0) ? "wrong PIN; " + left + " attempt" + ((left == 1) ? "" : "s") + " left before the card is locked"
						: "wrong PIN; no attempts left: the card is now locked for payments");
	}

	static DomainException cardLocked() {
		return DomainException.conflict("card_locked", "the card is locked after " + Card.MAX_FAILED_PIN_ATTEMPTS
				+ " wrong PINs in a row; it takes no payments and answers no balance lookups until its PIN is rotated");
	}

	static DomainException cardDeleted() {
		return DomainException.conflict("card_deleted", "the card is deleted; a deleted card never pays");
	}

	static DomainException cardInactive() {
		return DomainException.conflict("card_inactive", "the card has not been activated; an inactive card never pays");
	}

	static DomainException cardNotYetActive() {
		return DomainException.conflict("card_not_yet_active", "the card cannot pay before its active_from");
	}

	static DomainException cardExpired() {
		return DomainException.conflict("card_expired", "the card expired at its expires_at");
	}

	static DomainException currencyMismatch(String cardCurrency) {
		return DomainException.invalid("currency_mismatch", "the card's currency is " + cardCurrency);
	}

	static DomainException insufficientFunds(long available) {
		return DomainException.conflict("insufficient_funds", "the card's available balance is " + available);
	}

	static DomainException refIdConflict() {
		return DomainException.conflict("ref_id_conflict",
				"ref_id was already used for a different transaction (card, type, amount, currency or pending differ)");
	}

	static DomainException notPending(TransactionStatus status) {
		return DomainException.conflict("transaction_not_pending",
				"the transaction is " + status.value() + "; only a pending drawdown can be captured or voided");
	}

	static DomainException tokenAndCardIdDiffer() {
		return DomainException.invalid("invalid_request", "token and card_id name different cards");
	}

	static DomainException invalid(String message) {
		return DomainException.invalid("invalid_request", message);
	}

}
