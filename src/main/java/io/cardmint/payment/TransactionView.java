package io.cardmint.payment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A transaction in API responses: Dintero's fields, then cardmint's {@code status} and
 * {@code updated_at}. {@code created_by} is the subject of the bearer token that made it.
 */
record TransactionView(UUID id, String refId, TransactionType type, long amount, String currency, String cardId,
		Instant createdAt, String createdBy, Map<String, Object> metadata, String originatedBy, UUID parentId,
		TransactionStatus status, Instant updatedAt) {

	static TransactionView of(CardTransaction transaction) {
		return new TransactionView(transaction.id(), transaction.refId(), transaction.type(), transaction.amount(),
				transaction.currency(), transaction.cardId(), transaction.createdAt(), transaction.createdBy(),
				transaction.metadata(), transaction.originatedBy(), transaction.parentId(), transaction.status(),
				transaction.updatedAt());
	}

}
