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

class TransactionApiTests extends LedgerCheckedApiTest {

	private static final String ACCOUNT = "T51000001";

	TransactionApiTests() {
		super(ACCOUNT);
	}

	@Test
	void drawdownByTokenAndPinTakesTheMoneyAndMakesTheCardActive() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(10_000);
		String refId = newRefId();
		Api.Response paid = wallet.transact(byToken(card, "drawdown", 2_500, refId));
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		JsonNode body = paid.json();
		assertThat(body.path("id").asString()).hasSize(36);
		assertThat(body.path("ref_id").asString()).isEqualTo(refId);
		assertThat(body.path("type").asString()).isEqualTo("drawdown");
		assertThat(body.path("status").asString()).isEqualTo("completed");
		assertThat(body.path("amount").asLong()).isEqualTo(2_500);
		assertThat(body.path("currency").asString()).isEqualTo("NOK");
		assertThat(body.path("card_id").asString()).isEqualTo(card.cardId());
		assertThat(body.path("created_at").asString()).isNotEmpty();
		assertThat(body.path("card").path("balance").asLong()).isEqualTo(7_500);
		assertThat(body.path("card").path("available_balance").asLong()).isEqualTo(7_500);
		assertThat(body.path("card").path("status").asString()).isEqualTo("active");
		assertThat(paid.body()).doesNotContain(card.token()).doesNotContain("\"pin\"");
		JsonNode stored = wallet.card(card);
		assertThat(stored.path("balance").asLong()).isEqualTo(7_500);
		assertThat(stored.path("status").asString()).isEqualTo("active");
		assertThat(Wallet.ledgerEntries(this.jdbc, ACCOUNT, card.cardId())).as("activation + drawdown").isEqualTo(2);
	}

	@Test
	void fundAddsMoneyAndLeavesAnUnusedCardUnused() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Api.Response funded = wallet.transact(byToken(card, "fund", 500, newRefId()));
		assertThat(funded.status()).as(funded.body()).isEqualTo(200);
		assertThat(funded.json().path("status").asString()).isEqualTo("completed");
		assertThat(funded.json().path("card").path("balance").asLong()).isEqualTo(1_500);
		assertThat(funded.json().path("card").path("status").asString()).isEqualTo("unused");
	}

	@Test
	void byCardIdNoPinIsAsked() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Api.Response paid = wallet.transact(byCardId(card, "drawdown", 400, newRefId()));
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(paid.json().path("card").path("balance").asLong()).isEqualTo(600);
	}

	@Test
	void cardWithoutPinPaysByTokenAlone() {
		Wallet wallet = wallet();
		TestCard card = wallet.newCard(false);
		wallet.activate(card, "{\"amount\":1000,\"currency\":\"NOK\"}");
		Api.Response paid = wallet.drawdown(card, 1_000);
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(paid.json().path("card").path("balance").asLong()).isZero();
	}

	@Test
	void inactiveCardIsRefusedBeforeActivationAndAcceptedAfter() {
		Wallet wallet = wallet();
		TestCard card = wallet.newCard(true);
		Map<String, Object> drawdown = byToken(card, "drawdown", 100, newRefId());
		Api.Response refused = wallet.transact(drawdown);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.errorCode()).isEqualTo("card_inactive");
		assertThat(refused.errorMessage()).isNotEmpty().doesNotContain(card.token());
		Api.Response fund = wallet.transact(byToken(card, "fund", 100, newRefId()));
		assertThat(fund.errorCode()).as("no money onto an unsold card").isEqualTo("card_inactive");
		assertThat(wallet.card(card).path("balance").asLong()).isZero();

		wallet.activate(card, "{\"amount\":500,\"currency\":\"NOK\"}");
		Api.Response accepted = wallet.transact(drawdown);
		assertThat(accepted.status()).as("the refused ref_id stored nothing: " + accepted.body()).isEqualTo(200);
		assertThat(accepted.json().path("card").path("balance").asLong()).isEqualTo(400);
	}

	@Test
	void beforeActiveFromDrawdownsAreRefusedButFundsAreTaken() {
		Wallet wallet = wallet();
		TestCard card = wallet.newCard(true);
		wallet.activate(card, "{\"amount\":500,\"currency\":\"NOK\",\"active_from\":\"2098-01-01T00:00:00Z\"}");
		Api.Response refused = wallet.drawdown(card, 100);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.errorCode()).isEqualTo("card_not_yet_active");
		Api.Response funded = wallet.transact(byToken(card, "fund", 100, newRefId()));
		assertThat(funded.status()).as(funded.body()).isEqualTo(200);
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(600);
	}

	@Test
	void expiredCardTakesNoDrawdownAndNoFund() {
		Wallet wallet = wallet();
		TestCard card = wallet.newCard(true);
		wallet.activate(card, "{\"amount\":500,\"currency\":\"NOK\",\"active_from\":\"2019-01-01T00:00:00Z\","
				+ "\"expires_at\":\"2020-01-01T00:00:00Z\"}");
		for (String type : new String[] { "drawdown", "fund" }) {
			Api.Response refused = wallet.transact(byToken(card, type, 100, newRefId()));
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.errorCode()).isEqualTo("card_expired");
		}
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(500);
	}

	@Test
	void currencyMustMatchTheCard() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(500);
		Map<String, Object> body = byToken(card, "drawdown", 100, newRefId());
		body.put("currency", "EUR");
		Api.Response refused = wallet.transact(body);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorCode()).isEqualTo("currency_mismatch");
		assertThat(refused.errorMessage()).contains("NOK");
	}

	@Test
	void noDrawdownBeyondTheAvailableBalance() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(500);
		Api.Response refused = wallet.drawdown(card, 501);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.errorCode()).isEqualTo("insufficient_funds");
		assertThat(refused.errorMessage()).contains("500");
		assertThat(wallet.drawdown(card, 500).json().path("card").path("balance").asLong()).isZero();
		assertThat(wallet.drawdown(card, 1).errorCode()).isEqualTo("insufficient_funds");
	}

	@Test
	void cardWithPinNeedsThePinByToken() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(500);
		Map<String, Object> body = byToken(card, "drawdown", 100, newRefId());
		body.remove("pin");
		Api.Response refused = wallet.transact(body);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorCode()).isEqualTo("pin_required");
		assertThat(this.jdbc.queryForObject("SELECT failed_pin_attempts FROM card WHERE card_id = ?", Integer.class,
				card.cardId()))
			.as("a missing PIN is not a wrong one")
			.isZero();
	}

	@Test
	void unknownCardsAreNotFound() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(500);
		Api.Response token = wallet.transact(byToken(new TestCard("x", "0000000000000000", "1234"), "drawdown", 1,
				newRefId()));
		assertThat(token.status()).isEqualTo(404);
		assertThat(token.errorCode()).isEqualTo("card_not_found");
		Api.Response cardId = wallet.transact(byCardId(new TestCard("no-such-card", null, null), "drawdown", 1,
				newRefId()));
		assertThat(cardId.status()).isEqualTo(404);
		assertThat(cardId.errorCode()).isEqualTo("card_not_found");
		Wallet other = new Wallet(api(), "T51000009");
		Api.Response elsewhere = other.transact(byToken(card, "drawdown", 1, newRefId()));
		assertThat(elsewhere.status()).as("tokens are per account").isEqualTo(404);
		assertThat(elsewhere.errorCode()).isEqualTo("card_not_found");
		assertThat(elsewhere.body()).doesNotContain(card.cardId());
	}

	@Test
	void invalidRequestsAreRefusedWithTheFieldNamed() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(500);
		Map<String, Object> noRef = byToken(card, "drawdown", 1, newRefId());
		noRef.remove("ref_id");
		assertInvalid(wallet.malformed().transact(noRef), "ref_id");
		assertInvalid(wallet.malformed().transact(byToken(card, "drawdown", 0, newRefId())), "amount");
		assertInvalid(wallet.malformed().transact(byToken(card, "drawdown", -5, newRefId())), "amount");
		assertInvalid(wallet.malformed().transact(byToken(card, "refund", 1, newRefId())), "type");
		Map<String, Object> lowercase = byToken(card, "drawdown", 1, newRefId());
		lowercase.put("currency", "nok");
		assertInvalid(wallet.malformed().transact(lowercase), "currency");
		Map<String, Object> both = byToken(card, "drawdown", 1, newRefId());
		both.put("card_id", card.cardId());
		assertInvalid(wallet.malformed().transact(both), "token or by card_id");
		assertInvalid(wallet.malformed().transact(Wallet.body("drawdown", 1, newRefId())), "token or by card_id");
		Map<String, Object> pendingFund = byToken(card, "fund", 1, newRefId());
		pendingFund.put("pending", true);
		assertInvalid(wallet.malformed().transact(pendingFund), "pending");
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(500);
	}

	private static void assertInvalid(Api.Response response, String mentions) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.errorCode()).isEqualTo("invalid_request");
		assertThat(response.errorMessage()).contains(mentions);
	}

	@Test
	void aRetryWithTheSameRefIdReturnsTheFirstResultAndMovesNoMoneyTwice() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(5_000);
		Map<String, Object> drawdown = byToken(card, "drawdown", 1_000, newRefId());
		Api.Response first = wallet.transact(drawdown);
		Api.Response retry = wallet.transact(drawdown);
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.body()).isEqualTo(first.body());
		Map<String, Object> byCard = byCardId(card, "drawdown", 1_000, (String) drawdown.get("ref_id"));
		assertThat(wallet.transact(byCard).json().path("id").asString()).as("the same card named by card_id")
			.isEqualTo(first.json().path("id").asString());
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(4_000);
		assertThat(Wallet.ledgerEntries(this.jdbc, ACCOUNT, card.cardId())).isEqualTo(2);

		Map<String, Object> otherAmount = new java.util.LinkedHashMap<>(drawdown);
		otherAmount.put("amount", 999);
		Api.Response conflict = wallet.transact(otherAmount);
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.errorCode()).isEqualTo("ref_id_conflict");
		Map<String, Object> asFund = new java.util.LinkedHashMap<>(drawdown);
		asFund.put("type", "fund");
		assertThat(wallet.transact(asFund).errorCode()).isEqualTo("ref_id_conflict");
		TestCard another = wallet.activeCard(5_000);
		Api.Response otherCard = wallet.transact(byToken(another, "drawdown", 1_000, (String) drawdown.get("ref_id")));
		assertThat(otherCard.errorCode()).isEqualTo("ref_id_conflict");
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(4_000);
		assertThat(wallet.card(another).path("balance").asLong()).isEqualTo(5_000);
	}

	@Test
	void pendingDrawdownReservesUntilCaptured() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(10_000);
		Map<String, Object> pending = byToken(card, "drawdown", 3_000, newRefId());
		pending.put("pending", true);
		Api.Response reserved = wallet.transact(pending);
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
		assertThat(reserved.json().path("status").asString()).isEqualTo("pending");
		assertThat(reserved.json().path("card").path("balance").asLong()).isEqualTo(10_000);
		assertThat(reserved.json().path("card").path("available_balance").asLong()).isEqualTo(7_000);
		assertThat(reserved.json().path("card").path("status").asString()).isEqualTo("unused");
		assertThat(wallet.drawdown(card, 7_001).errorCode()).as("the reservation is spoken for")
			.isEqualTo("insufficient_funds");
		String id = reserved.json().path("id").asString();

		Api.Response captured = wallet.post("/transactions/" + id + "/capture");
		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.json().path("status").asString()).isEqualTo("captured");
		assertThat(captured.json().path("card").path("balance").asLong()).isEqualTo(7_000);
		assertThat(captured.json().path("card").path("available_balance").asLong()).isEqualTo(7_000);
		assertThat(captured.json().path("card").path("status").asString()).isEqualTo("active");
		assertThat(wallet.post("/transactions/" + id + "/capture").json().path("card").path("balance").asLong())
			.as("capturing twice takes the money once")
			.isEqualTo(7_000);
		Api.Response voidAfter = wallet.post("/transactions/" + id + "/void");
		assertThat(voidAfter.status()).isEqualTo(409);
		assertThat(voidAfter.errorCode()).isEqualTo("transaction_not_pending");
		assertThat(wallet.transact(pending).json().path("status").asString()).as("a replay shows where it stands")
			.isEqualTo("captured");
		assertThat(api().get(wallet.path("/transactions/" + id), api().token(ACCOUNT, "read:wallets"))
			.json()
			.path("status")
			.asString()).isEqualTo("captured");
		assertThat(Wallet.ledgerEntries(this.jdbc, ACCOUNT, card.cardId())).as("activation, reserve, capture")
			.isEqualTo(3);
	}

	@Test
	void pendingDrawdownReleasedByVoid() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(10_000);
		Map<String, Object> pending = byCardId(card, "drawdown", 3_000, newRefId());
		pending.put("pending", true);
		String id = wallet.transact(pending).json().path("id").asString();
		Api.Response voided = wallet.post("/transactions/" + id + "/void");
		assertThat(voided.status()).as(voided.body()).isEqualTo(200);
		assertThat(voided.json().path("status").asString()).isEqualTo("voided");
		assertThat(voided.json().path("card").path("balance").asLong()).isEqualTo(10_000);
		assertThat(voided.json().path("card").path("available_balance").asLong()).isEqualTo(10_000);
		assertThat(voided.json().path("card").path("status").asString()).isEqualTo("unused");
		assertThat(wallet.post("/transactions/" + id + "/void").status()).isEqualTo(200);
		Api.Response captureAfter = wallet.post("/transactions/" + id + "/capture");
		assertThat(captureAfter.status()).isEqualTo(409);
		assertThat(captureAfter.errorCode()).isEqualTo("transaction_not_pending");
		assertThat(wallet.card(card).path("balance").asLong()).isEqualTo(10_000);
		assertThat(wallet.card(card).path("available_balance").asLong()).isEqualTo(10_000);
	}

	@Test
	void onlyPendingDrawdownsCanBeSettled() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		String completed = wallet.drawdown(card, 100).json().path("id").asString();
		Api.Response capture = wallet.post("/transactions/" + completed + "/capture");
		assertThat(capture.status()).isEqualTo(409);
		assertThat(capture.errorCode()).isEqualTo("transaction_not_pending");
		Api.Response unknown = wallet.post("/transactions/" + java.util.UUID.randomUUID() + "/capture");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.errorCode()).isEqualTo("transaction_not_found");
		assertThat(wallet.post("/transactions/not-a-uuid/void").errorCode()).isEqualTo("transaction_not_found");
	}

}
