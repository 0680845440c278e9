package io.cardmint.card;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A card's life-cycle, all of it here. Batch-made cards start {@code inactive}: they have no
 * balance and can never pay. Activation at the point of sale makes them {@code unused}
 * ({@code POST /cards} creates them so); the first money taken off them makes them
 * {@code active}. Deletion is not a status but a mark ({@code deleted_at}) on any of them.
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

	/** Only an inactive card can be activated. */
	boolean canBeActivated() {
		return this == INACTIVE;
	}

	/** The status a card is created in by {@code POST /cards}, or activated into. */
	static CardStatus sold() {
		return UNUSED;
	}

	/** Whether money can move at all: an inactive card never pays and takes no funds. */
	public boolean canMoveMoney() {
		return this != INACTIVE;
	}

	/** After money is taken off (a completed drawdown or a capture): {@code unused} becomes {@code active}. */
	CardStatus afterSpending() {
		return (this == UNUSED) ? ACTIVE : this;
	}

}
