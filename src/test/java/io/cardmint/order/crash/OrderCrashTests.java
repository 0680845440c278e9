package io.cardmint.order.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order job against the worst an operator meets: the JVM killed with SIGKILL while cards
 * are generated and while the print file is written, the database connections cut under it,
 * and the database failing while a chunk is recorded. Each runs the real {@code cardmint order} in a child JVM on the real MariaDB, then
 * {@code cardmint resume}, and checks the result from the outside: every card exactly once,
 * a print file gpg decrypts whose tokens match the stored hashes, the secret destroyed.
 */
class OrderCrashTests {

	private static final long CARDS = 50_000;

	/** The children's stdout and stderr, kept for a look after a failure. */
	private static final Path LOGS = Path.of("target", "crash-logs");

	@TempDir
	static Path work;

	/** Shared by every child, as on an operator's machine: the master key and demo keys persist. */
	static Path dataDir;

	static Connection db;

	@BeforeAll
	static void connect() throws Exception {
		dataDir = Files.createDirectories(work.resolve("data"));
		db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), TestDatabase.password());
		// A start of the application makes Flyway create the schema that the tests poll and rig. It
		// asks for an order that does not exist (exit 2), so that orders other test classes left in
		// the shared database are not resumed here.
		CardmintProcess migrate = CardmintProcess.start(dataDir, LOGS, "migrate", "resume", "NO-SUCH-ORDER");
		assertThat(migrate.waitFor(120)).as(migrate.describe()).isEqualTo(2);
		assertThat(migrate.stderr()).as(migrate.describe()).contains("no order with order_ref NO-SUCH-ORDER");
	}

	@AfterAll
	static void disconnect() throws SQLException {
		db.close();
	}

	@Test
	void sigkillDuringGenerationThenResumeMakesEveryCardExactlyOnce() throws Exception {
		TestOrder order = new TestOrder("CRASH-GEN-1", "T00000001", "GEN-", CARDS);
		CardmintProcess child = order(order);
		awaitOrFail(child, () -> cardsDone(order) >= CARDS / 10, "cards to be generated");
		child.kill();
		long done = cardsDone(order);
		assertThat(done).as("cards when killed (must be mid-generation)").isBetween(1L, CARDS - 1);
		assertThat(lastExecutionStatus(order)).as("a killed JVM leaves its execution").isEqualTo("STARTED");

		// No wait for the lease to run out: the dead holder ran on this host (GracefulStopTests).
		resumeCompletes(order);
		nothingLeftToResume(order);
	}

	@Test
	void sigkillWhileWritingThePrintFileThenResumeRebuildsIt() throws Exception {
		TestOrder order = new TestOrder("CRASH-PRINT-1", "T00000002", "PRN-", CARDS);
		Path outbox = dataDir.resolve("outbox").resolve(order.account());
		Path part = outbox.resolve("." + order.ref() + ".csv.pgp.part");
		CardmintProcess child = order(order);
		awaitOrFail(child, () -> size(part) > 64 * 1024, "the print file to be written");
		child.kill();
		assertThat(cardsDone(order)).isEqualTo(CARDS);
		assertThat(part).as("half-written print file left by the killed JVM").exists();
		assertThat(outbox.resolve(order.ref() + ".csv.pgp")).doesNotExist();
		assertThat(stepStatus(order, "writePrintFile")).isEqualTo("STARTED");

		// No wait for the lease to run out: the dead holder ran on this host (GracefulStopTests).
		resumeCompletes(order);
		nothingLeftToResume(order);
	}

	@Test
	void cutDatabaseConnectionsFailTheOrderCleanlyAndResumeCompletesIt() throws Exception {
		TestOrder order = new TestOrder("CRASH-DB-1", "T00000003", "DBC-", CARDS);
		CardmintProcess child = order(order);
		awaitOrFail(child, () -> cardsDone(order) >= CARDS / 10, "cards to be generated");
		int killed = killOtherConnections();
		assertThat(killed).as("connections of the child killed").isPositive();

		int exit = child.waitFor(300);
		assertThat(exit).as(child.describe()).isEqualTo(1);
		assertThat(cardsDone(order)).as("the order stopped mid-generation").isLessThan(CARDS);
		assertNoStackTrace(child);
		assertThat(child.stderr()).as(child.describe())
			.contains("cardmint: order " + order.ref() + " failed: ")
			.contains("cardmint resume " + order.ref());

		resumeCompletes(order);
		nothingLeftToResume(order);
	}

	/**
	 * The worst moment for a database failure: after the chunk's cards were written and the
	 * reader's position put in the step's context, while the chunk is being recorded. The
	 * transaction rolls back, but Spring Batch then saves the in-memory position with the
	 * failed step; restarting from it would skip the chunk. A trigger fails that one update,
	 * in the 10th chunk of each partition: the restart point (4,500) is mid-page for the
	 * paging reader of a listed order.
	 */
	@ParameterizedTest(name = "listed card ids: {0}")
	@ValueSource(booleans = { false, true })
	void aFailureWhileAChunkIsRecordedLosesNoCardsOnResume(boolean listed) throws Exception {
		TestOrder order = listed ? new TestOrder("CRASH-RECORD-LIST", "T00000005", "LST-", 20_000, true)
				: new TestOrder("CRASH-RECORD-1", "T00000004", "REC-", 20_000);
		try (Statement statement = db.createStatement()) {
			statement.execute("""
					CREATE TRIGGER crash_fail_chunk_record BEFORE UPDATE ON BATCH_STEP_EXECUTION FOR EACH ROW
					IF NEW.STATUS = 'STARTED' AND NEW.COMMIT_COUNT = 10 AND NEW.STEP_NAME LIKE 'generateCardsPartition:%' THEN
						SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected: database failed while recording a chunk';
					END IF""");
		}
		int exit;
		CardmintProcess child = order(order);
		try {
			exit = child.waitFor(300);
		}
		finally {
			try (Statement statement = db.createStatement()) {
				statement.execute("DROP TRIGGER crash_fail_chunk_record");
			}
		}
		assertThat(exit).as(child.describe()).isEqualTo(1);
		assertNoStackTrace(child);
		assertThat(child.stderr()).as(child.describe())
			.containsPattern("cardmint: order " + order.ref() + " failed: .*injected: database failed while recording a chunk");
		long recorded = query("""
				SELECT SUM(s.READ_COUNT) FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.order_ref = ? AND s.STEP_NAME LIKE 'generateCardsPartition:%'""", (rs) -> rs.getLong(1),
				order.ref());
		assertThat(recorded).as("the failed partitions' saved counts run ahead of their committed cards")
			.isGreaterThan(cardsDone(order));

		resumeCompletes(order);
		nothingLeftToResume(order);
	}

	private CardmintProcess order(TestOrder order) throws Exception {
		return CardmintProcess.start(dataDir, LOGS, order.ref() + "-order", "order",
				order.writeManifest(work).toString());
	}

	private void resumeCompletes(TestOrder order) throws Exception {
		CardmintProcess resume = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume",
				"resume", order.ref());
		assertThat(resume.waitFor(600)).as(resume.describe()).isZero();
		assertThat(resume.stdout()).as(resume.describe()).contains("status:      completed");
		assertNoStackTrace(resume);
		new CompletedOrderCheck(db, dataDir, work).assertComplete(order);
	}

	private void nothingLeftToResume(TestOrder order) throws Exception {
		CardmintProcess again = CardmintProcess.start(dataDir, LOGS, order.ref() + "-resume-again",
				"resume", order.ref());
		assertThat(again.waitFor(120)).as(again.describe()).isZero();
		assertThat(again.stderr()).as(again.describe())
			.contains("is completed")
			.contains("its print file cannot be rebuilt: nothing can reproduce its tokens and PINs");
	}

	private static void assertNoStackTrace(CardmintProcess child) throws Exception {
		assertThat(child.stderr().lines().filter((line) -> line.startsWith("\tat ")))
			.as("stack trace lines on stderr of %s", child.describe())
			.isEmpty();
		assertThat(child.stdout()).as(child.describe()).doesNotContain("\tat ");
	}

	/** Polls every 20 ms; fails if the child ends first (it finished before it could be hit). */
	private static void awaitOrFail(CardmintProcess child, BooleanSupplier condition, String what) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (!condition.getAsBoolean()) {
			if (!child.isAlive()) {
				throw new AssertionError("the child ended before " + what + " could be interrupted\n" + child.describe());
			}
			if (Instant.now().isAfter(deadline)) {
				child.kill();
				throw new AssertionError("timed out waiting for " + what + "\n" + child.describe());
			}
			Thread.sleep(20);
		}
	}

	private static long cardsDone(TestOrder order) {
		try {
			return query("SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ?", (rs) -> rs.getLong(1),
					order.account(), order.ref());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String lastExecutionStatus(TestOrder order) throws SQLException {
		return query("""
				SELECT e.STATUS FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.account_id = ? AND o.order_ref = ? ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1""",
				(rs) -> rs.getString(1), order.account(), order.ref());
	}

	private static String stepStatus(TestOrder order, String step) throws SQLException {
		return query("""
				SELECT s.STATUS FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'order.id'
				JOIN card_order o ON CAST(o.id AS CHAR) = p.PARAMETER_VALUE
				WHERE o.account_id = ? AND o.order_ref = ? AND s.STEP_NAME = ? ORDER BY s.STEP_EXECUTION_ID DESC LIMIT 1""",
				(rs) -> rs.getString(1), order.account(), order.ref(), step);
	}

	/** KILL CONNECTION for every connection to the test database but this test's own. */
	private static int killOtherConnections() throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement ps = db.prepareStatement(
				"SELECT id FROM information_schema.processlist WHERE db = ? AND user = 'root' AND id <> CONNECTION_ID()")) {
			ps.setString(1, TestDatabase.NAME);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					ids.add(rs.getLong(1));
				}
			}
		}
		int killed = 0;
		try (Statement statement = db.createStatement()) {
			for (long id : ids) {
				try {
					statement.execute("KILL CONNECTION " + id);
					killed++;
				}
				catch (SQLException ex) {
					// gone by itself meanwhile
				}
			}
		}
		return killed;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	interface Row<T> {

		T map(ResultSet rs) throws SQLException;

	}

	private static <T> T query(String sql, Row<T> row, Object... params) throws SQLException {
		try (PreparedStatement ps = db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? row.map(rs) : null;
			}
		}
	}

}
