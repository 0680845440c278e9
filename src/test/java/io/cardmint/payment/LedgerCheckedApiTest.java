package io.cardmint.payment;

import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Payment tests of one account; after each test every card's balance must equal its ledger. */
abstract class LedgerCheckedApiTest extends MariaDbApplicationTest {

	@Autowired
	JdbcTemplate jdbc;

	private final String account;

	LedgerCheckedApiTest(String account) {
		this.account = account;
	}

	Wallet wallet() {
		return new Wallet(api(), this.account);
	}

	@AfterEach
	void ledgerMatchesEveryBalance() {
		assertThat(Wallet.ledgerMismatches(this.jdbc)).isEmpty();
	}

}
