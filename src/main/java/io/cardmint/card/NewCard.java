package io.cardmint.card;

import java.time.Instant;
import java.util.UUID;

/**
 * A card row as it is first written: {@code inactive}, no balance, and only the keyed hashes
 * of its token and PIN. {@code orderRef}/{@code cardIndex}/{@code tokenAttempt} record how an
 * order job derived it, so the print file can be rebuilt from the database.
 */
public record NewCard(UUID id, String accountId, String cardId, CardType type, Instant createdAt, String createdBy,
		String orderRef, Long cardIndex, int tokenAttempt, String tokenFormatJson, String pinFormatJson,
		byte[] tokenHash, byte[] pinHash, String hashKeyId) {
}
