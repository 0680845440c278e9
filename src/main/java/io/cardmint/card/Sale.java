package io.cardmint.card;

import java.time.Instant;
import java.util.Map;

/**
 * What selling a card sets on it, checked: by activation of a batch-made card, or by
 * {@code POST /cards} in one step with its creation.
 */
record Sale(long amount, String currency, String customerId, String name, String originatedBy, Instant activeFrom,
		Instant expiresAt, Map<String, Object> metadata, Long tokenExpiresIn, boolean tokenExpiresAfterTransaction) {
}
