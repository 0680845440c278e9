package io.cardmint.order.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.cardmint.code.MasterKey;
import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning on the real RabbitMQ (127.0.0.1:5672) and MariaDB: a manager
 * ({@code cardmint order}/{@code resume} with {@code partitioning=remote}) and worker JVMs
 * ({@code cardmint worker}), checked from the outside for every card exactly once and a print
 * file gpg decrypts — through a big order, killed workers, a killed manager, requests delivered
 * twice or too late, a poison message, and a broker that is missing or goes away. Each run uses
 * queues of its own, so parallel runs never take each other's requests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemotePartitioningTests {

	private static final Path LOGS = Path.of("target", "remote-logs");

	private static final String QUEUE = "cardmint-test-" + UUID.randomUUID();

	private static final int PARTITIONS = 8;

	@TempDir
	static Path work;

	static Path dataDir;

	static Connection db;

	static CachingConnectionFactory rabbit;

	static final List<String> queues = new ArrayList<>();

	static CardmintProcess workerA;

	static CardmintProcess workerB;

	static int workers;

	@BeforeAll
	static void start() throws Exception {
		dataDir = Files.createDirectories(work.resolve("data"));
		// One master key for all, made before anyone starts; each worker a data dir of its own, as
		// on machines of their own (two processes must not create the same local keys at once).
		MasterKey.loadOrCreate(dataDir.resolve("master.key"), true);
		rabbit = new CachingConnectionFactory("127.0.0.1", 5672);
		rabbit.setUsername("guest");
		rabbit.setPassword("guest");
		db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), TestDatabase.password());
		queues.add(QUEUE);
		// The workers create the schema (Flyway takes a database lock, so two at once is fine).
		workerA = worker(QUEUE, 5672);
		workerB = worker(QUEUE, 5672);
		awaitStarted(workerA);
		awaitStarted(workerB);
	}

	@AfterAll
	static void stop() throws Exception {
		for (CardmintProcess worker : List.of(workerA, workerB)) {
			if (worker != null && worker.isAlive()) {
				worker.kill();
			}
		}
		RabbitAdmin admin = new RabbitAdmin(rabbit);
		for (String queue : queues) {
			admin.deleteQueue(queue);
			admin.deleteQueue(queue + ".dlq");
		}
		rabbit.destroy();
		db.close();
	}

	@Test
	@Order(1)
	void theBrokerMissingAtStartIsAConfigurationErrorWithStatus3() throws Exception {
		int closedPort = closedPort();
		CardmintProcess worker = worker(QUEUE, closedPort);
		TestOrder order = new TestOrder("REMOTE-NOBROKER", "T00000101", "NOB-", 1000);
		CardmintProcess manager = CardmintProcess.start(dataDir, LOGS, "order-no-broker", "order",
				order.writeManifest(work).toString(), "--cardmint.order.partitioning=remote",
				"--spring.rabbitmq.port=" + closedPort, "--cardmint.order.remote.queue=" + QUEUE);
		for (CardmintProcess child : List.of(worker, manager)) {
			assertThat(child.waitFor(600)).as(child.describe()).isEqualTo(3);
			assertThat(child.stderr()).as(child.describe())
				.contains("cardmint: cannot reach the RabbitMQ broker at localhost:" + closedPort);
		}
		assertThat(query("SELECT COUNT(*) FROM card_order WHERE order_ref = ?", order.ref())).as("no order accepted")
			.isZero();
	}

	@Test
	@Order(2)
	void aMessageThatIsNotARequestIsDeadLetteredNotRequeued() throws Exception {
		RabbitTemplate template = new RabbitTemplate(rabbit);
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_SERIALIZED_OBJECT);
		template.send("", QUEUE, new Message("not a serialized request".getBytes(), properties));
		RabbitAdmin admin = new RabbitAdmin(rabbit);
		await(() -> messages(admin, QUEUE + ".dlq") == 1, Duration.ofMinutes(2), "the message in " + QUEUE + ".dlq");
		assertThat(messages(admin, QUEUE)).isZero();
		assertThat(workerA.isAlive() && workerB.isAlive()).isTrue();
		admin.purgeQueue(QUEUE + ".dlq");
	}

	/**
	 * 200,000 cards in 8 partitions on two workers; every request is also sent a second time
	 * while the order runs, and once more after it completed: neither makes a card twice.
	 */
	@Test
	@Order(3)
	void aBigOrderOnTwoWorkersMakesEveryCardOnceEvenWithRequestsDeliveredTwice() throws Exception {
		TestOrder order = new TestOrder("REMOTE-BIG-1", "T00000102", "BIG-", 200_000);
		CardmintProcess manager = manager(order, QUEUE);
		await(() -> partitions(order, "STARTED") >= 1, Duration.ofMinutes(5), "a partition to start");
		List<Long> sent = resend(order, QUEUE);
		assertThat(sent).as("requests sent again while the order runs").isNotEmpty();
		assertThat(manager.waitFor(900)).as(manager.describe()).isZero();
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
		assertThat(output(workerA)).as("worker A ran partitions").contains("Running generateCardsPartition");
		assertThat(output(workerB)).as("worker B ran partitions").contains("Running generateCardsPartition");

		List<Long> late = resend(order, QUEUE);
		assertThat(late).hasSize(PARTITIONS);
		RabbitAdmin admin = new RabbitAdmin(rabbit);
		await(() -> messages(admin, QUEUE) == 0, Duration.ofMinutes(2), "the late requests to be taken");
		Thread.sleep(2000);
		assertThat(query("SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ?", order.account(), order.ref()))
			.isEqualTo(order.count());
		assertThat(output(workerA) + output(workerB)).contains("the partition is COMPLETED");
	}

	/**
	 * A 5-digit token space holding 40,000 cards (crowded: writers take turns across the two
	 * worker JVMs); one worker is killed with SIGKILL mid-partition, the broker redelivers its
	 * request and the other worker continues from the partition's committed cards.
	 */
	@Test
	@Order(4)
	void aWorkerKilledMidPartitionIsContinuedByAnotherFromItsCommittedCards() throws Exception {
		TestOrder order = new TestOrder("REMOTE-KILL-1", "T00000103", "KIL-", 40_000, false, 5);
		CardmintProcess manager = manager(order, QUEUE);
		await(() -> output(workerA).contains("Running generateCardsPartition") && cardsDone(order) >= 4000,
				Duration.ofMinutes(5), "worker A to run a partition");
		workerA.kill();
		long atKill = cardsDone(order);
		assertThat(atKill).isLessThan(order.count());
		workerA = worker(QUEUE, 5672);
		assertThat(manager.waitFor(900)).as(manager.describe()).isZero();
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
		assertThat(output(workerB) + output(workerA)).as("the killed worker's request was redelivered")
			.contains("(redelivered)");
	}

	/**
	 * The manager and both workers are killed mid-order. {@code resume} recovers the executions
	 * left STARTED and sends requests only for the partitions that did not complete; the requests
	 * the dead job left in the queue are dropped by the new workers.
	 */
	@Test
	@Order(5)
	void aKilledManagerIsResumedAndOnlyUnfinishedPartitionsAreSentAgain() throws Exception {
		TestOrder order = new TestOrder("REMOTE-MGR-1", "T00000104", "MGR-", 60_000);
		awaitStarted(workerA);
		awaitStarted(workerB);
		CardmintProcess manager = manager(order, QUEUE);
		await(() -> partitions(order, "COMPLETED") >= 1 && partitions(order, "STARTED") >= 1, Duration.ofMinutes(5),
				"a partition to complete and another to run");
		manager.kill();
		workerA.kill();
		workerB.kill();
		long completed = partitions(order, "COMPLETED");
		assertThat(completed).isBetween(1L, PARTITIONS - 1L);
		awaitLeaseExpiry(order);
		// The workers start only after resume sent its requests: give them time to come up.
		CardmintProcess resume = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume", "resume", order.ref(),
				"--cardmint.order.partitioning=remote", "--cardmint.order.remote.queue=" + QUEUE,
				"--cardmint.order.remote.no-progress-timeout=20m", "--logging.level.io.cardmint.order.job=info");
		await(() -> output(resume).contains("partition requests to queue"), Duration.ofMinutes(10),
				"resume to send the partitions");
		assertThat(output(resume)).as(describe(resume))
			.contains("sent " + (PARTITIONS - completed) + " partition requests");
		// Started only now: the requests of the dead run, still queued, find their job recovered (failed).
		workerA = worker(QUEUE, 5672);
		workerB = worker(QUEUE, 5672);
		assertThat(resume.waitFor(1200)).as(resume.describe()).isZero();
		assertThat(output(workerA) + output(workerB)).as("the dead run's requests are dropped")
			.containsPattern("Dropped the request for step execution \\d+ \\(generateCardsPartition\\): "
					+ "(the partition|its job execution \\d+) is (FAILED|ABANDONED)");
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
		assertThat(query("""
				SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.order_ref = ? AND s.STEP_NAME LIKE 'generateCardsPartition:%' AND s.STATUS = 'COMPLETED'""",
				order.ref())).as("each partition completed once").isEqualTo(PARTITIONS);
	}

	/**
	 * The broker goes away mid-order (a relay in front of it is cut): the running partitions
	 * end, the queued ones never arrive, and after the no-progress timeout the order fails;
	 * with the broker back, {@code resume} completes it.
	 */
	@Test
	@Order(6)
	void theBrokerLostMidOrderFailsTheOrderResumably() throws Exception {
		String queue = "cardmint-test-" + UUID.randomUUID();
		queues.add(queue);
		TestOrder order = new TestOrder("REMOTE-LOST-1", "T00000105", "LOS-", 40_000);
		try (TcpProxy broker = new TcpProxy(5672)) {
			CardmintProcess worker = worker(queue, broker.port());
			try {
				awaitStarted(worker);
				CardmintProcess manager = manager(order, queue, "--spring.rabbitmq.port=" + broker.port(),
						"--cardmint.order.remote.no-progress-timeout=15s");
				await(() -> partitions(order, "STARTED") >= 1, Duration.ofMinutes(5), "a partition to start");
				broker.cut();
				assertThat(manager.waitFor(600)).as(manager.describe()).isEqualTo(1);
				assertThat(manager.stderr()).as(manager.describe())
					.contains("no partition made progress for 15 s")
					.contains("cardmint resume " + order.ref());
				assertThat(cardsDone(order)).isLessThan(order.count());
				broker.restore();
				CardmintProcess resume = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume", "resume",
						order.ref(), "--cardmint.order.partitioning=remote", "--cardmint.order.remote.queue=" + queue,
						"--spring.rabbitmq.port=" + broker.port());
				assertThat(resume.waitFor(900)).as(resume.describe()).isZero();
				new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
			}
			finally {
				worker.kill();
			}
		}
	}

	private static CardmintProcess worker(String queue, int port, String... more) throws Exception {
		workers++;
		List<String> args = new ArrayList<>(List.of("worker", "--spring.rabbitmq.port=" + port, "--server.port=0",
				"--cardmint.order.remote.queue=" + queue, "--cardmint.order.remote.concurrency=1",
				"--cardmint.master-key-file=" + dataDir.resolve("master.key")));
		args.addAll(List.of(more));
		return CardmintProcess.start(Files.createDirectories(work.resolve("worker-" + workers)), LOGS,
				"worker-" + workers, args.toArray(String[]::new));
	}

	private static CardmintProcess manager(TestOrder order, String queue, String... more) throws Exception {
		List<String> args = new ArrayList<>(List.of("order", order.writeManifest(work).toString(),
				"--cardmint.order.partitioning=remote", "--cardmint.order.remote.queue=" + queue,
				"--cardmint.order.grid-size=" + PARTITIONS, "--logging.level.io.cardmint.order.job=info"));
		args.addAll(List.of(more));
		return CardmintProcess.start(dataDir, LOGS, order.ref() + "-order", args.toArray(String[]::new));
	}

	private static void awaitStarted(CardmintProcess worker) throws Exception {
		await(() -> {
			if (!worker.isAlive()) {
				throw new AssertionError("worker ended\n" + describe(worker));
			}
			return output(worker).contains("Started CardmintCommand");
		}, Duration.ofMinutes(10), "a worker to start");
	}

	/** Publishes a request again for every partition step execution of the order. */
	private static List<Long> resend(TestOrder order, String queue) throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement ps = db.prepareStatement("""
				SELECT s.STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.account_id = ? AND o.order_ref = ? AND s.STEP_NAME LIKE 'generateCardsPartition:%'""")) {
			ps.setString(1, order.account());
			ps.setString(2, order.ref());
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					ids.add(rs.getLong(1));
				}
			}
		}
		RabbitTemplate template = new RabbitTemplate(rabbit);
		ids.forEach((id) -> template.convertAndSend("", queue, new StepExecutionRequest("generateCardsPartition", id)));
		return ids;
	}

	private static long partitions(TestOrder order, String status) {
		return query("""
				SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.account_id = ? AND o.order_ref = ? AND s.STEP_NAME LIKE 'generateCardsPartition:%' AND s.STATUS = ?""",
				order.account(), order.ref(), status);
	}

	private static long cardsDone(TestOrder order) {
		return query("SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ?", order.account(), order.ref());
	}

	private static long messages(RabbitAdmin admin, String queue) {
		var info = admin.getQueueInfo(queue);
		return (info != null) ? info.getMessageCount() : -1;
	}

	private static void awaitLeaseExpiry(TestOrder order) throws Exception {
		LocalDateTime expires;
		try (PreparedStatement ps = db.prepareStatement(
				"SELECT lease_expires_at FROM card_order WHERE account_id = ? AND order_ref = ?")) {
			ps.setString(1, order.account());
			ps.setString(2, order.ref());
			try (ResultSet rs = ps.executeQuery()) {
				expires = rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
			}
		}
		if (expires != null) {
			long millis = Duration.between(LocalDateTime.now(ZoneOffset.UTC), expires).toMillis();
			Thread.sleep(Math.max(0, millis) + 500);
		}
	}

	private static int closedPort() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String output(CardmintProcess child) {
		try {
			return child.stdout() + child.stderr();
		}
		catch (java.io.IOException ex) {
			return "";
		}
	}

	private static String describe(CardmintProcess child) {
		try {
			return child.describe();
		}
		catch (java.io.IOException ex) {
			return ex.getMessage();
		}
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(100);
		}
	}

	private static long query(String sql, Object... params) {
		try (PreparedStatement ps = db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getLong(1) : 0;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
