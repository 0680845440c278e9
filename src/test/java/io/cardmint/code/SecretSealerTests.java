package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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

	/**
	 * A batch secret sealed by an earlier release must open in this one, or every order
	 * unfinished at an upgrade is lost. The blob was sealed outside cardmint (Python's
	 * cryptography AESGCM, key HMAC-SHA256(master, "cardmint/batch-secret-seal/v1"), nonce
	 * 00..0b prepended) and is committed here as it would sit in the database.
	 */
	@Test
	void aSecretSealedByAnEarlierReleaseOpens() {
		byte[] sealed = Base64.getDecoder()
			.decode("AAECAwQFBgcICQoLaERU299aNgar+ZoPcKMni9/E9Qb3HNvVDa8nyjUFUfPZXjd2YoZIF6ceUa740WGT");

		assertThat(HexFormat.of().formatHex(sealer.open(sealed, ORDER)))
			.isEqualTo("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
	}

	@Test
	void aSealIsNonceThenCiphertextThenTag() throws Exception {
		// Opened outside SecretSealer with the JDK's AES-GCM: the layout is the stored contract.
		byte[] secret = SecretSealer.newBatchSecret();
		byte[] sealed = sealer.seal(secret, ORDER);
		byte[] key = HexFormat.of().parseHex("5f99b1aa2c05d3acc98923ddb02e5e3e3697d9e396e49d88d92c7169e3e87205");
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
				new GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
		cipher.updateAAD(ORDER.getBytes(StandardCharsets.UTF_8));

		assertThat(cipher.doFinal(sealed, 12, sealed.length - 12)).isEqualTo(secret);
	}

	@Test
	void theShortestSealHoldsAnEmptySecretAndOneByteLessIsRefused() {
		byte[] sealed = sealer.seal(new byte[0], ORDER);

		assertThat(sealed).hasSize(12 + 16);
		assertThat(sealer.open(sealed, ORDER)).isEmpty();
		assertThatThrownBy(() -> sealer.open(Arrays.copyOf(sealed, 27), ORDER))
			.hasMessage("batch secret cannot be opened (wrong master key or tampered)");
		assertThatThrownBy(() -> sealer.open(null, ORDER))
			.hasMessage("batch secret cannot be opened (wrong master key or tampered)");
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
