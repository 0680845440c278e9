package io.cardmint.order.job;

import io.cardmint.order.Order;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cards of an order already committed in a range of card indexes. A partition writes its
 * range in index order, one chunk per transaction, so its committed cards are always the prefix
 * [from, from + done) of the range: where its reader must start, on a restart or when another
 * worker takes over the partition of one that died.
 */
class CommittedCards {

	/** Answered from card_order_idx alone (OrderQueryPlanTests). */
	static final String COUNT_IN_RANGE = """
			SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ? AND card_index >= ? AND card_index < ?""";

	private final JdbcTemplate jdbc;

	private final Order order;

	CommittedCards(JdbcTemplate jdbc, Order order) {
		this.jdbc = jdbc;
		this.order = order;
	}

	long in(long from, long to) {
		Long done = this.jdbc.queryForObject(COUNT_IN_RANGE, Long.class, this.order.accountId(), this.order.orderRef(),
				from, to);
		return (done != null) ? done : 0;
	}

}
