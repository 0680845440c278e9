package io.cardmint.card;

import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code POST …/cards/{card_id}/activate}: the card is sold, with this amount
 * (minor units) in this currency. {@code card_token} is Dintero's object: its
 * {@code expires_in} and {@code expires_after_transaction} apply to the card's printed token
 * from now on; a {@code format}, if sent, must be the one the card was made with. Checked by
 * {@link Sales}.
 */
public record Activation(String customerId, String name, Long amount, String currency, String originatedBy,
		Instant activeFrom, Instant expiresAt, Map<String, Object> metadata, CardTokenOptions cardToken) {

}
