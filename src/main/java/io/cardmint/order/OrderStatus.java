package io.cardmint.order;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code validating} while a manifest is checked, {@code accepted} until its job starts,
 * {@code running}, then {@code completed} or {@code failed} (resumable).
 */
public enum OrderStatus {

	VALIDATING, ACCEPTED, RUNNING, COMPLETED, FAILED;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static OrderStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
