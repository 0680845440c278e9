package io.cardmint.payment;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a transaction does to a card: a drawdown takes money off it, a fund puts money on it. */
enum TransactionType {

	DRAWDOWN, FUND;

	@JsonValue
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TransactionType of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
