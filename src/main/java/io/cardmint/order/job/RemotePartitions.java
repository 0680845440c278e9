package io.cardmint.order.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * The manager's side of remote partitioning: sends one {@link StepExecutionRequest} per
 * unfinished partition to the broker queue, then follows the partitions in the job repository
 * (workers write their progress there) until none is running. If no partition makes any
 * progress for {@code cardmint.order.remote.no-progress-timeout} — no worker running, the
 * broker gone — the step fails, so the order ends {@code failed} and {@code resume} re-sends
 * what is unfinished. Spring Batch's own MessageChannelPartitionHandler only knows a timeout
 * from the start of the step, which a ten-million-card order would have to set to hours.
 */
class RemotePartitions extends AbstractPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(RemotePartitions.class);

	private final AmqpTemplate broker;

	private final JobRepository jobRepository;

	private final String queue;

	private final String stepName;

	private final Duration pollInterval;

	private final Duration noProgressTimeout;

	RemotePartitions(AmqpTemplate broker, JobRepository jobRepository, String queue, String stepName,
			Duration pollInterval, Duration noProgressTimeout) {
		this.broker = broker;
		this.jobRepository = jobRepository;
		this.queue = queue;
		this.stepName = stepName;
		this.pollInterval = pollInterval;
		this.noProgressTimeout = noProgressTimeout;
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		for (StepExecution partition : partitions) {
			this.broker.convertAndSend("", this.queue, new StepExecutionRequest(this.stepName, partition.getId()));
		}
		log.info("Job execution {}: sent {} partition requests to queue {}", manager.getJobExecutionId(),
				partitions.size(), this.queue);
		Set<Long> ids = new HashSet<>();
		partitions.forEach((partition) -> ids.add(partition.getId()));
		String lastProgress = null;
		Instant progressedAt = Instant.now();
		while (true) {
			Thread.sleep(this.pollInterval.toMillis());
			Set<StepExecution> current = new HashSet<>();
			boolean running = false;
			StringBuilder progress = new StringBuilder();
			for (long id : ids) {
				StepExecution partition = this.jobRepository.getStepExecution(id);
				current.add(partition);
				running |= partition.getStatus().isRunning();
				progress.append(partition.getStatus()).append(partition.getWriteCount()).append(';');
			}
			if (!running) {
				return current;
			}
			if (!progress.toString().equals(lastProgress)) {
				lastProgress = progress.toString();
				progressedAt = Instant.now();
			}
			else if (Duration.between(progressedAt, Instant.now()).compareTo(this.noProgressTimeout) > 0) {
				abandon(current);
				throw new PartitionsStalledException("no partition made progress for " + this.noProgressTimeout.toSeconds()
						+ " s: is a worker running (cardmint worker) and the broker reachable? Queue " + this.queue);
			}
		}
	}

	/**
	 * Marks the partitions still waiting or running as failed, so that a restart sends them
	 * again (Spring Batch refuses to restart a step whose partitions look running). A worker
	 * still running one fails at its next chunk (the step execution's version moved on), keeps
	 * the cards it committed, and the partition lock makes the restarted one wait for it.
	 */
	private void abandon(Set<StepExecution> partitions) {
		for (StepExecution partition : partitions) {
			if (partition.getStatus().isRunning()) {
				partition.setStatus(BatchStatus.FAILED);
				partition.setExitStatus(ExitStatus.FAILED.addExitDescription("no progress; abandoned by the manager"));
				partition.setEndTime(LocalDateTime.now());
				this.jobRepository.update(partition);
			}
		}
	}

	/** The manager gave up waiting for the workers; the order is failed and resumable. */
	static class PartitionsStalledException extends RuntimeException {

		PartitionsStalledException(String message) {
			super(message);
		}

	}

}
