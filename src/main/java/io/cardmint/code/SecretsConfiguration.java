package io.cardmint.code;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key and what is derived from it. On the embedded default a missing key file is
 * created (with a warning); against a real database it must exist, because a new key would
 * silently orphan every stored hash.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	@Bean
	MasterKey masterKey(@Value("${cardmint.master-key-file}") Path file,
			@Value("${cardmint.master-key-create:#{null}}") Boolean create,
			@Value("${spring.datasource.url:}") String datasourceUrl) {
		boolean createIfMissing = (create != null) ? create : datasourceUrl.startsWith("jdbc:h2:");
		return MasterKey.loadOrCreate(file, createIfMissing);
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
