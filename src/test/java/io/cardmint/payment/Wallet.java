package io.cardmint.payment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cardmint.support.Api;
import io.cardmint.web.Scopes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** One account's wallet API as a test uses it: cards made through the batch endpoint, then paid with. */
final class Wallet {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicLong IDS = new AtomicLong();

	private final Api api;

	private final String account;

	private final String writer;

	Wallet(Api api, String account) {
		this.api = api;
		this.account = account;
		this.writer = api.token(account, Scopes.WRITE);
	}

	/** This wallet for requests that break the API's contract on purpose ({@link Api#malformed()}). */
	Wallet malformed() {
		return new Wallet(this.api.malformed(), this.account);
	}

	/** A card as its holder knows it; {@code pin} is null for a card without one. */
	record TestCard(String cardId, String token, String pin) {
	}

	String path(String rest) {
		return "/v1/accounts/" + this.account + "/wallets" + rest;
	}

	TestCard newCard(boolean withPin) {
		String cardId = "pay-" + IDS.incrementAndGet() + "-" + System.nanoTime();
		String pin = withPin ? "\"pin\":{\"format\":{\"length\":4,\"numbers\":true}}," : "";
		Api.Response created = this.api.post(path("/cards/batch"), this.writer, "{\"cards\":[{\"card_id\":\"" + cardId
				+ "\"}],\"options\":{" + pin + "\"card_token\":{\"format\":{\"length\":16,\"numbers\":true}}}}");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode card = created.json().path("cards").get(0);
		return new TestCard(cardId, card.path("card_token").path("token").path("value").asString(),
				withPin ? card.path("pin").path("pin").path("value").asString() : null);
	}

	/** A card with a PIN, activated with this many øre, active from 2019 until 2099. */
	TestCard activeCard(long amount) {
		TestCard card = newCard(true);
		activate(card, "{\"amount\":" + amount
				+ ",\"currency\":\"NOK\",\"active_from\":\"2019-01-01T00:00:00Z\",\"expires_at\":\"2099-01-01T00:00:00Z\"}");
		return card;
	}

	void activate(TestCard card, String body) {
		Api.Response activated = this.api.post(path("/cards/" + card.cardId() + "/activate"), this.writer, body);
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
	}

	Api.Response transact(Map<String, Object> body) {
		return transact(this.writer, body);
	}

	Api.Response transact(String bearer, Map<String, Object> body) {
		return this.api.post(path("/transactions"), bearer, JSON.writeValueAsString(body));
	}

	/** A drawdown by token and PIN with a fresh ref_id. */
	Api.Response drawdown(TestCard card, long amount) {
		return transact(byToken(card, "drawdown", amount, newRefId()));
	}

	Api.Response info(TestCard card) {
		return info(card, card.pin());
	}

	Api.Response info(TestCard card, String pin) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token", card.token());
		if (pin != null) {
			body.put("pin", pin);
		}
		return this.api.post(path("/info"), this.api.token(this.account, Scopes.READ), JSON.writeValueAsString(body));
	}

	Api.Response postJson(String rest, String body) {
		return this.api.post(path(rest), this.writer, body);
	}

	Api.Response post(String rest) {
		return this.api.post(path(rest), this.writer, "");
	}

	/** A capture or void of a pending drawdown, with a fresh ref_id of its own. */
	Api.Response settle(String id, String operation) {
		return settle(id, operation, Map.of("ref_id", newRefId()));
	}

	Api.Response settle(String id, String operation, Map<String, Object> body) {
		return this.api.post(path("/transactions/" + id + "/" + operation), this.writer, JSON.writeValueAsString(body));
	}

	/** A pending drawdown by token and PIN; returns its id. */
	String pending(TestCard card, long amount) {
		Map<String, Object> body = byToken(card, "drawdown", amount, newRefId());
		body.put("pending", true);
		Api.Response reserved = transact(body);
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
		return reserved.json().path("id").asString();
	}

	long balance(TestCard card) {
		return card(card).path("amount_balance").asLong();
	}

	long available(TestCard card) {
		return card(card).path("amount_available").asLong();
	}

	JsonNode card(TestCard card) {
		return this.api.get(path("/cards/" + card.cardId()), this.writer).json();
	}

	static Map<String, Object> byToken(TestCard card, String type, long amount, String refId) {
		Map<String, Object> body = body(type, amount, refId);
		body.put("token", card.token());
		if (card.pin() != null) {
			body.put("pin", card.pin());
		}
		return body;
	}

	static Map<String, Object> byCardId(TestCard card, String type, long amount, String refId) {
		Map<String, Object> body = body(type, amount, refId);
		body.put("card_id", card.cardId());
		return body;
	}

	static Map<String, Object> body(String type, long amount, String refId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("amount", amount);
		body.put("currency", "NOK");
		body.put("ref_id", refId);
		return body;
	}

	static String newRefId() {
		return "ref-" + IDS.incrementAndGet() + "-" + System.nanoTime();
	}

	/**
	 * Cards anywhere in the database whose money differs from their ledger entries: balance and
	 * reserved amount from the sums, funds from the money put on, drawdowns from the money taken
	 * off. Always none.
	 */
	static List<String> ledgerMismatches(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				SELECT c.card_id FROM card c
				LEFT JOIN (SELECT card_uuid, SUM(balance_change) AS b, SUM(reserved_change) AS r,
						SUM(CASE WHEN balance_change > 0 THEN balance_change ELSE 0 END) AS f,
						SUM(CASE WHEN balance_change < 0 THEN -balance_change ELSE 0 END) AS d
					FROM ledger_entry GROUP BY card_uuid) l ON l.card_uuid = c.id
				WHERE c.balance <> COALESCE(l.b, 0) OR c.reserved_amount <> COALESCE(l.r, 0)
					OR c.amount_funds <> COALESCE(l.f, 0) OR c.amount_drawdown <> COALESCE(l.d, 0)""", String.class);
	}

	static int ledgerEntries(JdbcTemplate jdbc, String account, String cardId) {
		return jdbc.queryForObject("""
				SELECT COUNT(*) FROM ledger_entry l JOIN card c ON c.id = l.card_uuid
				WHERE c.account_id = ? AND c.card_id = ?""", Integer.class, account, cardId);
	}

}
