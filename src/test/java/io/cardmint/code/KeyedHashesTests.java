package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;

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
	void hashesAreFixedVectorsStableAcrossReleases() {
		// Computed outside cardmint (Python: hmac.new(hmac.new(master, label, sha256).digest(),
		// fields joined by NUL, sha256)). Stored hashes depend on exactly these bytes: a change here
		// orphans every token and PIN already issued.
		assertThat(HexFormat.of().formatHex(hashes.tokenHash("T12345678", "1234")))
			.isEqualTo("f8806711c3e41ceef62eaf2e2e75908341e86b3b4b3d8b180c60db08bc4ab202");
		assertThat(HexFormat.of().formatHex(hashes.pinHash("T12345678", "ACME-00000001", "0420")))
			.isEqualTo("573949c399cc3a6f9f39a7124f7fb4619306217dd9c2a87577e729864377d65b");
		assertThat(hashes.keyId()).isEqualTo("72cd6e84");
	}

	@Test
	void fieldsCannotBeShiftedAcrossTheSeparator() {
		assertThatThrownBy(() -> hashes.tokenHash("T12345678\u0000x", "1234"))
			.isInstanceOf(IllegalArgumentException.class);
		// A NUL first character would make ("", "\0x") hash like ("\0", "x") after joining.
		assertThatThrownBy(() -> hashes.tokenHash("\u0000T1", "1234")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> hashes.pinHash("T1", "A1", "\u00001234")).isInstanceOf(IllegalArgumentException.class);
		assertThat(hashes.pinHash("T1", "A1", "2345")).isNotEqualTo(hashes.pinHash("T1", "A12", "345"));
	}

	private static byte[] bytes(int value) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) value);
		return key;
	}

}
