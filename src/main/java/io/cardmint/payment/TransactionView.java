package io.cardmint.payment;

import java.time.Instant;
import java.util.UUID;

import io.cardmint.card.CardStatus;

/** A transaction in API responses, with the card's money as it stands now. */
record TransactionView(UUID id, String refId, TransactionType type, TransactionStatus status, long amount,
		String currency, String cardId, Instant createdAt, Instant updatedAt, CardState card) {

	record CardState(long balance, long availableBalance, CardStatus status) {
	}

	static TransactionView of(CardTransaction transaction, PaymentCard card) {
		return new TransactionView(transaction.id(), transaction.refId(), transaction.type(), transaction.status(),
				transaction.amount(), transaction.currency(), transaction.cardId(), transaction.createdAt(),
				transaction.updatedAt(), new CardState(card.balance(), card.availableBalance(), card.status()));
	}

}
