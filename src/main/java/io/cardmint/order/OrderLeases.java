package io.cardmint.order;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Which live process runs an order. A running order's lease is renewed every few seconds; a
 * lease that has run out means its process died (a killed JVM leaves its job execution
 * {@code STARTED} for ever), so another process may recover the order — and only one, since
 * taking a lease is one conditional update.
 */
@Component
class OrderLeases implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OrderLeases.class);

	static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration RENEW_EVERY = Duration.ofSeconds(5);

	private final Orders orders;

	private final String owner;

	private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "order-lease");
		thread.setDaemon(true);
		return thread;
	});

	OrderLeases(Orders orders) {
		this.orders = orders;
		this.owner = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	String owner() {
		return this.owner;
	}

	/** Takes the order's lease and keeps it until the returned handle is closed. */
	Held acquire(long orderId) {
		if (!this.orders.acquireLease(orderId, this.owner, LEASE)) {
			return null;
		}
		// A task of scheduleAtFixedRate that throws is never run again: one failed renewal (the
		// database briefly away) would let the lease run out under a live process.
		ScheduledFuture<?> renewal = this.renewer.scheduleAtFixedRate(() -> {
			try {
				this.orders.extendLease(orderId, this.owner, LEASE);
			}
			catch (RuntimeException ex) {
				log.warn("Order id {}: lease not renewed, will retry: {}", orderId, ex.getMessage());
			}
		}, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
		return () -> {
			renewal.cancel(false);
			release(orderId);
		};
	}

	void release(long orderId) {
		this.orders.releaseLease(orderId, this.owner);
	}

	@Override
	public void destroy() {
		this.renewer.shutdownNow();
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			return "unknown-host";
		}
	}

	/** A held lease; closing it stops the renewal and frees the order. */
	interface Held extends AutoCloseable {

		@Override
		void close();

	}

}
