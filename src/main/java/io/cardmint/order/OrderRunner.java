package io.cardmint.order;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cardmint.order.job.OrderJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Runs an order's job, finishes interrupted ones, and stops them gracefully. The order's lease
 * makes sure that of several processes sharing the database only one runs a given order at a
 * time. On shutdown (the context closing: SIGTERM to {@code serve}; the commands call
 * {@link #stopAll()} themselves) every order running here is stopped at its next chunk
 * boundary (its job execution marked {@code STOPPING}), recorded {@code stopped} and resumable, and its
 * lease released, within {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
@Service
public class OrderRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OrderRunner.class);

	/** Non-identifying job parameters: they name the order in every log line of the job. */
	public static final String ORDER_REF = "order.ref";

	public static final String ACCOUNT_ID = "order.account";

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job orderJob;

	private final Orders orders;

	private final OrderLeases leases;

	private final Duration grace;

	private final OutboxRetention outbox;

	/** Orders running in this process, with why they are being stopped (null while they run). */
	private final Map<Long, String> running = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	private volatile boolean started;

	OrderRunner(JobOperator jobOperator, JobRepository jobRepository, Job orderJob, Orders orders,
			OrderLeases leases, OutboxRetention outbox,
			@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration grace) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.orderJob = orderJob;
		this.orders = orders;
		this.leases = leases;
		this.grace = grace;
		this.outbox = outbox;
	}

	/** Outcome of one run or resume. */
	public record Outcome(Order order, BatchStatus status, String message) {

		public boolean completed() {
			return this.status == BatchStatus.COMPLETED;
		}

		/** Its listed card ids were refused (repeated or used): nothing written, nothing to resume. */
		public boolean rejected() {
			return this.order.status() == OrderStatus.REJECTED;
		}

		/** Stopped at a chunk boundary (shutdown or a lost lease): nothing lost, resumable. */
		public boolean stopped() {
			return this.status == BatchStatus.STOPPED;
		}

	}

	/**
	 * Starts the order's job, or restarts it where it stopped: a failed or stopped execution is
	 * restarted; one left {@code STARTED} by a dead process is first marked as failed
	 * (recovered). Returns empty when another live process holds the order, or when this process
	 * is shutting down.
	 */
	public Optional<Outcome> run(Order order) {
		if (this.stopping) {
			log.info("Order {}: not started, this process is shutting down", order.orderRef());
			return Optional.empty();
		}
		OrderLeases.Held lease = this.leases.acquire(order.id(),
				() -> requestStop(order.id(), "this process lost the order's lease"));
		if (lease == null) {
			return Optional.empty();
		}
		this.running.put(order.id(), "");
		try (lease; MDC.MDCCloseable ref = MDC.putCloseable("order_ref", order.orderRef());
				MDC.MDCCloseable account = MDC.putCloseable("account_id", order.accountId())) {
			if (this.stopping) {
				return Optional.empty();
			}
			JobExecution execution = launch(order);
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				sweepOutbox();
			}
			Order after = this.orders.find(order.id()).orElseThrow();
			String message = switch (execution.getStatus()) {
				case COMPLETED -> "completed";
				case STOPPED -> "stopped at a chunk boundary: "
						+ (this.running.getOrDefault(order.id(), "").isEmpty() ? "asked to stop" : this.running.get(order.id()));
				default -> after.error();
			};
			return Optional.of(new Outcome(after, execution.getStatus(), message));
		}
		finally {
			synchronized (this.running) {
				this.running.remove(order.id());
				this.running.notifyAll();
			}
		}
	}

	private void sweepOutbox() {
		try {
			this.outbox.sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Could not sweep the outbox: {}", ex.getMessage());
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
			else if (last.getStatus() == BatchStatus.UNKNOWN) {
				last = failUnknown(order, last);
			}
			log.info("Order {}: restarting after {}", order.orderRef(), last.getStatus());
			return this.jobOperator.restart(last);
		}
		catch (Exception ex) {
			throw new IllegalStateException("order " + order.orderRef() + " could not be launched: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * An execution ends {@code UNKNOWN} when the job repository could not record a chunk's or a
	 * step's end (the database went away mid-commit); a step of an ended execution can then also
	 * be left {@code UNKNOWN} or still marked running. Spring Batch refuses to restart either,
	 * for writers whose output may be half committed and whose restart position would then be
	 * wrong. Ours cannot be: every reader takes its start from the cards the database holds, and
	 * the print file is written whole by one tasklet. So the execution and those steps are marked
	 * failed and restarted like any other failure.
	 */
	private JobExecution failUnknown(Order order, JobExecution last) {
		log.warn("Order {}: execution {} ended UNKNOWN (its end could not be recorded); restarting from the cards "
				+ "the database holds", order.orderRef(), last.getId());
		for (StepExecution step : last.getStepExecutions()) {
			if (unfinished(step)) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(ExitStatus.FAILED);
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				this.jobRepository.update(step);
			}
		}
		last.setStatus(BatchStatus.FAILED);
		last.setExitStatus(ExitStatus.FAILED);
		this.jobRepository.update(last);
		return last;
	}

	/** A step of an execution that ended UNKNOWN whose own end was never recorded. */
	private static boolean unfinished(StepExecution step) {
		return step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning();
	}

	/** Orders not completed, to resume; optionally only those with this order_ref. */
	public List<Order> unfinished(String orderRef) {
		return this.orders.unfinished()
			.stream()
			.filter((order) -> order.status() != OrderStatus.VALIDATING)
			.filter((order) -> orderRef == null || order.orderRef().equals(orderRef))
			.toList();
	}

	/**
	 * The step the order's job runs now in this process ({@code stageCards}, {@code generateCards},
	 * {@code writePrintFile}, {@code deliver}, {@code destroyBatchSecret}), if it runs.
	 */
	public Optional<String> currentStep(long orderId) {
		return this.jobRepository.findRunningJobExecutions(OrderJobConfiguration.JOB_NAME)
			.stream()
			.filter((execution) -> Long.valueOf(orderId)
				.equals(execution.getJobParameters().getLong(OrderJobConfiguration.ORDER_ID)))
			.flatMap((execution) -> execution.getStepExecutions().stream())
			.filter((step) -> step.getStatus().isRunning())
			.map((step) -> BatchOrderViews.stepOf(step.getStepName()))
			.reduce((first, second) -> second.equals("generateCards") ? first : second);
	}

	/** Whether {@link #stopAll()} was called: no order starts here any more. */
	public boolean isStopping() {
		return this.stopping;
	}

	/**
	 * Stops every order running in this process at its next chunk boundary and waits, at most
	 * the grace period, until their jobs have ended. Returns whether they all ended in time.
	 */
	public boolean stopAll() {
		this.stopping = true;
		Instant deadline = Instant.now().plus(this.grace);
		synchronized (this.running) {
			if (!this.running.isEmpty()) {
				log.warn("Stopping {} running order(s) at their next chunk boundary (grace period {} s)",
						this.running.size(), this.grace.toSeconds());
			}
			while (!this.running.isEmpty() && Instant.now().isBefore(deadline)) {
				// Asked again on every round: an order may have been between taking its lease and
				// creating its job execution when first asked.
				this.running.keySet().forEach((orderId) -> requestStop(orderId, "the process was asked to stop"));
				try {
					this.running.wait(Math.max(1, Math.min(500, Duration.between(Instant.now(), deadline).toMillis())));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			if (!this.running.isEmpty()) {
				log.error("{} order(s) did not stop within {} s; `resume` continues them", this.running.size(),
						this.grace.toSeconds());
			}
			return this.running.isEmpty();
		}
	}

	/** Asks the order's running job execution, if there is one yet, to stop at a chunk boundary. */
	private void requestStop(long orderId, String why) {
		try {
			this.running.computeIfPresent(orderId, (id, reason) -> reason.isEmpty() ? why : reason);
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(OrderJobConfiguration.JOB_NAME)) {
				Long id = execution.getJobParameters().getLong(OrderJobConfiguration.ORDER_ID);
				if (id != null && id == orderId && execution.getStatus() != BatchStatus.STOPPING) {
					log.info("Order id {}: stopping at the next chunk boundary ({})", orderId, why);
					// What JobOperator.stop does to the job execution, and only that: every step sees
					// STOPPING when it next records a chunk (JobRepository.update reads the job's status
					// and marks the step terminate-only), here and in every worker, and a tasklet step
					// (the print file) finishes before the job stops. JobOperator.stop also updates each
					// running step execution from this thread, racing the step's own update: the print
					// step then failed with "wrong version" instead of stopping.
					execution.setStatus(BatchStatus.STOPPING);
					this.jobRepository.update(execution);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Order id {}: could not ask its job to stop: {}", orderId, ex.getMessage());
		}
	}

	static JobParameters parameters(Order order) {
		return new JobParametersBuilder().addLong(OrderJobConfiguration.ORDER_ID, order.id())
			.addString(ORDER_REF, order.orderRef(), false)
			.addString(ACCOUNT_ID, order.accountId(), false)
			.toJobParameters();
	}

	@Override
	public void start() {
		// Started again after a stop (a test context paused and resumed): orders may run again.
		this.stopping = false;
		this.started = true;
	}

	@Override
	public void stop() {
		stopAll();
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/** Stopped first, before the web server and everything the jobs use. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
