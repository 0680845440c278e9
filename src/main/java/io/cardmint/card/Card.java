package io.cardmint.card;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cardmint.code.CodeFormat;

/** A stored card as everyone but its first response sees it: without token or PIN. */
public record Card(UUID id, String accountId, String cardId, CardType type, CardStatus status, String currency,
		long balance, long reservedAmount, String customerId, String name, String originatedBy, Instant activeFrom,
		Instant expiresAt, Map<String, Object> metadata, Instant createdAt, String createdBy, Instant updatedAt,
		Instant activatedAt, String orderRef, CodeFormat tokenFormat, CodeFormat pinFormat, int failedPinAttempts) {

	/** After this many wrong PINs in a row a card is locked for payments. */
	public static final int MAX_FAILED_PIN_ATTEMPTS = 5;

	public long availableBalance() {
		return this.balance - this.reservedAmount;
	}

	public boolean pinLocked() {
		return this.failedPinAttempts >= MAX_FAILED_PIN_ATTEMPTS;
	}

}
