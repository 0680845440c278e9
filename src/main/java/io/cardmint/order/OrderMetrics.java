package io.cardmint.order;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.cardmint.order.job.MintedCard;
import io.cardmint.order.job.OrderJobConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The order job's meters: {@code cardmint.cards.generated} (cards written by this process),
 * {@code cardmint.orders{status}} (orders in the database by status, shared by every process),
 * {@code cardmint.deliveries.completed{manufacturer}} and {@code cardmint.deliveries.failed{manufacturer}}
 * (attempts of the deliver step in this process). Every meter exists from start, at zero, for
 * every configured manufacturer: an alert on a rate needs the series before the first failure.
 * Tags never carry an order_ref or anything secret.
 */
@Component
class OrderMetrics implements ItemWriteListener<MintedCard>, JobExecutionListener {

	private static final Duration STATUS_CACHE = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final JdbcTemplate jdbc;

	private final Counter cardsGenerated;

	private volatile Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);

	private volatile Instant countedAt = Instant.EPOCH;

	OrderMetrics(MeterRegistry registry, JdbcTemplate jdbc, Environment environment) {
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
		Set<String> manufacturers = new TreeSet<>(Binder.get(environment)
			.bind("cardmint.manufacturers", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of())
			.keySet());
		manufacturers.add("demo");
		manufacturers.forEach((manufacturer) -> {
			delivered(manufacturer);
			deliveryFailed(manufacturer);
		});
	}

	private Counter delivered(String manufacturer) {
		return Counter.builder("cardmint.deliveries.completed")
			.description("Order deliveries that completed (files in the manufacturer's SFTP inbox or the local outbox)")
			.tag("manufacturer", manufacturer)
			.register(this.registry);
	}

	private Counter deliveryFailed(String manufacturer) {
		return Counter.builder("cardmint.deliveries.failed")
			.description("Order deliveries that failed (each attempt of the deliver step)")
			.tag("manufacturer", manufacturer)
			.register(this.registry);
	}

	@Override
	public void afterWrite(Chunk<? extends MintedCard> items) {
		this.cardsGenerated.increment(items.size());
	}

	@Override
	public void afterJob(JobExecution execution) {
		BatchStatus delivery = execution.getStepExecutions()
			.stream()
			.filter((step) -> "deliver".equals(step.getStepName()))
			.map(StepExecution::getStatus)
			.findFirst()
			.orElse(null);
		if (delivery != BatchStatus.COMPLETED && delivery != BatchStatus.FAILED) {
			return;
		}
		String manufacturer = this.jdbc.queryForObject("SELECT manufacturer FROM card_order WHERE id = ?", String.class,
				execution.getJobParameters().getLong(OrderJobConfiguration.ORDER_ID));
		((delivery == BatchStatus.COMPLETED) ? delivered(manufacturer) : deliveryFailed(manufacturer)).increment();
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
