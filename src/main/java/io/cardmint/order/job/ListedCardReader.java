package io.cardmint.order.job;

import java.util.ArrayDeque;
import java.util.Deque;

import io.cardmint.card.CardType;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the staged card ids of an order that lists them, a page at a time by index (keyset
 * paging: each page starts after the last index read, so a page costs the same at the end of a
 * ten-million-card list as at its start).
 */
class ListedCardReader extends PartitionReader {

	static final int PAGE_SIZE = 1000;

	private final JdbcTemplate jdbc;

	private final long orderId;

	private final Deque<CardSlot> page = new ArrayDeque<>(PAGE_SIZE);

	ListedCardReader(JdbcTemplate jdbc, long orderId, CommittedCards committed, long from, long to) {
		super(committed, from, to);
		this.jdbc = jdbc;
		this.orderId = orderId;
	}

	@Override
	public void open(ExecutionContext context) {
		super.open(context);
		this.page.clear();
	}

	@Override
	public CardSlot read() {
		if (this.page.isEmpty() && this.next < this.to) {
			this.jdbc.query("""
					SELECT idx, card_id, type FROM order_card WHERE order_id = ? AND idx >= ? AND idx < ?
					ORDER BY idx LIMIT ?""", (rs) -> {
				this.page.add(new CardSlot(rs.getLong(1), rs.getString(2), CardType.parse(rs.getString(3))));
			}, this.orderId, this.next, this.to, PAGE_SIZE);
			if (!this.page.isEmpty()) {
				this.next = this.page.getLast().index() + 1;
			}
		}
		return this.page.poll();
	}

}
