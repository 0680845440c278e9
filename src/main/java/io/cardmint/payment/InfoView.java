package io.cardmint.payment;

import java.time.Instant;

import io.cardmint.card.CardStatus;

/** The answer of {@code POST …/wallets/info}. */
record InfoView(String cardId, CardStatus status, long balance, long availableBalance, String currency,
		Instant activeFrom, Instant expiresAt) {

	static InfoView of(PaymentCard card) {
		return new InfoView(card.cardId(), card.status(), card.balance(), card.availableBalance(), card.currency(),
				card.activeFrom(), card.expiresAt());
	}

}
