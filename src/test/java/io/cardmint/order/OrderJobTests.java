package io.cardmint.order;

import io.cardmint.support.TokenHash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.cardmint.support.Sha256.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders of each kind run to COMPLETED; the print file, read by gpg, holds exactly the order's cards. */
class OrderJobTests extends OrderJobTestSupport {

	@Autowired
	OrderIntake intake;

	@Autowired
	OrderRunner runner;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Orders orders;

	@Test
	void countedOrderMakesExactlyItsCardsAndAPrintFileThatGpgReads() throws Exception {
		Order order = this.intake.accept(manifest("""
				{"order_ref": "CNT-001", "account_id": "T60000001", "manufacturer": "demo", "count": 1200,
				 "card_id": {"prefix": "CNT-", "start": 1, "digits": 8},
				 "options": {"pin": {"format": {"length": 4, "numbers": true}},
				             "card_token": {"format": {"length": 16, "numbers": true, "barcode": true}}},
				 "print": {"denomination": "500 NOK", "design": "XMAS-26"}}
				"""));
		OrderRunner.Outcome outcome = this.runner.run(order).orElseThrow();
		assertThat(outcome.status()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);

		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT card_id, card_index, status, balance, token_hash FROM card
				WHERE account_id = 'T60000001' AND order_ref = 'CNT-001' ORDER BY card_index""");
		assertThat(rows).hasSize(1200);
		for (int i = 0; i < rows.size(); i++) {
			assertThat(rows.get(i).get("card_index")).isEqualTo((long) i);
			assertThat(rows.get(i).get("card_id")).isEqualTo(String.format("CNT-%08d", i + 1));
			assertThat(rows.get(i).get("status")).isEqualTo("inactive");
			assertThat(rows.get(i).get("balance")).isEqualTo(0L);
		}

		Path file = outbox("T60000001").resolve("CNT-001.csv.pgp");
		List<String> lines = decrypt(file);
		assertThat(lines.get(0)).isEqualTo("card_id,card_token,pin,barcode,denomination,design");
		assertThat(lines).hasSize(1201);
		Set<String> tokens = new HashSet<>();
		TokenHash expectedHash = TokenHash.fromKeyFile(DATA_DIR.resolve("master.key"));
		for (int i = 1; i < lines.size(); i++) {
			String[] fields = lines.get(i).split(",");
			assertThat(fields[0]).isEqualTo(rows.get(i - 1).get("card_id"));
			assertThat(fields[1]).matches("\\d{16}");
			assertThat(fields[2]).matches("\\d{4}");
			assertThat(fields[3]).isEqualTo(fields[1]);
			assertThat(fields[4]).isEqualTo("500 NOK");
			assertThat(fields[5]).isEqualTo("XMAS-26");
			assertThat(expectedHash.of("T60000001", fields[1])).isEqualTo(rows.get(i - 1).get("token_hash"));
			tokens.add(fields[1]);
		}
		assertThat(tokens).hasSize(1200);

		JsonNode control = this.json.readTree(outbox("T60000001").resolve("CNT-001.control.json").toFile());
		assertThat(control.path("order_ref").asString()).isEqualTo("CNT-001");
		assertThat(control.path("total_records").asLong()).isEqualTo(1200);
		assertThat(control.path("files").get(0).path("name").asString()).isEqualTo("CNT-001.csv.pgp");
		assertThat(control.path("files").get(0).path("records").asLong()).isEqualTo(1200);
		assertThat(control.path("files").get(0).path("sha256").asString()).isEqualTo(sha256(file));
		assertThat(this.jdbc.queryForObject("SELECT sealed_secret IS NULL FROM card_order WHERE order_ref = 'CNT-001'",
				Boolean.class)).as("batch secret destroyed").isTrue();
		try (Stream<Path> files = Files.list(outbox("T60000001"))) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrder("CNT-001.csv.pgp", "CNT-001.control.json");
		}
	}

	@Test
	void listedOrderMakesTheListedCardsWithTheirTypes() throws Exception {
		Order order = this.intake.accept(manifest("""
				{"order_ref": "LIST-001", "account_id": "T60000002", "manufacturer": "demo",
				 "cards": [{"card_id": "VIP-A", "type": "gift_card"}, {"card_id": "VIP-B"},
				           {"card_id": "CN-1", "type": "credit_note"}],
				 "options": {"card_token": {"format": {"length": 10, "prefix": "AC", "characters": true, "numbers": true}}}}
				"""));
		assertThat(this.runner.run(order).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList(
				"SELECT CONCAT(card_id, ':', type) FROM card WHERE account_id = 'T60000002' ORDER BY card_index",
				String.class))
			.containsExactly("VIP-A:gift_card", "VIP-B:gift_card", "CN-1:credit_note");
		List<String> lines = decrypt(outbox("T60000002").resolve("LIST-001.csv.pgp"));
		assertThat(lines.get(0)).isEqualTo("card_id,card_token,pin");
		assertThat(lines.subList(1, 4)).allSatisfy((line) -> assertThat(line).matches("[A-Z-1]+,AC[A-Za-z0-9]{10},"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM order_card", Long.class)).as("staging emptied")
			.isZero();
	}

	/**
	 * A first attempt that committed one staging batch, then died: the restarted step stages
	 * only the rest (staging them all again would meet the staged ones as repeats).
	 */
	@Test
	void aListedOrderWhoseStagingWasCutShortStagesOnlyTheRestWhenRun() throws Exception {
		int count = 2 * ListedCardStager.BATCH + 17;
		StringBuilder cards = new StringBuilder();
		List<ListedCard> firstBatch = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			String cardId = "ST-%05d".formatted(i);
			cards.append((i > 0) ? "," : "").append("{\"card_id\": \"").append(cardId).append("\"}");
			if (i < ListedCardStager.BATCH) {
				firstBatch.add(new ListedCard(i, cardId, io.cardmint.card.CardType.GIFT_CARD));
			}
		}
		Order order = this.intake.accept(manifest("""
				{"order_ref": "STAGE-CUT", "account_id": "T60000009", "manufacturer": "demo", "cards": [%s]}
				""".formatted(cards)));
		this.orders.stage(order.id(), firstBatch);

		OrderRunner.Outcome outcome = this.runner.run(order).orElseThrow();

		assertThat(outcome.completed()).as(outcome.message()).isTrue();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM card WHERE account_id = 'T60000009' AND card_index = CAST(SUBSTRING(card_id, 4) AS UNSIGNED)",
				Long.class)).as("each listed card, at its own index").isEqualTo(count);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = 'T60000009'", Long.class))
			.isEqualTo(count);
	}

	@Test
	void largeOrderIsSplitIntoNumberedFiles() throws Exception {
		Order order = this.intake.accept(manifest("""
				{"order_ref": "SPLIT-001", "account_id": "T60000003", "manufacturer": "split", "count": 1000,
				 "card_id": {"prefix": "S", "digits": 6}}
				"""));
		assertThat(this.runner.run(order).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETED);
		JsonNode control = this.json.readTree(outbox("T60000003").resolve("SPLIT-001.control.json").toFile());
		assertThat(control.path("files").valueStream().map((file) -> file.path("name").asString()))
			.containsExactly("SPLIT-001-0001.csv.pgp", "SPLIT-001-0002.csv.pgp", "SPLIT-001-0003.csv.pgp");
		assertThat(control.path("files").valueStream().map((file) -> file.path("records").asLong()))
			.containsExactly(400L, 400L, 200L);
		int next = 1;
		for (JsonNode entry : control.path("files")) {
			Path file = outbox("T60000003").resolve(entry.path("name").asString());
			assertThat(sha256(file)).isEqualTo(entry.path("sha256").asString());
			List<String> lines = decrypt(file);
			assertThat(lines.get(0)).isEqualTo("card_id,card_token,pin");
			for (String line : lines.subList(1, lines.size())) {
				assertThat(line).startsWith(String.format("S%06d,", next++));
			}
		}
		assertThat(next).isEqualTo(1001);
	}

	@Test
	void signedPrintFileVerifiesWithGpg() throws Exception {
		Order order = this.intake.accept(manifest("""
				{"order_ref": "SIGNED-001", "account_id": "T60000004", "manufacturer": "signed", "count": 10,
				 "card_id": {"prefix": "SG", "digits": 4}}
				"""));
		assertThat(this.runner.run(order).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETED);
		Decrypted decrypted = decryptWithStatus(outbox("T60000004").resolve("SIGNED-001.csv.pgp"));
		assertThat(decrypted.lines()).hasSize(11);
		assertThat(decrypted.status()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG");
	}

	@Test
	void tinyTokenSpaceRegeneratesCollisionsAndLosesNoCard() throws Exception {
		String format = "\"options\": {\"card_token\": {\"format\": {\"length\": 5, \"numbers\": true}}}";
		Order first = this.intake.accept(manifest("{\"order_ref\": \"TINY-1\", \"account_id\": \"T60000005\", "
				+ "\"manufacturer\": \"demo\", \"count\": 1000, \"card_id\": {\"prefix\": \"A\", \"digits\": 5}, "
				+ format + "}"));
		assertThat(this.runner.run(first).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETED);
		Order second = this.intake.accept(manifest("{\"order_ref\": \"TINY-2\", \"account_id\": \"T60000005\", "
				+ "\"manufacturer\": \"demo\", \"count\": 2000, \"card_id\": {\"prefix\": \"B\", \"digits\": 5}, "
				+ format + "}"));
		assertThat(this.runner.run(second).orElseThrow().status()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = 'T60000005'", Long.class))
			.isEqualTo(3000);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(DISTINCT token_hash) FROM card WHERE account_id = 'T60000005'", Long.class))
			.isEqualTo(3000);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM card WHERE account_id = 'T60000005' AND token_attempt > 0", Long.class))
			.as("collisions were drawn again").isPositive();
		Set<String> tokens = new HashSet<>();
		for (String ref : List.of("TINY-1", "TINY-2")) {
			List<String> lines = decrypt(outbox("T60000005").resolve(ref + ".csv.pgp"));
			lines.subList(1, lines.size()).forEach((line) -> tokens.add(line.split(",")[1]));
		}
		assertThat(tokens).hasSize(3000).allSatisfy((token) -> assertThat(token).matches("\\d{5}"));
	}

	/**
	 * Spring Batch marks an execution UNKNOWN when it cannot record a step's end (the database
	 * went away mid-commit) and will not restart it. The order's job can be restarted: its
	 * readers start from the cards the database holds. The execution is failed here by refusing
	 * the print step, then marked as Spring Batch marks it, with the generation step UNKNOWN.
	 */
	@Test
	void anExecutionLeftUnknownResumesFromTheCardsTheDatabaseHolds() throws Exception {
		Order order = this.intake.accept(manifest("""
				{"order_ref": "UNK-001", "account_id": "T60000006", "manufacturer": "demo", "count": 700,
				 "card_id": {"prefix": "U", "digits": 5}}
				"""));
		this.jdbc.execute("""
				CREATE TRIGGER order_job_refuse_print BEFORE INSERT ON BATCH_STEP_EXECUTION FOR EACH ROW
				IF NEW.STEP_NAME = 'writePrintFile' THEN
					SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected: no print step';
				END IF""");
		OrderRunner.Outcome failed;
		try {
			failed = this.runner.run(order).orElseThrow();
		}
		finally {
			this.jdbc.execute("DROP TRIGGER order_job_refuse_print");
		}
		assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
		Long execution = this.jdbc.queryForObject("""
				SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION_PARAMS
				WHERE PARAMETER_NAME = 'order.id' AND PARAMETER_VALUE = ?""", Long.class, String.valueOf(order.id()));
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN' WHERE JOB_EXECUTION_ID = ?", execution);
		assertThat(this.jdbc.update("""
				UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN'
				WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'generateCards'""", execution)).isOne();
		// a partition whose own end was never recorded either (seen when connections are cut)
		assertThat(this.jdbc.update("""
				UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL
				WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'generateCardsPartition%' ORDER BY STEP_EXECUTION_ID
				LIMIT 1""", execution)).isOne();

		OrderRunner.Outcome resumed = this.runner.run(order).orElseThrow();
		assertThat(resumed.status()).as(resumed.message()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(DISTINCT card_index) FROM card WHERE account_id = 'T60000006'", Long.class))
			.isEqualTo(700);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = 'T60000006'", Long.class))
			.isEqualTo(700);
		assertThat(decrypt(outbox("T60000006").resolve("UNK-001.csv.pgp"))).hasSize(701);
	}

	/** The test framework pauses a cached context (stops its lifecycle) and starts it again. */
	@Test
	void aRunnerStartedAgainAfterAStopRunsOrders() throws Exception {
		this.runner.stop();
		this.runner.start();
		Order order = this.intake.accept(manifest("""
				{"order_ref": "RESTARTED-001", "account_id": "T60000007", "manufacturer": "demo", "count": 5,
				 "card_id": {"prefix": "R", "digits": 4}}
				"""));
		assertThat(this.runner.run(order)).map(OrderRunner.Outcome::status).contains(BatchStatus.COMPLETED);
	}

}
