package io.cardmint.payment;

import io.cardmint.payment.Wallet.TestCard;
import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a drawdown costs the database: its transaction and ledger rows carry nulls (no parent, no
 * metadata), and a null without a declared type must not make the driver prepare the statement
 * on the server to learn the type (a round trip per statement; spring.properties).
 */
class PaymentStatementsTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T51000021";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aDrawdownWithNullColumnsPreparesNothingOnTheServer() {
		Wallet wallet = new Wallet(api(), ACCOUNT);
		TestCard card = wallet.activeCard(10_000);
		wallet.drawdown(card, 100); // warm: anything done once per connection or process is not counted
		long before = serverPrepares();

		Api.Response response = wallet.drawdown(card, 100);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().has("metadata")).as("a null column was written").isFalse();
		assertThat(serverPrepares() - before).isZero();
	}

	private long serverPrepares() {
		return this.jdbc.queryForObject("SHOW GLOBAL STATUS LIKE 'Com_stmt_prepare'", (rs, row) -> rs.getLong(2));
	}

}
