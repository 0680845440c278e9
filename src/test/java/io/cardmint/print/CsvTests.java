package io.cardmint.print;

import java.io.IOException;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4180 quoting, and OWASP's CSV-injection rule for values a spreadsheet would run. */
class CsvTests {

	@Test
	void plainValuesAreWrittenAsTheyAre() throws IOException {
		assertThat(write("DEMO-0001")).isEqualTo("DEMO-0001");
		assertThat(write("500 NOK")).isEqualTo("500 NOK");
		assertThat(write("x=1")).isEqualTo("x=1");
		assertThat(write(null)).isEmpty();
		assertThat(write("")).isEmpty();
	}

	@Test
	void commasQuotesAndLineBreaksAreQuoted() throws IOException {
		assertThat(write("a,b")).isEqualTo("\"a,b\"");
		assertThat(write("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(write("a\nb")).isEqualTo("\"a\nb\"");
	}

	@Test
	void aValueAspreadsheetWouldRunIsQuotedAndPrefixedWithAQuote() throws IOException {
		assertThat(write("=1+1")).isEqualTo("\"'=1+1\"");
		assertThat(write("+47 1234")).isEqualTo("\"'+47 1234\"");
		assertThat(write("-5")).isEqualTo("\"'-5\"");
		assertThat(write("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
		assertThat(write("\t=1")).isEqualTo("\"'\t=1\"");
		assertThat(write("\r=1")).isEqualTo("\"'\r=1\"");
		assertThat(write("=cmd|' /C calc'!A0")).isEqualTo("\"'=cmd|' /C calc'!A0\"");
		assertThat(write("=a,\"b\"")).isEqualTo("\"'=a,\"\"b\"\"\"");
	}

	private static String write(String value) throws IOException {
		StringWriter out = new StringWriter();
		Csv.field(out, value);
		return out.toString();
	}

}
