package io.cardmint.card;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cardmint.code.CodeFormat;

/**
 * A stored temporary token of a card: its keyed hash and masked form, never its value.
 * {@code format} is null for the default, a UUID prefixed {@code DINCARD:}.
 */
record TemporaryToken(UUID id, String accountId, UUID cardUuid, String refId, byte[] tokenHash, String hashKeyId,
		CodeFormat format, String maskedCode, Long expiresIn, Instant expiresAt, boolean expiresAfterTransaction,
		Instant usedAt, Map<String, Object> metadata, Instant createdAt, String createdBy) {

	/** Whether it still finds its card: before its expiry. */
	boolean expired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/** A single-use token pays once; it still finds its card until it expires. */
	boolean spent() {
		return this.expiresAfterTransaction && this.usedAt != null;
	}

	@Override
	public String toString() {
		return "TemporaryToken[" + this.id + ", " + this.maskedCode + "]";
	}

}
