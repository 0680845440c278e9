package io.cardmint.order;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Bad manifests are refused with a message that names the problem, and nothing is written. */
class ManifestRejectionTests extends OrderJobTestSupport {

	private static final String ACCOUNT = "T61000001";

	@Autowired
	OrderIntake intake;

	@Autowired
	OrderRunner runner;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Orders orders;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			malformed JSON        | {"order_ref": "BAD-1", "account_id": "T61000001",                                                    | not valid JSON
			not an object         | [1, 2]                                                                                              | must be a JSON object
			missing order_ref     | {"account_id": "T61000001", "manufacturer": "demo", "count": 5, "card_id": {"digits": 4}}          | order_ref is required
			bad account_id        | {"order_ref": "BAD-2", "account_id": "X1", "manufacturer": "demo", "count": 5, "card_id": {"digits": 4}} | account_id 'X1' must match
			count of wrong type   | {"order_ref": "BAD-3", "account_id": "T61000001", "manufacturer": "demo", "count": "ten", "card_id": {"digits": 4}} | count must be a whole number
			count too large       | {"order_ref": "BAD-4", "account_id": "T61000001", "manufacturer": "demo", "count": 10000001, "card_id": {"digits": 9}} | out of range
			digits too few        | {"order_ref": "BAD-5", "account_id": "T61000001", "manufacturer": "demo", "count": 100, "card_id": {"digits": 2}} | do not fit in 2 digits
			count and cards       | {"order_ref": "BAD-6", "account_id": "T61000001", "manufacturer": "demo", "count": 1, "card_id": {"digits": 2}, "cards": [{"card_id": "x"}]} | not both
			unknown field         | {"order_ref": "BAD-7", "account_id": "T61000001", "manufacturer": "demo", "cnt": 1}                | unknown field 'cnt'
			card_id spaces        | {"order_ref": "BAD-9", "account_id": "T61000001", "manufacturer": "demo", "cards": [{"card_id": "ok"}, {"card_id": " x"}]} | cards[1].card_id (line 1) ' x'
			unknown card type     | {"order_ref": "BAD-10", "account_id": "T61000001", "manufacturer": "demo", "cards": [{"card_id": "a", "type": "coupon"}]} | cards[0].type (line 1) must be gift_card or credit_note
			unknown manufacturer  | {"order_ref": "BAD-11", "account_id": "T61000001", "manufacturer": "nobody", "count": 5, "card_id": {"digits": 4}} | unknown manufacturer 'nobody'
			unreadable key        | {"order_ref": "BAD-12", "account_id": "T61000001", "manufacturer": "broken", "count": 5, "card_id": {"digits": 4}} | manufacturer 'broken'
			infeasible format     | {"order_ref": "BAD-13", "account_id": "T61000001", "manufacturer": "demo", "count": 60000, "card_id": {"digits": 6}, "options": {"card_token": {"format": {"length": 5, "numbers": true}}}} | options.card_token.format
			invalid pin format    | {"order_ref": "BAD-14", "account_id": "T61000001", "manufacturer": "demo", "count": 5, "card_id": {"digits": 4}, "options": {"pin": {"format": {"numbers": true}}}} | options.pin.format.length
			format of wrong type  | {"order_ref": "BAD-15", "account_id": "T61000001", "manufacturer": "demo", "count": 5, "card_id": {"digits": 4}, "options": {"pin": {"format": {"length": "four"}}}} | options.pin.format.length must be a whole number
			bad print column      | {"order_ref": "BAD-16", "account_id": "T61000001", "manufacturer": "demo", "count": 5, "card_id": {"digits": 4}, "print": {"pin": "x"}} | print.pin is not a usable column name
			order_ref as file name| {"order_ref": "../etc", "account_id": "T61000001", "manufacturer": "demo", "count": 5, "card_id": {"digits": 4}} | order_ref '../etc' must be
			""")
	void refusesAndWritesNothing(String problem, String manifest, String message) throws Exception {
		assertThatExceptionOfType(ManifestException.class).isThrownBy(() -> this.intake.accept(manifest(manifest)))
			.withMessageContaining(message);
		assertNothingWritten();
	}

	@Test
	void reusedOrderRefIsRefusedAndTheFirstOrderIsUntouched() throws Exception {
		String manifest = """
				{"order_ref": "ONCE-1", "account_id": "T61000002", "manufacturer": "demo", "count": 3, "card_id": {"prefix": "O", "digits": 3}}
				""";
		this.runner.run(this.intake.accept(manifest(manifest)));
		assertThatExceptionOfType(ManifestException.class).isThrownBy(() -> this.intake.accept(manifest(manifest)))
			.withMessageContaining("order_ref ONCE-1 is already used in account T61000002")
			.withMessageContaining("never runs twice");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = 'T61000002'", Long.class))
			.isEqualTo(3);
	}

	@Test
	void cardIdsAlreadyInTheAccountAreRefusedForBothKinds() throws Exception {
		this.runner.run(this.intake.accept(manifest("""
				{"order_ref": "USED-1", "account_id": "T61000003", "manufacturer": "demo", "count": 5, "card_id": {"prefix": "U-", "digits": 4}}
				""")));
		assertThatExceptionOfType(ManifestException.class).isThrownBy(() -> this.intake.accept(manifest("""
				{"order_ref": "USED-2", "account_id": "T61000003", "manufacturer": "demo", "count": 10, "card_id": {"prefix": "U-", "start": 4, "digits": 4}}
				"""))).withMessageContaining("card_id already used in account T61000003: [U-0004, U-0005]");
		// a listed manifest's card ids are checked by its job's first step
		OrderRunner.Outcome listed = this.runner.run(this.intake.accept(manifest("""
				{"order_ref": "USED-3", "account_id": "T61000003", "manufacturer": "demo", "cards": [{"card_id": "new-1"}, {"card_id": "U-0002"}]}
				"""))).orElseThrow();
		assertThat(listed.rejected()).as(listed.message()).isTrue();
		assertThat(listed.message()).isEqualTo("card_id already used in account T61000003: [U-0002]");
		assertThat(this.jdbc.queryForList("SELECT card_id FROM card WHERE account_id = 'T61000003' ORDER BY card_id",
				String.class)).containsExactly("U-0001", "U-0002", "U-0003", "U-0004", "U-0005");
		assertThat(this.jdbc.queryForList("SELECT order_ref FROM card_order WHERE account_id = 'T61000003' ORDER BY id",
				String.class)).containsExactly("USED-1", "USED-3");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM order_card", Long.class)).isZero();
	}

	/**
	 * A repeat found by the job, here across staging batches: the order ends rejected with the
	 * reason, with no card, no staged id, no print file and no batch secret left; its order_ref
	 * may then be used again for the corrected manifest.
	 */
	@Test
	void aListedCardIdRepeatedFarApartIsRejectedByTheJobAndItsOrderRefFreed() throws Exception {
		String account = "T61000004";
		int count = ListedCardStager.BATCH + 10;
		String withRepeat = listed("REPEAT-1", account, count, ListedCardStager.BATCH + 3, 7);
		Order order = this.intake.accept(manifest(withRepeat));
		assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);

		OrderRunner.Outcome outcome = this.runner.run(order).orElseThrow();

		String reason = "cards[" + (ListedCardStager.BATCH + 3) + "].card_id 'L-00007' repeats cards[7]";
		assertThat(outcome.rejected()).as(outcome.message()).isTrue();
		assertThat(outcome.message()).isEqualTo(reason);
		Order rejected = this.orders.require(order.id());
		assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(rejected.error()).isEqualTo(reason);
		assertThat(this.jdbc.queryForObject("SELECT sealed_secret IS NULL AND secret_destroyed_at IS NOT NULL FROM card_order WHERE id = ?",
				Boolean.class, order.id())).as("batch secret destroyed").isTrue();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = ?", Long.class, account))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM order_card WHERE order_id = ?", Long.class,
				order.id())).isZero();
		assertThat(Files.exists(outbox(account))).isFalse();
		assertThat(DATA_DIR.resolve("manifests").resolve(account).resolve("REPEAT-1.listed.json")).doesNotExist();
		assertThat(this.runner.unfinished("REPEAT-1")).as("nothing to resume").isEmpty();

		OrderRunner.Outcome corrected = this.runner
			.run(this.intake.accept(manifest(listed("REPEAT-1", account, count, -1, -1))))
			.orElseThrow();

		assertThat(corrected.completed()).as(corrected.message()).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(DISTINCT card_id) FROM card WHERE account_id = ?",
				Long.class, account)).isEqualTo(count);
	}

	/** {@code count} listed cards L-00000…; the card at {@code at} (if ≥ 0) repeats the id of card {@code of}. */
	private static String listed(String ref, String account, int count, int at, int of) {
		StringBuilder cards = new StringBuilder();
		for (int i = 0; i < count; i++) {
			cards.append((i > 0) ? "," : "").append("{\"card_id\": \"L-%05d\"}".formatted((i == at) ? of : i));
		}
		return """
				{"order_ref": "%s", "account_id": "%s", "manufacturer": "demo", "cards": [%s]}
				""".formatted(ref, account, cards);
	}

	private void assertNothingWritten() throws Exception {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card_order WHERE account_id = ?", Long.class, ACCOUNT))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = ?", Long.class, ACCOUNT))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM order_card", Long.class)).isZero();
		assertThat(Files.exists(outbox(ACCOUNT))).isFalse();
	}

}
