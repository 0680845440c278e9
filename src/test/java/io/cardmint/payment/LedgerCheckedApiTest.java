package io.cardmint.payment;

import io.cardmint.support.CardInvariants;
import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment tests of one account: after each test every card's money must equal its ledger,
 * and after the class every card of the account must keep the card object's invariants on
 * the wire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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

	@AfterAll
	void everyCardKeepsTheInvariants() {
		CardInvariants.checkEveryCard(api(), this.account);
	}

}
