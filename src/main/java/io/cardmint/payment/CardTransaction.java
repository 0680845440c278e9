package io.cardmint.payment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored transaction: one accepted {@code POST …/transactions}, or a capture or void of a
 * pending one ({@code parentId}); found again by its ref_id.
 */
record CardTransaction(UUID id, String accountId, String refId, UUID cardUuid, String cardId, TransactionType type,
		TransactionStatus status, long amount, String currency, UUID parentId, Map<String, Object> metadata,
		String originatedBy, String createdBy, Instant createdAt, Instant updatedAt) {

	CardTransaction withStatus(TransactionStatus status, Instant now) {
		return new CardTransaction(this.id, this.accountId, this.refId, this.cardUuid, this.cardId, this.type, status,
				this.amount, this.currency, this.parentId, this.metadata, this.originatedBy, this.createdBy,
				this.createdAt, now);
	}

	/** Whether a retry asks for the same thing; token and PIN are not stored, so the card stands in for them. */
	boolean sameRequest(UUID cardUuid, TransactionType type, long amount, String currency, boolean pending) {
		return this.parentId == null && this.cardUuid.equals(cardUuid) && this.type == type && this.amount == amount
				&& this.currency.equals(currency) && (this.status != TransactionStatus.COMPLETED) == pending;
	}

}
