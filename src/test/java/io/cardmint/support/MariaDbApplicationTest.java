package io.cardmint.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application running with its HTTP server on a random port, against the real MariaDB of
 * {@link TestDatabase}. Subclasses share one context (and one database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class MariaDbApplicationTest {

	protected static final Path DATA_DIR = createDataDir();

	/** The budget of failed token lookups in tests (production default: 20 and 200 a minute). */
	protected static final int TOKEN_LOOKUPS_PER_CLIENT = 100;

	protected static final int TOKEN_LOOKUPS_PER_ACCOUNT = 1000;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void mariaDb(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry, DATA_DIR);
		// API tests make many failed lookups on purpose (wrong PINs, unknown tokens) with one client
		registry.add("cardmint.api.token-lookups.per-client", () -> TOKEN_LOOKUPS_PER_CLIENT);
		registry.add("cardmint.api.token-lookups.per-account", () -> TOKEN_LOOKUPS_PER_ACCOUNT);
	}

	protected Api api() {
		return new Api(this.port, DATA_DIR);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("cardmint-test-");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
