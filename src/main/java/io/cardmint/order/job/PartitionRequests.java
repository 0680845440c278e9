package io.cardmint.order.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * A worker's side of remote partitioning: runs the partition a request names, with Spring
 * Batch's {@link StepExecutionRequestHandler}, and returns only when the partition ended — the
 * container acknowledges the message then, so a worker killed mid-partition leaves it to be
 * redelivered, and the next worker's reader starts after the partition's committed cards.
 *
 * <p>A request is run only while its partition is not completed and its job is running: a request
 * delivered twice, one for a partition completed meanwhile, or one left in the queue by a job
 * that failed or was recovered since is acknowledged and dropped. Two workers never run one
 * partition at once: a worker holds a MariaDB named lock on the partition (its job instance and
 * name, the same across restarts) while it runs it; the database frees the lock when a killed
 * worker's connection drops. A message that is not a request cannot be read and is rejected
 * without requeue, so the broker dead-letters it instead of offering it again for ever.
 */
class PartitionRequests implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(PartitionRequests.class);

	private static final int LOCK_WAIT_SECONDS = 10;

	private final JobRepository jobRepository;

	private final DataSource dataSource;

	private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();

	private final SimpleMessageConverter converter = new SimpleMessageConverter();

	private final MeterRegistry registry;

	private final AtomicInteger running = new AtomicInteger();

	PartitionRequests(JobRepository jobRepository, DataSource dataSource, Step partitionStep, MeterRegistry registry) {
		this.jobRepository = jobRepository;
		this.dataSource = dataSource;
		this.registry = registry;
		this.handler.setJobRepository(jobRepository);
		this.handler.setStepLocator((name) -> {
			if (!partitionStep.getName().equals(name)) {
				throw new IllegalArgumentException("a worker runs only " + partitionStep.getName() + ", not " + name);
			}
			return partitionStep;
		});
		this.converter.addAllowedListPatterns(StepExecutionRequest.class.getName(), "java.lang.*", "java.util.*");
		Gauge.builder("cardmint.worker.partitions.running", this.running::get)
			.description("Partitions this worker is running now")
			.register(registry);
	}

	@Override
	public void onMessage(Message message) {
		StepExecutionRequest request = read(message);
		StepExecution partition = this.jobRepository.getStepExecution(request.getStepExecutionId());
		if (!runnable(partition, request)) {
			return;
		}
		String lockName = "cardmint." + partition.getJobExecution().getJobInstance().getInstanceId() + "."
				+ partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
		try (PartitionLock lock = new PartitionLock(this.dataSource, lockName)) {
			while (!lock.tryAcquire(LOCK_WAIT_SECONDS)) {
				log.info("Partition {} is being run by another worker; waiting", partition.getStepName());
				if (!runnable(this.jobRepository.getStepExecution(request.getStepExecutionId()), request)) {
					return;
				}
			}
			// Read again under the lock: the worker that held it may have finished the partition.
			partition = this.jobRepository.getStepExecution(request.getStepExecutionId());
			if (!runnable(partition, request)) {
				return;
			}
			this.running.incrementAndGet();
			try {
				log.info("Running {} of job execution {}{}", partition.getStepName(), partition.getJobExecutionId(),
						Boolean.TRUE.equals(message.getMessageProperties().isRedelivered()) ? " (redelivered)" : "");
				StepExecution done = this.handler.handle(request);
				count((done.getStatus() == BatchStatus.COMPLETED) ? "completed" : "failed");
				log.info("{} of job execution {} ended {}: {} cards written", done.getStepName(),
						done.getJobExecutionId(), done.getStatus(), done.getWriteCount());
			}
			finally {
				this.running.decrementAndGet();
			}
		}
	}

	private StepExecutionRequest read(Message message) {
		Object payload;
		try {
			payload = this.converter.fromMessage(message);
		}
		catch (RuntimeException ex) {
			count("unreadable");
			throw new AmqpRejectAndDontRequeueException("not a partition request (dead-lettered): " + ex.getMessage(), ex);
		}
		if (!(payload instanceof StepExecutionRequest request) || request.getStepExecutionId() == null) {
			count("unreadable");
			throw new AmqpRejectAndDontRequeueException("not a partition request (dead-lettered): "
					+ ((payload != null) ? payload.getClass().getSimpleName() : "empty"));
		}
		return request;
	}

	/** Unfinished partition of a running job; otherwise the request is dropped, with a reason. */
	private boolean runnable(StepExecution partition, StepExecutionRequest request) {
		String reason = null;
		if (partition == null) {
			reason = "its step execution does not exist";
		}
		else if (partition.getStatus() == BatchStatus.COMPLETED || partition.getStatus() == BatchStatus.ABANDONED) {
			// FAILED or STOPPED while its job still runs: a worker stopped under it (SIGTERM) before
			// its acknowledgement went out, and the broker gave the request to this one. Continue it.
			reason = "the partition is " + partition.getStatus();
		}
		else if (!partition.getJobExecution().getStatus().isRunning()) {
			reason = "its job execution " + partition.getJobExecutionId() + " is " + partition.getJobExecution().getStatus();
		}
		if (reason == null) {
			return true;
		}
		count("skipped");
		log.info("Dropped the request for step execution {} ({}): {}", request.getStepExecutionId(),
				request.getStepName(), reason);
		return false;
	}

	/**
	 * Makes the connection pool large enough for {@code consumers} partitions at once: each holds
	 * two connections, its partition lock's for the whole partition and its chunk transaction's.
	 * A smaller pool leaves partitions holding their locks while they wait for a connection that
	 * never comes free (a worker with 8 consumers on Hikari's default 10 stopped making progress).
	 * Two more serve the job repository's reads between chunks and the health check.
	 */
	static void fitPool(DataSource dataSource, int consumers) {
		int needed = 2 * consumers + 2;
		if (dataSource instanceof HikariDataSource hikari && hikari.getMaximumPoolSize() < needed) {
			log.info("Database connection pool raised from {} to {}: {} partitions at once, each with its lock's and "
					+ "its chunk's connection", hikari.getMaximumPoolSize(), needed, consumers);
			hikari.setMaximumPoolSize(needed);
		}
	}

	private void count(String outcome) {
		Counter.builder("cardmint.worker.partitions")
			.description("Partition requests this worker took, by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	/**
	 * A MariaDB named lock ({@code GET_LOCK}) on its own connection: held until released or the
	 * connection closes, which a killed process's does. H2 (one process, no workers of its own
	 * elsewhere) has none and needs none.
	 */
	private static final class PartitionLock implements AutoCloseable {

		private final Connection connection;

		private final String name;

		private final boolean supported;

		PartitionLock(DataSource dataSource, String name) {
			try {
				this.connection = dataSource.getConnection();
				this.connection.setAutoCommit(true);
				String product = this.connection.getMetaData().getDatabaseProductName().toLowerCase();
				this.supported = product.contains("mariadb") || product.contains("mysql");
				this.name = name;
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot take a connection for the partition lock: " + ex.getMessage(), ex);
			}
		}

		boolean tryAcquire(int seconds) {
			if (!this.supported) {
				return true;
			}
			try (PreparedStatement ps = this.connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
				ps.setString(1, this.name);
				ps.setInt(2, seconds);
				try (ResultSet rs = ps.executeQuery()) {
					return rs.next() && rs.getInt(1) == 1;
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("cannot take the partition lock " + this.name + ": " + ex.getMessage(), ex);
			}
		}

		@Override
		public void close() {
			try (this.connection) {
				if (this.supported) {
					try (PreparedStatement ps = this.connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
						ps.setString(1, this.name);
						ps.execute();
					}
				}
			}
			catch (SQLException ex) {
				// the connection is closed either way, and the lock with it
			}
		}

	}

}
