package io.cardmint.card;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST …/cards/{card_id}/activate}: the card is sold, with this balance
 * (minor units) in this currency.
 */
public record Activation(@Size(max = 255) String customerId, @Size(max = 255) String name,
		@NotNull @PositiveOrZero Long amount, @NotNull @Pattern(regexp = "[A-Z]{3}",
				message = "must be an ISO 4217 code such as NOK") String currency,
		@Size(max = 255) String originatedBy, Instant activeFrom, Instant expiresAt, Map<String, Object> metadata) {

	/** Currencies this deployment takes (ISO 4217); all but ISK have two minor digits. */
	public static final Set<String> CURRENCIES = Set.of("NOK", "SEK", "DKK", "EUR", "USD", "GBP", "ISK", "CHF", "PLN");

	Activation withActiveFrom(Instant activeFrom) {
		return new Activation(this.customerId, this.name, this.amount, this.currency, this.originatedBy, activeFrom,
				this.expiresAt, this.metadata);
	}

}
