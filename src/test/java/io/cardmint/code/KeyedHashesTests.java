package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class KeyedHashesTests {

	private static final MasterKey MASTER = MasterKey.of(bytes(1));

	private final KeyedHashes hashes = new KeyedHashes(MASTER);

	@Test
	void tokenHashIsStableAndScopedToTheAccount() {
		assertThat(hashes.tokenHash("T12345678", "1234")).hasSize(32)
			.isEqualTo(new KeyedHashes(MasterKey.of(bytes(1))).tokenHash("T12345678", "1234"))
			.isNotEqualTo(hashes.tokenHash("T87654321", "1234"));
	}

	@Test
	void anotherMasterKeyGivesOtherHashesAndKeyId() {
		KeyedHashes other = new KeyedHashes(MasterKey.of(bytes(2)));

		assertThat(other.tokenHash("T12345678", "1234")).isNotEqualTo(hashes.tokenHash("T12345678", "1234"));
		assertThat(other.keyId()).isNotEqualTo(hashes.keyId());
		assertThat(hashes.keyId()).isEqualTo(MASTER.keyId());
	}

	@Test
	void pinMatchesOnlyTheRightPinOnTheRightCard() {
		byte[] stored = hashes.pinHash("T12345678", "ACME-00000001", "0420");

		assertThat(hashes.pinMatches(stored, "T12345678", "ACME-00000001", "0420")).isTrue();
		assertThat(hashes.pinMatches(stored, "T12345678", "ACME-00000001", "0421")).isFalse();
		assertThat(hashes.pinMatches(stored, "T12345678", "ACME-00000002", "0420")).isFalse();
		assertThat(hashes.pinMatches(stored, "P12345678", "ACME-00000001", "0420")).isFalse();
		assertThat(hashes.pinMatches(null, "T12345678", "ACME-00000001", "0420")).isFalse();
		assertThat(hashes.pinMatches(stored, "T12345678", "ACME-00000001", null)).isFalse();
	}

	@Test
	void equalPinsOnDifferentCardsHashDifferently() {
		assertThat(hashes.pinHash("T12345678", "A1", "1111")).isNotEqualTo(hashes.pinHash("T12345678", "A2", "1111"));
	}

	@Test
	void hashesAreHmacsUnderTheirOwnDerivedKeys() throws Exception {
		// The stored hashes depend on exactly this construction: pin it.
		assertThat(hashes.tokenHash("T12345678", "1234"))
			.isEqualTo(hmac(MASTER.deriveKey("cardmint/token-hash/v1"), "T12345678\u00001234"));
		assertThat(hashes.pinHash("T12345678", "A1", "1111"))
			.isEqualTo(hmac(MASTER.deriveKey("cardmint/pin-hash/v1"), "T12345678\u0000A1\u00001111"));
	}

	@Test
	void fieldsCannotBeShiftedAcrossTheSeparator() {
		assertThatThrownBy(() -> hashes.tokenHash("T12345678\u0000x", "1234"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(hashes.pinHash("T1", "A1", "2345")).isNotEqualTo(hashes.pinHash("T1", "A12", "345"));
	}

	private static byte[] hmac(byte[] key, String message) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(int value) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) value);
		return key;
	}

}
