package io.cardmint.payment;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code completed}: money moved at once (a fund, a drawdown without {@code pending}, and every
 * capture or void). {@code pending}: a drawdown's amount is held; it then becomes
 * {@code captured} or {@code voided} when a child capture or void settles it.
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
