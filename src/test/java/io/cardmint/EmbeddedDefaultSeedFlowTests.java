package io.cardmint;

import java.nio.file.Files;
import java.nio.file.Path;

import io.cardmint.support.Api;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-setup path: no datasource configured, so the embedded H2 default in the data dir,
 * a master key created on first run, and the seed flow of the README.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultSeedFlowTests {

	static final Path DATA_DIR = tempDir();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("cardmint.data-dir", DATA_DIR::toString);
	}

	@Test
	void seedBatchAndActivationWorkOnTheEmbeddedDatabase() {
		Api api = new Api(this.port, DATA_DIR);
		String token = api.token("T12345678", Scopes.WRITE);
		String cards = "/v1/accounts/T12345678/wallets/cards";
		Api.Response created = api.post(cards + "/batch", token, """
				{"cards":[{"card_id":"card-01","type":"gift_card"},{"card_id":"card-02","type":"gift_card"}],
				 "options":{"pin":{"format":{"length":36,"prefix":"DINCARD:","symbols":true,"numbers":true,"characters":true,"barcode":false}},
				            "card_token":{"format":{"length":36,"prefix":"DINCARD:","symbols":true,"numbers":true,"characters":true,"barcode":false}}}}
				""");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		Api.Response activated = api.post(cards + "/card-01/activate", token, """
				{"customer_id":"string","name":"string","amount":50000,"currency":"NOK","originated_by":"string",
				 "active_from":"2019-08-24T14:15:22Z","expires_at":"2029-08-24T14:15:22Z","metadata":{"dintero_transaction_id":"P12345678.xxxxx"}}
				""");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		assertThat(activated.json().path("status").asString()).isEqualTo("unused");
		assertThat(api.post(cards + "/card-01/activate", token, "{\"amount\":1,\"currency\":\"NOK\"}").status())
			.isEqualTo(409);
		assertThat(api.get(cards + "?status=inactive", token).json().path("cards").valueStream()
			.map((card) -> card.path("card_id").asString())).containsExactly("card-02");
		// The customer's cards: a join of card_customer and card, which H2 must read as MariaDB does.
		assertThat(api.get("/v1/accounts/T12345678/wallets/customers/string/cards?status=unused", token).json()
			.path("cards")
			.valueStream()
			.map((card) -> card.path("card_id").asString())).containsExactly("card-01");
		assertThat(DATA_DIR.resolve("master.key")).exists();
		assertThat(DATA_DIR.resolve("db")).isDirectory();
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("cardmint-embedded-");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
