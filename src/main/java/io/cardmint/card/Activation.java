package io.cardmint.card;

import java.time.Instant;
import java.util.Map;

import io.cardmint.domain.Amounts;
import io.cardmint.domain.Ids;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST …/cards/{card_id}/activate}: the card is sold, with this amount
 * (minor units) in this currency. {@code card_token} is Dintero's object: its
 * {@code expires_in} and {@code expires_after_transaction} apply to the card's printed token
 * from now on; a {@code format}, if sent, must be the one the card was made with. Checked by
 * {@link Sales}.
 */
public record Activation(@Schema(minLength = 1, maxLength = Ids.MAX_LENGTH, description = Ids.RULE) String customerId,
		@Schema(maxLength = 255) String name,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "" + Amounts.MAX) Long amount,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "CHF", "DKK", "EUR", "GBP", "ISK",
				"NOK", "PLN", "SEK", "USD" }) String currency,
		@Schema(minLength = 1, maxLength = Ids.MAX_LENGTH, description = Ids.RULE) String originatedBy,
		Instant activeFrom, Instant expiresAt, Map<String, Object> metadata, CardTokenOptions cardToken) {

}
