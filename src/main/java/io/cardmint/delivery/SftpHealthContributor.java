package io.cardmint.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/sftp/<manufacturer>}: for each manufacturer with an SFTP inbox
 * ({@code cardmint.manufacturers.<id>.sftp.*}), connects, checks the host key, logs in and
 * lists the inbox, once, without retries. The result is kept for a minute: a scraper or a
 * dashboard polling the health endpoint must not log in to every manufacturer's server on
 * every call. It is in neither probe (application.properties). The details name the server
 * and the problem, never a password or key.
 */
@Component("sftp")
@ConditionalOnEnabledHealthIndicator("sftp")
class SftpHealthContributor implements CompositeHealthContributor {

	private final CompositeHealthContributor inboxes;

	SftpHealthContributor(Environment environment) {
		// Bound here rather than taken from the order package, which itself depends on delivery.
		Map<String, Manufacturer> manufacturers = Binder.get(environment)
			.bind("cardmint.manufacturers", Bindable.mapOf(String.class, Manufacturer.class))
			.orElse(Map.of());
		Map<String, HealthIndicator> checks = new TreeMap<>();
		manufacturers.forEach((id, manufacturer) -> {
			if (manufacturer.sftp() != null) {
				checks.put(id, new Cached(() -> check(manufacturer.sftp())));
			}
		});
		this.inboxes = CompositeHealthContributor.fromMap(checks);
	}

	static Health check(SftpSettings settings) {
		String where = settings.hostPort() + " " + settings.remoteDir();
		try (SftpDelivery delivery = new SftpDelivery(settings, 1, Duration.ZERO)) {
			delivery.checkReachable();
			return Health.up().withDetail("inbox", where).build();
		}
		catch (DeliveryException ex) {
			return Health.down().withDetail("inbox", where).withDetail("error", ex.getMessage()).build();
		}
	}

	@Override
	public HealthContributor getContributor(String name) {
		return this.inboxes.getContributor(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.inboxes.stream();
	}

	/** A check's last result, reused for {@link #TTL}. */
	static final class Cached implements HealthIndicator {

		static final Duration TTL = Duration.ofSeconds(60);

		private final HealthIndicator check;

		private Health last;

		private long checkedAt;

		Cached(HealthIndicator check) {
			this.check = check;
		}

		@Override
		public synchronized Health health() {
			if (this.last == null || System.nanoTime() - this.checkedAt > TTL.toNanos()) {
				this.last = this.check.health();
				this.checkedAt = System.nanoTime();
			}
			return this.last;
		}

	}

	/** The one part of a manufacturer's settings this package reads. */
	record Manufacturer(SftpSettings sftp) {
	}

}
