package io.cardmint.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cardmint.order.*}: how orders run. Partitions default to the cores; the grid size is
 * fixed per order when it is accepted, so a restart splits the work the same way. In
 * {@code serve}, {@code workers} orders run at once and {@code queue} more wait.
 * {@code partitioning=remote} sends the generation step's partitions to {@code worker}
 * processes over RabbitMQ ({@code spring.rabbitmq.*}) instead of running them on threads.
 */
@ConfigurationProperties("cardmint.order")
public record OrderProperties(Integer gridSize, Integer chunkSize, Integer workers, Integer queue,
		Partitioning partitioning, Remote remote) {

	public OrderProperties {
		workers = (workers != null && workers > 0) ? workers : 2;
		queue = (queue != null && queue >= 0) ? queue : 100;
		partitioning = (partitioning != null) ? partitioning : Partitioning.LOCAL;
		remote = (remote != null) ? remote : new Remote(null, null, null, null);
	}

	public int partitions() {
		return (this.gridSize != null && this.gridSize > 0) ? this.gridSize
				: Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Cards per chunk transaction. Measured on a million cards (bench/README.md): 5,000 saved
	 * about 4 s of 33 (fewer commits) but raised the peak RSS by 40%; 2,000 kept the RSS and
	 * saved nothing. A deployment with memory to spare may set 5,000.
	 */
	public int chunk() {
		return (this.chunkSize != null && this.chunkSize > 0) ? this.chunkSize : 1000;
	}

	/** Where the partitions of the generation step run. */
	public enum Partitioning {

		/** on threads of the process that runs the order (no broker) */
		LOCAL,
		/** in {@code worker} processes, sent to them through the broker */
		REMOTE

	}

	/**
	 * Remote partitioning: the broker queue the partition requests go through (its dead letters
	 * go to {@code <queue>.dlq}); how often the manager looks at the partitions in the job
	 * repository; how long it waits without any partition making progress before it fails the
	 * step (the order is then {@code failed} and resumable); and how many partitions one worker
	 * process runs at once (default: its cores).
	 */
	public record Remote(String queue, Duration pollInterval, Duration noProgressTimeout, Integer concurrency) {

		public Remote {
			queue = (queue != null && !queue.isBlank()) ? queue : "cardmint.order.partitions";
			pollInterval = (pollInterval != null && pollInterval.toMillis() > 0) ? pollInterval : Duration.ofSeconds(1);
			noProgressTimeout = (noProgressTimeout != null && noProgressTimeout.toMillis() > 0) ? noProgressTimeout
					: Duration.ofMinutes(5);
			concurrency = (concurrency != null && concurrency > 0) ? concurrency
					: Runtime.getRuntime().availableProcessors();
		}

		public String deadLetterQueue() {
			return this.queue + ".dlq";
		}

	}

}
