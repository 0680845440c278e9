package io.cardmint.order.job;

import java.util.Map;
import javax.sql.DataSource;

import io.cardmint.order.OrderProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code cardmint.order.partitioning=remote}: the generation step's partitions go through a
 * RabbitMQ queue ({@code spring.rabbitmq.*}) to {@code worker} processes sharing the database.
 * The process that runs an order sends and follows them ({@link RemotePartitions}); print,
 * delivery and shredding stay with it. A worker ({@code cardmint.mode=worker}) takes one
 * request per consumer at a time (prefetch 1, so partitions spread over the workers) and
 * acknowledges it when the partition ended ({@link PartitionRequests}). Unreadable messages go
 * to {@code <queue>.dlq}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cardmint.order.partitioning", havingValue = "remote")
@Import(RemotePartitioningConfiguration.Worker.class)
class RemotePartitioningConfiguration {

	@Bean
	Queue partitionRequestQueue(OrderProperties properties) {
		OrderProperties.Remote remote = properties.remote();
		return QueueBuilder.durable(remote.queue())
			.withArguments(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", remote.deadLetterQueue()))
			.build();
	}

	@Bean
	Queue partitionDeadLetterQueue(OrderProperties properties) {
		return QueueBuilder.durable(properties.remote().deadLetterQueue()).build();
	}

	/** Fails start-up with a clear message when the broker cannot be reached (the CLI exits 3). */
	@Bean
	SmartInitializingSingleton brokerCheck(ConnectionFactory connectionFactory, RabbitProperties rabbit) {
		return () -> {
			try (Connection connection = connectionFactory.createConnection()) {
				// Boot's RabbitAdmin declares the queues as this first connection opens.
			}
			catch (RuntimeException ex) {
				throw new BrokerUnavailableException("cannot reach the RabbitMQ broker at " + rabbit.determineHost() + ":"
						+ rabbit.determinePort() + " (spring.rabbitmq.*), needed by cardmint.order.partitioning=remote: "
						+ OrderJobListener.describe(ex), ex);
			}
		};
	}

	@Bean
	RemotePartitions remotePartitions(AmqpTemplate broker, JobRepository jobRepository, OrderProperties properties) {
		OrderProperties.Remote remote = properties.remote();
		return new RemotePartitions(broker, jobRepository, remote.queue(), OrderJobConfiguration.PARTITION_STEP,
				remote.pollInterval(), remote.noProgressTimeout());
	}

	@Bean
	Step generateCards(JobRepository jobRepository, Partitioner cardRangePartitioner, RemotePartitions remotePartitions) {
		return new StepBuilder("generateCards", jobRepository)
			.partitioner(OrderJobConfiguration.PARTITION_STEP, cardRangePartitioner)
			.partitionHandler(remotePartitions)
			.build();
	}

	/**
	 * Only in {@code cardmint worker}: consume the requests. Imported, not a nested
	 * {@code @Configuration}: component scanning would find that on its own, even when remote
	 * partitioning is off.
	 */
	@ConditionalOnProperty(name = "cardmint.mode", havingValue = "worker")
	static class Worker {

		@Bean
		PartitionRequests partitionRequests(JobRepository jobRepository, DataSource dataSource,
				Step generateCardsPartition, MeterRegistry registry) {
			return new PartitionRequests(jobRepository, dataSource, generateCardsPartition, registry);
		}

		@Bean
		SimpleMessageListenerContainer partitionRequestListener(ConnectionFactory connectionFactory,
				PartitionRequests partitionRequests, OrderProperties properties, DataSource dataSource) {
			PartitionRequests.fitPool(dataSource, properties.remote().concurrency());
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
			container.setQueueNames(properties.remote().queue());
			container.setMessageListener(partitionRequests);
			container.setAcknowledgeMode(AcknowledgeMode.AUTO);
			// One unacknowledged request per consumer: the others stay in the queue for other workers.
			container.setPrefetchCount(1);
			container.setConcurrentConsumers(properties.remote().concurrency());
			// A request that fails is dead-lettered, never requeued in a loop.
			container.setDefaultRequeueRejected(false);
			// A partition still running at shutdown is left unacknowledged: the broker gives it to another worker.
			container.setShutdownTimeout(5000);
			return container;
		}

	}

}
