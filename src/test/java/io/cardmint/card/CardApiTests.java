package io.cardmint.card;

import java.util.ArrayList;
import java.util.List;

import io.cardmint.support.Api;
import io.cardmint.support.BarcodeReader;
import io.cardmint.support.CardInvariants;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
			assertThat(card.path("amount_balance").asLong()).isZero();
			assertThat(card.path("amount_available").asLong()).isZero();
			assertThat(card.has("balance")).as("the old names are gone").isFalse();
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
		assertThat(card.path("amount").asLong()).isEqualTo(50000);
		assertThat(card.path("amount_balance").asLong()).isEqualTo(50000);
		assertThat(card.path("amount_available").asLong()).isEqualTo(50000);
		assertThat(card.path("amount_funds").asLong()).isEqualTo(50000);
		assertThat(card.path("amount_drawdown").asLong()).isZero();
		assertThat(card.path("amount_pending").asLong()).isZero();
		assertThat(card.path("amount_reserved").asLong()).isZero();
		assertThat(card.path("customer_id").asString()).isEqualTo("string");
		assertThat(card.path("name").asString()).isEqualTo("string");
		assertThat(card.path("originated_by").asString()).isEqualTo("string");
		assertThat(card.path("created_by").asString()).isEqualTo("test:" + ACCOUNT);
		assertThat(card.path("type").asString()).isEqualTo("gift_card");
		assertThat(card.path("id").asString()).hasSize(36);
		assertThat(card.path("created_at").asString()).isNotEmpty();
		assertThat(card.path("pin").path("format").path("length").asInt()).isEqualTo(4);
		assertThat(card.path("card_token").path("format").path("length").asInt()).isEqualTo(16);
		assertThat(card.path("card_token").path("expires_after_transaction").asBoolean()).isFalse();
		assertThat(card.path("tokens").isArray()).isTrue();
		assertThat(card.path("pin_locked").asBoolean()).isFalse();
		assertThat(card.path("currency").asString()).isEqualTo("NOK");
		assertThat(card.path("active_from").asString()).isEqualTo("2019-08-24T14:15:22Z");
		assertThat(card.path("expires_at").asString()).isEqualTo("2029-08-24T14:15:22Z");
		assertThat(card.path("metadata").path("dintero_transaction_id").asString()).isEqualTo("P12345678.xxxxx");
		assertThat(card.path("card_token").has("token")).isFalse();
		assertThat(card.path("pin").has("pin")).isFalse();

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
			List<String> ids = page.json().path("cards").valueStream().map((card) -> card.path("card_id").asString()).toList();
			assertThat(ids).hasSizeLessThanOrEqualTo(2);
			seen.addAll(ids);
			after = page.json().path("starting_after").asString(null);
			if (after != null) {
				assertThat(after).isEqualTo(ids.get(ids.size() - 1));
			}
		}
		while (after != null);
		assertThat(seen).containsExactly("p-1", "p-2", "p-3", "p-4", "p-5");
		Api.Response unused = api.get(cards + "?status=unused", token);
		assertThat(unused.json().path("cards").valueStream().map((card) -> card.path("card_id").asString()))
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
		assertThat(missing.errorCode()).isEqualTo("card_not_found");
		assertThat(missing.errorMessage()).doesNotContain("nope");
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

	@Test
	void listFiltersByCustomerAndAvailableAmount() {
		Api api = api();
		String token = api.token("T10000003", Scopes.WRITE);
		String cards = "/v1/accounts/T10000003/wallets/cards";
		api.post(cards + "/batch", token, SeedRequests.batchOf("f-1", "f-2", "f-3", "f-4"));
		api.post(cards + "/f-1/activate", token, "{\"amount\":100,\"currency\":\"NOK\",\"customer_id\":\"c-1\"}");
		api.post(cards + "/f-2/activate", token, "{\"amount\":500,\"currency\":\"NOK\",\"customer_id\":\"c-1\"}");
		api.post(cards + "/f-3/activate", token, "{\"amount\":900,\"currency\":\"NOK\",\"customer_id\":\"c-2\"}");
		assertThat(ids(api.get(cards + "?customer_id=c-1", token))).containsExactly("f-1", "f-2");
		assertThat(ids(api.get(cards + "?amount_available=500", token))).containsExactly("f-2", "f-3");
		assertThat(ids(api.get(cards + "?amount_available=500&customer_id=c-1", token))).containsExactly("f-2");
		assertThat(ids(api.get(cards, token))).containsExactly("f-1", "f-2", "f-3", "f-4");
		assertThat(api.get(cards, token).json().has("starting_after")).as("one page holds them all").isFalse();
		assertThat(api.malformed().get(cards + "?amount_available=x", token).status()).isEqualTo(400);
		assertThat(api.malformed().get(cards + "?include_deleted=maybe", token).status()).isEqualTo(400);
	}

	static List<String> ids(Api.Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.json().path("cards").valueStream().map((card) -> card.path("card_id").asString()).toList();
	}

	@AfterAll
	void everyCardKeepsTheInvariants() {
		for (String account : new String[] { ACCOUNT, "T10000002", "T10000003" }) {
			CardInvariants.checkEveryCard(api(), account);
		}
	}

}
