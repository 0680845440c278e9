package io.cardmint.order.job;

import io.cardmint.card.CardType;
import io.cardmint.order.Manifest;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the slots [from, to) of a counted order. Its position is the item count that Spring
 * Batch saves with every chunk, so a restart jumps straight back to the first unwritten card.
 */
class CardRangeReader extends AbstractItemCountingItemStreamItemReader<CardSlot> {

	private final Manifest.CardIdRange cardIds;

	private final CardType type;

	private final long from;

	CardRangeReader(Manifest.CardIdRange cardIds, CardType type, long from, long to) {
		this.cardIds = cardIds;
		this.type = type;
		this.from = from;
		setName("cardRange");
		setMaxItemCount(Math.toIntExact(to - from));
	}

	@Override
	protected CardSlot doRead() {
		long index = this.from + getCurrentItemCount() - 1;
		return new CardSlot(index, this.cardIds.cardId(index), this.type);
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// nothing to skip: a slot is computed from its index
	}

	@Override
	protected void doOpen() {
	}

	@Override
	protected void doClose() {
	}

}
