package io.cardmint.print;

import io.cardmint.support.Gpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.jcajce.JcaOpenPGPApi;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manufacturer key checks against real keys made by GnuPG at test time (ed25519/cv25519 so
 * that making them is quick), plus the few a manufacturer's gpg cannot make, crafted with BC:
 * a forged subkey binding, a missing binding, v3/v5/v6 keys.
 */
class ManufacturerKeyTests {

	private static final DateTimeFormatter GPG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
		.withZone(ZoneOffset.UTC);

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
	void aKeyThatExpiresInTwoYearsIsUsedUntilItsLastSecond() throws Exception {
		String fpr = newKey("two@maker.invalid", null, "2y");
		addSubkey(fpr, null, "encr", "2y");
		Path file = export("two@maker.invalid");

		PGPPublicKey chosen = OpenPgpKeys.encryptionKey(file);

		assertThat(keyId(chosen)).isEqualTo(gpg.encryptionSubkeyIds("two@maker.invalid").get(0));
		Instant expiry = expiry("two@maker.invalid");
		assertThat(expiry).isBetween(Instant.now().plus(700, ChronoUnit.DAYS), Instant.now().plus(740, ChronoUnit.DAYS));
		assertThat(keyId(OpenPgpKeys.encryptionKey(file, Date.from(expiry.minusSeconds(1))))).isEqualTo(keyId(chosen));
		// BC counts the expiry second itself as valid; one second later the key is gone.
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file, Date.from(expiry.plusSeconds(1))))
			.hasMessageContaining("has expired");
	}

	@Test
	void aKeyThatExpiredYesterdayIsRefusedButWasGoodTheDayBefore() throws Exception {
		Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS);
		String fpr = newKey("yesterday@maker.invalid", threeDaysAgo, "2d");
		addSubkey(fpr, threeDaysAgo, "encr", "2d");
		Path file = export("yesterday@maker.invalid");

		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file)).isInstanceOf(PrintKeyException.class)
			.hasMessageContaining(file.toString())
			.hasMessageMatching(".*primary key [0-9A-F]{16} has expired.*");
		assertThat(OpenPgpKeys.encryptionKey(file, Date.from(threeDaysAgo.plus(1, ChronoUnit.DAYS))).isMasterKey())
			.isFalse();
		assertThat(gpg.encryptionSubkeyIds("yesterday@maker.invalid")).isEmpty();
	}

	@Test
	void aRevokedPrimaryKeyRefusesEverySubkey() throws Exception {
		String fpr = newKey("revoked@maker.invalid", null, "never");
		addSubkey(fpr, null, "encr", "never");
		Path before = export("revoked@maker.invalid");
		assertThat(OpenPgpKeys.encryptionKey(before).isMasterKey()).isFalse();

		// gpg wrote a revocation certificate when it made the key; importing it revokes the key.
		String certificate = Files.readString(dir.resolve("gnupg/openpgp-revocs.d/" + fpr + ".rev"))
			.replace(":-----BEGIN", "-----BEGIN");
		gpg.run("--import", Files.writeString(dir.resolve("revoke-" + fpr + ".asc"), certificate).toString()).ok();
		Path after = export("revoked@maker.invalid");

		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(after)).isInstanceOf(PrintKeyException.class)
			.hasMessageMatching(".*primary key [0-9A-F]{16} is revoked.*")
			.message()
			.doesNotContain("subkey");
	}

	@Test
	void aRevokedSubkeyIsSkippedForTheOlderValidOne() throws Exception {
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
		String fpr = newKey("subrevoked@maker.invalid", yesterday.minusSeconds(60), "never");
		addSubkey(fpr, yesterday, "encr", "never");
		String older = gpg.encryptionSubkeyIds("subrevoked@maker.invalid").get(0);
		addSubkey(fpr, null, "encr", "never");
		revokeSubkey(fpr, 2);
		Path file = export("subrevoked@maker.invalid");

		assertThat(keyId(OpenPgpKeys.encryptionKey(file))).isEqualTo(older);
		assertThat(gpg.encryptionSubkeyIds("subrevoked@maker.invalid")).containsExactly(older);

		revokeSubkey(fpr, 1);
		Path none = export("subrevoked@maker.invalid");
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(none))
			.hasMessageMatching(".*subkey [0-9A-F]{16} is revoked; subkey [0-9A-F]{16} is revoked.*");
	}

	@Test
	void ofTwoValidEncryptionSubkeysTheNewestIsUsedAsGpgDoes() throws Exception {
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
		String fpr = newKey("twosubs@maker.invalid", yesterday.minusSeconds(60), "never");
		addSubkey(fpr, yesterday, "encr", "never");
		addSubkey(fpr, null, "encr", "never");
		Path file = export("twosubs@maker.invalid");
		List<String> subkeys = gpg.encryptionSubkeyIds("twosubs@maker.invalid");
		assertThat(subkeys).hasSize(2);

		String chosen = keyId(OpenPgpKeys.encryptionKey(file));

		assertThat(chosen).isEqualTo(subkeys.get(1)); // gpg lists subkeys oldest first
		assertThat(chosen).isEqualTo(gpgRecipientKeyId("twosubs@maker.invalid"));
	}

	@Test
	void aSigningSubkeyIsPreferredToTheSigningPrimaryKeyEvenWhenBothAreEquallyOld() throws Exception {
		// gpg's clock frozen ("!") at one second: primary key and subkey get the same creation
		// time, so only "subkeys before the primary key" can decide, not "newest first".
		String frozen = GPG_TIME.format(Instant.now().minus(1, ChronoUnit.DAYS)) + "!";
		gpg.run("--faked-system-time", frozen, "--passphrase", "", "--quick-gen-key", "Maker <bothsign@maker.invalid>",
				"ed25519", "sign,cert", "never")
			.ok();
		String fpr = gpg.fingerprint("bothsign@maker.invalid");
		gpg.run("--faked-system-time", frozen, "--passphrase", "", "--quick-add-key", fpr, "ed25519", "sign", "never")
			.ok();
		Path secret = gpg.exportSecretKey("bothsign@maker.invalid", "", dir.resolve("bothsign.sec.asc"));
		PGPKeyRing ring = OpenPgpKeys.readRings(secret).get(0);
		PGPPublicKey subkey = subkeys(ring).get(0);
		assertThat(subkey.getCreationTime()).isEqualTo(ring.getPublicKey().getCreationTime());

		assertThat(keyId(OpenPgpKeys.signingKey(secret).getPublicKey())).isEqualTo(keyId(subkey));
	}

	@Test
	void judgingListsUsableKeysFirstThenSubkeysNewestFirstThenThePrimaryKey() throws Exception {
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
		String fpr = newKey("order@maker.invalid", yesterday.minusSeconds(60), "never");
		addSubkey(fpr, yesterday, "encr", "never");
		addSubkey(fpr, null, "encr", "never");
		revokeSubkey(fpr, 2);
		PGPPublicKeyRing ring = publicRing(export("order@maker.invalid"));
		PGPPublicKey older = subkeys(ring).get(0);
		PGPPublicKey newerRevoked = subkeys(ring).get(1);
		assertThat(newerRevoked.getCreationTime()).isAfter(older.getCreationTime());

		List<KeyValidity.Verdict> verdicts = KeyValidity.judge(ring, KeyValidity.Purpose.ENCRYPTION, new Date());

		// The usable older subkey leads although a newer subkey exists: that one is revoked.
		assertThat(verdicts).extracting((v) -> keyId(v.key()), KeyValidity.Verdict::usable)
			.containsExactly(tuple(keyId(older), true), tuple(keyId(newerRevoked), false),
					tuple(keyId(ring.getPublicKey()), false));
	}

	@Test
	void aSignOnlyKeyIsNoEncryptionKeyButSigns() throws Exception {
		newKey("signonly@maker.invalid", null, "never");
		Path file = export("signonly@maker.invalid");

		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file)).isInstanceOf(PrintKeyException.class)
			.hasMessageMatching("No usable OpenPGP encryption key in .* \\(primary key [0-9A-F]{16} is not flagged for "
					+ "encryption\\)");
		Path secret = gpg.exportSecretKey("signonly@maker.invalid", "", dir.resolve("signonly.sec.asc"));
		assertThat(OpenPgpKeys.signingKey(secret).isMasterKey()).isTrue();
	}

	@Test
	void anEncryptOnlyKeyCannotSign() throws Exception {
		String fpr = newKey("certonly@maker.invalid", null, "never", "cert");
		addSubkey(fpr, null, "encr", "never");
		Path secret = gpg.exportSecretKey("certonly@maker.invalid", "", dir.resolve("certonly.sec.asc"));

		assertThatThrownBy(() -> OpenPgpKeys.signingKey(secret))
			.hasMessageMatching("No usable OpenPGP signing key in .*is not flagged for signing.*");
	}

	@Test
	void aSubkeyWithoutBindingSignatureIsRefused() throws Exception {
		String fpr = newKey("unbound@maker.invalid", null, "never");
		addSubkey(fpr, null, "encr", "never");
		PGPPublicKeyRing ring = publicRing(export("unbound@maker.invalid"));
		PGPPublicKey subkey = subkeys(ring).get(0);
		PGPPublicKey stripped = subkey;
		for (PGPSignature sig : list(subkey.getSignatures())) {
			stripped = PGPPublicKey.removeCertification(stripped, sig);
		}
		Path file = write("unbound.gpg", PGPPublicKeyRing.insertPublicKey(ring, stripped));

		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file))
			.hasMessageContaining("subkey " + keyId(subkey) + " has no valid binding signature");
	}

	@Test
	void aSubkeyBoundByAnotherKeyIsNeverChosen() throws Exception {
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
		String victim = newKey("victim@maker.invalid", yesterday.minusSeconds(60), "never");
		addSubkey(victim, yesterday, "encr", "never");
		String own = gpg.encryptionSubkeyIds("victim@maker.invalid").get(0);
		String attacker = newKey("attacker@evil.invalid", null, "never");
		addSubkey(attacker, null, "encr", "never");
		PGPSecretKeyRing attackerRing = (PGPSecretKeyRing) OpenPgpKeys
			.readRings(gpg.exportSecretKey("attacker@evil.invalid", "", dir.resolve("attacker.sec.asc")))
			.get(0);
		PGPPublicKeyRing victimRing = publicRing(export("victim@maker.invalid"));

		// The attacker's (newer) subkey, bound to the victim's primary key by the attacker's own key.
		PGPPublicKey planted = bind(attackerRing, victimRing.getPublicKey(), subkeys(attackerRing).get(0),
				KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
		PGPPublicKeyRing tampered = PGPPublicKeyRing.insertPublicKey(victimRing, planted);

		assertThat(keyId(OpenPgpKeys.encryptionKey(write("planted.gpg", tampered)))).isEqualTo(own);

		PGPPublicKeyRing onlyForged = PGPPublicKeyRing.removePublicKey(tampered, subkeys(victimRing).get(0));
		Path file = write("forged.gpg", onlyForged);
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file))
			.hasMessageContaining("subkey " + keyId(planted) + " has no valid binding signature");
	}

	@Test
	void version3And5And6KeysAreRefusedWithTheReason() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(1024);
		PGPPublicKey v3 = new JcaPGPKeyPair(PublicKeyPacket.VERSION_3, PublicKeyAlgorithmTags.RSA_GENERAL,
				rsa.generateKeyPair(), new Date())
			.getPublicKey();
		PGPPublicKey v5 = new JcaPGPKeyPair(PublicKeyPacket.LIBREPGP_5, PublicKeyAlgorithmTags.Ed25519,
				KeyPairGenerator.getInstance("Ed25519", OpenPgpKeys.PROVIDER).generateKeyPair(), new Date())
			.getPublicKey();
		// BC's high-level generator makes v6 keys by default: the trap this check guards against.
		OpenPGPKey v6 = new JcaOpenPGPApi(OpenPgpKeys.PROVIDER).generateKey().ed25519x25519Key("V6 <v6@maker.invalid>")
			.build();

		Path v3File = write("v3.gpg", new PGPPublicKeyRing(List.of(v3)));
		Path v5File = write("v5.gpg", new PGPPublicKeyRing(List.of(v5)));
		Path v6File = Files.write(dir.resolve("v6.asc"), v6.toCertificate().getEncoded());

		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(v3File))
			.hasMessageContaining("primary key " + keyId(v3) + " has version 3 (GnuPG 2.2 reads only version 4 keys)");
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(v5File))
			.hasMessageContaining("has version 5 (GnuPG 2.2 reads only version 4 keys)");
		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(v6File))
			.hasMessageContaining("has version 6 (GnuPG 2.2 reads only version 4 keys)");
		Path v6Secret = Files.write(dir.resolve("v6.sec"), v6.getEncoded());
		assertThatThrownBy(() -> OpenPgpKeys.signingKey(v6Secret))
			.hasMessageContaining("has version 6 (GnuPG 2.2 reads only version 4 keys)");
	}

	@Test
	void severalKeysInOneFileGiveTheNewestValidSubkeyOfAll() throws Exception {
		Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
		String old = newKey("first@maker.invalid", yesterday.minusSeconds(60), "never");
		addSubkey(old, yesterday, "encr", "never");
		String fresh = newKey("second@maker.invalid", null, "never");
		addSubkey(fresh, null, "encr", "never");
		Path file = dir.resolve("both.asc");
		gpg.run("--armor", "--output", file.toString(), "--export", "second@maker.invalid", "first@maker.invalid").ok();

		assertThat(keyId(OpenPgpKeys.encryptionKey(file)))
			.isEqualTo(gpg.encryptionSubkeyIds("second@maker.invalid").get(0));
	}

	@Test
	void aSubkeyBoundWithoutKeyFlagsIsNotUsed() throws Exception {
		String fpr = newKey("noflags@maker.invalid", null, "never");
		addSubkey(fpr, null, "encr", "never");
		PGPSecretKeyRing secret = (PGPSecretKeyRing) OpenPgpKeys
			.readRings(gpg.exportSecretKey("noflags@maker.invalid", "", dir.resolve("noflags.sec.asc")))
			.get(0);
		PGPPublicKeyRing ring = publicRing(export("noflags@maker.invalid"));
		// A correct binding by the key's own primary key, but without the key flags subpacket.
		PGPPublicKey rebound = bind(secret, ring.getPublicKey(), subkeys(ring).get(0), null);
		Path file = write("noflags.gpg", PGPPublicKeyRing.insertPublicKey(ring, rebound));

		assertThatThrownBy(() -> OpenPgpKeys.encryptionKey(file))
			.hasMessageContaining("subkey " + keyId(rebound) + " is not flagged for encryption");
	}

	// --- gpg and BC helpers

	/**
	 * The subkey with its binding signatures replaced by one made with {@code signer}'s primary
	 * key over {@code primary} and the subkey, carrying {@code keyFlags} unless null.
	 */
	private static PGPPublicKey bind(PGPSecretKeyRing signer, PGPPublicKey primary, PGPPublicKey subkey,
			Integer keyFlags) throws Exception {
		PGPPublicKey stripped = subkey;
		for (PGPSignature sig : list(subkey.getSignatures())) {
			stripped = PGPPublicKey.removeCertification(stripped, sig);
		}
		PGPSignatureGenerator generator = new PGPSignatureGenerator(
				new JcaPGPContentSignerBuilder(signer.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
					.setProvider(OpenPgpKeys.PROVIDER),
				signer.getPublicKey());
		generator.init(PGPSignature.SUBKEY_BINDING, OpenPgpKeys.privateKey(signer.getSecretKey(), null));
		PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
		hashed.setSignatureCreationTime(true, new Date());
		if (keyFlags != null) {
			hashed.setKeyFlags(true, keyFlags);
		}
		hashed.setIssuerFingerprint(false, signer.getPublicKey());
		generator.setHashedSubpackets(hashed.generate());
		return PGPPublicKey.addCertification(stripped, generator.generateCertification(primary, stripped));
	}

	private static String newKey(String email, Instant at, String expiry) throws Exception {
		return newKey(email, at, expiry, "sign,cert");
	}

	private static String newKey(String email, Instant at, String expiry, String usage) throws Exception {
		gpg.run(withTime(at, "--passphrase", "", "--quick-gen-key", "Maker <" + email + ">", "ed25519", usage, expiry))
			.ok();
		return gpg.fingerprint(email);
	}

	private static void addSubkey(String fpr, Instant at, String usage, String expiry) throws Exception {
		gpg.run(withTime(at, "--passphrase", "", "--quick-add-key", fpr, "cv25519", usage, expiry)).ok();
	}

	private static String[] withTime(Instant at, String... args) {
		List<String> all = new ArrayList<>();
		if (at != null) {
			all.add("--faked-system-time");
			all.add(GPG_TIME.format(at));
		}
		all.addAll(List.of(args));
		return all.toArray(String[]::new);
	}

	private static Path export(String email) throws Exception {
		Path file = Files.createTempFile(dir, "export-", ".asc");
		Files.delete(file);
		gpg.run("--armor", "--output", file.toString(), "--export", email).ok();
		return file;
	}

	private static void revokeSubkey(String fpr, int index) throws Exception {
		Path commands = Files.writeString(dir.resolve("revoke-" + index + ".txt"),
				"key " + index + "\nrevkey\ny\n0\n\ny\nsave\n");
		gpg.run("--passphrase", "", "--command-file", commands.toString(), "--edit-key", fpr).ok();
	}

	/** When the key stops being usable as gpg lists it: the earlier of primary and subkey expiry. */
	private static Instant expiry(String email) throws Exception {
		return gpg.run("--with-colons", "--list-keys", email)
			.ok()
			.stdout()
			.lines()
			.filter((l) -> l.startsWith("pub:") || l.startsWith("sub:"))
			.map((l) -> Instant.ofEpochSecond(Long.parseLong(l.split(":")[6])))
			.min(Instant::compareTo)
			.orElseThrow();
	}

	/** The key id gpg itself encrypts to for this recipient. */
	private static String gpgRecipientKeyId(String email) throws Exception {
		Path plain = Files.writeString(dir.resolve("plain-" + email + ".txt"), "x");
		Path encrypted = dir.resolve("plain-" + email + ".gpg");
		gpg.run("--trust-model", "always", "--recipient", email, "--output", encrypted.toString(), "--encrypt",
				plain.toString())
			.ok();
		String packets = gpg.run("--list-packets", "--list-only", encrypted.toString()).stdout();
		return packets.lines()
			.filter((l) -> l.contains("pubkey enc packet"))
			.map((l) -> l.replaceAll(".*keyid ([0-9A-F]{16}).*", "$1"))
			.findFirst()
			.orElseThrow();
	}

	private static PGPPublicKeyRing publicRing(Path file) {
		return (PGPPublicKeyRing) OpenPgpKeys.readRings(file).get(0);
	}

	private static List<PGPPublicKey> subkeys(PGPKeyRing ring) {
		return list(ring.getPublicKeys()).stream().filter((key) -> !key.isMasterKey()).toList();
	}

	private static Path write(String name, PGPPublicKeyRing ring) throws IOException {
		return Files.write(dir.resolve(name), ring.getEncoded());
	}

	private static <T> List<T> list(Iterator<T> it) {
		List<T> out = new ArrayList<>();
		it.forEachRemaining(out::add);
		return out;
	}

	static String keyId(PGPPublicKey key) {
		return String.format("%016X", key.getKeyID());
	}

}
