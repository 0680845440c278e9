package io.cardmint.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cardmint.payment.Wallet.TestCard;
import io.cardmint.domain.Amounts;
import io.cardmint.support.Api;
import io.cardmint.support.CardInvariants;
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
		assertThat(body.path("created_by").asString()).isEqualTo("test:" + ACCOUNT);
		assertThat(body.has("parent_id")).isFalse();
		assertThat(paid.body()).doesNotContain(card.token()).doesNotContain("\"pin\"");
		JsonNode stored = wallet.card(card);
		assertThat(stored.path("amount_balance").asLong()).isEqualTo(7_500);
		assertThat(stored.path("amount_available").asLong()).isEqualTo(7_500);
		assertThat(stored.path("amount_funds").asLong()).isEqualTo(10_000);
		assertThat(stored.path("amount_drawdown").asLong()).isEqualTo(2_500);
		assertThat(stored.path("amount").asLong()).isEqualTo(10_000);
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
		assertThat(wallet.balance(card)).isEqualTo(1_500);
		assertThat(wallet.card(card).path("amount_funds").asLong()).isEqualTo(1_500);
		assertThat(wallet.card(card).path("status").asString()).isEqualTo("unused");
	}

	@Test
	void byCardIdNoPinIsAsked() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Api.Response paid = wallet.transact(byCardId(card, "drawdown", 400, newRefId()));
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(wallet.balance(card)).isEqualTo(600);
	}

	@Test
	void cardWithoutPinPaysByTokenAlone() {
		Wallet wallet = wallet();
		TestCard card = wallet.newCard(false);
		wallet.activate(card, "{\"amount\":1000,\"currency\":\"NOK\"}");
		Api.Response paid = wallet.drawdown(card, 1_000);
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(wallet.balance(card)).isZero();
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
		assertThat(wallet.card(card).path("amount_balance").asLong()).isZero();

		wallet.activate(card, "{\"amount\":500,\"currency\":\"NOK\"}");
		Api.Response accepted = wallet.transact(drawdown);
		assertThat(accepted.status()).as("the refused ref_id stored nothing: " + accepted.body()).isEqualTo(200);
		assertThat(wallet.balance(card)).isEqualTo(400);
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
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(600);
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
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(500);
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
		assertThat(wallet.drawdown(card, 500).status()).isEqualTo(200);
		assertThat(wallet.balance(card)).isZero();
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
		assertInvalid(wallet.malformed().transact(byToken(card, "drawdown", 0, newRefId())), "amount must be at least 1");
		assertInvalid(wallet.malformed().transact(byToken(card, "drawdown", -5, newRefId())), "amount must be at least 1");
		assertInvalid(wallet.malformed().transact(byToken(card, "refund", 1, newRefId())), "type");
		Map<String, Object> lowercase = byToken(card, "drawdown", 1, newRefId());
		lowercase.put("currency", "nok");
		assertInvalid(wallet.malformed().transact(lowercase), "currency");
		assertInvalid(wallet.malformed().transact(Wallet.body("drawdown", 1, newRefId())), "token or by card_id");
		Map<String, Object> pendingFund = byToken(card, "fund", 1, newRefId());
		pendingFund.put("pending", true);
		assertInvalid(wallet.malformed().transact(pendingFund), "pending");
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(500);
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
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(4_000);
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
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(4_000);
		assertThat(wallet.card(another).path("amount_balance").asLong()).isEqualTo(5_000);
	}

	@Test
	void pendingDrawdownReservesUntilCapturedByAChildTransaction() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(10_000);
		Map<String, Object> pending = byToken(card, "drawdown", 3_000, newRefId());
		pending.put("pending", true);
		Api.Response reserved = wallet.transact(pending);
		assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
		assertThat(reserved.json().path("status").asString()).isEqualTo("pending");
		JsonNode held = wallet.card(card);
		assertThat(held.path("amount_balance").asLong()).isEqualTo(10_000);
		assertThat(held.path("amount_available").asLong()).isEqualTo(7_000);
		assertThat(held.path("amount_reserved").asLong()).isEqualTo(3_000);
		assertThat(held.path("amount_pending").asLong()).isEqualTo(3_000);
		assertThat(held.path("status").asString()).isEqualTo("unused");
		assertThat(wallet.drawdown(card, 7_001).errorCode()).as("the reservation is spoken for")
			.isEqualTo("insufficient_funds");
		String id = reserved.json().path("id").asString();

		Map<String, Object> capture = Map.of("ref_id", newRefId(), "metadata", Map.of("order_id", "o-1"));
		Api.Response captured = wallet.settle(id, "capture", capture);
		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		JsonNode child = captured.json();
		assertThat(child.path("type").asString()).isEqualTo("capture");
		assertThat(child.path("status").asString()).isEqualTo("completed");
		assertThat(child.path("parent_id").asString()).isEqualTo(id);
		assertThat(child.path("amount").asLong()).isEqualTo(3_000);
		assertThat(child.path("ref_id").asString()).isEqualTo(capture.get("ref_id"));
		assertThat(child.path("metadata").path("order_id").asString()).isEqualTo("o-1");
		assertThat(child.path("id").asString()).isNotEqualTo(id);
		JsonNode after = wallet.card(card);
		assertThat(after.path("amount_balance").asLong()).isEqualTo(7_000);
		assertThat(after.path("amount_available").asLong()).isEqualTo(7_000);
		assertThat(after.path("amount_reserved").asLong()).isZero();
		assertThat(after.path("status").asString()).isEqualTo("active");
		Api.Response again = wallet.settle(id, "capture", capture);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("id").asString()).as("the same ref_id answers the same child")
			.isEqualTo(child.path("id").asString());
		assertThat(wallet.balance(card)).as("capturing twice takes the money once").isEqualTo(7_000);
		Api.Response secondCapture = wallet.settle(id, "capture");
		assertThat(secondCapture.status()).isEqualTo(409);
		assertThat(secondCapture.errorCode()).isEqualTo("transaction_not_pending");
		Api.Response voidAfter = wallet.settle(id, "void");
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
	void partialCaptureMovesExactlyTheCapturedAmountAndReleasesTheRest() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		String id = wallet.pending(card, 300);
		assertThat(wallet.available(card)).isEqualTo(700);
		Api.Response captured = wallet.settle(id, "capture", Map.of("ref_id", newRefId(), "amount", 100));
		assertThat(captured.status()).as(captured.body()).isEqualTo(200);
		assertThat(captured.json().path("amount").asLong()).isEqualTo(100);
		JsonNode after = wallet.card(card);
		assertThat(after.path("amount_balance").asLong()).as("exactly 100 left the card").isEqualTo(900);
		assertThat(after.path("amount_available").asLong()).as("the other 200 are free again").isEqualTo(900);
		assertThat(after.path("amount_reserved").asLong()).isZero();
		assertThat(after.path("amount_drawdown").asLong()).isEqualTo(100);
		assertThat(this.jdbc.queryForObject(
				"SELECT SUM(balance_change) FROM ledger_entry WHERE kind = 'capture' AND transaction_id = ?",
				Long.class, captured.json().path("id").asString()))
			.isEqualTo(-100);
	}

	@Test
	void captureOfMoreThanPendingOrOfNothingIsRefusedAndMovesNothing() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		String id = wallet.pending(card, 300);
		Api.Response tooMuch = wallet.settle(id, "capture", Map.of("ref_id", newRefId(), "amount", 301));
		assertThat(tooMuch.status()).isEqualTo(400);
		assertThat(tooMuch.errorCode()).isEqualTo("amount_exceeds_pending");
		Api.Response zero = wallet.malformed().settle(id, "capture", Map.of("ref_id", newRefId(), "amount", 0));
		assertThat(zero.status()).isEqualTo(400);
		Api.Response noRef = wallet.malformed().settle(id, "capture", Map.of("amount", 100));
		assertThat(noRef.status()).isEqualTo(400);
		assertThat(noRef.errorMessage()).contains("ref_id");
		assertThat(wallet.post("/transactions/" + id + "/capture").status()).as("no body").isEqualTo(400);
		assertThat(wallet.available(card)).isEqualTo(700);
		assertThat(wallet.balance(card)).isEqualTo(1_000);
	}

	@Test
	void pendingDrawdownReleasedByAVoidChild() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(10_000);
		Map<String, Object> pending = byCardId(card, "drawdown", 3_000, newRefId());
		pending.put("pending", true);
		String id = wallet.transact(pending).json().path("id").asString();
		Map<String, Object> voidBody = Map.of("ref_id", newRefId());
		Api.Response voided = wallet.settle(id, "void", voidBody);
		assertThat(voided.status()).as(voided.body()).isEqualTo(200);
		assertThat(voided.json().path("type").asString()).isEqualTo("void");
		assertThat(voided.json().path("parent_id").asString()).isEqualTo(id);
		assertThat(voided.json().path("amount").asLong()).isEqualTo(3_000);
		assertThat(wallet.settle(id, "void", voidBody).json().path("id").asString())
			.isEqualTo(voided.json().path("id").asString());
		Api.Response captureAfter = wallet.settle(id, "capture");
		assertThat(captureAfter.status()).isEqualTo(409);
		assertThat(captureAfter.errorCode()).isEqualTo("transaction_not_pending");
		assertThat(wallet.settle(id, "void", Map.of("ref_id", newRefId(), "amount", 1)).status())
			.as("a void takes no amount")
			.isEqualTo(400);
		JsonNode after = wallet.card(card);
		assertThat(after.path("amount_balance").asLong()).isEqualTo(10_000);
		assertThat(after.path("amount_available").asLong()).isEqualTo(10_000);
		assertThat(after.path("status").asString()).isEqualTo("unused");
		assertThat(api().get(wallet.path("/transactions/" + id), api().token(ACCOUNT, "read:wallets"))
			.json()
			.path("status")
			.asString()).isEqualTo("voided");
	}

	@Test
	void aChildRefIdUsedElsewhereIsAConflict() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		String first = wallet.pending(card, 100);
		String second = wallet.pending(card, 100);
		Map<String, Object> capture = Map.of("ref_id", newRefId());
		assertThat(wallet.settle(first, "capture", capture).status()).isEqualTo(200);
		Api.Response reused = wallet.settle(second, "capture", capture);
		assertThat(reused.status()).isEqualTo(409);
		assertThat(reused.errorCode()).isEqualTo("ref_id_conflict");
		assertThat(wallet.available(card)).isEqualTo(800);
	}

	@Test
	void onlyPendingDrawdownsCanBeSettled() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		String completed = wallet.drawdown(card, 100).json().path("id").asString();
		Api.Response capture = wallet.settle(completed, "capture");
		assertThat(capture.status()).isEqualTo(409);
		assertThat(capture.errorCode()).isEqualTo("transaction_not_pending");
		Api.Response unknown = wallet.settle(java.util.UUID.randomUUID().toString(), "capture");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.errorCode()).isEqualTo("transaction_not_found");
		assertThat(wallet.settle("not-a-uuid", "void").errorCode()).isEqualTo("transaction_not_found");
	}

	@Test
	void tokenAndCardIdTogetherAreAcceptedWhenTheyNameTheSameCard() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		TestCard other = wallet.activeCard(1_000);
		Map<String, Object> sale = byToken(card, "drawdown", 100, newRefId());
		sale.put("card_id", card.cardId());
		sale.put("metadata", Map.of("order_id", "xk39592f"));
		sale.put("originated_by", "till-7");
		Api.Response paid = wallet.transact(sale);
		assertThat(paid.status()).as(paid.body()).isEqualTo(200);
		assertThat(paid.json().path("metadata").path("order_id").asString()).isEqualTo("xk39592f");
		assertThat(paid.json().path("originated_by").asString()).isEqualTo("till-7");
		Map<String, Object> mismatch = byToken(card, "drawdown", 100, newRefId());
		mismatch.put("card_id", other.cardId());
		Api.Response refused = wallet.transact(mismatch);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorCode()).isEqualTo("invalid_request");
		assertThat(refused.errorMessage()).contains("different cards");
		assertThat(wallet.balance(card)).isEqualTo(900);
		assertThat(wallet.balance(other)).isEqualTo(1_000);
	}

	@Test
	void transactionsAreListedPagedForTheAccountAndForACard() {
		Wallet wallet = new Wallet(api(), "T51000013");
		TestCard card = wallet.activeCard(1_000);
		TestCard other = wallet.activeCard(1_000);
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			made.add(wallet.drawdown(card, 10).json().path("id").asString());
			wallet.drawdown(other, 10);
		}
		String pending = wallet.pending(card, 10);
		made.add(pending);
		made.add(wallet.settle(pending, "capture").json().path("id").asString());
		String reader = api().token("T51000013", "read:wallets");
		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			Api.Response page = api().get(wallet.path("/cards/" + card.cardId() + "/transactions?limit=2"
					+ ((after != null) ? "&starting_after=" + after : "")), reader);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().path("transactions").forEach((t) -> seen.add(t.path("id").asString()));
			assertThat(page.json().path("transactions").size()).isLessThanOrEqualTo(2);
			after = page.json().path("starting_after").asString(null);
		}
		while (after != null);
		assertThat(seen).containsExactlyElementsOf(made);
		Api.Response all = api().get(wallet.path("/transactions?limit=100"), reader);
		assertThat(all.json().path("transactions").size()).isEqualTo(6 + 2);
		assertThat(all.json().has("starting_after")).isFalse();
		assertThat(api().malformed().get(wallet.path("/transactions?limit=0"), reader).status()).isEqualTo(400);
		assertThat(api().get(wallet.path("/transactions?starting_after=nope"), reader).status()).isEqualTo(400);
		assertThat(api().get(wallet.path("/cards/no-such-card/transactions"), reader).status()).isEqualTo(404);
		CardInvariants.checkEveryCard(api(), "T51000013");
	}

	@Test
	void amountsBeyondTheMaximumAreRefusedWithTheirOwnCode() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		for (long amount : new long[] { Amounts.MAX + 1, Long.MAX_VALUE }) {
			Api.Response refused = wallet.malformed().transact(byToken(card, "fund", amount, newRefId()));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.errorCode()).isEqualTo("amount_too_large");
		}
		assertThat(wallet.balance(card)).isEqualTo(1_000);
	}

	@Test
	void noBalancePassesTheMaximumAndARefusalWritesNothing() {
		Wallet wallet = wallet();
		TestCard card = wallet.newCard(true);
		wallet.activate(card, "{\"amount\":" + Amounts.MAX + ",\"currency\":\"NOK\"}");
		int transactions = this.jdbc.queryForObject("SELECT COUNT(*) FROM card_transaction", Integer.class);
		int entries = Wallet.ledgerEntries(this.jdbc, ACCOUNT, card.cardId());
		Api.Response overflow = wallet.transact(byToken(card, "fund", 1, newRefId()));
		assertThat(overflow.status()).as(overflow.body()).isEqualTo(409);
		assertThat(overflow.errorCode()).isEqualTo("balance_limit_exceeded");
		assertThat(wallet.balance(card)).isEqualTo(Amounts.MAX);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card_transaction", Integer.class))
			.as("nothing written").isEqualTo(transactions);
		assertThat(Wallet.ledgerEntries(this.jdbc, ACCOUNT, card.cardId())).isEqualTo(entries);
		assertThat(wallet.drawdown(card, Amounts.MAX).status()).isEqualTo(200);
		assertThat(wallet.transact(byToken(card, "fund", Amounts.MAX, newRefId())).status()).isEqualTo(200);
		assertThat(wallet.balance(card)).isEqualTo(Amounts.MAX);
	}

	@Test
	void aDeletedCardNeverPays() {
		Wallet wallet = wallet();
		TestCard card = wallet.activeCard(1_000);
		Map<String, Object> before = byToken(card, "drawdown", 100, newRefId());
		assertThat(wallet.transact(before).status()).isEqualTo(200);
		Api.Response deleted = api().send(api().request(wallet.path("/cards/" + card.cardId()),
				api().token(ACCOUNT, "write:wallets")).DELETE());
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		for (Map<String, Object> body : List.of(byToken(card, "drawdown", 100, newRefId()),
				byCardId(card, "drawdown", 100, newRefId()), byToken(card, "fund", 100, newRefId()))) {
			Api.Response refused = wallet.transact(body);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.errorCode()).isEqualTo("card_deleted");
		}
		Map<String, Object> pending = byToken(card, "drawdown", 100, newRefId());
		pending.put("pending", true);
		assertThat(wallet.transact(pending).errorCode()).isEqualTo("card_deleted");
		assertThat(wallet.transact(before).status()).as("a replay still answers its first result").isEqualTo(200);
		assertThat(wallet.info(card).errorCode()).isEqualTo("card_deleted");
		assertThat(this.jdbc.queryForObject("SELECT balance FROM card WHERE card_id = ?", Long.class, card.cardId()))
			.isEqualTo(900);
	}

}
