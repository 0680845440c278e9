package io.cardmint.card;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cardmint.code.CodeFormat;
import io.cardmint.code.CodeGenerator;
import io.cardmint.code.InvalidCodeFormatException;
import io.cardmint.code.KeyedHashes;
import io.cardmint.code.SecureRandomSource;
import io.cardmint.domain.DomainException;
import io.cardmint.domain.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading cards, and what happens to a card after it is made: activation at the point of
 * sale, deletion, a new PIN. Each change is one conditional update of the card row
 * ({@link Cards}), so concurrent requests cannot both win.
 */
@Service
public class CardService {

	private final Cards cards;

	private final TemporaryTokens tokens;

	private final WalletSettings settings;

	private final KeyedHashes hashes;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Counter activations;

	CardService(Cards cards, TemporaryTokens tokens, WalletSettings settings, KeyedHashes hashes,
			TransactionTemplate transaction, ApplicationEventPublisher events, MeterRegistry meters) {
		this.cards = cards;
		this.tokens = tokens;
		this.settings = settings;
		this.hashes = hashes;
		this.transaction = transaction;
		this.events = events;
		this.activations = Counter.builder("cardmint.cards.activated").description("Cards activated").register(meters);
	}

	/** A card that is not deleted; the message never repeats the card_id (it can be a pasted token). */
	Card get(String accountId, String cardId, boolean includeDeleted) {
		Card card = this.cards.find(accountId, cardId).orElseThrow(CardService::notFound);
		if (card.deleted() && !includeDeleted) {
			throw notFound();
		}
		return card;
	}

	/** The card object of the API, with its live temporary tokens. */
	public CardView view(String accountId, String cardId) {
		return views(List.of(get(accountId, cardId, false))).get(0);
	}

	/** Throws {@code card_not_found} unless the account has this card, deleted or not. */
	public void requireCard(String accountId, String cardId) {
		get(accountId, cardId, true);
	}

	/** The card of the API by its internal id, deleted or not: for answering about a payment. */
	public CardView view(UUID id) {
		return views(List.of(this.cards.find(id).orElseThrow(CardService::notFound))).get(0);
	}

	List<CardView> views(List<Card> cards) {
		Map<UUID, List<TemporaryToken>> live = this.tokens.live(cards.stream().map(Card::id).toList(), Sales.now());
		return cards.stream()
			.map((card) -> CardView.of(card,
					live.getOrDefault(card.id(), List.of())
						.stream()
						.filter((token) -> !token.spent())
						.map((token) -> new CardView.TokenSummary(token.expiresAt(), token.maskedCode(),
								token.format()))
						.toList()))
			.toList();
	}

	/** One page and the cursor of the next, when there is one. */
	CardPage list(String accountId, CardFilter filter, String startingAfter, int limit) {
		if (filter.customerId() != null) {
			Ids.optional("customer_id", filter.customerId());
		}
		List<Card> found = this.cards.list(accountId, filter, startingAfter, limit + 1);
		boolean more = found.size() > limit;
		List<Card> page = more ? found.subList(0, limit) : found;
		return new CardPage(views(new ArrayList<>(page)), more ? page.get(page.size() - 1).cardId() : null);
	}

	CardView activate(String accountId, String cardId, Activation request) {
		Instant now = Sales.now();
		Sale sale = Sales.check(request, this.settings.find(accountId).defaultCardExpiresInDays(), now);
		Card activated = this.transaction.execute((status) -> {
			if (!this.cards.activate(accountId, cardId, sale, now)) {
				Card card = get(accountId, cardId, true);
				if (card.deleted()) {
					throw deleted();
				}
				throw DomainException.conflict("card_not_inactive", "the card is " + card.status().value()
						+ "; only an inactive card can be activated");
			}
			Card card = get(accountId, cardId, false);
			CodeFormat format = (request.cardToken() != null) ? request.cardToken().format() : null;
			if (format != null && !format.equals(card.tokenFormat())) {
				throw DomainException.invalid("invalid_request",
						"card_token.format must be the format the card's token was made with, or left out");
			}
			this.events
				.publishEvent(new CardActivated(card.id(), accountId, cardId, sale.amount(), sale.currency(), now));
			return card;
		});
		this.activations.increment();
		return views(List.of(activated)).get(0);
	}

	/** Deleting twice answers the same; a deleted card never pays and is listed only when asked for. */
	CardView delete(String accountId, String cardId, String deletedBy) {
		Card card = this.transaction.execute((status) -> {
			this.cards.delete(accountId, cardId, deletedBy, Sales.now());
			return get(accountId, cardId, true);
		});
		return views(List.of(card)).get(0);
	}

	/**
	 * A new PIN for the card, in the format asked for (else the card's own, else 4 digits),
	 * shown in this response only. It clears the wrong-PIN count, and so unlocks a locked card.
	 */
	CardView.PinView rotatePin(String accountId, String cardId, CodeFormat requested) {
		Card card = get(accountId, cardId, true);
		if (card.deleted()) {
			throw deleted();
		}
		CodeFormat format = (requested != null) ? requested
				: (card.pinFormat() != null) ? card.pinFormat() : CodeFormat.defaultPin();
		try {
			PinFormats.validate("pin.format", format);
		}
		catch (InvalidCodeFormatException ex) {
			throw DomainException.invalid("invalid_format", ex.getMessage());
		}
		String pin = CodeGenerator.generate(format, SecureRandomSource.get());
		boolean rotated = this.cards.rotatePin(accountId, cardId, this.cards.writeJson(format),
				this.hashes.pinHash(accountId, cardId, pin), Sales.now());
		if (!rotated) {
			throw deleted();
		}
		return new CardView.PinView(format, IssuedCard.secret(pin, format));
	}

	static DomainException notFound() {
		return DomainException.notFound("card_not_found", "no such card in this account");
	}

	static DomainException deleted() {
		return DomainException.conflict("card_deleted", "the card is deleted");
	}

	record CardPage(List<CardView> cards, String startingAfter) {
	}

}
