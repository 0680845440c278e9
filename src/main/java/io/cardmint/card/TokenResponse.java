package io.cardmint.card;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cardmint.code.CodeFormat;

/**
 * A temporary token as Dintero answers its creation, plus cardmint's {@code card_id},
 * {@code expires_at} and {@code masked_code}. {@code token} (the value) is only in the
 * response that created it: a retry with the same ref_id answers without it, since only its
 * keyed hash is stored.
 */
record TokenResponse(String refId, Long expiresIn, UUID id, Instant createdAt, String createdBy,
		Map<String, Object> metadata, CodeFormat format, boolean expiresAfterTransaction, CardView.Secret token,
		String cardId, Instant expiresAt, String maskedCode) {

	static TokenResponse of(TemporaryToken token, String cardId, CardView.Secret secret) {
		return new TokenResponse(token.refId(), token.expiresIn(), token.id(), token.createdAt(), token.createdBy(),
				token.metadata(), token.format(), token.expiresAfterTransaction(), secret, cardId, token.expiresAt(),
				token.maskedCode());
	}

}
