package io.cardmint.card;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.Paths;
import io.cardmint.web.Scopes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id rule's promise: every card_id that can be created can be read, activated, paid with
 * and deleted through a path with ordinary percent-encoding.
 */
class CardIdEncodingTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T10000021";

	private static final String WALLETS = "/v1/accounts/" + ACCOUNT + "/wallets";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "with space", "100%", "a;b", "hash#tag", "what?", "a+b", "æøå-Ωμ-日本", "emoji-😀",
			"50% off", "x=1&y=2", "..a", "quote\"d", "tab-less~`!@$^*()[]{}|:'<>,", "%" })
	void anIdThatCanBeCreatedCanBeReadActivatedAndDeleted(String cardId) {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		String body = "{\"cards\":[{\"card_id\":" + JSON.writeValueAsString(cardId) + "}]}";
		Api.Response created = api.post(WALLETS + "/cards/batch", token, body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String path = WALLETS + "/cards/" + Paths.segment(cardId);
		Api.Response read = api.get(path, token);
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		assertThat(read.json().path("card_id").asString()).isEqualTo(cardId);
		Api.Response activated = api.post(path + "/activate", token, "{\"amount\":100,\"currency\":\"NOK\"}");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		Api.Response paid = api.post(WALLETS + "/transactions", token, "{\"type\":\"drawdown\",\"amount\":10,"
				+ "\"currency\":\"NOK\",\"card_id\":" + JSON.writeValueAsString(cardId) + ",\"ref_id\":"
				+ JSON.writeValueAsString("ref " + cardId) + "}");
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(paid.json().path("ref_id").asString()).isEqualTo("ref " + cardId);
		Api.Response history = api.get(path + "/transactions", token);
		assertThat(history.status()).as(history.body()).isEqualTo(200);
		assertThat(history.json().path("transactions")).hasSize(1);
		Api.Response deleted = api.send(api.request(path, token).DELETE());
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(api.get(path, token).status()).isEqualTo(404);
	}

}
