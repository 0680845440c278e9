package io.cardmint.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator on the API port as a merchant and an operator reach it: the probes answer
 * everyone, health details (hosts, directories, the database) only an admin:wallets token,
 * Prometheus only an admin:wallets token, and the order meters exist from start.
 */
class ActuatorTests extends MariaDbApplicationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theProbesAnswerEveryoneAndReadinessIncludesTheDatabase() throws Exception {
		HttpResponse<String> liveness = get("/actuator/health/liveness", null);
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> readiness = get("/actuator/health/readiness", null);
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"db\"").doesNotContain("sftp");
	}

	@Test
	void healthDetailsAreHiddenFromAMerchantsTokenAndShownToAnAdmin() throws Exception {
		String merchant = api().token("T70000001", "write:wallets");
		HttpResponse<String> hidden = get("/actuator/health", merchant);
		assertThat(hidden.statusCode()).isEqualTo(200);
		assertThat(hidden.body()).contains("\"db\"").doesNotContain("details").doesNotContain("MariaDB");
		assertThat(get("/actuator/health", null).body()).doesNotContain("details");

		String admin = api().token("T70000001", "admin:wallets");
		assertThat(get("/actuator/health", admin).body()).contains("\"details\"").contains("MariaDB");
	}

	@Test
	void prometheusNeedsAnAdminTokenOnTheApiPortAndHasTheOrderMetersFromStart() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", api().token("T70000001", "write:wallets")).statusCode()).isEqualTo(403);
		HttpResponse<String> scrape = get("/actuator/prometheus", api().token("T70000001", "admin:wallets"));
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("cardmint_cards_generated_total")
			.contains("cardmint_deliveries_failed_total{manufacturer=\"demo\"}")
			.contains("cardmint_deliveries_completed_total{manufacturer=\"demo\"}")
			.contains("cardmint_orders{status=\"stopped\"}");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
