package io.cardmint.payment;

import java.time.Instant;
import java.util.UUID;

import io.cardmint.card.Card;
import io.cardmint.card.CardStatus;

/** The columns of a card row that paying with it reads and changes, read under a row lock. */
record PaymentCard(long seq, UUID id, String accountId, String cardId, CardStatus status, String currency,
		long balance, long reservedAmount, Instant activeFrom, Instant expiresAt, int failedPinAttempts,
		byte[] pinHash) {

	long availableBalance() {
		return this.balance - this.reservedAmount;
	}

	boolean locked() {
		return this.failedPinAttempts >= Card.MAX_FAILED_PIN_ATTEMPTS;
	}

	PaymentCard withMoney(long balance, long reservedAmount, CardStatus status) {
		return new PaymentCard(this.seq, this.id, this.accountId, this.cardId, status, this.currency, balance,
				reservedAmount, this.activeFrom, this.expiresAt, this.failedPinAttempts, this.pinHash);
	}

	@Override
	public String toString() {
		return "PaymentCard[" + this.accountId + "/" + this.cardId + ", " + this.status.value() + "]";
	}

}
