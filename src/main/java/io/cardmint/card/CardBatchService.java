package io.cardmint.card;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardmint.code.CodeFormat;
import io.cardmint.code.CodeGenerator;
import io.cardmint.code.InvalidCodeFormatException;
import io.cardmint.code.KeyedHashes;
import io.cardmint.code.RandomSource;
import io.cardmint.code.SecureRandomSource;
import io.cardmint.domain.DomainException;
import io.cardmint.domain.Ids;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The synchronous creates: a batch of {@code inactive} cards, all or none, or one card sold
 * at once ({@code POST /cards}). Secrets come from a CSPRNG, are hashed at once and leave
 * this service only in the response; nothing can reproduce them afterwards (DESIGN §8: the
 * API's secret is ephemeral).
 */
@Service
class CardBatchService {

	private static final int MAX_INSERT_ATTEMPTS = 3;

	private final Cards cards;

	private final KeyedHashes hashes;

	private final TransactionTemplate transaction;

	private final CardApiProperties properties;

	private final WalletSettings settings;

	private final ApplicationEventPublisher events;

	CardBatchService(Cards cards, KeyedHashes hashes, TransactionTemplate transaction, CardApiProperties properties,
			WalletSettings settings, ApplicationEventPublisher events) {
		this.cards = cards;
		this.hashes = hashes;
		this.transaction = transaction;
		this.properties = properties;
		this.settings = settings;
		this.events = events;
	}

	List<IssuedCard> create(String accountId, String createdBy, BatchCreateRequest request) {
		List<ValidCard> valid = validate(request);
		return create(accountId, createdBy, valid, request.tokenFormat(), request.pinFormat(), null, "options.");
	}

	/**
	 * {@code POST /cards}: one card, inserted and sold in one database transaction, so it is
	 * never seen {@code inactive}. The account's default validity applies at once.
	 */
	IssuedCard createOne(String accountId, String createdBy, CreateCardRequest request) {
		if (request == null) {
			throw DomainException.invalid("invalid_request", "a JSON body is required");
		}
		ValidCard card = validCard("", request.cardId(), request.type());
		Sale sale = Sales.check(request.sale(), this.settings.find(accountId).defaultCardExpiresInDays(),
				Sales.now());
		CodeFormat tokenFormat = (request.cardToken() != null && request.cardToken().format() != null)
				? request.cardToken().format() : CodeFormat.defaultToken();
		CodeFormat pinFormat = (request.pin() != null) ? request.pin().format() : null;
		return create(accountId, createdBy, List.of(card), tokenFormat, pinFormat, sale, "").get(0);
	}

	private List<IssuedCard> create(String accountId, String createdBy, List<ValidCard> valid,
			CodeFormat tokenFormat, CodeFormat pinFormat, Sale sale, String fields) {
		long others = validateFormats(accountId, tokenFormat, pinFormat, valid.size(), fields);
		// In a sparse token space the unique keys alone catch a used card_id or a taken token:
		// asking the database first would look up every card_id and token of the request. In a
		// crowded space, and after the keys refused an attempt, the database is asked first.
		boolean askFirst = tokenFormat.isCrowded(others + valid.size());
		for (int attempt = 1;; attempt++) {
			if (askFirst) {
				rejectUsedCardIds(accountId, valid);
			}
			List<Generated> generated = generate(accountId, valid, tokenFormat, pinFormat, createdBy, askFirst);
			try {
				List<Card> stored = this.transaction.execute((status) -> {
					this.cards.insert(generated.stream().map(Generated::row).toList());
					return (sale != null) ? List.of(sell(accountId, generated.get(0).row(), sale)) : null;
				});
				List<IssuedCard> issued = new ArrayList<>();
				for (int i = 0; i < generated.size(); i++) {
					Generated card = generated.get(i);
					CardView view = (stored != null) ? CardView.of(stored.get(i), List.of())
							: viewOf(card.row(), tokenFormat, pinFormat);
					issued.add(new IssuedCard(view, card.token(), tokenFormat, card.pin(), pinFormat));
				}
				return issued;
			}
			catch (DuplicateKeyException ex) {
				// A card_id is used (409), or a token is taken: draw new tokens, asking first.
				rejectUsedCardIds(accountId, valid);
				askFirst = true;
				if (attempt == MAX_INSERT_ATTEMPTS) {
					throw DomainException.conflict("token_collision",
							"could not draw unique tokens; retry the request or use a longer token format");
				}
			}
		}
	}

	private Card sell(String accountId, NewCard row, Sale sale) {
		Instant now = row.createdAt();
		if (!this.cards.activate(accountId, row.cardId(), sale, now)) {
			throw new IllegalStateException("a card inserted in this transaction could not be sold: " + row.cardId());
		}
		this.events.publishEvent(new CardActivated(row.id(), accountId, row.cardId(), sale.amount(), sale.currency(),
				now));
		return this.cards.find(row.id()).orElseThrow();
	}

	private List<ValidCard> validate(BatchCreateRequest request) {
		if (request == null || request.cards() == null || request.cards().isEmpty()) {
			throw DomainException.invalid("invalid_request", "cards must hold at least one card");
		}
		if (request.cards().size() > this.properties.maxBatchSize()) {
			throw DomainException.invalid("batch_too_large", "cards holds " + request.cards().size()
					+ " cards; at most " + this.properties.maxBatchSize() + " per request");
		}
		List<ValidCard> valid = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Set<String> repeated = new LinkedHashSet<>();
		for (int i = 0; i < request.cards().size(); i++) {
			BatchCreateRequest.CardRequest card = request.cards().get(i);
			String field = "cards[" + i + "].";
			if (card == null) {
				throw DomainException.invalid("invalid_request", field + "card_id is required");
			}
			ValidCard checked = validCard(field, card.cardId(), card.type());
			if (!seen.add(checked.cardId())) {
				repeated.add(checked.cardId());
			}
			valid.add(checked);
		}
		if (!repeated.isEmpty()) {
			throw DomainException.invalid("duplicate_card_id", "card_id repeated in the request: " + repeated);
		}
		return valid;
	}

	private static ValidCard validCard(String field, String cardId, String typeName) {
		Ids.require(field + "card_id", cardId);
		CardType type = CardType.parse(typeName);
		if (type == null) {
			throw DomainException.invalid("invalid_request", field + "type must be gift_card or credit_note");
		}
		return new ValidCard(cardId, type);
	}

	/** Returns the account's cards, or an upper bound of them, as the token space check counted them. */
	private long validateFormats(String accountId, CodeFormat tokenFormat, CodeFormat pinFormat, int count,
			String fields) {
		try {
			tokenFormat.validate(fields + "card_token.format");
			if (pinFormat != null) {
				PinFormats.validate(fields + "pin.format", pinFormat);
			}
			long issued = this.cards.countInAccountUnlessFewEnough(accountId,
					(cards) -> tokenFormat.isFeasible(cards + count));
			tokenFormat.requireFeasible(fields + "card_token.format", issued + count);
			return issued;
		}
		catch (InvalidCodeFormatException ex) {
			throw DomainException.invalid("invalid_format", ex.getMessage());
		}
	}

	private void rejectUsedCardIds(String accountId, List<ValidCard> valid) {
		List<String> used = this.cards.existingCardIds(accountId, valid.stream().map(ValidCard::cardId).toList());
		if (!used.isEmpty()) {
			throw DomainException.conflict("card_id_exists", "card_id already used in account " + accountId + ": "
					+ used);
		}
	}

	/**
	 * Draws a token per card until every token is unique within the request and, when asked,
	 * unused in the account: a collision is drawn again, never dropped. The database's unique
	 * key is the final word (see the retry in {@link #create}).
	 */
	private List<Generated> generate(String accountId, List<ValidCard> valid, CodeFormat tokenFormat,
			CodeFormat pinFormat, String createdBy, boolean askDatabase) {
		RandomSource random = SecureRandomSource.get();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String tokenFormatJson = this.cards.writeJson(tokenFormat);
		String pinFormatJson = this.cards.writeJson(pinFormat);
		String[] tokens = new String[valid.size()];
		Map<ByteBuffer, Integer> accepted = new HashMap<>();
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < valid.size(); i++) {
			pending.add(i);
		}
		while (!pending.isEmpty()) {
			List<Integer> retry = new ArrayList<>();
			Map<ByteBuffer, Integer> drawn = new HashMap<>();
			for (int i : pending) {
				tokens[i] = CodeGenerator.generate(tokenFormat, random);
				ByteBuffer hash = ByteBuffer.wrap(this.hashes.tokenHash(accountId, tokens[i]));
				if (accepted.containsKey(hash) || drawn.putIfAbsent(hash, i) != null) {
					retry.add(i);
				}
			}
			Set<ByteBuffer> taken = askDatabase ? this.cards.existingTokenHashes(accountId,
					drawn.keySet().stream().map(ByteBuffer::array).toList()) : Set.of();
			drawn.forEach((hash, i) -> {
				if (taken.contains(hash)) {
					retry.add(i);
				}
				else {
					accepted.put(hash, i);
				}
			});
			pending = retry;
		}
		byte[][] tokenHashes = new byte[valid.size()][];
		accepted.forEach((hash, i) -> tokenHashes[i] = hash.array());
		List<Generated> generated = new ArrayList<>(valid.size());
		for (int i = 0; i < valid.size(); i++) {
			ValidCard card = valid.get(i);
			String pin = (pinFormat != null) ? CodeGenerator.generate(pinFormat, random) : null;
			byte[] pinHash = (pin != null) ? this.hashes.pinHash(accountId, card.cardId(), pin) : null;
			NewCard row = new NewCard(TimeOrderedIds.next(), accountId, card.cardId(), card.type(), now, createdBy, null,
					null, 0, tokenFormatJson, pinFormatJson, tokenHashes[i], pinHash, this.hashes.keyId());
			generated.add(new Generated(row, tokens[i], pin));
		}
		return generated;
	}

	private static CardView viewOf(NewCard row, CodeFormat tokenFormat, CodeFormat pinFormat) {
		Card card = new Card(row.id(), row.accountId(), row.cardId(), row.type(), CardStatus.INACTIVE, null, null, 0,
				0, 0, 0, null, null, null, null, null, null, row.createdAt(), row.createdBy(), row.createdAt(), null,
				null, tokenFormat, pinFormat, 0, null, false, null);
		return CardView.of(card, List.of());
	}

	private record ValidCard(String cardId, CardType type) {
	}

	private record Generated(NewCard row, String token, String pin) {

		@Override
		public String toString() {
			return "Generated[" + this.row.cardId() + ", secrets redacted]";
		}

	}

}
