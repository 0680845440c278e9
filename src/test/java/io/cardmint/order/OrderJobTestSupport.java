package io.cardmint.order;

import static io.cardmint.support.Sha256.sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cardmint.print.OpenPgpKeys;
import io.cardmint.support.Gpg;
import io.cardmint.support.TestDatabase;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application without a web server, on the test MariaDB, with three manufacturers: the
 * local {@code demo}, {@code split} (400 records per file) and {@code signed} (print files
 * signed with our key). Print files are read back by the real gpg.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class OrderJobTestSupport {

	static final Path DATA_DIR = tempDir("cardmint-orders-");

	static final Path KEYS = tempDir("cardmint-order-keys-");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		generateKeys();
		TestDatabase.register(registry, DATA_DIR);
		registry.add("cardmint.order.grid-size", () -> "3");
		registry.add("cardmint.order.chunk-size", () -> "250");
		registry.add("cardmint.manufacturers.split.public-key-file", () -> KEYS.resolve("printer.pub.asc"));
		registry.add("cardmint.manufacturers.split.max-records-per-file", () -> "400");
		registry.add("cardmint.manufacturers.signed.public-key-file", () -> KEYS.resolve("printer.pub.asc"));
		registry.add("cardmint.manufacturers.signed.signing-key-file", () -> KEYS.resolve("issuer.sec.asc"));
		registry.add("cardmint.manufacturers.broken.public-key-file", () -> KEYS.resolve("garbage.asc"));
	}

	private static synchronized void generateKeys() {
		if (Files.exists(KEYS.resolve("printer.pub.asc"))) {
			return;
		}
		OpenPgpKeys.generateDemoKeyPair(KEYS.resolve("printer.pub.asc"), KEYS.resolve("printer.sec.asc"),
				"Printer <printer@example.invalid>");
		OpenPgpKeys.generateDemoKeyPair(KEYS.resolve("issuer.pub.asc"), KEYS.resolve("issuer.sec.asc"),
				"Issuer <issuer@example.invalid>");
		try {
			Files.writeString(KEYS.resolve("garbage.asc"), "this is not an OpenPGP key");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path manifest(String json) {
		try {
			Path file = Files.createTempFile(DATA_DIR, "manifest-", ".json");
			Files.writeString(file, json);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path outbox(String accountId) {
		return DATA_DIR.resolve("outbox").resolve(accountId);
	}

	/** What gpg decrypted: the CSV lines, and gpg's status output (signatures). */
	record Decrypted(List<String> lines, String status) {
	}

	static List<String> decrypt(Path encrypted) throws Exception {
		return decryptWithStatus(encrypted).lines();
	}

	/** Decrypts with gpg, using the secret key of whichever manufacturer the file is for. */
	static Decrypted decryptWithStatus(Path encrypted) throws Exception {
		Gpg gpg = new Gpg(Files.createTempDirectory("gnupg-"));
		try {
			gpg.run("--import", KEYS.resolve("printer.sec.asc").toString()).ok();
			gpg.run("--import", DATA_DIR.resolve("demo-manufacturer/demo-manufacturer.sec.asc").toString());
			Path plain = encrypted.resolveSibling(encrypted.getFileName() + ".plain");
			gpg.run("--import", KEYS.resolve("issuer.pub.asc").toString()).ok();
			Gpg.Result result = gpg.decrypt(encrypted, plain).ok();
			List<String> lines = new ArrayList<>(List.of(Files.readString(plain, StandardCharsets.UTF_8).split("\r\n")));
			Files.delete(plain);
			return new Decrypted(lines, result.stdout());
		}
		finally {
			gpg.stopAgent();
		}
	}

	static Path tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
