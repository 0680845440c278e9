package io.cardmint.code;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The master key and what is derived from it. On the embedded default a missing key file is
 * created (with a warning); against a real database it must exist, because a new key would
 * silently orphan every stored hash. Even on the default a new key is refused when the
 * database already holds cards: they were hashed with another key (e.g. the key file was lost
 * or {@code cardmint.master-key-file} points elsewhere). {@code cardmint.master-key-create=true}
 * creates a missing key regardless (first set-up, tests); {@code false} never does.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

	@Bean
	MasterKey masterKey(@Value("${cardmint.master-key-file}") Path file,
			@Value("${cardmint.master-key-create:#{null}}") Boolean create,
			@Value("${spring.datasource.url:}") String datasourceUrl, DataSource dataSource) {
		boolean createIfMissing = (create != null) ? create : datasourceUrl.startsWith("jdbc:h2:");
		String database = datasourceUrl.replaceAll("[?;].*", "");
		if (create == null && createIfMissing && Files.notExists(file)) {
			long cards = cards(dataSource);
			if (cards > 0) {
				throw new IllegalStateException("refusing to create a new master key at " + file.toAbsolutePath()
						+ ": the database " + database + " already holds " + cards + " cards hashed with another key;"
						+ " restore that key file there or point cardmint.master-key-file at it");
			}
		}
		MasterKey key = MasterKey.loadOrCreate(file, createIfMissing);
		log.info("Database {}, master key {} (key id {})", database, file.toAbsolutePath(), key.keyId());
		return key;
	}

	/** Cards in the database; none before its first migration. A database that cannot be reached fails here. */
	private static long cards(DataSource dataSource) {
		try {
			Long count = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM card", Long.class);
			return (count != null) ? count : 0;
		}
		catch (BadSqlGrammarException ex) {
			return 0;
		}
	}

	@Bean
	KeyedHashes keyedHashes(MasterKey masterKey) {
		return new KeyedHashes(masterKey);
	}

	@Bean
	SecretSealer secretSealer(MasterKey masterKey) {
		return new SecretSealer(masterKey);
	}

}
