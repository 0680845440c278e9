package io.cardmint.card;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivationConcurrencyTests extends MariaDbApplicationTest {

	@Test
	void ofFiftyConcurrentActivationsOfOneCardExactlyOneSucceeds() throws Exception {
		Api api = api();
		String token = api.token("T30000001", Scopes.WRITE);
		String cards = "/v1/accounts/T30000001/wallets/cards";
		assertThat(api.post(cards + "/batch", token, SeedRequests.batchOf("race-1")).status()).isEqualTo(200);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(50);
		List<Future<Api.Response>> results = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			long amount = 1000 + i;
			results.add(pool.submit(() -> {
				start.await();
				return api.post(cards + "/race-1/activate", token,
						"{\"amount\":" + amount + ",\"currency\":\"NOK\"}");
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		long winner = -1;
		for (Future<Api.Response> result : results) {
			Api.Response response = result.get();
			statuses.add(response.status());
			if (response.status() == 200) {
				winner = response.json().path("amount_balance").asLong();
			}
		}
		pool.shutdown();
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(49);
		assertThat(api.get(cards + "/race-1", token).json().path("amount_balance").asLong()).isEqualTo(winner);
	}

}
