package io.cardmint.print;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * Reads the OpenPGP keys of a manufacturer (and our own signing key) from files, armored or
 * binary, and makes the demo key pair.
 */
public final class OpenPgpKeys {

	/**
	 * Our own provider instance, never registered in {@code java.security.Security}: the rest of
	 * the application keeps the JDK's providers.
	 */
	static final Provider PROVIDER = new BouncyCastleProvider();

	private OpenPgpKeys() {
	}

	/**
	 * The key to encrypt to: a subkey (or else the primary key) whose key flags allow encryption,
	 * neither revoked nor expired; the newest if there are several.
	 * @throws PrintKeyException naming the file if it is unreadable or holds no such key
	 */
	public static PGPPublicKey encryptionKey(Path file) {
		return encryptionKey(file, new Date());
	}

	static PGPPublicKey encryptionKey(Path file, Date now) {
		List<KeyValidity.Verdict> verdicts = new ArrayList<>();
		for (PGPKeyRing ring : readRings(file)) {
			verdicts.addAll(KeyValidity.judge(ring, KeyValidity.Purpose.ENCRYPTION, now));
		}
		// Across several rings in one file, the same preference as within one.
		return verdicts.stream()
			.sorted(KeyValidity.PREFERRED)
			.filter(KeyValidity.Verdict::usable)
			.findFirst()
			.orElseThrow(() -> noUsableKey(file, "encryption", verdicts))
			.key();
	}

	/**
	 * Our key to sign with: a secret (sub)key flagged for signing data, neither revoked nor
	 * expired, whose secret part is present (not a GnuPG stub).
	 * @throws PrintKeyException naming the file if it is unreadable or holds no such key
	 */
	public static PGPSecretKey signingKey(Path file) {
		Date now = new Date();
		List<KeyValidity.Verdict> verdicts = new ArrayList<>();
		List<PGPSecretKeyRing> secretRings = new ArrayList<>();
		for (PGPKeyRing ring : readRings(file)) {
			if (ring instanceof PGPSecretKeyRing secretRing) {
				secretRings.add(secretRing);
				verdicts.addAll(KeyValidity.judge(ring, KeyValidity.Purpose.SIGNING, now));
			}
		}
		if (secretRings.isEmpty()) {
			throw new PrintKeyException("No OpenPGP secret key in " + file + " (a public key cannot sign)");
		}
		for (KeyValidity.Verdict verdict : verdicts) {
			if (verdict.usable()) {
				for (PGPSecretKeyRing ring : secretRings) {
					PGPSecretKey secret = ring.getSecretKey(verdict.key().getKeyID());
					if (secret != null && !secret.isPrivateKeyEmpty()) {
						return secret;
					}
				}
			}
		}
		throw noUsableKey(file, "signing", verdicts);
	}

	/**
	 * Unlocks a secret key.
	 * @param passphrase {@code null} or empty for an unprotected key
	 * @throws PrintKeyException on a wrong or missing passphrase
	 */
	public static PGPPrivateKey privateKey(PGPSecretKey key, String passphrase) {
		String which = KeyValidity.describe(key.getPublicKey());
		boolean protectedKey = key.getKeyEncryptionAlgorithm() != 0;
		if (protectedKey && (passphrase == null || passphrase.isEmpty())) {
			throw new PrintKeyException("Secret " + which + " is protected by a passphrase, but none is configured");
		}
		try {
			var decryptor = new JcePBESecretKeyDecryptorBuilder(
					new JcaPGPDigestCalculatorProviderBuilder().setProvider(PROVIDER).build())
				.setProvider(PROVIDER)
				.build((passphrase != null) ? passphrase.toCharArray() : new char[0]);
			return key.extractPrivateKey(decryptor);
		}
		catch (PGPException ex) {
			// The cause's message is BC's ("checksum mismatch"); it carries no secret.
			throw new PrintKeyException("Cannot unlock secret " + which + ": wrong passphrase?", ex);
		}
	}

	/**
	 * Writes a fresh v4 key pair for the local demo manufacturer: an RSA 3072 primary key for
	 * certifying and signing plus an RSA 3072 encryption subkey, both armored. The secret key has
	 * no passphrase (it only ever protects demo data) and its file is created 0600.
	 * @throws PrintKeyException if either file already exists or cannot be written
	 */
	public static void generateDemoKeyPair(Path publicKeyFile, Path secretKeyFile, String userId) {
		DemoKeyPair.generate(publicKeyFile, secretKeyFile, userId);
	}

	static List<PGPKeyRing> readRings(Path file) {
		List<PGPKeyRing> rings = new ArrayList<>();
		try (InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(Files.newInputStream(file)))) {
			JcaPGPObjectFactory factory = new JcaPGPObjectFactory(in);
			Object object;
			while ((object = factory.nextObject()) != null) {
				if (object instanceof PGPPublicKeyRing || object instanceof PGPSecretKeyRing) {
					rings.add((PGPKeyRing) object);
				}
			}
		}
		catch (NoSuchFileException ex) {
			throw new PrintKeyException("OpenPGP key file " + file + " does not exist", ex);
		}
		catch (IOException | RuntimeException ex) {
			if (rings.isEmpty()) {
				throw new PrintKeyException("OpenPGP key file " + file + " is not readable as an OpenPGP key: "
						+ ex.getMessage(), ex);
			}
			// Bytes after complete key rings that do not read as a packet (a truncated one, say): the
			// keys before them are used. gpg does the same for a truncated packet; for other trailing
			// text it refuses the whole file, so we are the more lenient of the two here.
		}
		if (rings.isEmpty()) {
			throw new PrintKeyException("No OpenPGP key in " + file);
		}
		return rings;
	}

	private static PrintKeyException noUsableKey(Path file, String purpose, List<KeyValidity.Verdict> verdicts) {
		String reasons = verdicts.stream().map(KeyValidity.Verdict::problem).distinct().collect(Collectors.joining("; "));
		return new PrintKeyException("No usable OpenPGP " + purpose + " key in " + file
				+ (reasons.isEmpty() ? "" : " (" + reasons + ")"));
	}

}
