package io.cardmint.order;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code serve} process killed with SIGKILL in the middle of an order; another {@code serve}
 * process started on the same MariaDB finishes the order by itself. Both are child JVMs on the
 * test class path; the order comes in through the inbox.
 */
class ServeRecoveryTests {

	private static final int CARDS = 300_000;

	@TempDir
	Path tmp;

	@Test
	void aServeProcessKilledMidOrderIsFinishedByTheNextOneByItself() throws Exception {
		String url = TestDatabase.url().replace(TestDatabase.NAME + "?", TestDatabase.NAME + "_serve?");
		TestDatabase.execute("DROP DATABASE IF EXISTS " + TestDatabase.NAME + "_serve");
		TestDatabase.execute("CREATE DATABASE " + TestDatabase.NAME + "_serve CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		Path inbox = Files.createDirectories(this.tmp.resolve("inbox"));
		Files.writeString(inbox.resolve("big.json"), """
				{"order_ref": "KILL-1", "account_id": "T40000001", "manufacturer": "demo", "type": "gift_card",
				 "count": %d, "card_id": {"prefix": "K-", "start": 1, "digits": 8},
				 "options": {"pin": {"format": {"length": 4, "numbers": true}}}}
				""".formatted(CARDS));

		Process first = serve(url, inbox, "first");
		Instant killedAt;
		long cardsAtKill;
		try {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
				.until(() -> first.isAlive() && cards(url) >= 30_000);
			first.destroyForcibly(); // SIGKILL: no shutdown hook, no listener, the lease is left to run out
			first.waitFor();
			killedAt = Instant.now();
			cardsAtKill = cards(url);
		}
		finally {
			first.destroyForcibly();
		}
		assertThat(cardsAtKill).isLessThan(CARDS);
		assertThat(query(url, "SELECT status FROM card_order WHERE order_ref = 'KILL-1'")).isEqualTo("running");

		Process second = serve(url, inbox, "second");
		try {
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
				.until(() -> "completed".equals(query(url, "SELECT status FROM card_order WHERE order_ref = 'KILL-1'")));
			System.out.printf("killed at %d cards; finished %d s after the kill%n", cardsAtKill,
					Duration.between(killedAt, Instant.now()).toSeconds());
			assertThat(cards(url)).isEqualTo(CARDS);
			assertThat(query(url, "SELECT COUNT(DISTINCT card_index) FROM card WHERE order_ref = 'KILL-1'"))
				.isEqualTo(Integer.toString(CARDS));
			assertThat(query(url, "SELECT sealed_secret IS NULL FROM card_order WHERE order_ref = 'KILL-1'"))
				.isIn("1", "true");
			assertThat(Integer.parseInt(query(url, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION"))).isEqualTo(2);
			await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(inbox.resolve("processed/big.json")));
		}
		finally {
			second.destroy();
			second.waitFor();
		}
	}

	private Process serve(String url, Path inbox, String name) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-cp",
				System.getProperty("java.class.path"), "io.cardmint.CardmintApplication", "serve", "--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + TestDatabase.username(),
				"--spring.datasource.password=" + TestDatabase.password(),
				"--cardmint.data-dir=" + this.tmp.resolve("data"), "--cardmint.master-key-create=true",
				"--cardmint.inbox.dir=" + inbox, "--cardmint.inbox.cron=*/1 * * * * *",
				"--cardmint.inbox.settle-time=0s", "--cardmint.inbox.stale-after=10s",
				"--cardmint.order.chunk-size=500", "--cardmint.order.grid-size=2", "--cardmint.recovery.interval=2s"));
		File log = this.tmp.resolve(name + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private static long cards(String url) throws SQLException {
		String count = query(url, "SELECT COUNT(*) FROM card WHERE order_ref = 'KILL-1'");
		return (count != null) ? Long.parseLong(count) : 0;
	}

	private static String query(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(), TestDatabase.password());
				Statement statement = connection.createStatement()) {
			ResultSet rs = statement.executeQuery(sql);
			return rs.next() ? rs.getString(1) : null;
		}
		catch (SQLException ex) {
			if (ex.getMessage().contains("doesn't exist")) {
				return null; // the schema is not there yet
			}
			throw ex;
		}
	}

}
