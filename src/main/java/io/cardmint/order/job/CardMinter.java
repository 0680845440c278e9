package io.cardmint.order.job;

import java.util.Arrays;

import io.cardmint.card.NewCard;
import io.cardmint.card.TimeOrderedIds;
import io.cardmint.code.CardSecretDerivation;
import io.cardmint.code.CardSecrets;
import io.cardmint.code.KeyedHashes;
import io.cardmint.order.Order;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Derives card i's token and PIN from the order's batch secret and keeps only their keyed
 * hashes. The same (index, attempt) always gives the same token, so a re-run chunk makes
 * identical cards and the print file can be rebuilt from the database.
 */
class CardMinter implements ItemProcessor<CardSlot, MintedCard> {

	private final Order order;

	private final CardSecretDerivation derivation;

	private final KeyedHashes hashes;

	private final String tokenFormatJson;

	private final String pinFormatJson;

	private final String createdBy;

	CardMinter(Order order, byte[] batchSecret, KeyedHashes hashes, String tokenFormatJson, String pinFormatJson) {
		this.order = order;
		this.derivation = new CardSecretDerivation(batchSecret);
		Arrays.fill(batchSecret, (byte) 0);
		this.hashes = hashes;
		this.tokenFormatJson = tokenFormatJson;
		this.pinFormatJson = pinFormatJson;
		this.createdBy = "order:" + order.orderRef();
	}

	@Override
	public MintedCard process(CardSlot slot) {
		return mint(slot, 0);
	}

	MintedCard mint(CardSlot slot, int attempt) {
		CardSecrets secrets = this.derivation.derive(slot.index(), attempt, this.order.tokenFormat(),
				this.order.pinFormat());
		String accountId = this.order.accountId();
		byte[] pinHash = (secrets.pin() != null) ? this.hashes.pinHash(accountId, slot.cardId(), secrets.pin()) : null;
		NewCard row = new NewCard(TimeOrderedIds.next(), accountId, slot.cardId(), slot.type(), this.order.createdAt(),
				this.createdBy, this.order.orderRef(), slot.index(), attempt, this.tokenFormatJson, this.pinFormatJson,
				this.hashes.tokenHash(accountId, secrets.token()), pinHash, this.hashes.keyId());
		return new MintedCard(slot, attempt, row);
	}

	/**
	 * The minter itself, not the step-scoped proxy: called through the proxy, this makes the
	 * proxy read the order and open its secret now rather than at some later first use.
	 */
	CardMinter resolved() {
		return this;
	}

	/** The secrets of a stored card, for the print file. */
	CardSecrets secretsOf(long index, int attempt) {
		return this.derivation.derive(index, attempt, this.order.tokenFormat(), this.order.pinFormat());
	}

}
