package io.cardmint.code;

/**
 * Draws a code from a format. The caller validates the format once per request or order;
 * this runs per card and does not repeat it.
 */
public final class CodeGenerator {

	private CodeGenerator() {
	}

	public static String generate(CodeFormat format, RandomSource random) {
		if (format.length() == null) {
			throw new IllegalArgumentException("format has no length; validate it first");
		}
		String alphabet = format.alphabet();
		String prefix = format.prefixOrEmpty();
		int length = format.length();
		StringBuilder code = new StringBuilder(prefix.length() + length).append(prefix);
		for (int i = 0; i < length; i++) {
			code.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return code.toString();
	}

}
