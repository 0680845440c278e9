package io.cardmint.payment;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a transaction does to a card: a drawdown takes money off it, a fund puts money on it.
 * A capture or a void settles a pending drawdown, its parent: the capture takes (part of) the
 * held amount off the card and releases the rest, the void releases all of it.
 */
enum TransactionType {

	DRAWDOWN, FUND, CAPTURE, VOID;

	@JsonValue
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TransactionType of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
