package io.cardmint.card;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cardmint.code.CodeFormat;
import io.cardmint.code.CodeGenerator;
import io.cardmint.code.InvalidCodeFormatException;
import io.cardmint.code.KeyedHashes;
import io.cardmint.code.SecureRandomSource;
import io.cardmint.domain.DomainException;
import io.cardmint.domain.Ids;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Temporary tokens of a card: made from a CSPRNG, stored only as keyed hashes (unique per
 * account with the cards' own tokens), usable for {@code /info} and payments until they
 * expire. A token of a deleted card finds a card that never pays.
 */
@Service
class TemporaryTokenService {

	static final String DEFAULT_PREFIX = "DINCARD:";

	static final long DEFAULT_EXPIRES_IN = 3600;

	private static final int MAX_DRAWS = 5;

	private final Cards cards;

	private final TemporaryTokens tokens;

	private final CardService cardService;

	private final KeyedHashes hashes;

	private final TransactionTemplate transaction;

	TemporaryTokenService(Cards cards, TemporaryTokens tokens, CardService cardService, KeyedHashes hashes,
			TransactionTemplate transaction) {
		this.cards = cards;
		this.tokens = tokens;
		this.cardService = cardService;
		this.hashes = hashes;
		this.transaction = transaction;
	}

	TokenResponse create(String accountId, String cardId, String createdBy, TokenRequest request) {
		if (request == null) {
			throw DomainException.invalid("invalid_request", "a JSON body is required");
		}
		Ids.require("ref_id", request.refId());
		long expiresIn = (request.expiresIn() != null) ? request.expiresIn() : DEFAULT_EXPIRES_IN;
		if (expiresIn < 1 || expiresIn > Sales.MAX_EXPIRES_IN) {
			throw DomainException.invalid("invalid_request", "expires_in must be 1 to " + Sales.MAX_EXPIRES_IN
					+ " seconds");
		}
		CodeFormat format = request.format();
		if (format != null) {
			try {
				format.validate("format");
			}
			catch (InvalidCodeFormatException ex) {
				throw DomainException.invalid("invalid_format", ex.getMessage());
			}
		}
		Card card = this.cardService.get(accountId, cardId, true);
		if (card.deleted()) {
			throw CardService.deleted();
		}
		for (int draw = 1;; draw++) {
			var existing = this.tokens.findByRefId(card.id(), request.refId());
			if (existing.isPresent()) {
				return TokenResponse.of(existing.get(), cardId, null);
			}
			String value = (format != null) ? CodeGenerator.generate(format, SecureRandomSource.get())
					: DEFAULT_PREFIX + UUID.randomUUID();
			byte[] hash = this.hashes.tokenHash(accountId, value);
			Instant now = Sales.now();
			TemporaryToken token = new TemporaryToken(UUID.randomUUID(), accountId, card.id(), request.refId(), hash,
					this.hashes.keyId(), format, masked(value, format), expiresIn, now.plusSeconds(expiresIn),
					Boolean.TRUE.equals(request.expiresAfterTransaction()), null, request.metadata(), now, createdBy);
			try {
				boolean inserted = Boolean.TRUE.equals(this.transaction.execute((status) -> {
					if (!this.cards.existingTokenHashes(accountId, List.of(hash)).isEmpty()) {
						return false;
					}
					this.tokens.insert(token);
					return true;
				}));
				if (inserted) {
					return TokenResponse.of(token, cardId, IssuedCard.secret(value, format));
				}
			}
			catch (DuplicateKeyException ex) {
				// The same ref_id from a concurrent retry (found on the next turn), or a taken value.
			}
			if (draw == MAX_DRAWS) {
				throw DomainException.conflict("token_collision",
						"could not draw a unique token; retry the request or use a longer format");
			}
		}
	}

	/**
	 * The prefix and the last four generated characters; fewer than eight generated characters
	 * show none, so that a mask never gives away half of a token.
	 */
	static String masked(String value, CodeFormat format) {
		String prefix = (format != null) ? format.prefixOrEmpty() : DEFAULT_PREFIX;
		String generated = value.substring(prefix.length());
		return prefix + "****" + ((generated.length() >= 8) ? generated.substring(generated.length() - 4) : "");
	}

}
