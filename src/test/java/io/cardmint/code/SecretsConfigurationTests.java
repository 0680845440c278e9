package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a missing master key is created: by default only on the embedded H2 database. */
class SecretsConfigurationTests {

	private final SecretsConfiguration configuration = new SecretsConfiguration();

	/** An empty embedded database: no card table yet, so no cards a new key would orphan. */
	private final DataSource emptyDatabase = emptyH2();

	@TempDir
	Path dir;

	@Test
	void byDefaultAMissingKeyIsRefusedAgainstARealDatabase() {
		Path file = this.dir.resolve("master.key");

		assertThatThrownBy(() -> this.configuration.masterKey(file, null, "jdbc:mariadb://127.0.0.1:3306/cardmint", this.emptyDatabase))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not exist");
		assertThatThrownBy(() -> this.configuration.masterKey(file, null, "", this.emptyDatabase)).hasMessageContaining("does not exist");
		assertThat(file).doesNotExist();
	}

	@Test
	void byDefaultAMissingKeyIsCreatedForTheEmbeddedDatabase() {
		Path file = this.dir.resolve("master.key");

		MasterKey key = this.configuration.masterKey(file, null, "jdbc:h2:file:./data/cardmint", this.emptyDatabase);

		assertThat(file).exists();
		assertThat(key.keyId()).matches("[0-9a-f]{8}");
		assertThat(this.configuration.keyedHashes(key).keyId()).isEqualTo(key.keyId());
		SecretSealer sealer = this.configuration.secretSealer(key);
		assertThat(sealer.open(sealer.seal(new byte[] { 1, 2, 3 }, "order"), "order")).containsExactly(1, 2, 3);
	}

	@Test
	void theSettingOverridesTheDefaultBothWays() {
		Path created = this.dir.resolve("created.key");
		Path refused = this.dir.resolve("refused.key");

		this.configuration.masterKey(created, true, "jdbc:mariadb://127.0.0.1:3306/cardmint", this.emptyDatabase);
		assertThatThrownBy(() -> this.configuration.masterKey(refused, false, "jdbc:h2:mem:x", this.emptyDatabase))
			.hasMessageContaining("does not exist");

		assertThat(created).exists();
		assertThat(refused).doesNotExist();
	}

	private static DataSource emptyH2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:secrets-configuration;MODE=MariaDB");
		return dataSource;
	}

}
