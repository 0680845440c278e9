package io.cardmint.support;

import java.util.ArrayList;
import java.util.List;

import io.cardmint.web.Scopes;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two invariants of the card object, read on the wire for every card of an account
 * (deleted ones included): {@code amount_balance = amount_funds − amount_drawdown} and
 * {@code amount_available = amount_balance − amount_reserved}, and none of them negative.
 */
public final class CardInvariants {

	private CardInvariants() {
	}

	/** Pages through {@code GET /cards?include_deleted=true}; returns how many cards were checked. */
	public static int checkEveryCard(Api api, String account) {
		String token = api.token(account, Scopes.READ);
		List<String> broken = new ArrayList<>();
		int checked = 0;
		String after = null;
		do {
			Api.Response page = api.get("/v1/accounts/" + account + "/wallets/cards?include_deleted=true&limit=100"
					+ ((after != null) ? "&starting_after=" + Paths.segment(after) : ""), token);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			for (JsonNode card : page.json().path("cards")) {
				checked++;
				long balance = card.path("amount_balance").asLong();
				long available = card.path("amount_available").asLong();
				long funds = card.path("amount_funds").asLong();
				long drawdown = card.path("amount_drawdown").asLong();
				long reserved = card.path("amount_reserved").asLong();
				if (balance != funds - drawdown || available != balance - reserved || available < 0 || reserved < 0
						|| card.path("amount_pending").asLong() != reserved) {
					broken.add(card.path("card_id").asString() + ": " + card);
				}
			}
			after = page.json().path("starting_after").asString(null);
		}
		while (after != null);
		assertThat(broken).as("cards of " + account + " breaking the invariants").isEmpty();
		return checked;
	}

}
