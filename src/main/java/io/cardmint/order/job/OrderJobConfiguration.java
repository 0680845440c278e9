package io.cardmint.order.job;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

import io.cardmint.card.Cards;
import io.cardmint.code.CodeFormat;
import io.cardmint.code.KeyedHashes;
import io.cardmint.code.SecretSealer;
import io.cardmint.manufacturer.Manufacturers;
import io.cardmint.order.ListedCardStager;
import io.cardmint.order.Order;
import io.cardmint.order.OrderProperties;
import io.cardmint.order.Orders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;


/**
 * The order job, top-down: stage a listed manifest's card ids → generate the cards (partitioned
 * by card index, each partition a chunk-oriented step whose reader position commits with its
 * rows) → write the print file →
 * deliver it → destroy the batch secret. The job's one parameter is the order id; every
 * step-scoped bean below reads the order back from the database.
 */
@Configuration(proxyBeanMethods = false)
public class OrderJobConfiguration {

	public static final String JOB_NAME = "order";

	public static final String ORDER_ID = "order.id";

	static final String PARTITION_STEP = "generateCardsPartition";

	static final String ORDER = "#{jobParameters['order.id']}";

	@Bean
	@StepScope
	StageCardsTasklet stageCardsTasklet(@Value(ORDER) Long orderId, Orders orders, ListedCardStager stager) {
		return new StageCardsTasklet(orders.require(orderId), stager);
	}

	/** Commits its own batches (see ListedCardStager): one transaction would hold millions of rows. */
	@Bean
	Step stageCards(JobRepository jobRepository, StageCardsTasklet stageCardsTasklet) {
		return new StepBuilder("stageCards", jobRepository)
			.tasklet(stageCardsTasklet, new ResourcelessTransactionManager())
			.build();
	}

	@Bean
	@StepScope
	CardMinter cardMinter(@Value(ORDER) Long orderId, Orders orders, SecretSealer sealer, KeyedHashes hashes,
			JsonMapper json) {
		Order order = orders.require(orderId);
		byte[] sealed = orders.sealedSecret(order.id());
		if (sealed == null) {
			throw new IllegalStateException("the batch secret of order " + order.orderRef()
					+ " was destroyed after delivery; its tokens and PINs can no longer be reproduced or reprinted");
		}
		return new CardMinter(order, sealer.open(sealed, order.secretLabel()), hashes,
				json.writeValueAsString(order.tokenFormat()),
				(order.pinFormat() != null) ? json.writeValueAsString(order.pinFormat()) : null);
	}

	@Bean
	@StepScope
	PartitionReader cardSlotReader(@Value(ORDER) Long orderId, Orders orders, JdbcTemplate jdbc,
			@Value("#{stepExecutionContext['from']}") Long from, @Value("#{stepExecutionContext['to']}") Long to) {
		Order order = orders.require(orderId);
		CommittedCards committed = new CommittedCards(jdbc, order);
		return order.listsCards() ? new ListedCardReader(jdbc, order.id(), committed, from, to)
				: new CardRangeReader(order.cardIds(), order.cardType(), committed, from, to);
	}

	@Bean
	@StepScope
	CardRowWriter cardRowWriter(@Value(ORDER) Long orderId, Orders orders, CardMinter cardMinter, Cards cards,
			JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		Order order = orders.require(orderId);
		CodeFormat tokens = order.tokenFormat();
		long issued = cards.countInAccountUnlessFewEnough(order.accountId(),
				(others) -> !tokens.isCrowded(others + order.cardCount()));
		boolean crowded = tokens.isCrowded(issued + order.cardCount());
		return new CardRowWriter(cardMinter, cards, jdbc, transactions, crowded);
	}

	@Bean
	Step generateCardsPartition(JobRepository jobRepository, PlatformTransactionManager transactions,
			PartitionReader cardSlotReader, CardMinter cardMinter, CardRowWriter cardRowWriter,
			OrderProperties properties, ItemWriteListener<MintedCard> metrics) {
		return new StepBuilder("generateCardsPartition", jobRepository).<CardSlot, MintedCard>chunk(properties.chunk())
			.transactionManager(transactions)
			.transactionAttribute(readCommitted())
			.reader(cardSlotReader)
			.processor(cardMinter)
			.writer(cardRowWriter)
			.listener(metrics)
			.build();
	}

	@Bean
	@StepScope
	Partitioner cardRangePartitioner(@Value(ORDER) Long orderId, Orders orders) {
		Order order = orders.require(orderId);
		return new CardRangePartitioner(order.cardCount(), order.partitions());
	}

	/** Partitions on threads of this process; {@link RemotePartitioningConfiguration} sends them to workers. */
	@Bean
	@ConditionalOnProperty(name = "cardmint.order.partitioning", havingValue = "local", matchIfMissing = true)
	Step generateCards(JobRepository jobRepository, Partitioner cardRangePartitioner, Step generateCardsPartition,
			OrderProperties properties) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("generate-");
		executor.setConcurrencyLimit(properties.partitions());
		return new StepBuilder("generateCards", jobRepository).partitioner("generateCardsPartition", cardRangePartitioner)
			.step(generateCardsPartition)
			.gridSize(properties.partitions())
			.taskExecutor(executor)
			.build();
	}

	@Bean
	@StepScope
	PrintFileTasklet printFileTasklet(@Value(ORDER) Long orderId, CardMinter cardMinter, KeyedHashes hashes,
			DataSource dataSource, Orders orders, Manufacturers manufacturers,
			@Value("${cardmint.outbox-dir}") Path outboxDir) {
		Order order = orders.require(orderId);
		// Fetch size > 0 makes Connector/J stream the rows instead of loading the whole order.
		JdbcTemplate streaming = new JdbcTemplate(dataSource);
		streaming.setFetchSize(1000);
		return new PrintFileTasklet(order, cardMinter, hashes, streaming, orders, manufacturers,
				outbox(outboxDir, order));
	}

	@Bean
	Step writePrintFile(JobRepository jobRepository, PlatformTransactionManager transactions,
			PrintFileTasklet printFileTasklet) {
		return new StepBuilder("writePrintFile", jobRepository).tasklet(printFileTasklet, transactions).build();
	}

	@Bean
	@StepScope
	DeliveryTasklet deliveryTasklet(@Value(ORDER) Long orderId, Orders orders, Manufacturers manufacturers,
			@Value("${cardmint.outbox-dir}") Path outboxDir) {
		Order order = orders.require(orderId);
		return new DeliveryTasklet(order, orders, manufacturers, outbox(outboxDir, order));
	}

	@Bean
	Step deliver(JobRepository jobRepository, PlatformTransactionManager transactions, DeliveryTasklet deliveryTasklet) {
		return new StepBuilder("deliver", jobRepository).tasklet(deliveryTasklet, transactions).build();
	}

	@Bean
	@StepScope
	ShredSecretTasklet shredSecretTasklet(@Value(ORDER) Long orderId, Orders orders) {
		return new ShredSecretTasklet(orders.require(orderId), orders);
	}

	@Bean
	Step destroyBatchSecret(JobRepository jobRepository, PlatformTransactionManager transactions,
			ShredSecretTasklet shredSecretTasklet) {
		return new StepBuilder("destroyBatchSecret", jobRepository).tasklet(shredSecretTasklet, transactions).build();
	}

	@Bean
	Job orderJob(JobRepository jobRepository, Step stageCards, Step generateCards, Step writePrintFile, Step deliver,
			Step destroyBatchSecret, List<JobExecutionListener> listeners) {
		JobBuilder job = new JobBuilder(JOB_NAME, jobRepository);
		// the order row's status (OrderJobListener) and the meters (OrderMetrics)
		listeners.forEach(job::listener);
		return job
			.start(stageCards)
			.next(generateCards)
			.next(writePrintFile)
			.next(deliver)
			.next(destroyBatchSecret)
			.build();
	}

	/** Lets a chunk's collision check see cards other writers committed meanwhile (see CardRowWriter). */
	private static DefaultTransactionAttribute readCommitted() {
		DefaultTransactionAttribute attribute = new DefaultTransactionAttribute();
		attribute.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		return attribute;
	}

	/** Each account has its own outbox folder: order_ref is unique per account only. */
	static Path outbox(Path outboxDir, Order order) {
		return outboxDir.resolve(order.accountId());
	}

}
