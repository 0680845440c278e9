package io.cardmint.order.job;

import io.cardmint.card.CardType;
import io.cardmint.order.Manifest;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the slots [from, to) of a counted order. It starts after the cards already committed
 * for its range, found in the database when it opens, not from a position saved in the step's
 * context: the cards are the truth even when the chunk that saved a position failed, and when a
 * worker continues the partition of one that was killed.
 */
class CardRangeReader implements ItemStreamReader<CardSlot> {

	private final Manifest.CardIdRange cardIds;

	private final CardType type;

	private final CommittedCards committed;

	private final long from;

	private final long to;

	private long next;

	CardRangeReader(Manifest.CardIdRange cardIds, CardType type, CommittedCards committed, long from, long to) {
		this.cardIds = cardIds;
		this.type = type;
		this.committed = committed;
		this.from = from;
		this.to = to;
	}

	@Override
	public void open(ExecutionContext context) {
		this.next = this.from + this.committed.in(this.from, this.to);
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
