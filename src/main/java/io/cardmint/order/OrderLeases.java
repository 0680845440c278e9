package io.cardmint.order;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Which live process runs an order. A running order's lease is renewed every few seconds; a
 * lease that has run out means its process died (a killed JVM leaves its job execution
 * {@code STARTED} for ever), so another process may recover the order — and only one, since
 * taking a lease is one conditional update. On the same machine a dead holder is recognised
 * at once by its pid and start time ({@link LeaseOwner}). A process that can no longer renew
 * its lease (another took it, or the database was away until it ran out) is told to stop the
 * order: two processes must never write one order's cards at once.
 */
@Component
class OrderLeases implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OrderLeases.class);

	static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration RENEW_EVERY = Duration.ofSeconds(5);

	private final Orders orders;

	private final String owner = LeaseOwner.current().toString();

	private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "order-lease");
		thread.setDaemon(true);
		return thread;
	});

	OrderLeases(Orders orders) {
		this.orders = orders;
	}

	String owner() {
		return this.owner;
	}

	/** Takes the order's lease and keeps it until the returned handle is closed. */
	Held acquire(long orderId) {
		return acquire(orderId, () -> {
		});
	}

	/**
	 * Takes the order's lease and keeps it until the returned handle is closed; {@code onLost}
	 * runs (once, on the renewal thread) if the lease is lost meanwhile. Null if another live
	 * process holds the order.
	 */
	Held acquire(long orderId, Runnable onLost) {
		if (!this.orders.acquireLease(orderId, this.owner, LEASE)) {
			return null;
		}
		AtomicReference<Instant> renewed = new AtomicReference<>(Instant.now());
		AtomicBoolean lost = new AtomicBoolean();
		// A task of scheduleAtFixedRate that throws is never run again: one failed renewal (the
		// database briefly away) must not end the renewals while the lease is still ours.
		ScheduledFuture<?> renewal = this.renewer.scheduleAtFixedRate(() -> {
			if (lost.get()) {
				return;
			}
			try {
				if (this.orders.extendLease(orderId, this.owner, LEASE)) {
					renewed.set(Instant.now());
					return;
				}
				log.error("Order id {}: another process took over the order's lease; stopping it here", orderId);
			}
			catch (RuntimeException ex) {
				if (Instant.now().isBefore(renewed.get().plus(LEASE).minus(RENEW_EVERY))) {
					log.warn("Order id {}: lease not renewed, will retry: {}", orderId, ex.getMessage());
					return;
				}
				log.error("Order id {}: lease not renewed for {} s, so it may be taken over; stopping the order here: {}",
						orderId, LEASE.toSeconds(), ex.getMessage());
			}
			lost.set(true);
			onLost.run();
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

	/** A held lease; closing it stops the renewal and frees the order. */
	interface Held extends AutoCloseable {

		@Override
		void close();

	}

}
