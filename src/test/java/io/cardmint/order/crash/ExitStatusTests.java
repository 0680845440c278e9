package io.cardmint.order.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit status a script sees, from the real command line in a child JVM: 0 done, 1 failed
 * (resumable; see OrderCrashTests), 2 rejected input, 3 configuration error — a bad master key,
 * an unreachable database, a bad setting, or a new master key beside a database that already
 * holds cards.
 */
class ExitStatusTests {

	private static final Path LOGS = Path.of("target", "crash-logs");

	@TempDir
	static Path work;

	static Path dataDir;

	@BeforeAll
	static void orderOneCard() throws Exception {
		dataDir = Files.createDirectories(work.resolve("data"));
		TestOrder order = new TestOrder("EXIT-1", "T00000021", "EXT-", 1);
		CardmintProcess done = CardmintProcess.start(dataDir, LOGS, "exit-0", "order", order.writeManifest(work).toString());
		assertThat(done.waitFor(600)).as(done.describe()).isZero();
	}

	@Test
	void rejectedInputExitsWithTwo() throws Exception {
		CardmintProcess unknownOption = CardmintProcess.start(dataDir, LOGS, "exit-2-option", "orders", "--colour");
		assertThat(unknownOption.waitFor(600)).as(unknownOption.describe()).isEqualTo(2);
		CardmintProcess missing = CardmintProcess.start(dataDir, LOGS, "exit-2-manifest", "order",
				work.resolve("no-such.json").toString());
		assertThat(missing.waitFor(600)).as(missing.describe()).isEqualTo(2);
		assertThat(missing.stderr()).contains("does not exist");
	}

	@Test
	void aMasterKeyOthersCanReadExitsWithThree() throws Exception {
		Path other = Files.createDirectories(work.resolve("loose-key"));
		Path key = Files.copy(dataDir.resolve("master.key"), other.resolve("master.key"));
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
		CardmintProcess loose = CardmintProcess.start(dataDir, LOGS, "exit-3-key",
				Map.of("cardmint.master-key-file", key.toString()), "resume");
		assertThat(loose.waitFor(600)).as(loose.describe()).isEqualTo(3);
		assertThat(loose.stderr()).contains("cardmint: configuration error: master key file " + key
				+ " is accessible to others");
	}

	/**
	 * The embedded default creates a missing master key — but not beside a database that already
	 * holds cards (here: the H2 database of an earlier order, with the key file pointed elsewhere).
	 */
	@Test
	void aNewMasterKeyBesideADatabaseThatHoldsCardsIsRefusedWithThree() throws Exception {
		Path h2 = Files.createDirectories(work.resolve("h2"));
		Map<String, String> embedded = new java.util.HashMap<>(Map.of("spring.datasource.url", "-",
				"spring.datasource.username", "-", "spring.datasource.password", "-", "cardmint.master-key-create", "-"));
		TestOrder order = new TestOrder("EXIT-H2", "T00000022", "EH2-", 1);
		CardmintProcess first = CardmintProcess.start(h2, LOGS, "exit-0-h2", embedded, "order",
				order.writeManifest(work).toString());
		assertThat(first.waitFor(600)).as(first.describe()).isZero();

		Path elsewhere = h2.resolve("elsewhere").resolve("master.key");
		embedded.put("cardmint.master-key-file", elsewhere.toString());
		CardmintProcess refused = CardmintProcess.start(h2, LOGS, "exit-3-new-key", embedded, "resume");
		assertThat(refused.waitFor(600)).as(refused.describe()).isEqualTo(3);
		assertThat(refused.stderr()).as(refused.describe())
			.contains("refusing to create a new master key at " + elsewhere.toAbsolutePath())
			.contains("the database jdbc:h2:file:" + h2 + "/db/cardmint already holds 1 cards hashed with another key");
		assertThat(elsewhere).doesNotExist();
	}

	@Test
	void anUnreachableDatabaseExitsWithThree() throws Exception {
		CardmintProcess unreachable = CardmintProcess.start(dataDir, LOGS, "exit-3-db",
				Map.of("spring.datasource.url", "jdbc:mariadb://127.0.0.1:1/cardmint?connectTimeout=2000"), "resume");
		assertThat(unreachable.waitFor(600)).as(unreachable.describe()).isEqualTo(3);
		assertThat(unreachable.stderr()).contains("cardmint: configuration error: ");
		CardmintProcess listing = CardmintProcess.start(dataDir, LOGS, "exit-3-db-orders",
				Map.of("spring.datasource.url", "jdbc:mariadb://127.0.0.1:1/cardmint?connectTimeout=2000"), "orders");
		assertThat(listing.waitFor(600)).as(listing.describe()).isEqualTo(3);
	}

	@Test
	void aBadSettingExitsWithThree() throws Exception {
		CardmintProcess bad = CardmintProcess.start(dataDir, LOGS, "exit-3-setting",
				Map.of("cardmint.order.chunk-size", "lots"), "resume");
		assertThat(bad.waitFor(600)).as(bad.describe()).isEqualTo(3);
		assertThat(bad.stderr()).contains("cardmint: configuration error: ");
	}

	@Test
	void ordersListsTheOrderAsATableAndAsJson() throws Exception {
		CardmintProcess table = CardmintProcess.start(dataDir, LOGS, "exit-0-orders", "orders", "--account",
				"T00000021");
		assertThat(table.waitFor(600)).as(table.describe()).isZero();
		assertThat(table.stdout().lines()).hasSize(2);
		assertThat(table.stdout()).containsPattern("(?m)^ORDER_REF\\s+ACCOUNT\\s+STATUS\\s+CARDS")
			.containsPattern("(?m)^EXIT-1\\s+T00000021\\s+completed\\s+1/1\\s+destroyed");
		CardmintProcess json = CardmintProcess.start(dataDir, LOGS, "exit-0-orders-json", "orders", "--json",
				"--status", "completed", "--account", "T00000021");
		assertThat(json.waitFor(600)).as(json.describe()).isZero();
		assertThat(json.stdout()).contains("\"order_ref\" : \"EXIT-1\"").contains("\"cards_done\" : 1");
	}

}
