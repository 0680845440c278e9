package io.cardmint.order.job;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cardmint.order.Order;
import io.cardmint.order.Orders;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before a generation partition's reader opens, sets its position to the cards actually
 * committed. Spring Batch 6.0.4 saves the position with each chunk, but when the chunk's
 * transaction fails after the reader's {@code update} (a cut connection while the step
 * execution is saved, or at commit), the step's failure handling saves the advanced position
 * anyway, and a restart would skip a chunk that was never written (OrderCrashTests). A
 * partition writes its range in index order, one chunk per transaction, so its committed cards
 * are always the prefix [from, from + done) of the range.
 */
class CommittedPosition implements StepExecutionListener {

	private final Orders orders;

	private final JdbcTemplate jdbc;

	CommittedPosition(Orders orders, JdbcTemplate jdbc) {
		this.orders = orders;
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		ExecutionContext context = stepExecution.getExecutionContext();
		if (!context.containsKey(CardRangePartitioner.FROM)) {
			return;
		}
		long from = context.getLong(CardRangePartitioner.FROM);
		long to = context.getLong(CardRangePartitioner.TO);
		Order order = this.orders.require(stepExecution.getJobParameters().getLong(OrderJobConfiguration.ORDER_ID));
		Long done = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ? AND card_index >= ? AND card_index < ?""",
				Long.class, order.accountId(), order.orderRef(), from, to);
		int position = Math.toIntExact(done);
		if (!order.listsCards()) {
			context.putInt("cardRange.read.count", position);
			return;
		}
		// The paging reader restarts at the page holding item `position` (its saved sort key is
		// the last one before that page) and skips the items of the page before it.
		context.putInt("listedCards.read.count", position);
		int page = position / OrderJobConfiguration.LISTED_PAGE_SIZE;
		if (page > 0) {
			Map<String, Object> startAfter = new LinkedHashMap<>();
			startAfter.put("idx", from + (long) page * OrderJobConfiguration.LISTED_PAGE_SIZE - 1);
			context.put("listedCards.start.after", startAfter);
		}
		else {
			context.remove("listedCards.start.after");
		}
	}

}
