package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a missing master key is created: by default only on the embedded H2 database. */
class SecretsConfigurationTests {

	private final SecretsConfiguration configuration = new SecretsConfiguration();

	@TempDir
	Path dir;

	@Test
	void byDefaultAMissingKeyIsRefusedAgainstARealDatabase() {
		Path file = this.dir.resolve("master.key");

		assertThatThrownBy(() -> this.configuration.masterKey(file, null, "jdbc:mariadb://127.0.0.1:3306/cardmint"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not exist");
		assertThatThrownBy(() -> this.configuration.masterKey(file, null, "")).hasMessageContaining("does not exist");
		assertThat(file).doesNotExist();
	}

	@Test
	void byDefaultAMissingKeyIsCreatedForTheEmbeddedDatabase() {
		Path file = this.dir.resolve("master.key");

		MasterKey key = this.configuration.masterKey(file, null, "jdbc:h2:file:./data/cardmint");

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

		this.configuration.masterKey(created, true, "jdbc:mariadb://127.0.0.1:3306/cardmint");
		assertThatThrownBy(() -> this.configuration.masterKey(refused, false, "jdbc:h2:mem:x"))
			.hasMessageContaining("does not exist");

		assertThat(created).exists();
		assertThat(refused).doesNotExist();
	}

}
