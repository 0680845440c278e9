package io.cardmint.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.RawHttp;
import io.cardmint.support.Refusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed token lookups are budgeted per client and per account (the test context sets 100 and
 * 1000 a minute; production defaults are 20 and 200): beyond the budget, 429 with Retry-After before the lookup runs, counted in
 * {@code cardmint.token.lookups.refused}. Successful lookups are never budgeted.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenLookupLimitTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T70000091";

	private static final String OTHER_ACCOUNT = "T70000092";

	@Test
	void theMeterHasEveryReasonFromStartUp() {
		String metrics = api().get("/actuator/prometheus", scraper()).body();
		for (String reason : List.of("unknown_card", "wrong_pin", "pin_required", "rate_limited")) {
			assertThat(metrics).contains("cardmint_token_lookups_refused_total{reason=\"" + reason + "\"");
		}
	}

	@Test
	void lookupsThatFindTheirCardCostNothingAndLogNoError(CapturedOutput output) {
		Api api = api();
		String client = mint("finder-1", ACCOUNT);
		Api.Response created = api.post("/v1/accounts/" + ACCOUNT + "/wallets/cards/batch", client,
				"{\"cards\":[{\"card_id\":\"finder-card-1\"}]}");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String cardToken = created.json().path("cards").get(0).path("card_token").path("token").path("value").asString();
		for (int i = 0; i < TOKEN_LOOKUPS_PER_CLIENT + 5; i++) {
			Api.Response found = api.post(info(ACCOUNT), client, "{\"token\":\"" + cardToken + "\"}");
			assertThat(found.status()).as(found.body()).isEqualTo(200);
		}
		assertThat(output.getAll()).doesNotContain("afterCompletion threw exception");
	}

	@Test
	void aClientThatKeepsGuessingGets429WithRetryAfterAndOtherClientsKeepTheirBudget() {
		Api api = api();
		String guesser = mint("guesser-1", ACCOUNT);
		double limitedBefore = counter("rate_limited");
		Map<String, String> headers = Map.of("Authorization", "Bearer " + guesser, "Content-Type", "application/json");
		int failed = 0;
		RawHttp.Response response;
		// Balance lookups and drawdowns by token draw on the same budget: they alternate here.
		// The budget refills evenly (20 a minute), so a slow machine may get a few more than 20.
		while ((response = guess(headers, failed)).status() == 404) {
			failed++;
			assertThat(failed).as("a 429 comes soon after the budget").isLessThan(TOKEN_LOOKUPS_PER_CLIENT + 20);
		}
		assertThat(failed).isGreaterThanOrEqualTo(TOKEN_LOOKUPS_PER_CLIENT);
		assertThat(response.status()).as(response.body()).isEqualTo(429);
		Refusals.assertErrorShape(response.status(), response.header("content-type"), response.body(),
				Set.of("too_many_failed_lookups"), "over the budget");
		assertThat(Long.parseLong(response.header("retry-after"))).isBetween(1L, 60L);
		assertThat(counter("rate_limited")).isGreaterThan(limitedBefore);
		// another client of the account still has its own budget
		assertThat(api.post(info(ACCOUNT), mint("honest-1", ACCOUNT), "{\"token\":\"unknown\"}").status())
			.isEqualTo(404);
	}

	@Test
	void manyClientsOfOneAccountShareTheAccountsBudget() throws Exception {
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger limited = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> swarm = new ArrayList<>();
			for (int thread = 0; thread < 6; thread++) {
				int id = thread;
				swarm.add(pool.submit(() -> {
					Api api = api();
					// each client stays under its own budget of 20: only the account's can run out
					for (int client = 0; limited.get() == 0 && failed.get() < 5 * TOKEN_LOOKUPS_PER_ACCOUNT; client++) {
						String token = mint("swarm-" + id + "-" + client, OTHER_ACCOUNT);
						for (int i = 0; i < TOKEN_LOOKUPS_PER_CLIENT - 5 && limited.get() == 0; i++) {
							int status = api.post(info(OTHER_ACCOUNT), token, "{\"token\":\"swarm\"}").status();
							if (status == 429) {
								limited.incrementAndGet();
							}
							else {
								assertThat(status).isEqualTo(404);
								failed.incrementAndGet();
							}
						}
					}
				}));
			}
			for (Future<?> each : swarm) {
				each.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// every client stops 5 short of its own budget: the 429 is the account's
		assertThat(limited.get()).as("the account's budget ran out").isPositive();
		assertThat(failed.get()).as("not before the account's budget").isGreaterThanOrEqualTo(TOKEN_LOOKUPS_PER_ACCOUNT);
		// the budget is the account's: another account is not affected
		Api.Response elsewhere = api().post(info("T70000093"), mint("swarm-fresh", "T70000093"), "{\"token\":\"x\"}");
		assertThat(elsewhere.status()).isEqualTo(404);
	}

	private RawHttp.Response guess(Map<String, String> headers, int i) {
		boolean drawdown = i % 2 == 1;
		String path = drawdown ? "/v1/accounts/" + ACCOUNT + "/wallets/transactions" : info(ACCOUNT);
		String body = drawdown
				? "{\"type\":\"drawdown\",\"token\":\"guess-" + i + "\",\"ref_id\":\"g-" + i
						+ "\",\"amount\":1,\"currency\":\"NOK\"}"
				: "{\"token\":\"guess-" + i + "\"}";
		return new RawHttp(this.port).send("POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	private String mint(String subject, String account) {
		return DevTokenIssuer.loadOrCreate(DATA_DIR)
			.mint(subject, account, List.of(Scopes.WRITE), Duration.ofMinutes(10));
	}

	/** Prometheus answers an admin token on the API port (ActuatorTests). */
	private String scraper() {
		return api().token(ACCOUNT, "admin:wallets");
	}

	private double counter(String reason) {
		String metrics = api().get("/actuator/prometheus", scraper()).body();
		String prefix = "cardmint_token_lookups_refused_total{reason=\"" + reason + "\"";
		return metrics.lines()
			.filter((line) -> line.startsWith(prefix))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static String info(String account) {
		return "/v1/accounts/" + account + "/wallets/info";
	}

}
