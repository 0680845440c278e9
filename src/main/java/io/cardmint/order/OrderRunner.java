package io.cardmint.order;

import java.util.List;
import java.util.Optional;

import io.cardmint.order.job.OrderJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Runs an order's job, and finishes interrupted ones. The order's lease makes sure that of
 * several processes sharing the database only one runs a given order at a time.
 */
@Service
public class OrderRunner {

	private static final Logger log = LoggerFactory.getLogger(OrderRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job orderJob;

	private final Orders orders;

	private final OrderLeases leases;

	OrderRunner(JobOperator jobOperator, JobRepository jobRepository, Job orderJob, Orders orders,
			OrderLeases leases) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.orderJob = orderJob;
		this.orders = orders;
		this.leases = leases;
	}

	/** Outcome of one run or resume. */
	public record Outcome(Order order, BatchStatus status, String message) {

		public boolean completed() {
			return this.status == BatchStatus.COMPLETED;
		}

	}

	/**
	 * Starts the order's job, or restarts it where it stopped: a failed execution is restarted;
	 * one left {@code STARTED} by a dead process is first marked as failed (recovered). Returns
	 * empty when another live process holds the order.
	 */
	public Optional<Outcome> run(Order order) {
		OrderLeases.Held lease = this.leases.acquire(order.id());
		if (lease == null) {
			return Optional.empty();
		}
		try (lease) {
			JobExecution execution = launch(order);
			Order after = this.orders.find(order.id()).orElseThrow();
			String message = (execution.getStatus() == BatchStatus.COMPLETED) ? "completed" : after.error();
			return Optional.of(new Outcome(after, execution.getStatus(), message));
		}
	}

	private JobExecution launch(Order order) {
		JobParameters parameters = parameters(order);
		JobInstance instance = this.jobRepository.getJobInstance(OrderJobConfiguration.JOB_NAME, parameters);
		try {
			if (instance == null) {
				log.info("Order {}: starting", order.orderRef());
				return this.jobOperator.start(this.orderJob, parameters);
			}
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last == null) {
				return this.jobOperator.start(this.orderJob, parameters);
			}
			if (last.getStatus() == BatchStatus.COMPLETED) {
				return last;
			}
			if (last.getStatus().isRunning()) {
				// We hold the lease, so the process that ran this execution is gone.
				log.warn("Order {}: execution {} was left {} by a process that died; recovering it",
						order.orderRef(), last.getId(), last.getStatus());
				last = this.jobOperator.recover(last);
			}
			log.info("Order {}: restarting after {}", order.orderRef(), last.getStatus());
			return this.jobOperator.restart(last);
		}
		catch (Exception ex) {
			throw new IllegalStateException("order " + order.orderRef() + " could not be launched: " + ex.getMessage(),
					ex);
		}
	}

	/** Orders not completed, to resume; optionally only those with this order_ref. */
	public List<Order> unfinished(String orderRef) {
		return this.orders.unfinished()
			.stream()
			.filter((order) -> order.status() != OrderStatus.VALIDATING)
			.filter((order) -> orderRef == null || order.orderRef().equals(orderRef))
			.toList();
	}

	static JobParameters parameters(Order order) {
		return new JobParametersBuilder().addLong(OrderJobConfiguration.ORDER_ID, order.id()).toJobParameters();
	}

}
