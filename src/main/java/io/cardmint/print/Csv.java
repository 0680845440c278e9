package io.cardmint.print;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 fields: quoted when they contain a comma, a quote, CR or LF — and, following
 * OWASP's CSV-injection guidance, a field that begins with {@code = + - @}, a tab or CR is
 * quoted and prefixed with a single quote, so that a spreadsheet shows it as text instead of
 * running it as a formula.
 *
 * <p>Order validation refuses such values in card ids, code prefixes and print fields (and
 * codes with symbols need a prefix), so for an accepted order the prefix never applies and
 * the manufacturer prints exactly the stored values; it is the last line of defence, not a
 * transformation the manufacturer has to undo.
 */
final class Csv {

	/** OWASP: a cell starting with one of these is read as a formula. */
	static final String FORMULA_START = "=+-@\t\r";

	static final String LINE_END = "\r\n";

	private Csv() {
	}

	/** The header line: fixed columns, then barcode if wanted, then the manifest's print fields. */
	static String header(boolean barcodeColumn, List<String> extraColumnNames) {
		StringWriter line = new StringWriter().append("card_id,card_token,pin");
		if (barcodeColumn) {
			line.append(",barcode");
		}
		try {
			for (String name : extraColumnNames) {
				line.append(',');
				field(line, name);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return line.append(LINE_END).toString();
	}

	/** Writes one field; {@code null} is an empty field. */
	static void field(Writer out, String value) throws IOException {
		if (value == null) {
			return;
		}
		if (!value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0) {
			quote(out, "'" + value);
			return;
		}
		if (!needsQuotes(value)) {
			out.write(value);
			return;
		}
		quote(out, value);
	}

	private static void quote(Writer out, String value) throws IOException {
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
