package io.cardmint.order;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.cardmint.order.job.MintedCard;
import io.cardmint.order.job.OrderJobConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The order job's meters: {@code cardmint.cards.generated} (cards written by this process),
 * {@code cardmint.orders{status}} (orders in the database by status, shared by every process),
 * {@code cardmint.deliveries.failed{manufacturer}}. Tags never carry an order_ref or anything
 * secret.
 */
@Component
class OrderMetrics implements ItemWriteListener<MintedCard>, JobExecutionListener {

	private static final Duration STATUS_CACHE = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final JdbcTemplate jdbc;

	private final Counter cardsGenerated;

	private volatile Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);

	private volatile Instant countedAt = Instant.EPOCH;

	OrderMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
		this.registry = registry;
		this.jdbc = jdbc;
		this.cardsGenerated = Counter.builder("cardmint.cards.generated")
			.description("Cards generated and stored by the order job in this process")
			.register(registry);
		for (OrderStatus status : OrderStatus.values()) {
			Gauge.builder("cardmint.orders", () -> count(status))
				.description("Orders by status")
				.tag("status", status.value())
				.register(registry);
		}
	}

	@Override
	public void afterWrite(Chunk<? extends MintedCard> items) {
		this.cardsGenerated.increment(items.size());
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		boolean atDelivery = execution.getStepExecutions()
			.stream()
			.anyMatch((step) -> "deliver".equals(step.getStepName()) && step.getStatus() == BatchStatus.FAILED);
		if (atDelivery) {
			String manufacturer = this.jdbc.queryForObject("SELECT manufacturer FROM card_order WHERE id = ?",
					String.class, execution.getJobParameters().getLong(OrderJobConfiguration.ORDER_ID));
			Counter.builder("cardmint.deliveries.failed")
				.description("Order deliveries that failed (each attempt of the deliver step)")
				.tag("manufacturer", manufacturer)
				.register(this.registry)
				.increment();
		}
	}

	private long count(OrderStatus status) {
		if (Instant.now().isAfter(this.countedAt.plus(STATUS_CACHE))) {
			Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
			this.jdbc.query("SELECT status, COUNT(*) FROM card_order GROUP BY status",
					(rs) -> {
						counts.put(OrderStatus.of(rs.getString(1)), rs.getLong(2));
					});
			this.byStatus = counts;
			this.countedAt = Instant.now();
		}
		return this.byStatus.getOrDefault(status, 0L);
	}

}
