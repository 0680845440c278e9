package io.cardmint.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.cardmint.delivery.TestSftpServer;
import io.cardmint.print.OpenPgpKeys;
import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.cardmint.support.Sha256.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders over HTTP against the real server, MariaDB and a real SFTP server (Apache MINA SSHD):
 * 202 + Location, progress, the delivered files and their sha256, an unknown host key, an
 * outage mid-upload and its resume, auth, errors, and the operations endpoints.
 */
@DirtiesContext
class OrderHttpTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T20000001";

	private static final String ORDERS = "/v1/accounts/" + ACCOUNT + "/wallets/cards/batch-orders";

	private static TestSftpServer sftp;

	private static Path sftpInbox;

	@Autowired
	OrderRunner runner;

	@Autowired
	Orders orders;

	@DynamicPropertySource
	static void manufacturers(DynamicPropertyRegistry registry) throws Exception {
		Path work = Files.createTempDirectory("cardmint-http-");
		sftp = TestSftpServer.start(work);
		sftpInbox = Files.createDirectories(sftp.root().resolve("inbox"));
		Path publicKey = work.resolve("acme.pub.asc");
		OpenPgpKeys.generateDemoKeyPair(publicKey, work.resolve("acme.sec.asc"), "acme <acme@example.invalid>");
		Path strangerHosts = work.resolve("stranger_known_hosts");
		Files.writeString(strangerHosts,
				TestSftpServer.knownHostsLine(sftp.port(), TestSftpServer.newKeyPair().getPublic()) + "\n");
		for (String id : List.of("acme", "stranger")) {
			String prefix = "cardmint.manufacturers." + id + ".";
			registry.add(prefix + "public-key-file", publicKey::toString);
			registry.add(prefix + "sftp.host", () -> TestSftpServer.HOST);
			registry.add(prefix + "sftp.port", sftp::port);
			registry.add(prefix + "sftp.username", () -> TestSftpServer.USERNAME);
			registry.add(prefix + "sftp.private-key-file", () -> sftp.clientKeyFile().toString());
			registry.add(prefix + "sftp.remote-dir", () -> "/inbox");
		}
		registry.add("cardmint.manufacturers.acme.sftp.known-hosts-file", () -> sftp.knownHostsFile().toString());
		registry.add("cardmint.manufacturers.stranger.sftp.known-hosts-file", strangerHosts::toString);
		registry.add("cardmint.order.grid-size", () -> "2");
	}

	@AfterAll
	static void stopSftp() throws IOException {
		sftp.close();
	}

	@Test
	void anOrderPostedOverHttpIsDeliveredWithExactlyItsFilesAndTheirSha256() throws Exception {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response posted = api.post(ORDERS, token, manifest("HTTP-1", ACCOUNT, "acme", 3000));
		assertThat(posted.status()).as(posted.body()).isEqualTo(202);
		assertThat(posted.json().path("order_ref").asString()).isEqualTo("HTTP-1");
		assertThat(posted.json().path("cards").path("total").asLong()).isEqualTo(3000);

		JsonNode done = awaitStatus(api, token, "HTTP-1", "completed");

		assertThat(done.path("step").asString()).isEqualTo("destroyBatchSecret");
		assertThat(done.path("cards").path("done").asLong()).isEqualTo(3000);
		assertThat(done.path("secret_destroyed").asBoolean()).isTrue();
		assertThat(done.has("error_message")).isFalse();
		JsonNode files = done.path("files");
		assertThat(files).hasSize(1);
		assertThat(files.get(0).path("name").asString()).isEqualTo("HTTP-1.csv.pgp");
		JsonNode delivered = done.path("delivery").path("files");
		assertThat(delivered).extracting((file) -> file.path("name").asString())
			.containsExactly("HTTP-1.csv.pgp", "HTTP-1.control.json");
		for (JsonNode file : delivered) {
			assertThat(sha256(sftpInbox.resolve(file.path("name").asString())))
				.isEqualTo(file.path("sha256").asString());
			assertThat(file.path("remote_path").asString()).isEqualTo("/inbox/" + file.path("name").asString());
		}
		assertThat(delivered.get(0).path("sha256").asString()).isEqualTo(files.get(0).path("sha256").asString());
		assertThat(namesIn(sftpInbox)).filteredOn((name) -> name.startsWith("HTTP-1"))
			.containsExactlyInAnyOrder("HTTP-1.csv.pgp", "HTTP-1.control.json");
		Path localDir = DATA_DIR.resolve("outbox").resolve(ACCOUNT);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.alias("the local copies are removed once the SFTP delivery is confirmed")
			.until(() -> !Files.exists(localDir.resolve("HTTP-1.csv.pgp")) && !Files.exists(localDir.resolve("HTTP-1.control.json")));
	}

	@Test
	void aServerWithAnUnknownHostKeyIsRefusedAndTheSecretKept() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.ADMIN);
		assertThat(api.post(ORDERS, token, manifest("HTTP-STRANGER", ACCOUNT, "stranger", 200)).status())
			.isEqualTo(202);

		JsonNode failed = awaitStatus(api, token, "HTTP-STRANGER", "failed");

		assertThat(failed.path("step").asString()).isEqualTo("deliver");
		assertThat(failed.path("error_message").asString()).contains("host key of 127.0.0.1:" + sftp.port() + " is not in known_hosts");
		assertThat(failed.path("secret_destroyed").asBoolean()).isFalse();
		assertThat(failed.has("delivery")).isFalse();
		assertThat(namesIn(sftpInbox)).noneMatch((name) -> name.contains("HTTP-STRANGER"));
	}

	@Test
	void anOutageMidUploadFailsTheOrderAndResumeLeavesOneCompleteCopyThenShredsTheSecret() throws Exception {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		AtomicBoolean outage = sftp.failDuringUpload("HTTP-OUTAGE", 32 * 1024, Duration.ZERO);
		assertThat(api.post(ORDERS, token, manifest("HTTP-OUTAGE", ACCOUNT, "acme", 20000)).status())
			.isEqualTo(202);

		JsonNode failed = awaitStatus(api, token, "HTTP-OUTAGE", "failed");
		assertThat(outage.get()).isTrue();
		assertThat(failed.path("step").asString()).isEqualTo("deliver");
		assertThat(failed.path("secret_destroyed").asBoolean()).isFalse();
		assertThat(namesIn(sftpInbox)).filteredOn((name) -> name.contains("HTTP-OUTAGE"))
			.containsExactly(".HTTP-OUTAGE.csv.pgp.part");

		sftp.start();
		Order order = this.orders.find(ACCOUNT, "HTTP-OUTAGE").orElseThrow();
		OrderRunner.Outcome outcome = this.runner.run(order).orElseThrow();

		assertThat(outcome.completed()).as(outcome.message()).isTrue();
		JsonNode done = api.get(ORDERS + "/HTTP-OUTAGE", token).json();
		assertThat(done.path("status").asString()).isEqualTo("completed");
		assertThat(done.path("secret_destroyed").asBoolean()).isTrue();
		assertThat(namesIn(sftpInbox)).filteredOn((name) -> name.contains("HTTP-OUTAGE"))
			.containsExactlyInAnyOrder("HTTP-OUTAGE.csv.pgp", "HTTP-OUTAGE.control.json");
		for (JsonNode file : done.path("delivery").path("files")) {
			assertThat(sha256(sftpInbox.resolve(file.path("name").asString())))
				.isEqualTo(file.path("sha256").asString());
		}
		assertThat(sha256(sftpInbox.resolve("HTTP-OUTAGE.csv.pgp"))).isEqualTo(done.path("files").get(0).path("sha256").asString());
		Path local = DATA_DIR.resolve("outbox").resolve(ACCOUNT).resolve("HTTP-OUTAGE.csv.pgp");
		assertThat(local).as("the local copy is removed once the SFTP delivery is confirmed").doesNotExist();
	}

	@Test
	void aRejectedManifestIsA400WithTheReasonAndLeavesNoOrder() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response rejected = api.malformed().post(ORDERS, token, manifest("HTTP-BAD", ACCOUNT, "nobody", 10));
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.errorCode()).isEqualTo("invalid_manifest");
		assertThat(rejected.errorMessage()).contains("unknown manufacturer 'nobody'");
		assertThat(api.get(ORDERS + "/HTTP-BAD", token).status()).isEqualTo(404);
		assertThat(api.get(ORDERS + "/HTTP-BAD", token).errorCode()).isEqualTo("not_found");

		Api.Response first = api.post(ORDERS, token, manifest("HTTP-TWICE", ACCOUNT, "demo", 5));
		assertThat(first.status()).isEqualTo(202);
		Api.Response again = api.post(ORDERS, token, manifest("HTTP-TWICE", ACCOUNT, "demo", 5));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.errorCode()).isEqualTo("order_exists");
		assertThat(again.errorMessage()).contains("never runs twice");

		Api.Response broken = api.malformed().post(ORDERS, token, "{\"order_ref\": ");
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.errorCode()).isEqualTo("invalid_manifest");
	}

	/**
	 * A listed card id repeated is found by the job's first step, after the 202: the order reads
	 * {@code rejected} with the reason, and its order_ref is free for the corrected manifest.
	 */
	@Test
	void aListedManifestWithARepeatedCardIdIsAcceptedThenRejectedByItsJob() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		String repeated = """
				{"order_ref": "HTTP-LIST", "account_id": "%s", "manufacturer": "demo",
				 "cards": [{"card_id": "HL-1"}, {"card_id": "HL-2"}, {"card_id": "HL-1"}]}""".formatted(ACCOUNT);
		assertThat(api.post(ORDERS, token, repeated).status()).isEqualTo(202);

		JsonNode rejected = awaitStatus(api, token, "HTTP-LIST", "rejected");

		assertThat(rejected.path("error_message").asString()).isEqualTo("cards[2].card_id 'HL-1' repeats cards[0]");
		assertThat(rejected.path("cards").path("done").asLong()).isZero();
		assertThat(rejected.path("secret_destroyed").asBoolean()).isTrue();
		assertThat(rejected.path("step").asString()).isEqualTo("stageCards");

		Api.Response again = api.post(ORDERS, token, repeated.replace("\"HL-1\"}]", "\"HL-3\"}]"));
		assertThat(again.status()).as(again.body()).isEqualTo(202);
		assertThat(awaitStatus(api, token, "HTTP-LIST", "completed").path("cards").path("done").asLong())
			.isEqualTo(3);
	}

	@Test
	void aManifestForAnotherAccountIsForbidden() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response response = api.post(ORDERS, token, manifest("HTTP-OTHER", "T29999999", "acme", 10));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.errorCode()).isEqualTo("forbidden");
		assertThat(this.orders.find("T29999999", "HTTP-OTHER")).isEmpty();
	}

	@Test
	void theSameAuthRulesAsTheRestOfTheApi() {
		Api api = api();
		String reader = api.token(ACCOUNT, Scopes.READ);
		assertThat(api.post(ORDERS, reader, manifest("HTTP-AUTH", ACCOUNT, "acme", 10)).status()).isEqualTo(403);
		assertThat(api.post(ORDERS, null, manifest("HTTP-AUTH", ACCOUNT, "acme", 10)).status()).isEqualTo(401);
		String otherAccount = api.token("T29999998", Scopes.ADMIN);
		assertThat(api.get(ORDERS + "/HTTP-1", otherAccount).status()).isEqualTo(403);
		assertThat(api.get(ORDERS + "/nothing-here", reader).status()).isEqualTo(404);
	}

	@Test
	void healthShowsTheDatabaseAndEachManufacturersSftp() throws Exception {
		Api api = api();
		assertThat(api.get("/actuator/health/db", null).status()).isEqualTo(200);
		assertThat(api.get("/actuator/health/sftp/acme", null).status()).isEqualTo(200);
		// its known_hosts holds another key: never reachable, so the whole sftp component is down
		assertThat(api.get("/actuator/health/sftp/stranger", null).status()).isEqualTo(503);
		assertThat(api.get("/actuator/health", null).json().path("status").asString()).isEqualTo("DOWN");
		assertThat(api.get("/actuator/health/readiness", null).status()).as("SFTP is not part of readiness")
			.isEqualTo(200);
		sftp.stop();
		try {
			// The check ran a moment ago: its result is reused for a minute instead of logging in again.
			assertThat(api.get("/actuator/health/sftp/acme", null).status()).isEqualTo(200);
		}
		finally {
			sftp.start();
		}
	}

	@Test
	void metricsAndOpenApiAreServed() {
		Api api = api();
		Api.Response prometheus = api.get("/actuator/prometheus", api.token(ACCOUNT, "admin:wallets"));
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("cardmint_orders{", "cardmint_cards_generated_total",
				"cardmint_cards_activated_total");

		Api.Response openApi = api.get("/v3/api-docs", null);
		assertThat(openApi.status()).as(openApi.body()).isEqualTo(200);
		assertThat(openApi.body()).contains("/v1/accounts/{aid}/wallets/cards/batch-orders/{order_ref}");
	}

	private static JsonNode awaitStatus(Api api, String token, String orderRef, String status) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
			Api.Response response = api.get(ORDERS + "/" + orderRef, token);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			last[0] = response.json();
			return status.equals(last[0].path("status").asString());
		});
		return last[0];
	}

	static String manifest(String orderRef, String account, String manufacturer, int count) {
		return """
				{"order_ref": "%s", "account_id": "%s", "manufacturer": "%s", "type": "gift_card", "count": %d,
				 "card_id": {"prefix": "%s-", "start": 1, "digits": 8},
				 "options": {"pin": {"format": {"length": 4, "numbers": true}},
				             "card_token": {"format": {"length": 16, "numbers": true}}},
				 "print": {"denomination": "500 NOK"}}
				""".formatted(orderRef, account, manufacturer, count, orderRef);
	}

	static List<String> namesIn(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
