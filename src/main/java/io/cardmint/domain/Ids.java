package io.cardmint.domain;

/**
 * The one rule for the ids a client chooses ({@code card_id}, {@code customer_id},
 * {@code ref_id}, {@code originated_by}, {@code order_ref}): 1 to {@link #MAX_LENGTH}
 * characters; every character printable (no control character, no NUL, no line or paragraph
 * separator, no unassigned code point, no lone surrogate); no {@code /} or {@code \}, which
 * no URL path can carry; not {@code .} or {@code ..}; no {@code %} followed by two hex
 * digits (an id that reads as percent-encoded, such as {@code a%2Fb}, would be decoded twice
 * by some client or proxy); no leading or trailing whitespace (as Dintero asks). Anything else — space, {@code % ; # ? +}, any script — is allowed, and
 * addressed in a path with ordinary percent-encoding.
 */
public final class Ids {

	/** Characters (code points): the width of the id columns. */
	public static final int MAX_LENGTH = 255;

	private Ids() {
	}

	/** The rule's wording for a message: "card_id must be …". */
	public static final String RULE = "1 to " + MAX_LENGTH
			+ " printable characters without / or \\, control characters, %-escapes or leading/trailing whitespace";

	/** Null when {@code value} follows the rule, otherwise what is wrong, without quoting the value. */
	public static String problem(String value) {
		if (value == null || value.isEmpty()) {
			return "must not be empty";
		}
		int length = value.codePointCount(0, value.length());
		if (length > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters";
		}
		if (value.equals(".") || value.equals("..")) {
			return "must not be . or ..";
		}
		if (!value.equals(value.strip())) {
			return "must not start or end with whitespace";
		}
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			if (Character.isSurrogate((char) c) && Character.charCount(c) == 1) {
				return "must not contain a lone surrogate";
			}
			if (c == '/' || c == '\\') {
				return "must not contain / or \\";
			}
			if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
				return "must not contain a percent-encoded sequence such as %2F";
			}
			int type = Character.getType(c);
			if (type == Character.CONTROL || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
					|| type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE) {
				return "must contain printable characters only";
			}
			i += Character.charCount(c);
		}
		return null;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** Checks an id the request must carry. */
	public static String require(String field, String value) {
		if (value == null) {
			throw DomainException.invalid("invalid_request", field + " is required");
		}
		return optional(field, value);
	}

	/** Checks an id the request may leave out. */
	public static String optional(String field, String value) {
		String problem = (value != null) ? problem(value) : null;
		if (problem != null) {
			throw DomainException.invalid("invalid_id", field + " " + problem + " (" + RULE + ")");
		}
		return value;
	}

}
