package io.cardmint.card;

import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code POST …/cards}: one card, sold at once ({@code unused}, with its amount),
 * its token and PIN shown in this response only. Checked by {@link Sales} and
 * {@link CardBatchService}.
 */
public record CreateCardRequest(String cardId, String type, Long amount, String currency, String customerId,
		String name, String originatedBy, Instant activeFrom, Instant expiresAt, Map<String, Object> metadata,
		BatchCreateRequest.FormatOption pin, CardTokenOptions cardToken) {

	Activation sale() {
		return new Activation(this.customerId, this.name, this.amount, this.currency, this.originatedBy,
				this.activeFrom, this.expiresAt, this.metadata, this.cardToken);
	}

}
