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
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping cardmint as an operator or an orchestrator does: SIGTERM to {@code order} and to
 * {@code serve} mid-generation, SIGKILL followed at once by {@code resume} on the same host, and
 * a process that loses its order's lease to another. Real child JVMs on the real MariaDB; every
 * order must end with exactly its N cards and a complete print file.
 */
class GracefulStopTests {

	private static final long CARDS = 50_000;

	/** The grace period the children get; each must exit well within it. */
	private static final int GRACE_SECONDS = 20;

	private static final Path LOGS = Path.of("target", "crash-logs");

	@TempDir
	static Path work;

	static Path dataDir;

	static Connection db;

	@BeforeAll
	static void connect() throws Exception {
		dataDir = Files.createDirectories(work.resolve("data"));
		db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), TestDatabase.password());
		CardmintProcess migrate = CardmintProcess.start(dataDir, LOGS, "stop-migrate", "resume");
		assertThat(migrate.waitFor(600)).as(migrate.describe()).isZero();
	}

	@AfterAll
	static void disconnect() throws SQLException {
		db.close();
	}

	@Test
	void sigtermStopsTheOrderAtAChunkBoundaryAndAnImmediateResumeCompletesIt() throws Exception {
		TestOrder order = new TestOrder("STOP-CLI-1", "T00000011", "SCL-", CARDS);
		CardmintProcess child = CardmintProcess.start(dataDir, LOGS, order.ref() + "-order", grace(), "order",
				order.writeManifest(work).toString());
		awaitOrFail(child, () -> cardsDone(order) >= CARDS / 10, "cards to be generated");
		Instant termAt = Instant.now();
		child.terminate();
		int exit = child.waitFor(GRACE_SECONDS + 10);
		assertThat(Duration.between(termAt, Instant.now())).as("time to exit after SIGTERM")
			.isLessThan(Duration.ofSeconds(GRACE_SECONDS + 2));
		assertThat(exit).as(child.describe()).isEqualTo(1);
		assertThat(child.stdout()).contains("status:      stopped");
		assertThat(child.stderr()).as(child.describe())
			.contains("order " + order.ref() + " stopped at a chunk boundary: the process was asked to stop")
			.contains("cardmint resume " + order.ref())
			.as("no progress bar when stderr is not a terminal")
			.doesNotContain("\r");
		assertStoppedAndReleased(order);
		assertThat(cardsDone(order)).as("stopped mid-generation").isBetween(1L, CARDS - 1);

		resumeCompletes(order);
	}

	@Test
	void sigtermStopsServesOrdersAndTheNextServeContinuesThemAtOnce() throws Exception {
		TestOrder order = new TestOrder("STOP-SERVE-1", "T00000012", "SSV-", CARDS);
		Path inbox = Files.createDirectories(work.resolve("inbox"));
		Map<String, String> serve = Map.of("spring.lifecycle.timeout-per-shutdown-phase", GRACE_SECONDS + "s",
				"server.port", "0", "cardmint.inbox.dir", inbox.toString(), "cardmint.inbox.cron", "* * * * * *",
				"cardmint.inbox.settle-time", "0s");
		Files.move(order.writeManifest(work), inbox.resolve(order.ref() + ".json"));
		CardmintProcess first = CardmintProcess.start(dataDir, LOGS, order.ref() + "-serve", serve, "serve");
		awaitOrFail(first, () -> cardsDone(order) >= CARDS / 10, "serve to generate cards");
		Instant termAt = Instant.now();
		first.terminate();
		first.waitFor(GRACE_SECONDS + 10);
		assertThat(Duration.between(termAt, Instant.now())).as("time to exit after SIGTERM")
			.isLessThan(Duration.ofSeconds(GRACE_SECONDS + 2));
		assertStoppedAndReleased(order);
		long stoppedAt = cardsDone(order);
		assertThat(stoppedAt).as("stopped mid-generation").isBetween(1L, CARDS - 1);

		CardmintProcess second = CardmintProcess.start(dataDir, LOGS, order.ref() + "-serve-again", serve, "serve");
		try {
			awaitOrFail(second, () -> "completed".equals(status(order)), "the next serve to complete the order");
		}
		finally {
			second.terminate();
			second.waitFor(GRACE_SECONDS + 10);
		}
		assertThat(second.stderr()).as(second.describe()).contains("Order " + order.ref() + " of account "
				+ order.account() + " was left stopped");
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
	}

	@Test
	void afterSigkillAnImmediateResumeOnTheSameHostTakesTheOrderOverWithoutWaiting() throws Exception {
		TestOrder order = new TestOrder("STOP-KILL-1", "T00000013", "SKL-", CARDS);
		CardmintProcess child = CardmintProcess.start(dataDir, LOGS, order.ref() + "-order", "order",
				order.writeManifest(work).toString());
		awaitOrFail(child, () -> cardsDone(order) >= CARDS / 10, "cards to be generated");
		child.kill();
		assertThat(leaseSecondsLeft(order)).as("the dead process's lease has not run out").isPositive();
		assertThat(leaseOwner(order)).as("the lease names host, pid and start time")
			.contains("/" + child.pid() + "/");

		CardmintProcess resume = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume", "resume", order.ref());
		assertThat(resume.waitFor(600)).as(resume.describe()).isZero();
		assertThat(resume.stderr()).as(resume.describe()).doesNotContain("another live process");
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
	}

	@Test
	void aProcessThatLosesItsLeaseStopsTheOrderAndALiveHolderElsewhereIsLeftAloneUntilItsLeaseRunsOut()
			throws Exception {
		// Long enough that the order is still running at the lease's next renewal (every 5 s).
		TestOrder order = new TestOrder("STOP-LEASE-1", "T00000014", "SLS-", 8 * CARDS);
		CardmintProcess child = CardmintProcess.start(dataDir, LOGS, order.ref() + "-order", "order",
				order.writeManifest(work).toString());
		awaitOrFail(child, () -> cardsDone(order) >= CARDS / 10, "cards to be generated");
		// Another machine's process takes the order over (as if this one had been cut off for 30 s).
		String elsewhere = "other-host/4242/1700000000000/00000000000000000000000000000000.4026531836/abcd1234";
		update("UPDATE card_order SET lease_owner = ?, lease_expires_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 HOUR)"
				+ " WHERE account_id = ? AND order_ref = ?", elsewhere, order.account(), order.ref());
		assertThat(child.waitFor(60)).as(child.describe()).isEqualTo(1);
		assertThat(child.stderr()).as(child.describe())
			.contains("another process took over the order's lease")
			.contains("order " + order.ref() + " stopped at a chunk boundary: this process lost the order's lease");
		// Stopped, not completed: the loss is seen at the next renewal (every 5 s), during the
		// generation or, on a fast machine, at the print step's boundary.
		assertThat(status(order)).isEqualTo("stopped");

		CardmintProcess refused = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume-refused", "resume",
				order.ref());
		assertThat(refused.waitFor(600)).as(refused.describe()).isEqualTo(1);
		assertThat(refused.stderr()).as(refused.describe())
			.contains("is being run by another live process (" + elsewhere + ")");

		// The other machine's lease runs out: now resume may take the order.
		update("UPDATE card_order SET lease_expires_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)"
				+ " WHERE account_id = ? AND order_ref = ?", order.account(), order.ref());
		resumeCompletes(order);
	}

	private static Map<String, String> grace() {
		return Map.of("spring.lifecycle.timeout-per-shutdown-phase", GRACE_SECONDS + "s");
	}

	private void resumeCompletes(TestOrder order) throws Exception {
		CardmintProcess resume = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume", "resume", order.ref());
		assertThat(resume.waitFor(600)).as(resume.describe()).isZero();
		assertThat(resume.stdout()).as(resume.describe()).contains("status:      completed");
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
	}

	private static void assertStoppedAndReleased(TestOrder order) throws SQLException {
		assertThat(status(order)).isEqualTo("stopped");
		assertThat(leaseOwner(order)).as("lease released").isNull();
		assertThat(query("""
				SELECT e.STATUS FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.account_id = ? AND o.order_ref = ? ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""", order))
			.isEqualTo("STOPPED");
	}

	private static void awaitOrFail(CardmintProcess child, BooleanSupplier condition, String what) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (!condition.getAsBoolean()) {
			if (!child.isAlive()) {
				throw new AssertionError("the child ended before " + what + "\n" + child.describe());
			}
			if (Instant.now().isAfter(deadline)) {
				child.kill();
				throw new AssertionError("timed out waiting for " + what + "\n" + child.describe());
			}
			Thread.sleep(20);
		}
	}

	private static long cardsDone(TestOrder order) {
		try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ?")) {
			ps.setString(1, order.account());
			ps.setString(2, order.ref());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String status(TestOrder order) {
		try {
			return query("SELECT status FROM card_order WHERE account_id = ? AND order_ref = ?", order);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String leaseOwner(TestOrder order) throws SQLException {
		return query("SELECT lease_owner FROM card_order WHERE account_id = ? AND order_ref = ?", order);
	}

	private static long leaseSecondsLeft(TestOrder order) throws SQLException {
		return Long.parseLong(query("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), lease_expires_at) FROM card_order"
				+ " WHERE account_id = ? AND order_ref = ?", order));
	}

	private static String query(String sql, TestOrder order) throws SQLException {
		try (PreparedStatement ps = db.prepareStatement(sql)) {
			ps.setString(1, order.account());
			ps.setString(2, order.ref());
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static void update(String sql, String... params) throws SQLException {
		try (PreparedStatement ps = db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setString(i + 1, params[i]);
			}
			ps.executeUpdate();
		}
	}

}
