package io.cardmint.card;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The tokens and PINs a batch returns appear nowhere in the database, in any column of any table. */
class SecretsAtRestTests extends MariaDbApplicationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noTokenOrPinIsStoredInAnyColumnOfAnyTable() {
		Api api = api();
		String token = api.token("T50000001", Scopes.WRITE);
		Api.Response created = api.post("/v1/accounts/T50000001/wallets/cards/batch", token, """
				{"cards":[{"card_id":"s-1"},{"card_id":"s-2"},{"card_id":"s-3"}],
				 "options":{"pin":{"format":{"length":8,"numbers":true,"characters":true}},
				            "card_token":{"format":{"length":20,"prefix":"SCAN-","characters":true}}}}
				""");
		assertThat(created.status()).isEqualTo(200);
		List<String> secrets = new ArrayList<>();
		for (JsonNode card : created.json().path("cards")) {
			secrets.add(card.path("card_token").path("token").path("value").asString());
			secrets.add(card.path("pin").path("pin").path("value").asString());
		}
		List<String> needles = new ArrayList<>();
		for (String secret : secrets) {
			String body = secret.startsWith("SCAN-") ? secret.substring(5) : secret;
			needles.add(body);
			needles.add(HexFormat.of().formatHex(body.getBytes(StandardCharsets.UTF_8)));
		}
		List<Map<String, Object>> columns = this.jdbc.queryForList("""
				SELECT c.table_name, c.column_name, EXISTS (SELECT 1 FROM information_schema.columns a
				  WHERE a.table_schema = c.table_schema AND a.table_name = c.table_name AND a.column_name = 'account_id') AS by_account
				FROM information_schema.columns c WHERE c.table_schema = DATABASE()""");
		assertThat(columns).hasSizeGreaterThan(20);
		for (Map<String, Object> column : columns) {
			String table = (String) column.get("table_name");
			String name = (String) column.get("column_name");
			// Rows of other accounts (the order tests leave millions of cards in this database)
			// cannot hold this account's secrets; tables without an account are read whole.
			StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM `" + table + "` WHERE ");
			List<Object> args = new ArrayList<>();
			if (((Number) column.get("by_account")).intValue() == 1) {
				sql.append("account_id = ? AND ");
				args.add("T50000001");
			}
			sql.append("(FALSE");
			for (String needle : needles) {
				sql.append(" OR LOCATE(?, CAST(`" + name + "` AS CHAR)) > 0 OR LOCATE(?, HEX(`" + name + "`)) > 0");
				args.add(needle);
				args.add(needle.toUpperCase());
			}
			sql.append(")");
			Long hits = this.jdbc.queryForObject(sql.toString(), Long.class, args.toArray());
			assertThat(hits).as("%s.%s holds a secret", table, name).isZero();
		}
	}

}
