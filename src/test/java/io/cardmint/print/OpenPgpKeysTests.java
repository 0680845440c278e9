package io.cardmint.print;

import io.cardmint.support.Gpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenPgpKeysTests {

	@TempDir
	static Path dir;

	static Gpg gpg;

	@BeforeAll
	static void startGpg() throws Exception {
		gpg = new Gpg(dir.resolve("gnupg"));
	}

	@AfterAll
	static void stopGpg() throws Exception {
		gpg.stopAgent();
	}

	@Test
	void demoKeyPairIsAV4KeyThatGpgImportsWithItsEncryptionSubkey() throws Exception {
		Path pub = dir.resolve("demo/demo.pub.asc");
		Path sec = dir.resolve("demo/demo.sec.asc");
		OpenPgpKeys.generateDemoKeyPair(pub, sec, "Demo Manufacturer <demo@cardmint.invalid>");

		assertThat(Files.readString(pub)).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
		assertThat(Files.getPosixFilePermissions(sec))
			.isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		gpg.run("--import", sec.toString()).ok();
		assertThat(gpg.run("--list-packets", pub.toString()).ok().stdout()).contains("version 4, algo 1")
			.doesNotContain("version 6")
			// What the demo key asks of senders: AES-256 first, SHA-512 first, SEIPD v1 (MDC) only.
			.contains("hashed subpkt 27 len 1 (key flags: 03)")
			.contains("hashed subpkt 11 len 3 (pref-sym-algos: 9 8 7)")
			.contains("hashed subpkt 21 len 3 (pref-hash-algos: 10 9 8)")
			.contains("hashed subpkt 22 len 2 (pref-zip-algos: 2 0)")
			.contains("hashed subpkt 30 len 1 (features: 01)")
			.contains("hashed subpkt 27 len 1 (key flags: 0C)");
		// RSA 3072 both, as documented; BC's default would be 2048 bits.
		OpenPgpKeys.readRings(pub)
			.get(0)
			.getPublicKeys()
			.forEachRemaining((key) -> assertThat(key.getBitStrength()).isEqualTo(3072));
		PGPPublicKey chosen = OpenPgpKeys.encryptionKey(pub);
		assertThat(chosen.isMasterKey()).isFalse();
		assertThat(gpg.encryptionSubkeyIds("demo@cardmint.invalid")).containsExactly(keyId(chosen));
		assertThat(OpenPgpKeys.signingKey(sec).isMasterKey()).isTrue();
	}

	@Test
	void demoKeyPairNeverOverwritesAKey() throws Exception {
		Path pub = Files.writeString(dir.resolve("existing.pub.asc"), "keep me");
		assertThatThrownBy(() -> OpenPgpKeys.generateDemoKeyPair(pub, dir.resolve("x.sec.asc"), "X"))
			.isInstanceOf(PrintKeyException.class)
			.hasMessageContaining(pub.toString());
		assertThat(Files.readString(pub)).isEqualTo("keep me");
	}

	@Test
	void picksTheEncryptionSubkeyOfRsaAndCurve25519KeysMadeByGpg() throws Exception {
		Path rsa = gpg.generateKey("Rsa Maker <rsa@maker.invalid>", "default", "default", "",
				dir.resolve("rsa.asc"));
		Path ecc = gpg.generateKey("Ecc Maker <ecc@maker.invalid>", "future-default", "default", "",
				dir.resolve("ecc.asc"));

		assertThat(keyId(OpenPgpKeys.encryptionKey(rsa)))
			.isEqualTo(gpg.encryptionSubkeyIds("rsa@maker.invalid").get(0));
		assertThat(keyId(OpenPgpKeys.encryptionKey(ecc)))
			.isEqualTo(gpg.encryptionSubkeyIds("ecc@maker.invalid").get(0));
	}

	@Test
	void skipsExpiredAndRevokedSubkeysAndSaysWhyWhenNoneIsLeft() throws Exception {
		String uid = "Old Maker <old@maker.invalid>";
		gpg.run("--passphrase", "", "--faked-system-time", "20200101T000000", "--quick-gen-key", uid, "ed25519",
				"sign,cert", "never").ok();
		String fpr = gpg.fingerprint("old@maker.invalid");
		Path file = dir.resolve("old.asc");

		gpg.run("--armor", "--output", file.toString(), "--export", uid).ok();
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file)).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("not flagged for encryption");

		gpg.run("--passphrase", "", "--faked-system-time", "20200101T000000", "--quick-add-key", fpr, "cv25519",
				"encr", "1d").ok();
		Files.delete(file);
		gpg.run("--armor", "--output", file.toString(), "--export", uid).ok();
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file)).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining("has expired");

		gpg.run("--passphrase", "", "--quick-add-key", fpr, "cv25519", "encr", "never").ok();
		Files.delete(file);
		gpg.run("--armor", "--output", file.toString(), "--export", uid).ok();
		String valid = gpg.encryptionSubkeyIds("old@maker.invalid").get(0);
		assertThat(keyId(OpenPgpKeys.encryptionKey(file))).isEqualTo(valid);

		revokeSubkey(fpr, 2);
		Files.delete(file);
		gpg.run("--armor", "--output", file.toString(), "--export", uid).ok();
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file)).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining("is revoked")
			.hasMessageContaining("has expired");
	}

	@Test
	void unlocksAPassphraseProtectedGpgSigningKeyOnlyWithTheRightPassphrase() throws Exception {
		gpg.generateKey("Signer <signer@cardmint.invalid>", "default", "default", "s3cret", dir.resolve("s.pub"));
		Path sec = gpg.exportSecretKey("signer@cardmint.invalid", "s3cret", dir.resolve("signer.sec.asc"));

		PGPSecretKey key = OpenPgpKeys.signingKey(sec);
		assertThat(OpenPgpKeys.privateKey(key, "s3cret")).isNotNull();
		assertThatThrownBy(() -> OpenPgpKeys.privateKey(key, "wrong")).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining("wrong passphrase");
		assertThatThrownBy(() -> OpenPgpKeys.privateKey(key, null)).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining("none is configured");
	}

	@Test
	void aPublicKeyCannotServeAsSigningKey() throws Exception {
		Path pub = gpg.generateKey("Pub Only <pub@maker.invalid>", "default", "default", "", dir.resolve("p.asc"));
		assertThatThrownBy(() -> OpenPgpKeys.signingKey(pub)).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining(pub.toString());
	}

	@Test
	void garbageOrMissingKeyFilesAreRejectedNamingTheFile() throws Exception {
		Path garbage = Files.writeString(dir.resolve("garbage.asc"), "this is not a key\n");
		Path binaryGarbage = Files.write(dir.resolve("garbage.gpg"), new byte[] { (byte) 0x99, 1, 2, 3, 4 });
		Path missing = dir.resolve("missing.asc");

		for (Path file : new Path[] { garbage, binaryGarbage, missing }) {
			assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file)).isInstanceOf(PrintKeyException.class)
				.hasMessageContaining(file.toString());
		}
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(binaryGarbage))
			.hasMessageContaining("is not readable as an OpenPGP key");
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(missing)).hasMessageContaining("does not exist");
	}

	@Test
	void aTruncatedPacketAfterACompleteKeyIsIgnoredAsGpgIgnoresIt() throws Exception {
		gpg.generateKey("Tail Maker <tail@maker.invalid>", "future-default", "default", "", dir.resolve("tail.asc"));
		Path file = dir.resolve("tail.gpg");
		gpg.run("--output", file.toString(), "--export", "tail@maker.invalid").ok();
		// The header of a key packet announcing 258 bytes, then the file ends: BC's reader throws
		// there, after it has returned the complete key ring before it.
		Files.write(file, new byte[] { (byte) 0x99, 0x01, 0x02, 0x03 }, StandardOpenOption.APPEND);
		String subkey = gpg.encryptionSubkeyIds("tail@maker.invalid").get(0);

		assertThat(gpg.run("--with-colons", "--show-keys", file.toString()).ok().stdout()).contains(subkey);
		assertThat(keyId(OpenPgpKeys.encryptionKey(file))).isEqualTo(subkey);
	}

	private static void revokeSubkey(String fpr, int index) throws Exception {
		Path commands = Files.writeString(dir.resolve("revoke.txt"),
				"key " + index + "\nrevkey\ny\n0\n\ny\nsave\n");
		gpg.run("--passphrase", "", "--command-file", commands.toString(), "--edit-key", fpr).ok();
	}

	static String keyId(PGPPublicKey key) {
		return String.format("%016X", key.getKeyID());
	}

}
