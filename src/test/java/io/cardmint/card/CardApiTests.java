package io.cardmint.card;

import java.util.ArrayList;
import java.util.List;

import io.cardmint.support.Api;
import io.cardmint.support.BarcodeReader;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CardApiTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T10000001";

	private static final String CARDS = "/v1/accounts/" + ACCOUNT + "/wallets/cards";

	@Test
	void seedBatchCreatesTwoInactiveCardsAndShowsTheirSecretsOnce() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response created = api.post(CARDS + "/batch", token, SeedRequests.BATCH);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode cards = created.json().path("cards");
		assertThat(cards).hasSize(2);
		for (JsonNode card : cards) {
			assertThat(card.path("status").asString()).isEqualTo("inactive");
			assertThat(card.path("balance").asLong()).isZero();
			String value = card.path("card_token").path("token").path("value").asString();
			assertThat(value).startsWith("DINCARD:").hasSize("DINCARD:".length() + 36);
			assertThat(card.path("pin").path("pin").path("value").asString()).startsWith("DINCARD:").hasSize(44);
		}
		Api.Response read = api.get(CARDS + "/card-01", token);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(cards.get(0).path("card_token").path("token").path("value").asString())
			.doesNotContain(cards.get(0).path("pin").path("pin").path("value").asString());
		assertThat(read.json().path("card_token").path("format").path("prefix").asString()).isEqualTo("DINCARD:");
	}

	@Test
	void seedActivationMakesTheCardUnusedWithItsBalance() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		api.post(CARDS + "/batch", token, SeedRequests.batchOf("act-01"));
		Api.Response activated = api.post(CARDS + "/act-01/activate", token, SeedRequests.ACTIVATION);
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		JsonNode card = activated.json();
		assertThat(card.path("status").asString()).isEqualTo("unused");
		assertThat(card.path("balance").asLong()).isEqualTo(50000);
		assertThat(card.path("currency").asString()).isEqualTo("NOK");
		assertThat(card.path("active_from").asString()).isEqualTo("2019-08-24T14:15:22Z");
		assertThat(card.path("expires_at").asString()).isEqualTo("2029-08-24T14:15:22Z");
		assertThat(card.path("metadata").path("dintero_transaction_id").asString()).isEqualTo("P12345678.xxxxx");
		assertThat(card.has("card_token") && card.path("card_token").has("token")).isFalse();

		Api.Response again = api.post(CARDS + "/act-01/activate", token, SeedRequests.ACTIVATION);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.errorCode()).isEqualTo("card_not_inactive");
	}

	@Test
	void activationWithoutActiveFromStartsNow() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		api.post(CARDS + "/batch", token, SeedRequests.batchOf("act-now"));
		Api.Response activated = api.post(CARDS + "/act-now/activate", token,
				"{\"amount\":100,\"currency\":\"EUR\"}");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		assertThat(activated.json().path("active_from").asString()).isNotEmpty();
	}

	@Test
	void repeatedCardIdIsAConflictNamingTheIds() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		assertThat(api.post(CARDS + "/batch", token, SeedRequests.batchOf("dup-1", "dup-2")).status()).isEqualTo(200);
		Api.Response again = api.post(CARDS + "/batch", token, SeedRequests.batchOf("dup-0", "dup-2", "dup-1"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.errorCode()).isEqualTo("card_id_exists");
		assertThat(again.errorMessage()).contains("dup-1").contains("dup-2").doesNotContain("dup-0");
		assertThat(api.get(CARDS + "/dup-0", token).status()).as("all or nothing").isEqualTo(404);
	}

	@Test
	void listPagesInCardIdOrderAndFiltersByStatus() {
		Api api = api();
		String token = api.token("T10000002", Scopes.WRITE);
		String cards = "/v1/accounts/T10000002/wallets/cards";
		api.post(cards + "/batch", token, SeedRequests.batchOf("p-1", "p-2", "p-3", "p-4", "p-5"));
		api.post(cards + "/p-3/activate", token, "{\"amount\":1,\"currency\":\"NOK\"}");
		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			Api.Response page = api.get(cards + "?limit=2" + ((after != null) ? "&starting_after=" + after : ""), token);
			assertThat(page.status()).isEqualTo(200);
			List<String> ids = page.json().valueStream().map((card) -> card.path("card_id").asString()).toList();
			seen.addAll(ids);
			after = (ids.size() == 2) ? ids.get(1) : null;
		}
		while (after != null);
		assertThat(seen).containsExactly("p-1", "p-2", "p-3", "p-4", "p-5");
		Api.Response unused = api.get(cards + "?status=unused", token);
		assertThat(unused.json().valueStream().map((card) -> card.path("card_id").asString()))
			.containsExactly("p-3");
		assertThat(api.malformed().get(cards + "?limit=0", token).status()).isEqualTo(400);
		assertThat(api.malformed().get(cards + "?limit=101", token).status()).isEqualTo(400);
		assertThat(api.get(cards + "?status=lost", token).errorCode()).isEqualTo("invalid_request");
	}

	@Test
	void unknownCardIsNotFound() {
		Api api = api();
		Api.Response missing = api.get(CARDS + "/nope", api.token(ACCOUNT, Scopes.READ));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.errorCode()).isEqualTo("not_found");
		Api.Response activate = api.post(CARDS + "/nope/activate", api.token(ACCOUNT, Scopes.WRITE),
				"{\"amount\":1,\"currency\":\"NOK\"}");
		assertThat(activate.status()).isEqualTo(404);
	}

	@Test
	void barcodeOfATokenDecodesBackToItsValue() throws Exception {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response created = api.post(CARDS + "/batch", token, """
				{"cards":[{"card_id":"bar-1"}],
				 "options":{"card_token":{"format":{"length":12,"prefix":"GC","numbers":true,"characters":true,"barcode":true}}}}
				""");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode secret = created.json().path("cards").get(0).path("card_token").path("token");
		String uri = secret.path("barcode_128").asString();
		assertThat(uri).startsWith("data:image/png;base64,");
		assertThat(BarcodeReader.decode(uri)).isEqualTo(secret.path("value").asString());
	}

}
