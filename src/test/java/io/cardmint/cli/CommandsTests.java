package io.cardmint.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as an operator sees them: exit status, summary on stdout, messages on stderr. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CommandsTests {

	static final Path DATA_DIR = tempDir();

	@Autowired
	ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry, DATA_DIR);
	}

	@Test
	void orderPrintsASummaryAndResumeExplainsThatACompletedOrderCannotBeRebuilt() throws Exception {
		OrderCommand order = new OrderCommand();
		order.manifest = write("""
				{"order_ref": "CLI-1", "account_id": "T62000001", "manufacturer": "demo", "count": 20,
				 "card_id": {"prefix": "CLI-", "digits": 4}}
				""");
		Captured ran = capture(() -> order.run(this.context));
		assertThat(ran.status()).as(ran.stderr()).isZero();
		assertThat(ran.stdout()).contains("order_ref:   CLI-1").contains("status:      completed")
			.contains("cards:       20/20").contains("print file:  CLI-1.csv.pgp (20 records, sha256 ");

		ResumeCommand resume = new ResumeCommand();
		resume.orderRef = "CLI-1";
		Captured resumed = capture(() -> resume.run(this.context));
		assertThat(resumed.status()).isZero();
		assertThat(resumed.stderr()).contains("is completed").contains("cannot be rebuilt");

		Captured listed = capture(() -> new OrdersCommand().run(this.context));
		assertThat(listed.stdout()).containsPattern("CLI-1\\s+T62000001\\s+completed\\s+20/20\\s+destroyed");
	}

	@Test
	void rejectedManifestExitsWithTwoAndSaysWhy() throws Exception {
		OrderCommand order = new OrderCommand();
		order.manifest = write("{\"order_ref\": \"CLI-2\", \"account_id\": \"T62000001\", \"manufacturer\": \"nobody\","
				+ " \"count\": 1, \"card_id\": {\"digits\": 2}}");
		Captured ran = capture(() -> order.run(this.context));
		assertThat(ran.status()).isEqualTo(2);
		assertThat(ran.stderr()).contains("unknown manufacturer 'nobody'").contains("nothing was written")
			.doesNotContain("\tat ");
		assertThat(ran.stdout()).isEmpty();

		OrderCommand missing = new OrderCommand();
		missing.manifest = DATA_DIR.resolve("no-such.json");
		assertThat(capture(() -> missing.run(this.context)).status()).isEqualTo(2);

		ResumeCommand resume = new ResumeCommand();
		resume.orderRef = "NEVER-SEEN";
		assertThat(capture(() -> resume.run(this.context)).status()).isEqualTo(2);
	}

	@Test
	void tokenPrintsOnlyAJwtForTheAccountAndItsScopes() throws Exception {
		TokenCommand token = new TokenCommand();
		token.account = "T62000002";
		token.scopes = java.util.List.of("read:wallets", "write:wallets");
		token.ttl = "30m";
		Captured minted = capture(() -> token.run(this.context));
		assertThat(minted.status()).isZero();
		String jwt = minted.stdout().strip();
		assertThat(minted.stdout()).isEqualTo(jwt + System.lineSeparator());
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		assertThat(claims).contains("\"account_id\":\"T62000002\"").contains("\"scope\":\"read:wallets write:wallets\"");

		TokenCommand bad = new TokenCommand();
		bad.account = "X";
		bad.ttl = "1h";
		assertThat(capture(() -> bad.run(this.context)).status()).isEqualTo(2);
		bad.account = "T62000002";
		bad.scopes = java.util.List.of("root");
		assertThat(capture(() -> bad.run(this.context)).stderr()).contains("unknown scope 'root'");
	}

	@Test
	void everyCommandHasHelpThatListsTheExitStatuses() {
		for (String command : new String[] { "serve", "order", "resume", "orders", "token" }) {
			java.io.StringWriter out = new java.io.StringWriter();
			picocli.CommandLine commandLine = new picocli.CommandLine(new CardmintCommand());
			commandLine.setOut(new java.io.PrintWriter(out));
			assertThat(commandLine.execute(command, "--help")).as(command).isZero();
			assertThat(out.toString()).as(command).contains("Usage: cardmint " + command).contains("Exit status:");
		}
	}

	@Test
	void theProgressBarIsOffWhenStderrIsNotATerminal() {
		// Surefire's forked JVM writes stderr to a pipe, as a redirected `cardmint order … 2>log` does.
		assertThat(OrderConsole.stderrIsTerminal()).isFalse();
	}

	private static Path write(String json) throws Exception {
		Path file = Files.createTempFile(DATA_DIR, "manifest-", ".json");
		Files.writeString(file, json);
		return file;
	}

	record Captured(int status, String stdout, String stderr) {
	}

	private static synchronized Captured capture(IntSupplier command) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream stdout = new ByteArrayOutputStream();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
		try {
			int status = command.getAsInt();
			return new Captured(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("cardmint-cli-");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
