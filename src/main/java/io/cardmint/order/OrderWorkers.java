package io.cardmint.order;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs orders in the background for the HTTP API, the inbox and recovery: at most
 * {@code cardmint.order.workers} at once (default 2), at most {@code cardmint.order.queue}
 * waiting. An order is never handed to two workers of this process at once; across processes
 * the order's lease sees to that.
 */
@Component
public class OrderWorkers implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OrderWorkers.class);

	private final OrderRunner runner;

	private final ThreadPoolTaskExecutor executor;

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	OrderWorkers(OrderRunner runner, OrderProperties properties) {
		this.runner = runner;
		this.executor = new ThreadPoolTaskExecutor();
		this.executor.setThreadNamePrefix("order-");
		this.executor.setCorePoolSize(properties.workers());
		this.executor.setMaxPoolSize(properties.workers());
		this.executor.setQueueCapacity(properties.queue());
		this.executor.initialize();
	}

	/**
	 * Queues the order. The future completes with the outcome, or empty when another process
	 * holds the order; it is empty at once when this process already runs or queues it, or when
	 * the queue is full (the order stays {@code accepted} and recovery picks it up later).
	 */
	public CompletableFuture<Optional<OrderRunner.Outcome>> submit(Order order) {
		if (!this.inFlight.add(order.id())) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		try {
			return CompletableFuture.supplyAsync(() -> {
				try {
					return this.runner.run(order);
				}
				finally {
					this.inFlight.remove(order.id());
				}
			}, this.executor);
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.remove(order.id());
			log.warn("Order {}: all workers busy and the queue is full; it stays accepted for recovery to run",
					order.orderRef());
			return CompletableFuture.completedFuture(Optional.empty());
		}
	}

	/** Whether this process runs or has queued the order. */
	public boolean isRunningHere(long orderId) {
		return this.inFlight.contains(orderId);
	}

	/** Whether another order can be queued now. */
	public boolean hasRoom() {
		return this.executor.getThreadPoolExecutor().getQueue().remainingCapacity() > 0;
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
