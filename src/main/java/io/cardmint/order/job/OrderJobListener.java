package io.cardmint.order.job;

import java.util.List;
import java.util.Optional;

import io.cardmint.order.ListedCardStager;
import io.cardmint.order.ManifestException;
import io.cardmint.order.Order;
import io.cardmint.order.OrderStatus;
import io.cardmint.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Mirrors the job's outcome onto the order row, where {@code orders} and the API read it. */
@Component
class OrderJobListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(OrderJobListener.class);

	private final Orders orders;

	private final ListedCardStager stager;

	OrderJobListener(Orders orders, ListedCardStager stager) {
		this.orders = orders;
		this.stager = stager;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.orders.updateStatus(orderId(execution), OrderStatus.RUNNING, null);
	}

	@Override
	public void afterJob(JobExecution execution) {
		long orderId = orderId(execution);
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			this.orders.updateStatus(orderId, OrderStatus.COMPLETED, null);
			return;
		}
		if (execution.getStatus() == BatchStatus.STOPPED) {
			this.orders.updateStatus(orderId, OrderStatus.STOPPED, "stopped at a chunk boundary; resumable");
			return;
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		String error = failures.stream()
			// A partitioned step fails with "Partition handler returned an unsuccessful step";
			// the failed partition's own exception says why. (The list comes from a HashSet.)
			.filter((ex) -> !(ex instanceof JobExecutionException))
			.findFirst()
			.or(() -> failures.stream().findFirst())
			.map(OrderJobListener::describe)
			.orElse("job ended " + execution.getStatus());
		Order order = this.orders.require(orderId);
		Optional<Throwable> refusal = failures.stream().filter(ManifestException.class::isInstance).findFirst();
		if (refusal.isPresent()) {
			// the first step refused a listed card id: nothing was generated, so nothing is resumable
			log.warn("Order {} rejected: {}", order.orderRef(), refusal.get().getMessage());
			this.orders.reject(orderId, refusal.get().getMessage());
			this.stager.discardKeptManifest(order);
			return;
		}
		log.warn("Order {} failed: {}", order.orderRef(), error);
		this.orders.updateStatus(orderId, OrderStatus.FAILED, error);
	}

	private static long orderId(JobExecution execution) {
		return execution.getJobParameters().getLong(OrderJobConfiguration.ORDER_ID);
	}

	/**
	 * What went wrong, in one line: the message of the first of cardmint's own exception types in
	 * the chain (they are written for the operator, e.g. "host key of sftp.example:22 is not in
	 * known_hosts"), otherwise the deepest cause's.
	 */
	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			if (root.getClass().getName().startsWith("io.cardmint.") && root.getMessage() != null) {
				return root.getMessage();
			}
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
