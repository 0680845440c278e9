package io.cardmint.card;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.cardmint.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading cards and activating them at the point of sale. */
@Service
public class CardService {

	private final Cards cards;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Counter activations;

	CardService(Cards cards, TransactionTemplate transaction, ApplicationEventPublisher events, MeterRegistry meters) {
		this.cards = cards;
		this.transaction = transaction;
		this.events = events;
		this.activations = Counter.builder("cardmint.cards.activated").description("Cards activated").register(meters);
	}

	public Card get(String accountId, String cardId) {
		return this.cards.find(accountId, cardId)
			.orElseThrow(() -> ApiException.notFound("no card '" + cardId + "' in account " + accountId));
	}

	List<Card> list(String accountId, CardStatus status, String startingAfter, int limit) {
		return this.cards.list(accountId, status, startingAfter, limit);
	}

	Card activate(String accountId, String cardId, Activation request) {
		if (!Activation.CURRENCIES.contains(request.currency())) {
			throw ApiException.badRequest("invalid_request",
					"currency " + request.currency() + " is not supported; use one of " + Activation.CURRENCIES);
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Activation activation = (request.activeFrom() != null) ? request : request.withActiveFrom(now);
		if (activation.expiresAt() != null && !activation.expiresAt().isAfter(activation.activeFrom())) {
			throw ApiException.badRequest("invalid_request", "expires_at must be after active_from");
		}
		return this.transaction.execute((status) -> {
			if (!this.cards.activate(accountId, cardId, activation, now)) {
				Card card = get(accountId, cardId);
				throw ApiException.conflict("card_not_inactive", "card '" + cardId + "' is " + card.status().value()
						+ "; only an inactive card can be activated");
			}
			Card card = get(accountId, cardId);
			this.events.publishEvent(new CardActivated(card.id(), accountId, cardId, card.balance(), card.currency(), now));
			this.activations.increment();
			return card;
		});
	}

}
