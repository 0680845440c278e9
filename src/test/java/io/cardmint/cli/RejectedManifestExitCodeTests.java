package io.cardmint.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.cardmint.support.HostileCorpus;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.Refusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handful of the hostile manifests through {@code cardmint order} itself: whatever the kind
 * of problem — JSON syntax, a duplicate key, a number too large, a NUL in an id, a formula in
 * the print file — the command exits 2, names the field or line in cardmint's words, and
 * writes nothing. (The whole manifest corpus runs through the same intake over HTTP.)
 */
class RejectedManifestExitCodeTests extends MariaDbApplicationTest {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	static List<String[]> manifests() {
		List<String> wanted = List.of("count 1e20", "count 10^20 as integer", "prefix with NUL", "listed id with NUL",
				"listed id lone surrogate", "duplicate count", "invalid UTF-8", "truncated", "nested 100 deep",
				"print value formula", "token symbols, no prefix", "start beyond a long", "token length fraction",
				"empty");
		return HostileCorpus.lines("hostile/manifest-cases.txt")
			.stream()
			.map((line) -> java.util.Arrays.copyOf(line.split(" \\|(?: |$)", 4), 4))
			.filter((columns) -> wanted.contains(columns[0].trim()))
			.toList();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void exitsWithTwoNamingTheFieldOrLine(String name, String code, String mentions, String manifest) throws Exception {
		Path file = Files.createTempFile(DATA_DIR, "hostile-", ".json");
		Files.write(file, HostileCorpus.bytes(HostileCorpus.expand((manifest != null) ? manifest.trim() : "")));
		Refusals.awaitNoRunningJob(this.jdbc);
		Refusals.Snapshot before = Refusals.Snapshot.take(this.jdbc, DATA_DIR);
		String stderr = rejectedOrder(file);
		assertThat(stderr).contains(mentions.trim()).contains("nothing was written");
		assertThat(stderr).doesNotContainIgnoringCase("jackson").doesNotContain("java.").doesNotContain("Exception")
			.doesNotContain("\tat ");
		before.assertUnchanged(Refusals.Snapshot.take(this.jdbc, DATA_DIR), name);
	}

	/** Found by the job's first step, not by intake: still exit 2, and no card or staged id. */
	@Test
	void aListedCardIdRepeatedExitsWithTwoAndWritesNoCard() throws Exception {
		Path file = Files.createTempFile(DATA_DIR, "repeated-", ".json");
		Files.writeString(file, """
				{"order_ref": "CLI-REPEAT", "account_id": "T62000009", "manufacturer": "demo",
				 "cards": [{"card_id": "R-1"}, {"card_id": "R-1"}]}""");
		String stderr = rejectedOrder(file);
		assertThat(stderr).contains("cards[1].card_id 'R-1' repeats cards[0]").contains("nothing was written");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM card WHERE account_id = 'T62000009'", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT status FROM card_order WHERE order_ref = 'CLI-REPEAT'",
				String.class)).isEqualTo("rejected");
	}

	/** Runs {@code order <file>}, checks that it exits 2, and returns what it wrote to stderr. */
	private String rejectedOrder(Path file) {
		OrderCommand order = new OrderCommand();
		order.manifest = file;
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		int status;
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			status = order.run(this.context);
		}
		finally {
			System.setErr(err);
		}
		String stderr = captured.toString(StandardCharsets.UTF_8);
		assertThat(status).as(stderr).isEqualTo(CardmintCommand.REJECTED);
		return stderr;
	}

}
