package io.cardmint.card;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cardmint.code.CodeFormat;

/**
 * A stored card as everyone but its first response sees it: without token or PIN. Its money
 * in Dintero's terms: {@code amountFunds} put on it, {@code amountDrawdown} taken off it,
 * {@code balance} the difference and {@code reservedAmount} the part of it that pending
 * drawdowns hold.
 */
public record Card(UUID id, String accountId, String cardId, CardType type, CardStatus status, Long amount,
		String currency, long balance, long reservedAmount, long amountFunds, long amountDrawdown, String customerId,
		String name, String originatedBy, Instant activeFrom, Instant expiresAt, Map<String, Object> metadata,
		Instant createdAt, String createdBy, Instant updatedAt, Instant activatedAt, String orderRef,
		CodeFormat tokenFormat, CodeFormat pinFormat, int failedPinAttempts, Long tokenExpiresIn,
		boolean tokenExpiresAfterTransaction, Instant deletedAt) {

	/** After this many wrong PINs in a row a card is locked for payments. */
	public static final int MAX_FAILED_PIN_ATTEMPTS = 5;

	public long availableBalance() {
		return this.balance - this.reservedAmount;
	}

	public boolean pinLocked() {
		return this.failedPinAttempts >= MAX_FAILED_PIN_ATTEMPTS;
	}

	public boolean deleted() {
		return this.deletedAt != null;
	}

}
