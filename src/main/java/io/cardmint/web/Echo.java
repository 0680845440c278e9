package io.cardmint.web;

/**
 * A client's value quoted back in a message: control characters, lone surrogates and other
 * invisible characters become {@code ?}, and it is cut to {@link #MAX_LENGTH} characters. A
 * value that can be a secret (token, PIN) or a path segment is never echoed at all.
 */
public final class Echo {

	public static final int MAX_LENGTH = 40;

	private Echo() {
	}

	/** {@code 'value'}, sanitised and truncated with {@code …}. */
	public static String quote(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 3).append('\'');
		int shown = 0;
		for (int i = 0; i < value.length() && shown < MAX_LENGTH; shown++) {
			int c = value.codePointAt(i);
			int count = Character.charCount(c);
			boolean lone = Character.isSurrogate(value.charAt(i)) && count == 1;
			out.appendCodePoint((lone || !visible(c)) ? '?' : c);
			i += count;
		}
		if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
			out.append('…');
		}
		return out.append('\'').toString();
	}

	private static boolean visible(int c) {
		int type = Character.getType(c);
		return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
				&& type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
				&& type != Character.PRIVATE_USE && type != Character.SURROGATE;
	}

}
