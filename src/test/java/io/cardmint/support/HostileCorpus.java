package io.cardmint.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the corpus files of {@code src/test/resources/hostile}: lines, macros, raw bytes. */
public final class HostileCorpus {

	private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(.+?):(\\d+)}}");

	private static final Pattern RAW_BYTE = Pattern.compile("\\\\x([0-9A-Fa-f]{2})");

	private HostileCorpus() {
	}

	/** The lines of a corpus file, without blank lines and {@code #} comments. */
	public static List<String> lines(String resource) {
		try (InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code {{repeat:TEXT:N}}} becomes TEXT N times. */
	public static String expand(String text) {
		Matcher matcher = REPEAT.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out,
					Matcher.quoteReplacement(matcher.group(1).repeat(Integer.parseInt(matcher.group(2)))));
		}
		return matcher.appendTail(out).toString();
	}

	/** UTF-8, except that {@code \xHH} is the raw byte HH (JSON itself never writes {@code \x}). */
	public static byte[] bytes(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		Matcher raw = RAW_BYTE.matcher(text);
		while (raw.find()) {
			out.writeBytes(text.substring(at, raw.start()).getBytes(StandardCharsets.UTF_8));
			out.write(Integer.parseInt(raw.group(1), 16));
			at = raw.end();
		}
		out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
