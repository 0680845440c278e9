package io.cardmint.order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Local print files are copies of secrets: once an order's files are confirmed in the
 * manufacturer's SFTP inbox, the local copies are removed — at once by default, or after
 * {@code cardmint.outbox.keep-after-delivery} (e.g. {@code 7d}). Files of orders without SFTP
 * stay: the outbox is then where the manufacturer takes them from. Runs after each order and,
 * in {@code serve}, every hour.
 */
@Component
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	private final Orders orders;

	private final JsonMapper json;

	private final Path outboxDir;

	private final Duration keep;

	OutboxRetention(Orders orders, JsonMapper json, @Value("${cardmint.outbox-dir}") Path outboxDir,
			Settings settings) {
		this.orders = orders;
		this.json = json;
		this.outboxDir = outboxDir;
		this.keep = settings.keepAfterDelivery();
	}

	/** {@code cardmint.outbox.*}. */
	@ConfigurationProperties("cardmint.outbox")
	record Settings(Duration keepAfterDelivery) {

		Settings {
			keepAfterDelivery = (keepAfterDelivery != null) ? keepAfterDelivery : Duration.ZERO;
		}

	}

	@Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
	void sweep() {
		Instant cutoff = Instant.now().minus(this.keep);
		for (Order order : this.orders.all()) {
			if (order.status() != OrderStatus.COMPLETED || order.delivery() == null || order.printFiles() == null) {
				continue;
			}
			JsonNode delivery = this.json.readTree(order.delivery());
			if (!"sftp".equals(delivery.path("method").asString(""))
					|| Instant.parse(delivery.path("delivered_at").asString(Instant.now().toString())).isAfter(cutoff)) {
				continue;
			}
			Path dir = this.outboxDir.resolve(order.accountId()); // one folder per account, as the job writes them
			List<Path> files = new ArrayList<>();
			order.printFiles().forEach((file) -> files.add(dir.resolve(file.name())));
			files.add(dir.resolve(order.orderRef() + ".control.json"));
			int removed = 0;
			for (Path file : files) {
				try {
					removed += Files.deleteIfExists(file) ? 1 : 0;
				}
				catch (IOException ex) {
					log.warn("Order {}: could not remove the delivered local file {}: {}", order.orderRef(), file,
							ex.getMessage());
				}
			}
			if (removed > 0) {
				log.info("Order {}: removed {} local file(s) from the outbox; the manufacturer's SFTP inbox has them",
						order.orderRef(), removed);
			}
		}
	}

}
