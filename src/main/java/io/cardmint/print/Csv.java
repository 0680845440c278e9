package io.cardmint.print;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 fields: quoted only when they contain a comma, a quote, CR or LF. */
final class Csv {

	static final String LINE_END = "\r\n";

	private Csv() {
	}

	/** Writes one field; {@code null} is an empty field. */
	static void field(Writer out, String value) throws IOException {
		if (value == null) {
			return;
		}
		if (!needsQuotes(value)) {
			out.write(value);
			return;
		}
		out.write('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				out.write('"');
			}
			out.write(c);
		}
		out.write('"');
	}

	private static boolean needsQuotes(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\r' || c == '\n') {
				return true;
			}
		}
		return false;
	}

}
