package io.cardmint.order.job;

import java.util.List;
import java.util.Map;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The print file's query is answered from card_order_idx alone, in its order: a column added to
 * the query but not to the index would bring back the table scan and sort of every order's
 * rows (6–8 s of a million-card order), and no functional test would notice.
 */
class PrintQueryPlanTests {

	@Test
	void thePrintFileReadsTheOrderFromItsIndexWithoutASort() {
		String database = TestDatabase.NAME + "_plan";
		JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.freshDatabase(database, "latest"));
		jdbc.update("INSERT INTO code_format (id, format) VALUES (1, '{\"length\":16,\"numbers\":true}')");
		// Two orders of 2,000 cards, inserted as two partitions would: interleaved, not in card order.
		for (String order : List.of("PLAN-1", "PLAN-2")) {
			jdbc.update("""
					INSERT INTO card (id, account_id, card_id, type, status, created_at, created_by, updated_at,
						order_ref, card_index, token_attempt, token_format_id, token_hash, hash_key_id)
					SELECT UUID(), 'T44000004', CONCAT(?, '-', LPAD(i, 6, '0')), 'gift_card', 'inactive', NOW(6), 'test',
						NOW(6), ?, i, 0, 1, RANDOM_BYTES(32), 'test0000'
					FROM (SELECT (s.seq % 2) * 1000 + s.seq DIV 2 i FROM seq_0_to_1999 s) slots""", order, order);
		}
		jdbc.execute("ANALYZE TABLE card");

		List<Map<String, Object>> plan = jdbc.queryForList("EXPLAIN " + PrintFileTasklet.CARDS_IN_CARD_ORDER,
				"T44000004", "PLAN-1");

		assertThat(plan).hasSize(1);
		assertThat(plan.get(0)).containsEntry("key", "card_order_idx");
		assertThat((String) plan.get(0).get("Extra")).contains("Using index").doesNotContain("filesort");
		TestDatabase.execute("DROP DATABASE " + database);
	}

}
