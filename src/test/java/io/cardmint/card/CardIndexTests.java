package io.cardmint.card;

import java.util.List;
import java.util.Map;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every index of card is paid for by every card an order writes (8–12% of a million-card load
 * each, bench/README.md), so each must be needed by a query, and each query named here must be
 * answered from its index (V15 says which in the table's comment). The statements explained are
 * the ones {@link Cards} runs; the print file's and a partition's restart point, which need
 * card_order_idx, are explained by OrderQueryPlanTests. A new index fails the first test until
 * its query is named here and in V15.
 */
class CardIndexTests {

	private static final String DATABASE = TestDatabase.NAME + "_card_index";

	private static final String ACCOUNT = "T45000005";

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void cards() {
		jdbc = new JdbcTemplate(TestDatabase.freshDatabase(DATABASE, "latest"));
		jdbc.update("INSERT INTO code_format (id, format) VALUES (1, '{\"length\":16,\"numbers\":true}')");
		// Two accounts of 2,000 cards: mostly inactive (as an order leaves them), a tenth sold, some
		// of those to customers, a few deleted; the optimizer chooses with these statistics.
		for (String account : List.of(ACCOUNT, "T45000006")) {
			jdbc.update("""
					INSERT INTO card (id, account_id, card_id, type, status, created_at, created_by, updated_at,
						token_format_id, token_hash, hash_key_id, customer_id, deleted_at)
					SELECT UUID(), ?, CONCAT('C-', LPAD(s.seq, 6, '0')), 'gift_card',
						IF(s.seq % 10 = 0, 'active', 'inactive'), NOW(6), 'test', NOW(6), 1, RANDOM_BYTES(32),
						'test0000', IF(s.seq % 40 = 0, CONCAT('cust-', s.seq % 7), NULL),
						IF(s.seq % 97 = 0, NOW(6), NULL)
					FROM seq_1_to_2000 s""", account);
			jdbc.update("""
					INSERT INTO card_customer (account_id, customer_id, card_id)
					SELECT account_id, customer_id, card_id FROM card WHERE account_id = ? AND customer_id IS NOT NULL""",
					account);
		}
		jdbc.execute("ANALYZE TABLE card, card_customer");
	}

	@AfterAll
	static void drop() {
		TestDatabase.execute("DROP DATABASE " + DATABASE);
	}

	@Test
	void theCardTableHasOnlyTheIndexesItsQueriesNeed() {
		List<String> indexes = jdbc.queryForList("""
				SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS
				WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'card'""", String.class);

		assertThat(indexes).containsExactlyInAnyOrder("PRIMARY", "card_account_card_id_uk", "card_account_status_idx",
				"card_account_token_hash_uk", "card_id_uk", "card_order_idx");
		String comment = jdbc.queryForObject("""
				SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'card'""",
				String.class);
		assertThat(indexes).allSatisfy((index) -> assertThat(comment).contains(". " + index + ":"));
	}

	@Test
	void aCardByItsCardIdIsReadByTheAccountsCardIdKey() {
		assertThat(onlyRow(explain(Cards.FIND_BY_CARD_ID, ACCOUNT, "C-000042")))
			.containsEntry("key", "card_account_card_id_uk");
	}

	@Test
	void aSettlementOrATemporaryTokensPaymentLocksTheCardByTheIdKey() {
		String id = jdbc.queryForObject("SELECT id FROM card WHERE account_id = ? AND card_id = 'C-000042'",
				String.class, ACCOUNT);
		assertThat(onlyRow(explain(Cards.LOCK_BY_ID, id))).containsEntry("key", "card_id_uk");
	}

	@Test
	void aPaymentByTokenLocksTheCardThroughTheTokenHashKey() {
		byte[] tokenHash = jdbc.queryForObject("SELECT token_hash FROM card WHERE account_id = ? AND card_id = 'C-000042'",
				byte[].class, ACCOUNT);
		assertThat(onlyRow(explain(Cards.LOCK_BY_TOKEN_HASH, ACCOUNT, tokenHash)))
			.containsEntry("key", "card_account_token_hash_uk");
	}

	@Test
	void aListOfCardsInOneStatusIsReadInCardIdOrderFromTheStatusIndex() {
		Map<String, Object> plan = onlyRow(
				explain(Cards.listQuery(ACCOUNT, new CardFilter(CardStatus.ACTIVE, null, null, false), "C-000500", 26)));

		assertThat(plan).containsEntry("key", "card_account_status_idx");
		assertThat(extra(plan)).doesNotContain("filesort");
	}

	@Test
	void aListOfAllCardsIsReadInCardIdOrderFromTheAccountsCardIdKey() {
		Map<String, Object> plan = onlyRow(
				explain(Cards.listQuery(ACCOUNT, new CardFilter(null, null, null, false), "C-000500", 26)));

		assertThat(plan).containsEntry("key", "card_account_card_id_uk");
		assertThat(extra(plan)).doesNotContain("filesort");
	}

	@Test
	void aCustomersCardsAreReadFromCardCustomerAndEachFetchedByItsCardIdKey() {
		List<Map<String, Object>> plan = explain(
				Cards.listQuery(ACCOUNT, new CardFilter(null, "cust-3", null, false), null, 26));

		assertThat(plan).hasSize(2);
		assertThat(plan.get(0)).containsEntry("table", "cc").containsEntry("key", "PRIMARY");
		assertThat(extra(plan.get(0))).doesNotContain("filesort");
		assertThat(plan.get(1)).containsEntry("table", "card")
			.containsEntry("type", "eq_ref")
			.containsEntry("key", "card_account_card_id_uk");
	}

	private static List<Map<String, Object>> explain(Cards.Query query) {
		return explain(query.sql(), query.params().toArray());
	}

	private static List<Map<String, Object>> explain(String sql, Object... params) {
		return jdbc.queryForList("EXPLAIN " + sql, params);
	}

	private static Map<String, Object> onlyRow(List<Map<String, Object>> plan) {
		assertThat(plan).hasSize(1);
		return plan.get(0);
	}

	private static String extra(Map<String, Object> plan) {
		Object extra = plan.get("Extra");
		return (extra != null) ? extra.toString() : "";
	}

}
