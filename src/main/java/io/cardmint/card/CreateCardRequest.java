package io.cardmint.card;

import java.time.Instant;
import java.util.Map;

import io.cardmint.domain.Amounts;
import io.cardmint.domain.Ids;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST …/cards}: one card, sold at once ({@code unused}, with its amount),
 * its token and PIN shown in this response only. Checked by {@link Sales} and
 * {@link CardBatchService}.
 */
public record CreateCardRequest(@Schema(minLength = 1, maxLength = Ids.MAX_LENGTH,
		description = Ids.RULE) String cardId,
		@Schema(allowableValues = { "gift_card", "credit_note" }, defaultValue = "gift_card") String type,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "" + Amounts.MAX) Long amount,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "CHF", "DKK", "EUR", "GBP", "ISK",
				"NOK", "PLN", "SEK", "USD" }) String currency,
		@Schema(minLength = 1, maxLength = Ids.MAX_LENGTH, description = Ids.RULE) String customerId,
				@Schema(maxLength = 255) String name,
		@Schema(minLength = 1, maxLength = Ids.MAX_LENGTH, description = Ids.RULE) String originatedBy,
				Instant activeFrom, Instant expiresAt, Map<String, Object> metadata,
		BatchCreateRequest.FormatOption pin, CardTokenOptions cardToken) {

	Activation sale() {
		return new Activation(this.customerId, this.name, this.amount, this.currency, this.originatedBy,
				this.activeFrom, this.expiresAt, this.metadata, this.cardToken);
	}

}
