package io.cardmint.web;

import java.time.Duration;
import java.util.List;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.RawHttp;
import io.cardmint.support.Refusals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed token lookups are budgeted per client and per account (defaults: 20 and 200 a
 * minute): beyond the budget, 429 with Retry-After before the lookup runs, counted in
 * {@code cardmint.token.lookups.refused}. Successful lookups are never budgeted.
 */
class TokenLookupLimitTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T70000091";

	private static final String OTHER_ACCOUNT = "T70000092";

	@Test
	void theMeterHasEveryReasonFromStartUp() {
		String metrics = api().get("/actuator/prometheus", null).body();
		for (String reason : List.of("unknown_card", "wrong_pin", "pin_required", "rate_limited")) {
			assertThat(metrics).contains("cardmint_token_lookups_refused_total{reason=\"" + reason + "\"");
		}
	}

	@Test
	void aClientThatKeepsGuessingGets429WithRetryAfterAndKnownTokensStillWorkForOthers() {
		Api api = api();
		String guesser = mint("guesser-1", ACCOUNT);
		double limitedBefore = counter("rate_limited");
		for (int i = 0; i < 20; i++) {
			Api.Response guess = api.post(info(ACCOUNT), guesser, "{\"token\":\"guess-" + i + "\"}");
			assertThat(guess.status()).as(guess.body()).isEqualTo(404);
		}
		RawHttp.Response limited = new RawHttp(this.port).send("POST", info(ACCOUNT),
				java.util.Map.of("Authorization", "Bearer " + guesser, "Content-Type", "application/json"),
				"{\"token\":\"guess-21\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(limited.status()).as(limited.body()).isEqualTo(429);
		Refusals.assertErrorShape(limited.status(), limited.header("content-type"), limited.body(),
				java.util.Set.of("too_many_failed_lookups"), "over the budget");
		long retryAfter = Long.parseLong(limited.header("retry-after"));
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(counter("rate_limited")).isGreaterThan(limitedBefore);
		// drawdowns by token are budgeted by the same buckets
		Api.Response drawdown = api.post("/v1/accounts/" + ACCOUNT + "/wallets/transactions", guesser,
				"{\"type\":\"drawdown\",\"token\":\"guess-22\",\"ref_id\":\"g-22\",\"amount\":1,\"currency\":\"NOK\"}");
		assertThat(drawdown.status()).isEqualTo(429);

		// another client of the account still has its own budget
		Api.Response other = api.post(info(ACCOUNT), mint("honest-1", ACCOUNT), "{\"token\":\"unknown\"}");
		assertThat(other.status()).isEqualTo(404);
	}

	@Test
	void manyClientsOfOneAccountShareTheAccountsBudget() {
		Api api = api();
		int failures = 0;
		for (int client = 0; failures < 200; client++) {
			String token = mint("swarm-" + client, OTHER_ACCOUNT);
			for (int i = 0; i < 19 && failures < 200; i++, failures++) {
				Api.Response guess = api.post(info(OTHER_ACCOUNT), token, "{\"token\":\"swarm-" + failures + "\"}");
				assertThat(guess.status()).as(guess.body()).isEqualTo(404);
			}
		}
		Api.Response fresh = api.post(info(OTHER_ACCOUNT), mint("swarm-fresh", OTHER_ACCOUNT), "{\"token\":\"x\"}");
		assertThat(fresh.status()).as(fresh.body()).isEqualTo(429);
		assertThat(fresh.errorCode()).isEqualTo("too_many_failed_lookups");
		// the budget is the account's: another account is not affected
		Api.Response elsewhere = api.post(info("T70000093"), mint("swarm-fresh", "T70000093"), "{\"token\":\"x\"}");
		assertThat(elsewhere.status()).isEqualTo(404);
	}

	private String mint(String subject, String account) {
		return DevTokenIssuer.loadOrCreate(DATA_DIR)
			.mint(subject, account, List.of(Scopes.WRITE), Duration.ofMinutes(10));
	}

	private double counter(String reason) {
		String metrics = api().get("/actuator/prometheus", null).body();
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
