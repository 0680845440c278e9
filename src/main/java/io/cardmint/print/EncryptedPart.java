package io.cardmint.print;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * One encrypted file being written: text goes in at the top and only ciphertext reaches the
 * disk. The stack, outermost first, is file ← SHA-256 ← buffer ← SEIPD v1 (AES-256) ←
 * [one-pass signature] ← literal data ← [signature hash] ← UTF-8 writer. Each generator gets a
 * fixed buffer, so BC writes partial-length packets and memory stays constant however many
 * records go through.
 */
final class EncryptedPart {

	private static final int BUFFER = 1 << 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The JDK's own providers, by name: they are always installed. */
	private static final String JDK_CIPHERS = "SunJCE";

	private static final String JDK_DIGESTS = "SUN";

	/** Our signing key, unlocked. */
	record Signer(PGPPublicKey publicKey, PGPPrivateKey privateKey) {

		@Override
		public String toString() {
			return "Signer[" + KeyValidity.describe(this.publicKey) + "]";
		}

	}

	final Path tempFile;

	final String name;

	long records;

	/** Set once the part is finished. */
	String sha256;

	private final FileChannel channel;

	private final MessageDigest digest;

	private final OutputStream buffered;

	// The data itself is encrypted by the JDK's AES (SunJCE), whose block function the JVM runs
	// on the CPU's AES instructions: Bouncy Castle's provider runs CFB one byte at a time through
	// a pure-Java AES, which was 40% of the print step (measured, 1M cards). The packets and the
	// integrity check (MDC) are still Bouncy Castle's.
	private final PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
			new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
				.setSecureRandom(RANDOM)
				.setProvider(JDK_CIPHERS));

	private final PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();

	private final OutputStream encrypted;

	private final PGPSignatureGenerator signature;

	private final Writer text;

	private EncryptedPart(Path tempFile, String name, PGPPublicKey recipient, Signer signer)
			throws IOException, PGPException {
		this.tempFile = tempFile;
		this.name = name;
		this.channel = FileChannel.open(tempFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		this.digest = sha256();
		this.buffered = new BufferedOutputStream(
				new DigestOutputStream(Channels.newOutputStream(this.channel), this.digest), BUFFER);
		this.encryption.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(RANDOM)
			.setProvider(OpenPgpKeys.PROVIDER));
		this.encrypted = this.encryption.open(this.buffered, new byte[BUFFER]);
		this.signature = (signer != null) ? signatureGenerator(signer) : null;
		if (this.signature != null) {
			this.signature.generateOnePassVersion(false).encode(this.encrypted);
		}
		// BINARY, not TEXT/UTF8: gpg must hand back our CRLF bytes untouched.
		String literalName = name.substring(0, name.length() - ".pgp".length());
		OutputStream plain = this.literal.open(this.encrypted, PGPLiteralDataGenerator.BINARY, literalName,
				new Date(), new byte[BUFFER]);
		if (this.signature != null) {
			plain = new SignedOutputStream(plain, this.signature);
		}
		this.text = new BufferedWriter(new OutputStreamWriter(plain, StandardCharsets.UTF_8), BUFFER);
	}

	static EncryptedPart create(Path tempFile, String name, PGPPublicKey recipient, Signer signer) throws IOException {
		try {
			return new EncryptedPart(tempFile, name, recipient, signer);
		}
		catch (PGPException ex) {
			Files.deleteIfExists(tempFile);
			throw new IOException("Cannot start OpenPGP encryption of " + name + ": " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(tempFile);
			throw ex;
		}
	}

	Writer text() {
		return this.text;
	}

	/**
	 * Ends the OpenPGP packets innermost first (literal data, signature, encryption), forces the
	 * bytes to disk and returns the SHA-256 of what was written.
	 */
	String finish() throws IOException {
		try {
			this.text.flush();
			this.literal.close();
			if (this.signature != null) {
				this.signature.generate().encode(this.encrypted);
			}
			this.encryption.close();
			this.buffered.flush();
			this.channel.force(true);
		}
		catch (PGPException ex) {
			throw new IOException("Cannot sign " + this.name + ": " + ex.getMessage(), ex);
		}
		finally {
			this.channel.close();
		}
		return HexFormat.of().formatHex(this.digest.digest());
	}

	/** Drops the file; for failed runs. */
	void abort() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Deleting is what matters.
		}
		try {
			Files.deleteIfExists(this.tempFile);
		}
		catch (IOException ex) {
			// Encrypted leftovers under a temporary name; deleteOutputs removes them later.
		}
	}

	private static PGPSignatureGenerator signatureGenerator(Signer signer) throws PGPException {
		PGPSignatureGenerator generator = new PGPSignatureGenerator(
				new JcaPGPContentSignerBuilder(signer.publicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
					.setProvider(OpenPgpKeys.PROVIDER)
					// the JDK's SHA-256 (intrinsic), as for the data's cipher above
					.setDigestProvider(JDK_DIGESTS),
				signer.publicKey());
		generator.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
		PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
		hashed.setSignatureCreationTime(false, new Date());
		hashed.setIssuerFingerprint(false, signer.publicKey());
		generator.setHashedSubpackets(hashed.generate());
		return generator;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

	/** Feeds the literal data to the signature as it streams past. */
	static final class SignedOutputStream extends OutputStream {

		private final OutputStream out;

		private final PGPSignatureGenerator signature;

		SignedOutputStream(OutputStream out, PGPSignatureGenerator signature) {
			this.out = out;
			this.signature = signature;
		}

		@Override
		public void write(int b) throws IOException {
			this.signature.update((byte) b);
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.signature.update(b, off, len);
			this.out.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

		// Closing is the generators' business, in order; see finish().
		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
