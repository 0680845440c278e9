package io.cardmint.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cardmint.payment.Wallet.TestCard;
import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.cardmint.payment.Wallet.byToken;
import static io.cardmint.payment.Wallet.newRefId;
import static org.assertj.core.api.Assertions.assertThat;

class PaymentConcurrencyTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T51000003";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aHundredConcurrentDrawdownsNeverTakeMoreThanTheBalance() throws Exception {
		Wallet wallet = new Wallet(api(), ACCOUNT);
		TestCard card = wallet.activeCard(10_000);
		List<Api.Response> responses = all(100, () -> wallet.drawdown(card, 150));
		long accepted = responses.stream().filter((response) -> response.status() == 200).count();
		assertThat(accepted).as("10,000 / 150").isEqualTo(66);
		assertThat(responses).filteredOn((response) -> response.status() != 200)
			.allSatisfy((response) -> assertThat(response.errorCode()).isEqualTo("insufficient_funds"));
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(10_000 - 66 * 150);
		assertThat(Wallet.ledgerEntries(this.jdbc, ACCOUNT, card.cardId())).isEqualTo(1 + 66);
		assertThat(Wallet.ledgerMismatches(this.jdbc)).isEmpty();
	}

	@Test
	void concurrentRetriesOfOneRefIdMoveTheMoneyOnce() throws Exception {
		Wallet wallet = new Wallet(api(), ACCOUNT);
		TestCard card = wallet.activeCard(10_000);
		Map<String, Object> drawdown = byToken(card, "drawdown", 1_000, newRefId());
		List<Api.Response> responses = all(20, () -> wallet.transact(drawdown));
		assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		assertThat(responses.stream().map((response) -> response.json().path("id").asString()).distinct()).hasSize(1);
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(9_000);
		assertThat(Wallet.ledgerMismatches(this.jdbc)).isEmpty();
	}

	@Test
	void oneRefIdRacedOnTwoCardsMovesMoneyOnOneOnly() throws Exception {
		Wallet wallet = new Wallet(api(), ACCOUNT);
		TestCard first = wallet.activeCard(1_000);
		TestCard second = wallet.activeCard(1_000);
		String refId = newRefId();
		List<Api.Response> responses = all(20,
				new Callable[] { () -> wallet.transact(byToken(first, "drawdown", 100, refId)),
						() -> wallet.transact(byToken(second, "drawdown", 100, refId)) });
		assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isIn(200, 409));
		assertThat(responses).filteredOn((response) -> response.status() == 409)
			.allSatisfy((response) -> assertThat(response.errorCode()).isEqualTo("ref_id_conflict"));
		long balances = wallet.card(first).path("amount_balance").asLong() + wallet.card(second).path("amount_balance").asLong();
		assertThat(balances).isEqualTo(1_900);
		assertThat(Wallet.ledgerMismatches(this.jdbc)).isEmpty();
	}

	private static List<Api.Response> all(int count, Callable<Api.Response> request) throws Exception {
		return all(count, new Callable[] { request });
	}

	@SuppressWarnings("unchecked")
	private static List<Api.Response> all(int count, Callable<?>[] requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Callable<Api.Response> request = (Callable<Api.Response>) requests[i % requests.length];
				futures.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdown();
		}
	}

}
