package io.cardmint.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.cardmint.CardmintApplication;
import io.cardmint.order.Order;
import io.cardmint.order.OrderStatus;
import io.cardmint.order.Orders;
import io.cardmint.print.OpenPgpKeys;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox of a {@code serve} process against the real MariaDB. The cron is off; the tests
 * call {@link InboxPoller#poll()} themselves, so every poll is one the test can see.
 */
@DirtiesContext
class InboxTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T30000001";

	private static final Path INBOX = temp("cardmint-inbox-");

	private static final Path KEYS = temp("cardmint-inbox-keys-");

	@Autowired
	InboxPoller poller;

	@Autowired
	Orders orders;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void serveMode(DynamicPropertyRegistry registry) {
		Path publicKey = KEYS.resolve("acme.pub.asc");
		OpenPgpKeys.generateDemoKeyPair(publicKey, KEYS.resolve("acme.sec.asc"), "acme <acme@example.invalid>");
		serveProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	private static java.util.Map<String, String> serveProperties() {
		return java.util.Map.of("cardmint.mode", "serve", "cardmint.inbox.dir", INBOX.toString(), "cardmint.inbox.cron",
				"-", "cardmint.recovery.enabled", "false", "cardmint.manufacturers.acme.public-key-file",
				KEYS.resolve("acme.pub.asc").toString(), "cardmint.order.grid-size", "2");
	}

	@Test
	void aHalfWrittenManifestWaitsUntilCompleteAndEachRunsOnceIntoItsFolder() throws Exception {
		String half = manifest("INBOX-HALF", 500);
		Path halfFile = INBOX.resolve("half.json");
		Files.writeString(halfFile, half.substring(0, half.length() / 2));
		drop("whole.json", manifest("INBOX-WHOLE", 300));
		drop("bad.json", manifest("INBOX-BAD", 10).replace("\"acme\"", "\"nobody\""));
		drop("repeat.json", """
				{"order_ref": "INBOX-REPEAT", "account_id": "%s", "manufacturer": "acme",
				 "cards": [{"card_id": "IR-1"}, {"card_id": "IR-1"}]}""".formatted(ACCOUNT));
		drop("partial.json.part", manifest("INBOX-PART", 10));
		drop(".hidden.json", manifest("INBOX-HIDDEN", 10));

		this.poller.poll();

		await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(INBOX.resolve("processed/whole.json")));
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(INBOX.resolve("failed/bad.json")));
		assertThat(Files.readString(INBOX.resolve("failed/bad.json.error.txt"))).contains("unknown manufacturer 'nobody'");
		// a repeated listed card id is found by the order's job, which then rejects the order
		await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(INBOX.resolve("failed/repeat.json")));
		assertThat(Files.readString(INBOX.resolve("failed/repeat.json.error.txt")))
			.contains("rejected: cards[1].card_id 'IR-1' repeats cards[0]");
		assertThat(this.orders.find(ACCOUNT, "INBOX-REPEAT").orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(halfFile).exists();
		assertThat(this.orders.find(ACCOUNT, "INBOX-HALF")).isEmpty();

		Files.writeString(halfFile, half);
		this.poller.poll();
		assertThat(halfFile).as("just written: not yet settled").exists();
		this.poller.poll();
		await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(INBOX.resolve("processed/half.json")));

		for (String ref : List.of("INBOX-HALF", "INBOX-WHOLE")) {
			Order order = this.orders.find(ACCOUNT, ref).orElseThrow();
			assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
			assertThat(jobExecutions(order)).isEqualTo(1);
		}
		assertThat(this.orders.findByRef("INBOX-BAD")).isEmpty();
		assertThat(names(INBOX)).containsExactlyInAnyOrder("partial.json.part", ".hidden.json", "processing",
				"processed", "failed");
		assertThat(names(INBOX.resolve("processing"))).isEmpty();
		assertThat(names(INBOX.resolve("processed"))).filteredOn((name) -> !name.startsWith("shared-"))
			.containsExactlyInAnyOrder("whole.json", "half.json");
		assertThat(names(INBOX.resolve("failed"))).containsExactlyInAnyOrder("bad.json", "bad.json.error.txt",
				"repeat.json", "repeat.json.error.txt");
	}

	@Test
	void twoInstancesOnOneDatabaseShareAnInboxWithoutRunningAnyManifestTwice() throws Exception {
		List<String> refs = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			refs.add("SHARED-" + i);
			drop("shared-" + i + ".json", manifest("SHARED-" + i, 200 + i));
		}
		try (ConfigurableApplicationContext other = secondInstance()) {
			InboxPoller otherPoller = other.getBean(InboxPoller.class);
			assertThat(other.getBean(InboxProperties.class).dir()).isEqualTo(INBOX);
			assertThat(other.getEnvironment().getProperty("cardmint.inbox.cron")).isEqualTo("-");
			ExecutorService both = Executors.newFixedThreadPool(2);
			try {
				await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
					Future<?> first = both.submit(this.poller::poll);
					Future<?> second = both.submit(otherPoller::poll);
					first.get();
					second.get();
					return names(INBOX.resolve("processed")).stream().filter((n) -> n.startsWith("shared-")).count() == 8;
				});
			}
			finally {
				both.shutdownNow();
			}
		}
		assertThat(names(INBOX.resolve("failed"))).noneMatch((name) -> name.startsWith("shared-"));
		assertThat(names(INBOX.resolve("processed"))).filteredOn((name) -> name.startsWith("shared-"))
			.hasSize(8)
			.allMatch((name) -> name.matches("shared-\\d\\.json"));
		for (int i = 1; i <= 8; i++) {
			Order order = this.orders.find(ACCOUNT, "SHARED-" + i).orElseThrow();
			assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
			assertThat(jobExecutions(order)).as("job executions of " + order.orderRef()).isEqualTo(1);
			assertThat(this.orders.cardsDone(order)).isEqualTo(200 + i);
		}
	}

	private ConfigurableApplicationContext secondInstance() {
		// Command-line arguments, not builder properties: those rank below application.properties.
		List<String> properties = new ArrayList<>();
		serveProperties().forEach((key, value) -> properties.add(key + "=" + value));
		properties.addAll(List.of("spring.datasource.url=" + TestDatabase.url(),
				"spring.datasource.username=" + TestDatabase.username(),
				"spring.datasource.password=" + TestDatabase.password(), "cardmint.data-dir=" + DATA_DIR,
				"cardmint.master-key-create=true"));
		return new SpringApplicationBuilder(CardmintApplication.class).web(WebApplicationType.NONE)
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private int jobExecutions(Order order) {
		return this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS
				WHERE PARAMETER_NAME = 'order.id' AND PARAMETER_VALUE = ?""", Integer.class, Long.toString(order.id()));
	}

	/** A complete file, last written a minute ago: settled at the first poll. */
	private static void drop(String name, String content) throws IOException {
		Path file = Files.writeString(INBOX.resolve(name), content);
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
	}

	static String manifest(String orderRef, int count) {
		return """
				{"order_ref": "%s", "account_id": "%s", "manufacturer": "acme", "type": "gift_card", "count": %d,
				 "card_id": {"prefix": "%s-", "start": 1, "digits": 8},
				 "options": {"pin": {"format": {"length": 4, "numbers": true}}}}
				""".formatted(orderRef, ACCOUNT, count, orderRef);
	}

	private static List<String> names(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temp(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
