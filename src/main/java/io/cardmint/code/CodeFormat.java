package io.cardmint.code;

import java.math.BigInteger;

/**
 * The format of a generated code (card token or PIN), with the fields of the Dintero wallet
 * API. {@code length} counts the generated characters after {@code prefix}. All fields are
 * nullable because they come straight from JSON; {@link #validate(String)} says what is
 * missing.
 *
 * <p>The alphabet is digits, then letters {@code A-Z a-z}, then {@link #SYMBOLS}, in that
 * order. The order is part of the derivation contract: a restarted chunk regenerates its
 * cards from the same random indexes, so reordering the alphabet would change them.
 */
public record CodeFormat(Integer length, String prefix, Boolean symbols, Boolean numbers, Boolean characters,
		Boolean barcode) {

	static final String DIGITS = "0123456789";

	static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	/**
	 * Printable ASCII only, and no quote, comma, backslash or space: values stay safe to read
	 * aloud, to put in a CSV field unquoted and to encode in Code 128.
	 */
	public static final String SYMBOLS = "!#$%&*+-./:=?@_";

	static final int MAX_LENGTH = 128;

	static final int MAX_PREFIX_LENGTH = 64;

	public static CodeFormat defaultToken() {
		return new CodeFormat(16, null, null, true, null, null);
	}

	public static CodeFormat defaultPin() {
		return new CodeFormat(4, null, null, true, null, null);
	}

	public String alphabet() {
		boolean digits = isTrue(numbers);
		boolean letters = isTrue(characters);
		boolean signs = isTrue(symbols);
		if (!letters && !signs) {
			return DIGITS; // numbers only, also when no set was chosen
		}
		StringBuilder alphabet = new StringBuilder(DIGITS.length() + LETTERS.length() + SYMBOLS.length());
		if (digits) {
			alphabet.append(DIGITS);
		}
		if (letters) {
			alphabet.append(LETTERS);
		}
		if (signs) {
			alphabet.append(SYMBOLS);
		}
		return alphabet.toString();
	}

	public String prefixOrEmpty() {
		return prefix == null ? "" : prefix;
	}

	public boolean barcodeRequested() {
		return isTrue(barcode);
	}

	/**
	 * @param field where this format sits in the request, e.g.
	 * {@code options.card_token.format}; it prefixes every message
	 */
	public void validate(String field) {
		if (length == null) {
			throw invalid(field + ".length is required");
		}
		if (length < 1 || length > MAX_LENGTH) {
			throw invalid(field + ".length must be between 1 and " + MAX_LENGTH);
		}
		String prefix = prefixOrEmpty();
		if (prefix.length() > MAX_PREFIX_LENGTH) {
			throw invalid(field + ".prefix must be at most " + MAX_PREFIX_LENGTH + " characters");
		}
		if (prefix.codePoints().anyMatch(Character::isISOControl)) {
			throw invalid(field + ".prefix must not contain control characters");
		}
		if (!prefix.equals(prefix.strip())) {
			throw invalid(field + ".prefix must not start or end with whitespace");
		}
		if (barcodeRequested() && !isCode128Encodable(prefix + alphabet())) {
			// ZXing would read some characters above 126 as FNC escapes, so only plain ASCII passes.
			throw invalid(field + ".prefix must be printable ASCII (32..126) when barcode is true");
		}
	}

	/** How many distinct values this format can generate: alphabet size to the power length. */
	public BigInteger spaceSize() {
		if (length == null) {
			throw new IllegalStateException("format has no length; validate it first");
		}
		return BigInteger.valueOf(alphabet().length()).pow(length);
	}

	/**
	 * Refuses a format whose space is smaller than twice the tokens it must keep unique. At most
	 * half of the space is then ever used, so a value regenerated after a collision is new with
	 * probability at least 1/2 and the expected number of tries stays below two.
	 *
	 * @param tokensToKeepUnique all tokens that share the space: those already issued for the
	 * account plus those about to be generated
	 */
	public void requireFeasible(String field, long tokensToKeepUnique) {
		validate(field);
		if (!isFeasible(tokensToKeepUnique)) {
			BigInteger needed = BigInteger.valueOf(tokensToKeepUnique).shiftLeft(1);
			BigInteger space = spaceSize();
			throw invalid(field + " allows only " + space + " distinct values, too few to keep " + tokensToKeepUnique
					+ " tokens unique (the space must be at least twice the number of tokens); use length "
					+ minimumLength(needed) + " or more, or a larger character set");
		}
	}

	/** Whether the space is at least twice the tokens it must keep unique ({@link #requireFeasible}). */
	public boolean isFeasible(long tokensToKeepUnique) {
		if (tokensToKeepUnique < 0) {
			throw new IllegalArgumentException("tokensToKeepUnique must not be negative");
		}
		return spaceSize().compareTo(BigInteger.valueOf(tokensToKeepUnique).shiftLeft(1)) >= 0;
	}

	/** Space per token to keep unique below which a space is crowded: one collision per million draws. */
	static final BigInteger CROWDED_BELOW = BigInteger.valueOf(1_000_000);

	/**
	 * Whether the space is crowded for the tokens it must keep unique (the account's and the new
	 * ones): a drawn token then meets a taken one more often than once in a million draws, so
	 * writers ask the database before they insert. In a sparse space (16 digits for millions of
	 * cards) the unique key alone catches the rare collision, and asking first would look every
	 * token up twice.
	 */
	public boolean isCrowded(long tokensToKeepUnique) {
		return crowded(spaceSize(), tokensToKeepUnique);
	}

	static boolean crowded(BigInteger tokenSpace, long tokensToKeepUnique) {
		return tokenSpace.compareTo(CROWDED_BELOW.multiply(BigInteger.valueOf(Math.max(1, tokensToKeepUnique)))) < 0;
	}

	private int minimumLength(BigInteger needed) {
		BigInteger size = BigInteger.valueOf(alphabet().length());
		int length = 1;
		BigInteger space = size;
		while (space.compareTo(needed) < 0) {
			space = space.multiply(size);
			length++;
		}
		return length;
	}

	private static boolean isCode128Encodable(String value) {
		return value.chars().allMatch(c -> c >= 32 && c <= 126);
	}

	private static boolean isTrue(Boolean flag) {
		return Boolean.TRUE.equals(flag);
	}

	private static InvalidCodeFormatException invalid(String message) {
		return new InvalidCodeFormatException(message);
	}

}
