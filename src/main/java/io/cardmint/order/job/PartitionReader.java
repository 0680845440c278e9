package io.cardmint.order.job;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the card slots [from, to) of one partition, starting after the cards already
 * committed for the range. The start is found in the database when the reader opens, not taken
 * from a position saved in the step's context: the cards are the truth even when the chunk
 * that saved a position failed, and when a worker continues the partition of one that was
 * killed.
 */
abstract class PartitionReader implements ItemStreamReader<CardSlot> {

	private final CommittedCards committed;

	protected final long from;

	protected final long to;

	/** The index of the next card to read. */
	protected long next;

	PartitionReader(CommittedCards committed, long from, long to) {
		this.committed = committed;
		this.from = from;
		this.to = to;
	}

	@Override
	public void open(ExecutionContext context) {
		this.next = this.from + this.committed.in(this.from, this.to);
	}

}
