package io.cardmint.card;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.cardmint.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/** Reading cards and activating them at the point of sale. */
@Service
public class CardService {

	private final Cards cards;

	private final Counter activations;

	CardService(Cards cards, MeterRegistry meters) {
		this.cards = cards;
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
		if (!this.cards.activate(accountId, cardId, activation, now)) {
			Card card = get(accountId, cardId);
			throw ApiException.conflict("card_not_inactive",
					"card '" + cardId + "' is " + card.status().value() + "; only an inactive card can be activated");
		}
		this.activations.increment();
		return get(accountId, cardId);
	}

}
