package io.cardmint.payment;

import java.util.Map;

import io.cardmint.payment.Wallet.TestCard;
import io.cardmint.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;


import static io.cardmint.payment.Wallet.byCardId;
import static io.cardmint.payment.Wallet.byToken;
import static io.cardmint.payment.Wallet.newRefId;
import static org.assertj.core.api.Assertions.assertThat;

class PinAndInfoTests extends LedgerCheckedApiTest {

	@Autowired
	MeterRegistry meters;

	private static final String ACCOUNT = "T51000002";

	PinAndInfoTests() {
		super(ACCOUNT);
	}

	private static Map<String, Object> withPin(TestCard card, String pin) {
		Map<String, Object> body = byToken(card, "drawdown", 100, newRefId());
		body.put("pin", pin);
		return body;
	}

	private static String wrong(TestCard card) {
		return card.pin().equals("0000") ? "1111" : "0000";
	}

	@Test
	void aRightPinResetsTheCountOfWrongOnes() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		for (int attempt = 1; attempt <= 4; attempt++) {
			Api.Response refused = wallet.transact(withPin(card, wrong(card)));
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.errorCode()).isEqualTo("wrong_pin");
			assertThat(refused.errorMessage()).contains((5 - attempt) + " attempt").doesNotContain(card.pin());
		}
		assertThat(wallet.drawdown(card, 100).status()).isEqualTo(200);
		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(wallet.transact(withPin(card, wrong(card))).errorCode()).isEqualTo("wrong_pin");
		}
		assertThat(wallet.drawdown(card, 100).status()).as("still not locked after the reset").isEqualTo(200);
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(800);
	}

	@Test
	void fiveWrongPinsInARowLockTheCardForPayments() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Api.Response last = null;
		for (int attempt = 1; attempt <= 5; attempt++) {
			last = wallet.transact(withPin(card, wrong(card)));
			assertThat(last.errorCode()).isEqualTo("wrong_pin");
		}
		assertThat(last.errorMessage()).contains("now locked");
		Api.Response rightPin = wallet.drawdown(card, 100);
		assertThat(rightPin.status()).isEqualTo(409);
		assertThat(rightPin.errorCode()).isEqualTo("card_locked");
		assertThat(wallet.transact(byCardId(card, "drawdown", 100, newRefId())).errorCode()).isEqualTo("card_locked");
		assertThat(wallet.transact(byToken(card, "fund", 100, newRefId())).errorCode()).isEqualTo("card_locked");
		Api.Response info = wallet.info(card);
		assertThat(info.status()).isEqualTo(409);
		assertThat(info.errorCode()).isEqualTo("card_locked");
		JsonNode stored = wallet.card(card);
		assertThat(stored.path("pin_locked").asBoolean()).isTrue();
		assertThat(stored.path("amount_balance").asLong()).isEqualTo(1_000);
		assertThat(wallet.transact(withPin(card, wrong(card))).errorCode()).as("no more guessing")
			.isEqualTo("card_locked");
	}

	@Test
	void infoShowsBalanceAndStatusByTokenAndPin() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(10_000);
		Map<String, Object> pending = byToken(card, "drawdown", 2_500, newRefId());
		pending.put("pending", true);
		assertThat(wallet.transact(pending).status()).isEqualTo(200);
		Api.Response info = wallet.info(card);
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		JsonNode body = info.json();
		assertThat(body.path("card_id").asString()).isEqualTo(card.cardId());
		assertThat(body.path("status").asString()).isEqualTo("unused");
		assertThat(body.path("amount_balance").asLong()).isEqualTo(10_000);
		assertThat(body.path("amount_available").asLong()).isEqualTo(7_500);
		assertThat(body.path("currency").asString()).isEqualTo("NOK");
		assertThat(body.path("active_from").asString()).isEqualTo("2019-01-01T00:00:00Z");
		assertThat(body.path("expires_at").asString()).isEqualTo("2099-01-01T00:00:00Z");
		assertThat(info.body()).doesNotContain(card.token()).doesNotContain(card.pin());
	}

	@Test
	void infoChecksThePinLikeAPayment() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Api.Response noPin = wallet.info(card, null);
		assertThat(noPin.status()).isEqualTo(400);
		assertThat(noPin.errorCode()).isEqualTo("pin_required");
		Api.Response wrongPin = wallet.info(card, wrong(card));
		assertThat(wrongPin.status()).isEqualTo(403);
		assertThat(wrongPin.errorCode()).isEqualTo("wrong_pin");
		assertThat(wrongPin.errorMessage()).contains("4 attempts left");
		assertThat(wallet.transact(withPin(card, wrong(card))).errorMessage()).as("one count for both endpoints")
			.contains("3 attempts left");
		assertThat(wallet.info(card).status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT failed_pin_attempts FROM card WHERE card_id = ?", Integer.class,
				card.cardId()))
			.isZero();
	}

	@Test
	void infoOfAnInactiveCardOrACardWithoutPin() {
		Wallet wallet = wallet();
		TestCard inactive = wallet.newCard(true);
		JsonNode body = wallet.info(inactive).json();
		assertThat(body.path("status").asString()).isEqualTo("inactive");
		assertThat(body.path("amount_balance").asLong()).isZero();
		TestCard noPin = wallet.newCard(false);
		Api.Response info = wallet.info(noPin, null);
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		assertThat(info.json().path("status").asString()).isEqualTo("inactive");
		Api.Response unknown = wallet.info(new TestCard("x", "0000000000000000", null), null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.errorCode()).isEqualTo("card_not_found");
		Api.Response noToken = api().malformed().post(wallet.path("/info"), api().token(ACCOUNT, "read:wallets"), "{}");
		assertThat(noToken.status()).isEqualTo(400);
		assertThat(noToken.errorCode()).isEqualTo("invalid_request");
	}

	@Test
	void rotatePinShowsANewPinOnceAndUnlocksALockedCard() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		for (int attempt = 1; attempt <= 5; attempt++) {
			wallet.transact(withPin(card, wrong(card)));
		}
		assertThat(wallet.drawdown(card, 100).errorCode()).isEqualTo("card_locked");
		Api.Response rotated = wallet.postJson("/cards/" + card.cardId() + "/rotate-pin",
				"{\"pin\":{\"format\":{\"length\":6,\"numbers\":true}}}");
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		String pin = rotated.json().path("pin").path("pin").path("value").asString();
		assertThat(pin).hasSize(6).containsOnlyDigits();
		assertThat(rotated.json().path("pin").path("format").path("length").asInt()).isEqualTo(6);
		JsonNode stored = wallet.card(card);
		assertThat(stored.path("pin_locked").asBoolean()).isFalse();
		assertThat(stored.toString()).doesNotContain(pin);
		assertThat(stored.path("pin").path("format").path("length").asInt()).isEqualTo(6);
		TestCard renewed = new TestCard(card.cardId(), card.token(), pin);
		assertThat(wallet.drawdown(card, 100).errorCode()).as("the old PIN is gone").isEqualTo("wrong_pin");
		Api.Response paid = wallet.drawdown(renewed, 100);
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(wallet.balance(card)).isEqualTo(900);
		Api.Response tooShort = wallet.postJson("/cards/" + card.cardId() + "/rotate-pin",
				"{\"pin\":{\"format\":{\"length\":3}}}");
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.errorCode()).isEqualTo("invalid_format");
		assertThat(wallet.drawdown(renewed, 100).status()).as("a refused rotation changes nothing").isEqualTo(200);
	}

	@Test
	void aTemporaryTokenFindsAndPaysWithItsCardUntilItExpires() throws Exception {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		String refId = newRefId();
		Api.Response created = wallet.postJson("/cards/" + card.cardId() + "/tokens",
				"{\"ref_id\":\"" + refId + "\",\"expires_in\":3600,\"metadata\":{\"k\":\"v\"}}");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String value = created.json().path("token").path("value").asString();
		assertThat(value).startsWith("DINCARD:").hasSize("DINCARD:".length() + 36);
		assertThat(created.json().path("expires_in").asLong()).isEqualTo(3600);
		assertThat(created.json().path("ref_id").asString()).isEqualTo(refId);
		assertThat(created.json().path("created_by").asString()).isEqualTo("test:" + ACCOUNT);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card_token WHERE masked_code = ?", Integer.class,
				"DINCARD:****" + value.substring(value.length() - 4)))
			.as("stored masked, never in the clear").isEqualTo(1);
		JsonNode listed = wallet.card(card).path("tokens");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("masked_code").asString())
			.isEqualTo("DINCARD:****" + value.substring(value.length() - 4));
		assertThat(wallet.card(card).toString()).doesNotContain(value);

		Api.Response retry = wallet.postJson("/cards/" + card.cardId() + "/tokens",
				"{\"ref_id\":\"" + refId + "\",\"expires_in\":3600}");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.json().path("id").asString()).as("the same ref_id makes no second token")
			.isEqualTo(created.json().path("id").asString());
		assertThat(retry.json().has("token")).isFalse();

		TestCard byTemporary = new TestCard(card.cardId(), value, card.pin());
		Api.Response info = wallet.info(byTemporary);
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		assertThat(info.json().path("card_id").asString()).isEqualTo(card.cardId());
		assertThat(wallet.drawdown(byTemporary, 100).status()).isEqualTo(200);
		assertThat(wallet.balance(card)).isEqualTo(900);

		Api.Response shortLived = wallet.postJson("/cards/" + card.cardId() + "/tokens",
				"{\"ref_id\":\"" + newRefId() + "\",\"expires_in\":1,\"format\":{\"length\":20,\"prefix\":\"T-\"}}");
		assertThat(shortLived.status()).as(shortLived.body()).isEqualTo(200);
		TestCard expiring = new TestCard(card.cardId(), shortLived.json().path("token").path("value").asString(),
				card.pin());
		assertThat(expiring.token()).startsWith("T-").hasSize(22);
		assertThat(expiring.token().substring(2)).containsOnlyDigits();
		Thread.sleep(1_500);
		Api.Response expired = wallet.drawdown(expiring, 100);
		assertThat(expired.status()).isEqualTo(409);
		assertThat(expired.errorCode()).isEqualTo("token_expired");
		assertThat(wallet.info(expiring).errorCode()).isEqualTo("token_expired");
		assertThat(wallet.balance(card)).isEqualTo(900);
		assertThat(wallet.card(card).path("tokens")).as("an expired token is no longer listed").hasSize(1);
	}

	@Test
	void aSingleUseTemporaryTokenPaysOnceButStillFindsItsCard() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Api.Response created = wallet.postJson("/cards/" + card.cardId() + "/tokens",
				"{\"ref_id\":\"" + newRefId() + "\",\"expires_in\":600,\"expires_after_transaction\":true}");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().path("expires_after_transaction").asBoolean()).isTrue();
		TestCard once = new TestCard(card.cardId(), created.json().path("token").path("value").asString(), card.pin());
		assertThat(wallet.drawdown(once, 100).status()).isEqualTo(200);
		Api.Response second = wallet.drawdown(once, 100);
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.errorCode()).isEqualTo("token_used");
		assertThat(wallet.info(once).status()).isEqualTo(200);
		assertThat(wallet.balance(card)).isEqualTo(900);
	}

	@Test
	void paymentMetersCountTransactionsWrongPinsAndLocks() {
		Wallet wallet = wallet();
		double completed = counter("cardmint.payments.transactions", "type", "drawdown", "outcome", "completed");
		double refused = counter("cardmint.payments.transactions", "type", "drawdown", "outcome", "refused");
		double wrongPins = counter("cardmint.payments.wrong_pins");
		double locks = counter("cardmint.payments.pin_locks");
		assertThat(counter("cardmint.payments.transactions", "type", "void", "outcome", "replayed"))
			.as("registered from the start")
			.isNotNegative();
		TestCard card = wallet.activeCard(1_000);
		wallet.drawdown(card, 100);
		for (int attempt = 1; attempt <= 5; attempt++) {
			wallet.transact(withPin(card, wrong(card)));
		}
		assertThat(counter("cardmint.payments.transactions", "type", "drawdown", "outcome", "completed"))
			.isEqualTo(completed + 1);
		assertThat(counter("cardmint.payments.transactions", "type", "drawdown", "outcome", "refused"))
			.isEqualTo(refused + 5);
		assertThat(counter("cardmint.payments.wrong_pins")).isEqualTo(wrongPins + 5);
		assertThat(counter("cardmint.payments.pin_locks")).isEqualTo(locks + 1);
	}

	private double counter(String name, String... tags) {
		return this.meters.get(name).tags(tags).counter().count();
	}

}
