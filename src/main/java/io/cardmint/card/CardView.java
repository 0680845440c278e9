package io.cardmint.card;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cardmint.code.CodeFormat;

/**
 * A card in API responses (snake_case JSON). Token and PIN values appear only in the batch
 * create response ({@link Secret}); every other response carries their formats alone.
 */
public record CardView(UUID id, String cardId, CardType type, CardStatus status, String currency, long balance,
		long availableBalance, String customerId, String name, String originatedBy, Instant activeFrom,
		Instant expiresAt, Map<String, Object> metadata, Instant createdAt, String createdBy, Instant updatedAt,
		Instant activatedAt, String orderRef, boolean pinLocked, TokenView cardToken, PinView pin) {

	public record Secret(String value, @JsonProperty("barcode_128") String barcode128) {

		@Override
		public String toString() {
			return "Secret[redacted]";
		}

	}

	public record TokenView(Secret token, CodeFormat format) {
	}

	public record PinView(Secret pin, CodeFormat format) {
	}

	public static CardView of(Card card) {
		return new CardView(card.id(), card.cardId(), card.type(), card.status(), card.currency(), card.balance(),
				card.availableBalance(), card.customerId(), card.name(), card.originatedBy(), card.activeFrom(),
				card.expiresAt(), card.metadata(), card.createdAt(), card.createdBy(), card.updatedAt(),
				card.activatedAt(), card.orderRef(), card.pinLocked(), new TokenView(null, card.tokenFormat()),
				(card.pinFormat() != null) ? new PinView(null, card.pinFormat()) : null);
	}

	CardView withSecrets(TokenView token, PinView pin) {
		return new CardView(this.id, this.cardId, this.type, this.status, this.currency, this.balance,
				this.availableBalance, this.customerId, this.name, this.originatedBy, this.activeFrom, this.expiresAt,
				this.metadata, this.createdAt, this.createdBy, this.updatedAt, this.activatedAt, this.orderRef,
				this.pinLocked, token, pin);
	}

}
