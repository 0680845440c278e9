package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SecretSealerTests {

	private static final String ORDER = "T12345678/ACME-2026-11-001";

	private final SecretSealer sealer = new SecretSealer(MasterKey.of(filled(3)));

	@Test
	void sealedSecretOpensToTheSameBytes() {
		byte[] secret = SecretSealer.newBatchSecret();

		byte[] sealed = sealer.seal(secret, ORDER);

		assertThat(sealed).hasSize(12 + 32 + 16);
		assertThat(sealer.open(sealed, ORDER)).isEqualTo(secret);
	}

	@Test
	void eachSealUsesAFreshNonce() {
		byte[] secret = SecretSealer.newBatchSecret();

		assertThat(sealer.seal(secret, ORDER)).isNotEqualTo(sealer.seal(secret, ORDER));
	}

	@Test
	void newBatchSecretsAre256RandomBits() {
		assertThat(SecretSealer.newBatchSecret()).hasSize(32).isNotEqualTo(SecretSealer.newBatchSecret());
	}

	@Test
	void tamperedSealIsRefused() {
		byte[] sealed = sealer.seal(SecretSealer.newBatchSecret(), ORDER);
		for (int i = 0; i < sealed.length; i++) {
			byte[] tampered = sealed.clone();
			tampered[i] ^= 1;
			assertThatThrownBy(() -> sealer.open(tampered, ORDER)).isInstanceOf(IllegalStateException.class)
				.hasMessage("batch secret cannot be opened (wrong master key or tampered)");
		}
		assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, 20), ORDER))
			.hasMessage("batch secret cannot be opened (wrong master key or tampered)");
	}

	@Test
	void sealIsBoundToItsOrderAndMasterKey() {
		byte[] sealed = sealer.seal(SecretSealer.newBatchSecret(), ORDER);

		assertThatThrownBy(() -> sealer.open(sealed, "T12345678/OTHER")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new SecretSealer(MasterKey.of(filled(4))).open(sealed, ORDER))
			.hasMessage("batch secret cannot be opened (wrong master key or tampered)");
	}

	private static byte[] filled(int value) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) value);
		return key;
	}

}
