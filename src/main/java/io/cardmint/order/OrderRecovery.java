package io.cardmint.order;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * In {@code serve} mode, finishes the orders a dead or stopped process left behind: soon after
 * start-up and then every {@code cardmint.recovery.interval} (default 15 s), every order that
 * is {@code running}, {@code stopped} or {@code accepted} while no live process holds its lease
 * is resumed. A holder on this machine is known dead at once ({@link LeaseOwner}); one on
 * another machine only when its lease runs out (30 s); of two live processes only the one that
 * takes the lease runs it. Failed orders are not retried
 * here: a failure needs an operator ({@code cardmint resume}).
 * {@code cardmint.recovery.enabled=false} turns this off.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "cardmint.mode", havingValue = "serve")
@ConditionalOnBooleanProperty(name = "cardmint.recovery.enabled", matchIfMissing = true)
class OrderRecovery {

	private static final Logger log = LoggerFactory.getLogger(OrderRecovery.class);

	private final Orders orders;

	private final OrderWorkers workers;

	OrderRecovery(Orders orders, OrderWorkers workers) {
		this.orders = orders;
		this.workers = workers;
	}

	@Scheduled(initialDelayString = "${cardmint.recovery.initial-delay:2s}",
			fixedDelayString = "${cardmint.recovery.interval:15s}")
	void recover() {
		// An accepted order is between intake and its first run for a moment; leave it that moment.
		Instant settled = Instant.now().minus(OrderLeases.LEASE);
		for (Order order : this.orders.unfinished()) {
			boolean orphaned = order.status() == OrderStatus.RUNNING || order.status() == OrderStatus.STOPPED
					|| (order.status() == OrderStatus.ACCEPTED && order.updatedAt().isBefore(settled));
			if (!orphaned || this.workers.isRunningHere(order.id())
					|| this.orders.leaseHolder(order.id()).isPresent()) {
				continue;
			}
			log.warn("Order {} of account {} was left {} by a process that is gone; resuming it", order.orderRef(),
					order.accountId(), order.status().value());
			this.workers.submit(order).thenAccept((outcome) -> outcome.ifPresent((done) -> log.info(
					"Order {}: recovered, now {}", done.order().orderRef(), done.order().status().value())));
		}
	}

}
