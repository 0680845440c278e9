package io.cardmint.payment;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code completed}: money moved at once (a fund, or a drawdown without {@code pending}).
 * {@code pending}: a drawdown's amount is reserved; it then becomes {@code captured} (the money
 * leaves the card) or {@code voided} (the reservation is released).
 */
enum TransactionStatus {

	COMPLETED, PENDING, CAPTURED, VOIDED;

	@JsonValue
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TransactionStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
