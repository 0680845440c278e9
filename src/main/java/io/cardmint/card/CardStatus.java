package io.cardmint.card;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A card's life-cycle. Batch-made cards start {@code inactive}: they have no balance and can
 * never pay. Activation at the point of sale makes them {@code unused}; the first payment
 * makes them {@code active}.
 */
public enum CardStatus {

	INACTIVE, UNUSED, ACTIVE;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static CardStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
