package io.cardmint.card;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import io.cardmint.support.Api;
import io.cardmint.support.CardInvariants;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of Dintero's card API: one card sold at creation, deletion, a customer's cards,
 * the account settings and their default validity, and Dintero's card_token at activation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardWalletApiTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T10000011";

	private static final String WALLETS = "/v1/accounts/" + ACCOUNT + "/wallets";

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createMakesOneUnusedCardWithItsAmountAndShowsItsSecretsOnce() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response created = api.post(WALLETS + "/cards", token, """
				{"card_id":"one-1","amount":25000,"currency":"NOK","customer_id":"cust-1","name":"Gift",
				 "originated_by":"web","metadata":{"order_id":"o-9"},
				 "pin":{"format":{"length":4,"numbers":true}},"card_token":{"format":{"length":20,"prefix":"GC-","numbers":true}}}
				""");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode card = created.json();
		assertThat(card.path("status").asString()).isEqualTo("unused");
		assertThat(card.path("amount").asLong()).isEqualTo(25000);
		assertThat(card.path("amount_balance").asLong()).isEqualTo(25000);
		assertThat(card.path("amount_available").asLong()).isEqualTo(25000);
		assertThat(card.path("amount_funds").asLong()).isEqualTo(25000);
		assertThat(card.path("customer_id").asString()).isEqualTo("cust-1");
		assertThat(card.path("created_by").asString()).isEqualTo("test:" + ACCOUNT);
		assertThat(card.path("active_from").asString()).isNotEmpty();
		String tokenValue = card.path("card_token").path("token").path("value").asString();
		String pin = card.path("pin").path("pin").path("value").asString();
		assertThat(tokenValue).startsWith("GC-").hasSize(23);
		assertThat(pin).hasSize(4);
		Api.Response read = api.get(WALLETS + "/cards/one-1", token);
		assertThat(read.json().path("status").asString()).isEqualTo("unused");
		assertThat(read.body()).doesNotContain(tokenValue).doesNotContain("\"value\"");
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM ledger_entry l JOIN card c ON c.id = l.card_uuid
				WHERE c.account_id = ? AND c.card_id = 'one-1' AND l.kind = 'activation' AND l.balance_change = 25000""",
				Integer.class, ACCOUNT))
			.as("its opening ledger row").isEqualTo(1);
		Api.Response info = api.post(WALLETS + "/info", token,
				"{\"token\":\"" + tokenValue + "\",\"pin\":\"" + pin + "\"}");
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		assertThat(info.json().path("card_id").asString()).isEqualTo("one-1");
		Api.Response again = api.post(WALLETS + "/cards", token, "{\"card_id\":\"one-1\",\"amount\":1,\"currency\":\"NOK\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.errorCode()).isEqualTo("card_id_exists");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			amount missing    | {"card_id":"bad-1","currency":"NOK"}                               | invalid_request  | amount is required
			currency missing  | {"card_id":"bad-2","amount":1}                                     | invalid_request  | currency is required
			card_id missing   | {"amount":1,"currency":"NOK"}                                      | invalid_request  | card_id is required
			amount too large  | {"card_id":"bad-3","amount":1000000000001,"currency":"NOK"}        | amount_too_large | at most 1000000000000
			pin too short     | {"card_id":"bad-4","amount":1,"currency":"NOK","pin":{"format":{"length":3}}} | invalid_format | pin.format.length must be at least 4
			card_id with /    | {"card_id":"bad/5","amount":1,"currency":"NOK"}                    | invalid_id       | card_id must not contain /
			""")
	void createRefusesAndWritesNothing(String rule, String body, String code, String message) {
		Api api = api();
		int cards = this.jdbc.queryForObject("SELECT COUNT(*) FROM card", Integer.class);
		Api.Response refused = api.malformed().post(WALLETS + "/cards", api.token(ACCOUNT, Scopes.WRITE), body);
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.errorCode()).isEqualTo(code);
		assertThat(refused.errorMessage()).contains(message);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card", Integer.class)).isEqualTo(cards);
	}

	@Test
	void aDeletedCardIsListedOnlyWhenAskedForAndCannotBeActivated() {
		Api api = api();
		String token = api.token("T10000012", Scopes.WRITE);
		String cards = "/v1/accounts/T10000012/wallets/cards";
		api.post(cards + "/batch", token, SeedRequests.batchOf("d-1", "d-2"));
		Api.Response deleted = delete(api, cards + "/d-1", token);
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.json().path("deleted_at").asString()).isNotEmpty();
		assertThat(delete(api, cards + "/d-1", token).status()).as("deleting twice answers the same").isEqualTo(200);
		assertThat(CardApiTests.ids(api.get(cards, token))).containsExactly("d-2");
		assertThat(CardApiTests.ids(api.get(cards + "?include_deleted=true", token))).containsExactly("d-1", "d-2");
		Api.Response read = api.get(cards + "/d-1", token);
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.errorCode()).isEqualTo("card_not_found");
		Api.Response activate = api.post(cards + "/d-1/activate", token, "{\"amount\":1,\"currency\":\"NOK\"}");
		assertThat(activate.status()).isEqualTo(409);
		assertThat(activate.errorCode()).isEqualTo("card_deleted");
		assertThat(api.post(cards + "/d-1/rotate-pin", token, "{}").errorCode()).isEqualTo("card_deleted");
		assertThat(delete(api, cards + "/nothing", token).status()).isEqualTo(404);
		assertThat(delete(api, cards + "/d-2", api.token("T10000012", Scopes.READ)).status()).isEqualTo(403);
	}

	@Test
	void aCustomersCardsAreListedAndReadUnderTheCustomer() {
		Api api = api();
		String token = api.token("T10000013", Scopes.WRITE);
		String wallets = "/v1/accounts/T10000013/wallets";
		for (String[] card : new String[][] { { "k-1", "anna" }, { "k-2", "bo" }, { "k-3", "anna" } }) {
			assertThat(api.post(wallets + "/cards", token, "{\"card_id\":\"" + card[0] + "\",\"amount\":10,"
					+ "\"currency\":\"NOK\",\"customer_id\":\"" + card[1] + "\"}").status()).isEqualTo(200);
		}
		// Sold to her later, at activation; then deleted cards leave her list unless asked for.
		assertThat(api.post(wallets + "/cards/batch", token, """
				{"cards":[{"card_id":"k-4"},{"card_id":"k-0"}]}""").status()).isEqualTo(200);
		for (String cardId : new String[] { "k-4", "k-0" }) {
			assertThat(api.post(wallets + "/cards/" + cardId + "/activate", token,
					"{\"amount\":10,\"currency\":\"NOK\",\"customer_id\":\"anna\"}").status()).isEqualTo(200);
		}
		assertThat(delete(api, wallets + "/cards/k-0", token).status()).isEqualTo(200);
		String reader = api.token("T10000013", Scopes.READ);
		assertThat(CardApiTests.ids(api.get(wallets + "/customers/anna/cards", reader)))
			.containsExactly("k-1", "k-3", "k-4");
		assertThat(CardApiTests.ids(api.get(wallets + "/customers/anna/cards?include_deleted=true", reader)))
			.containsExactly("k-0", "k-1", "k-3", "k-4");
		assertThat(CardApiTests.ids(api.get(wallets + "/customers/bo/cards", reader))).containsExactly("k-2");
		Api.Response page = api.get(wallets + "/customers/anna/cards?limit=1", reader);
		assertThat(CardApiTests.ids(page)).containsExactly("k-1");
		assertThat(page.json().path("starting_after").asString()).isEqualTo("k-1");
		assertThat(CardApiTests.ids(api.get(wallets + "/customers/anna/cards?limit=1&starting_after=k-1", reader)))
			.containsExactly("k-3");
		assertThat(api.get(wallets + "/customers/anna/cards/k-3", reader).json().path("card_id").asString())
			.isEqualTo("k-3");
		Api.Response notHers = api.get(wallets + "/customers/anna/cards/k-2", reader);
		assertThat(notHers.status()).isEqualTo(404);
		assertThat(notHers.errorCode()).isEqualTo("card_not_found");
		assertThat(CardApiTests.ids(api.get(wallets + "/customers/nobody/cards", reader))).isEmpty();
	}

	@Test
	void settingsGiveADefaultValidityAtActivationAndAtCreationAndAnExplicitExpiryWins() {
		Api api = api();
		String admin = api.token("T10000014", Scopes.ADMIN);
		String wallets = "/v1/accounts/T10000014/wallets";
		Api.Response empty = api.get(wallets + "/settings", api.token("T10000014", Scopes.READ));
		assertThat(empty.status()).as(empty.body()).isEqualTo(200);
		assertThat(empty.json().has("default_card_expires_in_days")).isFalse();
		Api.Response patched = patch(api, wallets + "/settings", admin, "{\"default_card_expires_in_days\":30}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().path("default_card_expires_in_days").asInt()).isEqualTo(30);
		assertThat(api.get(wallets + "/settings", admin).json().path("default_card_expires_in_days").asInt())
			.isEqualTo(30);

		api.post(wallets + "/cards/batch", admin, SeedRequests.batchOf("s-1", "s-2"));
		assertThat(api.get(wallets + "/cards/s-1", admin).json().has("expires_at")).as("not before activation")
			.isFalse();
		JsonNode activated = api.post(wallets + "/cards/s-1/activate", admin,
				"{\"amount\":1,\"currency\":\"NOK\",\"active_from\":\"2030-01-01T00:00:00Z\"}").json();
		assertThat(activated.path("expires_at").asString()).isEqualTo("2030-01-31T00:00:00Z");
		JsonNode explicit = api.post(wallets + "/cards/s-2/activate", admin,
				"{\"amount\":1,\"currency\":\"NOK\",\"active_from\":\"2030-01-01T00:00:00Z\",\"expires_at\":\"2031-01-01T00:00:00Z\"}")
			.json();
		assertThat(explicit.path("expires_at").asString()).isEqualTo("2031-01-01T00:00:00Z");
		JsonNode created = api.post(wallets + "/cards", admin, "{\"card_id\":\"s-3\",\"amount\":1,\"currency\":\"NOK\"}")
			.json();
		assertThat(Duration.between(Instant.parse(created.path("active_from").asString()),
				Instant.parse(created.path("expires_at").asString())))
			.isEqualTo(Duration.ofDays(30));

		assertThat(patch(api.malformed(), wallets + "/settings", admin, "{\"default_card_expires_in_days\":0}").status())
			.isEqualTo(400);
		assertThat(patch(api.malformed(), wallets + "/settings", admin, "{\"default_card_expires_in_days\":\"30\"}").status())
			.isEqualTo(400);
		Api.Response unknown = patch(api.malformed(), wallets + "/settings", admin, "{\"default_card_expires\":3}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.errorMessage()).contains("default_card_expires");
		assertThat(patch(api, wallets + "/settings", api.token("T10000014", Scopes.READ),
				"{\"default_card_expires_in_days\":1}").status()).isEqualTo(403);
		Api.Response cleared = patch(api, wallets + "/settings", admin, "{\"default_card_expires_in_days\":null}");
		assertThat(cleared.json().has("default_card_expires_in_days")).isFalse();
		JsonNode noExpiry = api.post(wallets + "/cards", admin, "{\"card_id\":\"s-4\",\"amount\":1,\"currency\":\"NOK\"}")
			.json();
		assertThat(noExpiry.has("expires_at")).isFalse();
	}

	@Test
	void activationTakesDinterosCardTokenObject() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response batch = api.post(WALLETS + "/cards/batch", token, SeedRequests.batchOf("ct-1", "ct-2"));
		JsonNode first = batch.json().path("cards").get(0);
		Api.Response activated = api.post(WALLETS + "/cards/ct-1/activate", token, """
				{"amount":100,"currency":"NOK","card_token":{"expires_in":86400,"expires_after_transaction":true,
				 "format":{"length":16,"numbers":true}}}""");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		assertThat(activated.json().path("card_token").path("expires_in").asLong()).isEqualTo(86400);
		assertThat(activated.json().path("card_token").path("expires_after_transaction").asBoolean()).isTrue();
		String value = first.path("card_token").path("token").path("value").asString();
		String pin = first.path("pin").path("pin").path("value").asString();
		String sale = "{\"type\":\"drawdown\",\"amount\":10,\"currency\":\"NOK\",\"token\":\"" + value + "\",\"pin\":\""
				+ pin + "\",\"ref_id\":\"";
		assertThat(api.post(WALLETS + "/transactions", token, sale + "ct-sale-1\"}").status()).isEqualTo(200);
		Api.Response second = api.post(WALLETS + "/transactions", token, sale + "ct-sale-2\"}");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.errorCode()).isEqualTo("token_used");
		Api.Response otherFormat = api.post(WALLETS + "/cards/ct-2/activate", token,
				"{\"amount\":100,\"currency\":\"NOK\",\"card_token\":{\"format\":{\"length\":8}}}");
		assertThat(otherFormat.status()).isEqualTo(400);
		assertThat(api.get(WALLETS + "/cards/ct-2", token).json().path("status").asString()).isEqualTo("inactive");
	}

	static Api.Response delete(Api api, String path, String token) {
		return api.send(api.request(path, token).DELETE());
	}

	static Api.Response patch(Api api, String path, String token, String body) {
		return api.send(api.request(path, token)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
	}

	@AfterAll
	void everyCardKeepsTheInvariants() {
		for (String account : new String[] { ACCOUNT, "T10000012", "T10000013", "T10000014" }) {
			CardInvariants.checkEveryCard(api(), account);
		}
	}

}
