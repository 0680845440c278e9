package io.cardmint.card;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token-space checks count an account's cards only when the cheap bound (every card of every
 * account) does not already show the space is large enough: the count scans the account's cards.
 */
class AccountCardCountTests extends MariaDbApplicationTest {

	@Autowired
	Cards cards;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theBoundAnswersWhenItIsFewEnoughAndTheExactCountOtherwise() {
		Api api = api();
		String token = api.token("T50000002", Scopes.WRITE);
		assertThat(api.post("/v1/accounts/T50000002/wallets/cards/batch", token, """
				{"cards":[{"card_id":"n-1"},{"card_id":"n-2"},{"card_id":"n-3"}]}""").status()).isEqualTo(200);
		long everyCard = this.jdbc.queryForObject("SELECT MAX(seq) FROM card", Long.class);

		assertThat(this.cards.countInAccountUnlessFewEnough("T50000002", (n) -> true)).isEqualTo(everyCard);
		assertThat(this.cards.countInAccountUnlessFewEnough("T50000002", (n) -> false)).isEqualTo(3);
		assertThat(this.cards.countInAccountUnlessFewEnough("T50000002", (n) -> n < 3)).isEqualTo(3);
	}

}
