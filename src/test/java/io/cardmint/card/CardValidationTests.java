package io.cardmint.card;

import java.util.stream.IntStream;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every validation rule of batch create and activation, each with its error body. */
class CardValidationTests extends MariaDbApplicationTest {

	private static final String ACCOUNT = "T20000001";

	private static final String CARDS = "/v1/accounts/" + ACCOUNT + "/wallets/cards";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no cards             | {"cards":[]}                                                        | invalid_request  | cards must hold at least one card
			cards missing        | {}                                                                  | invalid_request  | cards must hold at least one card
			card_id missing      | {"cards":[{"type":"gift_card"}]}                                    | invalid_request  | cards[0].card_id is required
			card_id empty        | {"cards":[{"card_id":""}]}                                          | invalid_id       | cards[0].card_id must not be empty
			card_id spaces       | {"cards":[{"card_id":"ok"},{"card_id":" x"}]}                       | invalid_id       | cards[1].card_id must not start or end with whitespace
			card_id slash        | {"cards":[{"card_id":"a/b"}]}                                       | invalid_id       | cards[0].card_id must not contain / or \\
			card_id backslash    | {"cards":[{"card_id":"a\\\\b"}]}                                      | invalid_id       | cards[0].card_id must not contain / or \\
			card_id NUL          | {"cards":[{"card_id":"a\\u0000b"}]}                                 | invalid_id       | cards[0].card_id must contain printable characters only
			card_id newline      | {"cards":[{"card_id":"a\\nb"}]}                                     | invalid_id       | cards[0].card_id must contain printable characters only
			card_id surrogate    | {"cards":[{"card_id":"a\\ud800b"}]}                                 | invalid_id       | cards[0].card_id must not contain a lone surrogate
			card_id dot-dot      | {"cards":[{"card_id":".."}]}                                        | invalid_id       | cards[0].card_id must not be . or ..
			card_id %2F          | {"cards":[{"card_id":"a%2Fb"}]}                                     | invalid_id       | cards[0].card_id must not contain a percent-encoded sequence
			pin length 3         | {"cards":[{"card_id":"a"}],"options":{"pin":{"format":{"length":3}}}}       | invalid_format | options.pin.format.length must be at least 4
			unknown type         | {"cards":[{"card_id":"a","type":"voucher"}]}                        | invalid_request  | cards[0].type must be gift_card or credit_note
			repeated card_id     | {"cards":[{"card_id":"a"},{"card_id":"a"}]}                         | duplicate_card_id | card_id repeated in the request: [a]
			token length 0       | {"cards":[{"card_id":"a"}],"options":{"card_token":{"format":{"length":0}}}} | invalid_format | options.card_token.format.length
			pin length missing   | {"cards":[{"card_id":"a"}],"options":{"pin":{"format":{"numbers":true}}}}   | invalid_format | options.pin.format.length
			infeasible token     | {"cards":[{"card_id":"a"},{"card_id":"b"}],"options":{"card_token":{"format":{"length":1,"characters":false,"numbers":false,"symbols":false,"prefix":"X"}}}} | invalid_format | options.card_token.format
			barcode non-ascii    | {"cards":[{"card_id":"a"}],"options":{"card_token":{"format":{"length":8,"prefix":"Ø","barcode":true}}}} | invalid_format | options.card_token.format
			wrong type of value  | {"cards":"many"}                                                    | invalid_request  | cards must be a list
			malformed JSON       | {"cards":[                                                          | invalid_json     | not valid JSON
			""")
	void batchCreateRefuses(String rule, String body, String code, String message) {
		Api api = api();
		Api.Response response = api.malformed().post(CARDS + "/batch", api.token(ACCOUNT, Scopes.WRITE), body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo(code);
		assertThat(response.errorMessage()).contains(message);
	}

	@Test
	void batchLargerThanTheLimitIsRefusedAndNothingIsWritten() {
		Api api = api();
		String[] ids = IntStream.rangeClosed(1, 1001).mapToObj((i) -> "big-" + i).toArray(String[]::new);
		Api.Response response = api.malformed().post(CARDS + "/batch", api.token(ACCOUNT, Scopes.WRITE),
				SeedRequests.batchOf(ids));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo("batch_too_large");
		assertThat(response.errorMessage()).contains("1001").contains("1000");
		assertThat(api.get(CARDS + "/big-1", api.token(ACCOUNT, Scopes.READ)).status()).isEqualTo(404);
	}

	@Test
	void cardIdOf255CharactersIsAcceptedAnd256Refused() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		String longest = "L".repeat(255);
		assertThat(api.post(CARDS + "/batch", token, SeedRequests.batchOf(longest)).status()).isEqualTo(200);
		Api.Response tooLong = api.malformed().post(CARDS + "/batch", token, SeedRequests.batchOf("M".repeat(256)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.errorCode()).isEqualTo("invalid_id");
		assertThat(tooLong.errorMessage()).contains("cards[0].card_id must be at most 255 characters");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			amount missing       | {"currency":"NOK"}                                         | invalid_request  | amount is required
			amount negative      | {"amount":-1,"currency":"NOK"}                             | invalid_request  | amount must be at least 0
			amount too large     | {"amount":1000000000001,"currency":"NOK"}                  | amount_too_large | amount must be at most 1000000000000
			amount Long.MAX      | {"amount":9223372036854775807,"currency":"NOK"}            | amount_too_large | amount must be at most 1000000000000
			currency missing     | {"amount":1}                                               | invalid_request  | currency is required
			currency lower case  | {"amount":1,"currency":"nok"}                              | invalid_request  | currency must be one of
			currency unknown     | {"amount":1,"currency":"XYZ"}                              | invalid_request  | currency must be one of
			customer_id slash    | {"amount":1,"currency":"NOK","customer_id":"a/b"}          | invalid_id       | customer_id must not contain / or
			originated_by ctrl   | {"amount":1,"currency":"NOK","originated_by":"a\\tb"}       | invalid_id       | originated_by must contain printable characters only
			token expires_in 0   | {"amount":1,"currency":"NOK","card_token":{"expires_in":0}} | invalid_request | card_token.expires_in must be 1 to
			expiry before start  | {"amount":1,"currency":"NOK","active_from":"2030-01-01T00:00:00Z","expires_at":"2029-01-01T00:00:00Z"} | invalid_request | expires_at must be after active_from
			metadata not object  | {"amount":1,"currency":"NOK","metadata":[1,2]}             | invalid_request  | metadata must be an object
			amount not a number  | {"amount":"ten","currency":"NOK"}                          | invalid_request  | amount must be a whole number
			""")
	void activationRefuses(String rule, String body, String code, String message) {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		String cardId = "v-" + rule.replace(' ', '-');
		api.post(CARDS + "/batch", token, SeedRequests.batchOf(cardId));
		Api.Response response = api.malformed().post(CARDS + "/" + cardId + "/activate", token, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo(code);
		assertThat(response.errorMessage()).contains(message);
		assertThat(api.get(CARDS + "/" + cardId, token).json().path("status").asString()).isEqualTo("inactive");
	}

	@Test
	void requestsOutsideTheApiShapeGetTheErrorBody() {
		Api api = api().malformed();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response unknownPath = api.get("/v1/accounts/" + ACCOUNT + "/wallets/nothing-here/x", token);
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.errorCode()).isEqualTo("not_found");

		Api.Response wrongMethod = api.send(api.request(CARDS + "/batch", token)
			.method("PUT", java.net.http.HttpRequest.BodyPublishers.noBody()));
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");

		Api.Response wrongType = api.send(api.request(CARDS + "/batch", token)
			.header("Content-Type", "text/plain")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(SeedRequests.BATCH)));
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(wrongType.errorCode()).isEqualTo("unsupported_media_type");

		Api.Response noBody = api.send(api.request(CARDS + "/batch", token)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
		assertThat(noBody.status()).isEqualTo(400);
		assertThat(noBody.errorCode()).isEqualTo("invalid_json");
		assertThat(noBody.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

	@Test
	void errorsNeverEchoTheRequestBody() {
		Api api = api();
		String secretLooking = "1234-SECRET-PIN";
		Api.Response response = api.malformed().post(CARDS + "/batch", api.token(ACCOUNT, Scopes.WRITE),
				"{\"cards\":[{\"card_id\":\"a\"}],\"options\":{\"pin\":\"" + secretLooking + "\"}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain(secretLooking);
	}

}
