package io.cardmint.card;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of wallet card the API knows; {@code gift_card} when a request names none. */
public enum CardType {

	GIFT_CARD, CREDIT_NOTE;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Returns null for an unknown value so the caller can name the offending field. */
	public static CardType parse(String value) {
		if (value == null) {
			return GIFT_CARD;
		}
		return Arrays.stream(values()).filter((type) -> type.value().equals(value)).findFirst().orElse(null);
	}

}
