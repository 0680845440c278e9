package io.cardmint.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every refusal of the hostile-input corpus must show: the JSON error shape and nothing
 * else, words of our own (no Java type, no Jackson wording, no stack trace), and no trace in
 * the database (no table's row count changed) or on disk (no file appeared).
 */
public final class Refusals {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What leaks from a library or the JVM into a message. */
	private static final Pattern FOREIGN_WORDS = Pattern.compile(
			"java\\.|javax\\.|jakarta\\.|tools\\.jackson|com\\.fasterxml|Jackson|Exception|\\bat [a-z]+\\.|`|<html|<!doctype|Tomcat|Cannot deserialize|Unrecognized field|JSON parse error",
			Pattern.CASE_INSENSITIVE);

	private Refusals() {
	}

	/**
	 * Waits until no order job runs (one started by an earlier test class of the shared context
	 * may still be finishing), so that row counts change only by what a case does.
	 */
	public static void awaitNoRunningJob(JdbcTemplate jdbc) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			Long running = jdbc.queryForObject(
					"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
					Long.class);
			if (running == 0) {
				return;
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("an order job was still running after 3 minutes");
	}

	/** The rows of every table and the files under {@code dataDir}, to compare after a refusal. */
	public record Snapshot(Map<String, Long> rows, Set<String> files) {

		public static Snapshot take(JdbcTemplate jdbc, Path dataDir) {
			Map<String, Long> rows = new LinkedHashMap<>();
			List<String> tables = jdbc.queryForList(
					"SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
					String.class);
			// A table with an auto-increment key is judged by its newest key: any row a refusal wrote
			// moves it, and reading it costs one index probe where COUNT(*) scans the millions of
			// cards the order tests leave in the shared database. The others are small: counted.
			Map<String, String> keys = new LinkedHashMap<>();
			jdbc.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
					+ " AND extra LIKE '%auto_increment%'", (rs) -> {
						keys.put(rs.getString(1), rs.getString(2));
					});
			for (String table : tables) {
				String key = keys.get(table);
				String sql = (key != null) ? "SELECT COALESCE(MAX(`" + key + "`), 0) FROM `" + table + "`"
						: "SELECT COUNT(*) FROM `" + table + "`";
				rows.put(table, jdbc.queryForObject(sql, Long.class));
			}
			return new Snapshot(rows, files(dataDir));
		}

		private static Set<String> files(Path dataDir) {
			Set<String> files = new TreeSet<>();
			try (Stream<Path> walk = Files.walk(dataDir)) {
				walk.filter(Files::isRegularFile)
					.map((file) -> dataDir.relativize(file).toString())
					// the server's own state (keys, logs) may be touched; new outbox or manifest files may not
					.filter((name) -> name.startsWith("outbox") || name.startsWith("manifests") || name.startsWith("inbox"))
					.forEach(files::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return files;
		}

		public void assertUnchanged(Snapshot after, String what) {
			assertThat(after.rows()).as("row counts after " + what).isEqualTo(this.rows);
			assertThat(after.files()).as("files after " + what).isEqualTo(this.files);
		}

	}

	/**
	 * Asserts the body is exactly {@code {"error": {"code", "message"}}}, in JSON, with one of
	 * {@code codes} and a message in our words; returns the message.
	 */
	public static String assertErrorShape(int status, String contentType, String body, Set<String> codes, String what) {
		assertThat(status).as(what + ": never a 500: " + body).isLessThan(500);
		assertThat(contentType).as(what + ": content type of " + body).startsWith("application/json");
		JsonNode json = JSON.readTree(body);
		assertThat(json.isObject() && json.size() == 1 && json.has("error")).as(what + ": error shape of " + body).isTrue();
		JsonNode error = json.get("error");
		assertThat(error.size()).as(what + ": error has code and message only: " + body).isEqualTo(2);
		assertThat(error.get("code").isString() && error.get("message").isString()).as(what + ": " + body).isTrue();
		assertThat(error.get("code").asString()).as(what + ": code of " + body).isIn(codes);
		String message = error.get("message").asString();
		assertThat(message).as(what + ": message").isNotBlank();
		assertThat(FOREIGN_WORDS.matcher(message).find()).as(what + ": message in our words: " + message).isFalse();
		assertThat(message.chars().anyMatch((c) -> c < 0x20) || hasLoneSurrogate(message))
			.as(what + ": no control character or lone surrogate echoed: " + message)
			.isFalse();
		assertThat(message.length()).as(what + ": message length").isLessThan(600);
		return message;
	}

	private static boolean hasLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}
