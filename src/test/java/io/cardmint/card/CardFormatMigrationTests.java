package io.cardmint.card;

import java.util.List;

import javax.sql.DataSource;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V11 moves the cards' token and PIN formats out of every card row into code_format: cards
 * issued before it keep exactly their formats, and an order's cards share one stored format.
 */
class CardFormatMigrationTests {

	@Test
	void cardsIssuedBeforeTheLeanRowKeepTheirFormats() {
		String database = TestDatabase.NAME + "_v11";
		DataSource dataSource = TestDatabase.freshDatabase(database, "10");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String sixteenDigits = "{\"length\":16,\"numbers\":true}";
		String fourDigits = "{\"length\":4,\"numbers\":true}";
		String letters = "{\"length\":10,\"characters\":true}";
		insertCard(jdbc, "OLD-1", sixteenDigits, fourDigits);
		insertCard(jdbc, "OLD-2", sixteenDigits, fourDigits);
		insertCard(jdbc, "OLD-3", letters, null);

		TestDatabase.migrate(dataSource, "latest");

		assertThat(jdbc.queryForList("""
				SELECT CONCAT(c.card_id, ' ', t.format, ' ', COALESCE(p.format, '-')) FROM card c
				JOIN code_format t ON t.id = c.token_format_id LEFT JOIN code_format p ON p.id = c.pin_format_id
				ORDER BY c.card_id""", String.class))
			.containsExactly("OLD-1 " + sixteenDigits + " " + fourDigits, "OLD-2 " + sixteenDigits + " " + fourDigits,
					"OLD-3 " + letters + " -");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM code_format", Integer.class)).isEqualTo(3);
		List<String> columns = jdbc.queryForList("""
				SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'card'
				AND column_name IN ('token_format', 'pin_format')""", String.class);
		assertThat(columns).as("the JSON columns are gone").isEmpty();
		TestDatabase.execute("DROP DATABASE " + database);
	}

	private static void insertCard(JdbcTemplate jdbc, String cardId, String tokenFormat, String pinFormat) {
		jdbc.update("""
				INSERT INTO card (id, account_id, card_id, type, status, created_at, created_by, updated_at,
					token_attempt, token_format, pin_format, token_hash, hash_key_id)
				VALUES (UUID(), 'T44000001', ?, 'gift_card', 'inactive', NOW(6), 'test', NOW(6), 0, ?, ?, RANDOM_BYTES(32),
					'test0000')""", cardId, tokenFormat, pinFormat);
	}

}
