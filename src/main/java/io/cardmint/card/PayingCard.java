package io.cardmint.card;

import java.time.Instant;
import java.util.UUID;

/**
 * The money of a card row as a payment reads it, under the row lock ({@link CardBalances}).
 * {@code temporaryTokenId} names the temporary token the card was found by, if any, so that a
 * single-use token can be spent with the movement.
 */
public record PayingCard(long seq, UUID id, String accountId, String cardId, CardStatus status, String currency,
		long balance, long reservedAmount, long amountFunds, long amountDrawdown, Instant activeFrom,
		Instant expiresAt, int failedPinAttempts, byte[] pinHash, boolean deleted, UUID temporaryTokenId,
		boolean singleUseToken) {

	public long availableBalance() {
		return this.balance - this.reservedAmount;
	}

	public boolean locked() {
		return this.failedPinAttempts >= Card.MAX_FAILED_PIN_ATTEMPTS;
	}

	PayingCard withMoney(long balance, long reservedAmount, long funds, long drawdown, CardStatus status) {
		return new PayingCard(this.seq, this.id, this.accountId, this.cardId, status, this.currency, balance,
				reservedAmount, funds, drawdown, this.activeFrom, this.expiresAt, this.failedPinAttempts, this.pinHash,
				this.deleted, this.temporaryTokenId, this.singleUseToken);
	}

	PayingCard foundBy(UUID temporaryTokenId, boolean singleUse) {
		return new PayingCard(this.seq, this.id, this.accountId, this.cardId, this.status, this.currency, this.balance,
				this.reservedAmount, this.amountFunds, this.amountDrawdown, this.activeFrom, this.expiresAt,
				this.failedPinAttempts, this.pinHash, this.deleted, temporaryTokenId, singleUse);
	}

	@Override
	public String toString() {
		return "PayingCard[" + this.accountId + "/" + this.cardId + ", " + this.status.value() + "]";
	}

}
