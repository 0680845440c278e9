package io.cardmint.order.job;

import io.cardmint.card.CardType;
import io.cardmint.order.Manifest;

/** Reads the slots of a counted order: a slot's card id is computed from its index. */
class CardRangeReader extends PartitionReader {

	private final Manifest.CardIdRange cardIds;

	private final CardType type;

	CardRangeReader(Manifest.CardIdRange cardIds, CardType type, CommittedCards committed, long from, long to) {
		super(committed, from, to);
		this.cardIds = cardIds;
		this.type = type;
	}

	@Override
	public CardSlot read() {
		if (this.next >= this.to) {
			return null;
		}
		long index = this.next++;
		return new CardSlot(index, this.cardIds.cardId(index), this.type);
	}

}
