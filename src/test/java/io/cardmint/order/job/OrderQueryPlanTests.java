package io.cardmint.order.job;

import java.util.List;
import java.util.Map;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order job's two queries of card are answered from card_order_idx alone: a column added to
 * the print file's query but not to the index would bring back the table scan and sort of every
 * order's rows (6–8 s of a million-card order), and a partition's restart point would read its
 * rows; no functional test would notice either. (The card API's queries: CardIndexTests.)
 */
class OrderQueryPlanTests {

	private static final String DATABASE = TestDatabase.NAME + "_plan";

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void twoInterleavedOrders() {
		jdbc = new JdbcTemplate(TestDatabase.freshDatabase(DATABASE, "latest"));
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
	}

	@AfterAll
	static void drop() {
		TestDatabase.execute("DROP DATABASE " + DATABASE);
	}

	@Test
	void thePrintFileReadsTheOrderFromItsIndexWithoutASort() {
		Map<String, Object> plan = onlyRow(
				jdbc.queryForList("EXPLAIN " + PrintFileTasklet.CARDS_IN_CARD_ORDER, "T44000004", "PLAN-1"));

		assertThat(plan).containsEntry("key", "card_order_idx");
		assertThat((String) plan.get("Extra")).contains("Using index").doesNotContain("filesort");
	}

	@Test
	void aPartitionCountsItsCommittedCardsInTheIndexAlone() {
		Map<String, Object> plan = onlyRow(
				jdbc.queryForList("EXPLAIN " + CommittedCards.COUNT_IN_RANGE, "T44000004", "PLAN-1", 500, 1000));

		assertThat(plan).containsEntry("key", "card_order_idx");
		assertThat((String) plan.get("Extra")).contains("Using index");
	}

	private static Map<String, Object> onlyRow(List<Map<String, Object>> plan) {
		assertThat(plan).hasSize(1);
		return plan.get(0);
	}

}
