package io.cardmint.card;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cardmint.code.CodeFormat;

/**
 * A card in API responses: Dintero's card object (snake_case JSON), then cardmint's extras
 * ({@code updated_at}, {@code activated_at}, {@code order_ref}, {@code pin_locked},
 * {@code deleted_at}). Token and PIN values ({@link Secret}) appear only in the response that
 * creates them; every other response carries their formats alone.
 *
 * <p>{@code amount_balance = amount_funds − amount_drawdown} and
 * {@code amount_available = amount_balance − amount_reserved}, always: the card row keeps the
 * first by a CHECK constraint and the ledger, the second is computed here. Only drawdowns can
 * be pending, so {@code amount_pending} (pending drawdowns) equals {@code amount_reserved}.
 */
public record CardView(UUID id, String cardId, CardType type, CardStatus status, long amount, String currency,
		long amountBalance, long amountAvailable, long amountFunds, long amountDrawdown, long amountPending,
		long amountReserved, String customerId, String name, String originatedBy, Map<String, Object> metadata,
		Instant activeFrom, Instant expiresAt, Instant createdAt, String createdBy, PinView pin, TokenView cardToken,
		List<TokenSummary> tokens, Instant updatedAt, Instant activatedAt, String orderRef, boolean pinLocked,
		Instant deletedAt) {

	public record Secret(String value, @JsonProperty("barcode_128") String barcode128) {

		@Override
		public String toString() {
			return "Secret[redacted]";
		}

	}

	public record TokenView(CodeFormat format, Long expiresIn, boolean expiresAfterTransaction, Secret token) {
	}

	public record PinView(CodeFormat format, Secret pin) {
	}

	/** A temporary token as the card lists it: never its value, only the prefix and last four. */
	public record TokenSummary(Instant expiresAt, String maskedCode, CodeFormat format) {
	}

	static CardView of(Card card, List<TokenSummary> tokens) {
		return new CardView(card.id(), card.cardId(), card.type(), card.status(),
				(card.amount() != null) ? card.amount() : 0, card.currency(), card.balance(), card.availableBalance(),
				card.amountFunds(), card.amountDrawdown(), card.reservedAmount(), card.reservedAmount(),
				card.customerId(), card.name(), card.originatedBy(), card.metadata(), card.activeFrom(),
				card.expiresAt(), card.createdAt(), card.createdBy(),
				(card.pinFormat() != null) ? new PinView(card.pinFormat(), null) : null,
				new TokenView(card.tokenFormat(), card.tokenExpiresIn(), card.tokenExpiresAfterTransaction(), null),
				tokens, card.updatedAt(), card.activatedAt(), card.orderRef(), card.pinLocked(), card.deletedAt());
	}

	CardView withSecrets(Secret token, Secret pin) {
		return new CardView(this.id, this.cardId, this.type, this.status, this.amount, this.currency,
				this.amountBalance, this.amountAvailable, this.amountFunds, this.amountDrawdown, this.amountPending,
				this.amountReserved, this.customerId, this.name, this.originatedBy, this.metadata, this.activeFrom,
				this.expiresAt, this.createdAt, this.createdBy,
				(this.pin != null) ? new PinView(this.pin.format(), pin) : null,
				new TokenView(this.cardToken.format(), this.cardToken.expiresIn(),
						this.cardToken.expiresAfterTransaction(), token),
				this.tokens, this.updatedAt, this.activatedAt, this.orderRef, this.pinLocked, this.deletedAt);
	}

}
