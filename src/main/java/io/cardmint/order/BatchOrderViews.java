package io.cardmint.order;

import java.util.Optional;

import io.cardmint.order.job.OrderJobConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an order's view: the order row, its card count, and its current step from Spring
 * Batch's own tables (the latest step execution of the order's latest job execution), so the
 * answer is the same from every process sharing the database.
 */
@Component
class BatchOrderViews {

	private final Orders orders;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	BatchOrderViews(Orders orders, JdbcTemplate jdbc, JsonMapper json) {
		this.orders = orders;
		this.jdbc = JdbcClient.create(jdbc);
		this.json = json;
	}

	Optional<BatchOrderView> find(String accountId, String orderRef) {
		return this.orders.find(accountId, orderRef).map(this::view);
	}

	BatchOrderView view(Order order) {
		return new BatchOrderView(order.orderRef(), order.accountId(), order.manufacturer(), order.status().value(),
				currentStep(order.id()).orElse(null),
				new BatchOrderView.Progress(this.orders.cardsDone(order), order.cardCount()), order.printFiles(),
				tree(order.delivery()), order.secretDestroyed(), order.error(), order.createdAt(), order.updatedAt(),
				order.completedAt());
	}

	/** {@code stageCards}, {@code generateCards}, {@code writePrintFile}, {@code deliver} or {@code destroyBatchSecret}. */
	Optional<String> currentStep(long orderId) {
		return this.jdbc.sql("""
				SELECT s.STEP_NAME FROM BATCH_STEP_EXECUTION s
				WHERE s.JOB_EXECUTION_ID = (
					SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
					JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
					JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
					WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?)
				ORDER BY s.STEP_EXECUTION_ID DESC LIMIT 1""")
			.params(OrderJobConfiguration.JOB_NAME, OrderJobConfiguration.ORDER_ID, Long.toString(orderId))
			.query(String.class)
			.optional()
			.map(BatchOrderViews::stepOf);
	}

	/** A partition ({@code generateCardsPartition:partition3}) is part of {@code generateCards}. */
	static String stepOf(String stepName) {
		return stepName.startsWith("generateCardsPartition") ? "generateCards" : stepName;
	}

	private JsonNode tree(String stored) {
		return (stored != null) ? this.json.readTree(stored) : null;
	}

}
