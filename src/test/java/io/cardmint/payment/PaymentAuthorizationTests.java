package io.cardmint.payment;

import java.util.Map;

import io.cardmint.payment.Wallet.TestCard;
import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static io.cardmint.payment.Wallet.byCardId;
import static io.cardmint.payment.Wallet.byToken;
import static io.cardmint.payment.Wallet.newRefId;
import static org.assertj.core.api.Assertions.assertThat;

/** The 401/403 matrix of the payment endpoints, as for the card endpoints. */
class PaymentAuthorizationTests extends MariaDbApplicationTest {

	private static final String OWNER = "T51000004";

	private static final String OTHER = "P51000005";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0} with {1} of {2} -> {3}")
	@CsvSource(textBlock = """
			drawdown by token,   read:wallets,  T51000004, 403
			drawdown by token,   write:wallets, T51000004, 200
			drawdown by token,   admin:wallets, T51000004, 200
			drawdown by token,   admin:wallets, P51000005, 403
			drawdown by token,   openid,        T51000004, 403
			drawdown by card_id, read:wallets,  T51000004, 403
			drawdown by card_id, write:wallets, T51000004, 200
			drawdown by card_id, admin:wallets, T51000004, 200
			drawdown by card_id, admin:wallets, P51000005, 403
			info,                read:wallets,  T51000004, 200
			info,                write:wallets, T51000004, 200
			info,                admin:wallets, T51000004, 200
			info,                admin:wallets, P51000005, 403
			capture,             read:wallets,  T51000004, 403
			capture,             write:wallets, T51000004, 200
			capture,             admin:wallets, P51000005, 403
			void,                read:wallets,  T51000004, 403
			void,                admin:wallets, P51000005, 403
			get transaction,     read:wallets,  T51000004, 200
			get transaction,     admin:wallets, P51000005, 403
			""")
	void scopesAndAccountsDecide(String operation, String scope, String tokenAccount, int status) {
		Api api = api();
		Wallet wallet = new Wallet(api, OWNER);
		TestCard card = wallet.activeCard(1_000);
		String bearer = api.token(tokenAccount, scope);
		Api.Response response = switch (operation) {
			case "drawdown by token" -> wallet.transact(bearer, byToken(card, "drawdown", 100, newRefId()));
			case "drawdown by card_id" -> wallet.transact(bearer, byCardId(card, "drawdown", 100, newRefId()));
			case "info" -> api.post(wallet.path("/info"), bearer,
					JSON.writeValueAsString(Map.of("token", card.token(), "pin", card.pin())));
			case "capture", "void" -> api.post(wallet.path("/transactions/" + pending(wallet, card) + "/" + operation),
					bearer, JSON.writeValueAsString(Map.of("ref_id", newRefId())));
			case "get transaction" -> api.get(wallet.path("/transactions/" + pending(wallet, card)), bearer);
			default -> throw new IllegalArgumentException(operation);
		};
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		if (status == 403) {
			assertThat(response.errorCode()).isEqualTo("forbidden");
			assertThat(response.body()).doesNotContain(card.cardId()).doesNotContain("amount_");
			assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(1_000);
			// Exactly the owner's pending hold of 100, if the operation needed one: a refused capture
			// or void must leave it, a refused drawdown must not add one.
			boolean held = operation.equals("capture") || operation.equals("void") || operation.equals("get transaction");
			assertThat(wallet.card(card).path("amount_available").asLong()).isEqualTo(held ? 900 : 1_000);
		}
	}

	private static String pending(Wallet wallet, TestCard card) {
		Map<String, Object> body = byToken(card, "drawdown", 100, newRefId());
		body.put("pending", true);
		return wallet.transact(body).json().path("id").asString();
	}

	@Test
	void withoutABearerTokenNothingIsAnswered() {
		Api api = api();
		Wallet wallet = new Wallet(api, OWNER);
		TestCard card = wallet.activeCard(1_000);
		Api.Response transact = api.malformed().post(wallet.path("/transactions"), null,
				JSON.writeValueAsString(byToken(card, "drawdown", 100, newRefId())));
		assertThat(transact.status()).isEqualTo(401);
		assertThat(transact.errorCode()).isEqualTo("unauthorized");
		assertThat(api.malformed().post(wallet.path("/info"), "not-a-jwt", "{}").status()).isEqualTo(401);
		assertThat(wallet.card(card).path("amount_balance").asLong()).isEqualTo(1_000);
	}

	@Test
	void anotherAccountCannotReachOurCardsOrTransactionsThroughItsOwnPath() {
		Api api = api();
		Wallet owner = new Wallet(api, OWNER);
		TestCard card = owner.activeCard(1_000);
		String id = pending(owner, card);
		Wallet other = new Wallet(api, OTHER);
		Api.Response byTokenElsewhere = other.transact(byToken(card, "drawdown", 100, newRefId()));
		assertThat(byTokenElsewhere.status()).isEqualTo(404);
		assertThat(byTokenElsewhere.errorCode()).isEqualTo("card_not_found");
		assertThat(other.transact(byCardId(card, "drawdown", 100, newRefId())).errorCode())
			.isEqualTo("card_not_found");
		assertThat(other.info(card).errorCode()).isEqualTo("card_not_found");
		Api.Response capture = other.settle(id, "capture");
		assertThat(capture.status()).isEqualTo(404);
		assertThat(capture.errorCode()).isEqualTo("transaction_not_found");
		assertThat(owner.card(card).path("amount_available").asLong()).isEqualTo(900);
	}

}
