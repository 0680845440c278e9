package io.cardmint.card;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the activation's database transaction, so that a listener's writes (the
 * payment ledger's opening row) commit or roll back with the activation itself.
 */
public record CardActivated(UUID id, String accountId, String cardId, long amount, String currency,
		Instant activatedAt) {
}
