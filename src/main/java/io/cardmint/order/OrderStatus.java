package io.cardmint.order;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code validating} while a manifest is checked, {@code accepted} until its job starts,
 * {@code running}, then {@code completed}, {@code failed} (resumable: {@code resume} after the
 * cause is fixed), {@code stopped} (its process was shut down or lost the order's lease at a
 * chunk boundary; {@code resume} or {@code serve} continues it at once) or {@code rejected} (the
 * job's first step found a listed card id repeated or already used in the account: nothing was
 * written, and the order_ref may be used again).
 */
public enum OrderStatus {

	VALIDATING, ACCEPTED, RUNNING, COMPLETED, FAILED, STOPPED, REJECTED;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static OrderStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
