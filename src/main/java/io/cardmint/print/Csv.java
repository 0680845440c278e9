package io.cardmint.print;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 fields: quoted only when they contain a comma, a quote, CR or LF. */
final class Csv {

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
