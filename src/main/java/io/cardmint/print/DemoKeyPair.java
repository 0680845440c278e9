package io.cardmint.print;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Date;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * The demo manufacturer's key pair. Built with the low-level generator on purpose: BC's
 * high-level key generator makes v6 keys, which GnuPG 2.2 cannot import.
 */
final class DemoKeyPair {

	private DemoKeyPair() {
	}

	static void generate(Path publicKeyFile, Path secretKeyFile, String userId) {
		for (Path file : new Path[] { publicKeyFile, secretKeyFile }) {
			if (Files.exists(file)) {
				throw new PrintKeyException("Refusing to overwrite existing key file " + file);
			}
		}
		try {
			PGPKeyRingGenerator rings = keyRingGenerator(userId);
			write(secretKeyFile, true, rings.generateSecretKeyRing().getEncoded());
			write(publicKeyFile, false, rings.generatePublicKeyRing().getEncoded());
		}
		catch (IOException | GeneralSecurityException | PGPException ex) {
			throw new PrintKeyException("Cannot write demo key pair to " + publicKeyFile + " and " + secretKeyFile
					+ ": " + ex.getMessage(), ex);
		}
	}

	private static PGPKeyRingGenerator keyRingGenerator(String userId) throws GeneralSecurityException, PGPException {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", OpenPgpKeys.PROVIDER);
		rsa.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), new SecureRandom());
		Date now = new Date();
		PGPKeyPair primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
				rsa.generateKeyPair(), now);
		PGPKeyPair encryption = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
				rsa.generateKeyPair(), now);

		PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
		primaryPackets.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
		primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] { SymmetricKeyAlgorithmTags.AES_256,
				SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128 });
		primaryPackets.setPreferredHashAlgorithms(false,
				new int[] { HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256 });
		primaryPackets.setPreferredCompressionAlgorithms(false,
				new int[] { CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.UNCOMPRESSED });
		// Advertise SEIPD v1 only: the reader of these files is GnuPG 2.2.
		primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);

		PGPSignatureSubpacketGenerator subkeyPackets = new PGPSignatureSubpacketGenerator();
		subkeyPackets.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);

		PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
				new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
				primaryPackets.generate(), null,
				new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256)
					.setProvider(OpenPgpKeys.PROVIDER),
				null);
		generator.addSubKey(encryption, subkeyPackets.generate(), null);
		return generator;
	}

	// Temporary file then rename: a crash never leaves half a key under the real name.
	private static void write(Path file, boolean secret, byte[] encoded) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
		Files.deleteIfExists(tmp);
		try {
			if (secret) {
				Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(tmp);
			}
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(tmp);
		}
		try (OutputStream out = Files.newOutputStream(tmp); ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
			armored.write(encoded);
		}
		Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
	}

}
