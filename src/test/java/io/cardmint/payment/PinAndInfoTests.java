package io.cardmint.payment;

import java.util.Map;

import io.cardmint.payment.Wallet.TestCard;
import io.cardmint.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


import static io.cardmint.payment.Wallet.byCardId;
import static io.cardmint.payment.Wallet.byToken;
import static io.cardmint.payment.Wallet.newRefId;
import static org.assertj.core.api.Assertions.assertThat;

class PinAndInfoTests extends LedgerCheckedApiTest {

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
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(800);
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
		assertThat(stored.path("balance").asLong()).isEqualTo(1_000);
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
		assertThat(body.path("balance").asLong()).isEqualTo(10_000);
		assertThat(body.path("available_balance").asLong()).isEqualTo(7_500);
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
		assertThat(body.path("balance").asLong()).isZero();
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

}
