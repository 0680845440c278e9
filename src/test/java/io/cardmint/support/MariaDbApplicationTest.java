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

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void mariaDb(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry, DATA_DIR);
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
