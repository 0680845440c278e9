package io.cardmint.card;

import javax.sql.DataSource;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V13 files the cards sold to a customer before it under that customer in card_customer, and
 * drops the index on card that the customer's card list read before.
 */
class CardCustomerMigrationTests {

	@Test
	void cardsSoldToACustomerBeforeTheMigrationStayTheirs() {
		String database = TestDatabase.NAME + "_v13";
		DataSource dataSource = TestDatabase.freshDatabase(database, "12");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("INSERT INTO code_format (id, format) VALUES (1, '{\"length\":16,\"numbers\":true}')");
		insertCard(jdbc, "T44000002", "S-1", "anna");
		insertCard(jdbc, "T44000002", "S-2", null);
		insertCard(jdbc, "T44000002", "S-3", "bo");
		insertCard(jdbc, "T44000003", "S-1", "anna");

		TestDatabase.migrate(dataSource, "latest");

		assertThat(jdbc.queryForList("""
				SELECT CONCAT(account_id, ' ', customer_id, ' ', card_id) FROM card_customer
				ORDER BY account_id, customer_id, card_id""", String.class))
			.containsExactly("T44000002 anna S-1", "T44000002 bo S-3", "T44000003 anna S-1");
		assertThat(jdbc.queryForList("""
				SELECT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()
				AND table_name = 'card' AND index_name = 'card_account_customer_idx'""", String.class))
			.as("the index on card is gone")
			.isEmpty();
		TestDatabase.execute("DROP DATABASE " + database);
	}

	private static void insertCard(JdbcTemplate jdbc, String accountId, String cardId, String customerId) {
		jdbc.update("""
				INSERT INTO card (id, account_id, card_id, type, status, created_at, created_by, updated_at,
					token_attempt, token_format_id, token_hash, hash_key_id, customer_id)
				VALUES (UUID(), ?, ?, 'gift_card', 'inactive', NOW(6), 'test', NOW(6), 0, 1, RANDOM_BYTES(32),
					'test0000', ?)""", accountId, cardId, customerId);
	}

}
