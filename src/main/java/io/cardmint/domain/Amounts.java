package io.cardmint.domain;

/**
 * The one rule for money: integer minor units, {@code 0 ≤ amount ≤} {@link #MAX}, for every
 * amount a request moves and for every balance a card can hold. Sums are checked
 * ({@link Math#addExact}) so that nothing passes the maximum or wraps.
 */
public final class Amounts {

	/**
	 * 10^12 minor units (10,000,000,000.00 NOK): far above any gift card, and far enough below
	 * {@code Long.MAX_VALUE} that a sum of two bounded amounts can never wrap.
	 */
	public static final long MAX = 1_000_000_000_000L;

	private Amounts() {
	}

	/**
	 * Checks one amount a request moves. {@code minimum} is 0 or 1 (a payment of nothing is
	 * refused, an activation with nothing is not).
	 */
	public static long requireMovement(String field, Long amount, long minimum) {
		if (amount == null) {
			throw DomainException.invalid("invalid_request", field + " is required");
		}
		if (amount < minimum) {
			throw DomainException.invalid("invalid_request", field + " must be at least " + minimum);
		}
		if (amount > MAX) {
			throw DomainException.invalid("amount_too_large", field + " must be at most " + MAX + " (minor units)");
		}
		return amount;
	}

	/** A balance after adding {@code amount}: refused with {@code balance_limit_exceeded} beyond {@link #MAX}. */
	public static long addToBalance(long balance, long amount) {
		long sum;
		try {
			sum = Math.addExact(balance, amount);
		}
		catch (ArithmeticException ex) {
			throw balanceLimit();
		}
		if (sum > MAX) {
			throw balanceLimit();
		}
		return sum;
	}

	/** A running total (funds or drawdowns over a card's life), checked for overflow. */
	public static long addToTotal(long total, long amount) {
		try {
			return Math.addExact(total, amount);
		}
		catch (ArithmeticException ex) {
			throw balanceLimit();
		}
	}

	private static DomainException balanceLimit() {
		return DomainException.conflict("balance_limit_exceeded",
				"the card's balance would pass the maximum of " + MAX + " (minor units)");
	}

}
