package io.cardmint.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Date;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tap between the UTF-8 writer and the literal data packet of a signed print file. Today the
 * writer above it writes only byte arrays and never closes it; these are the rest of its
 * {@link OutputStream} contract, so that another writer on top cannot break the signature.
 */
class SignedOutputStreamTests {

	private PGPKeyPair key;

	private PGPSignatureGenerator generator;

	private final RecordingStream below = new RecordingStream();

	@BeforeEach
	void signer() throws Exception {
		this.key = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.Ed25519,
				KeyPairGenerator.getInstance("Ed25519", OpenPgpKeys.PROVIDER).generateKeyPair(), new Date());
		this.generator = new PGPSignatureGenerator(
				new JcaPGPContentSignerBuilder(this.key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
					.setProvider(OpenPgpKeys.PROVIDER),
				this.key.getPublicKey());
		this.generator.init(PGPSignature.BINARY_DOCUMENT, this.key.getPrivateKey());
	}

	@Test
	void everyByteIsSignedAndPassedOnOnceWhetherWrittenSinglyOrAsPartOfAnArray() throws Exception {
		OutputStream signed = new EncryptedPart.SignedOutputStream(this.below, this.generator);

		signed.write('C');
		signed.write("..1,T1,P1\r\n..".getBytes(StandardCharsets.US_ASCII), 2, 9);
		signed.write('\r');
		signed.write('\n');

		byte[] expected = "C1,T1,P1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.below.toByteArray()).isEqualTo(expected);
		PGPSignature signature = this.generator.generate();
		assertThat(verifies(signature, expected)).isTrue();
		// The check has teeth: a byte the signature saw but the reader would not fails it.
		assertThat(verifies(signature, "C1,T1,P1\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
	}

	@Test
	void flushAndCloseFlushTheLiteralDataButLeaveItOpenForFinishToEnd() throws Exception {
		OutputStream signed = new EncryptedPart.SignedOutputStream(this.below, this.generator);
		signed.write("C1,T1,P1\r\n".getBytes(StandardCharsets.US_ASCII), 0, 10);

		signed.flush();
		assertThat(this.below.flushes).isEqualTo(1);

		// finish() ends the literal data packet and only then appends the signature; a writer
		// closed early must not end the packet first.
		signed.close();
		assertThat(this.below.flushes).isEqualTo(2);
		assertThat(this.below.closed).isFalse();
	}

	private boolean verifies(PGPSignature signature, byte[] data) throws Exception {
		signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(OpenPgpKeys.PROVIDER),
				this.key.getPublicKey());
		signature.update(data);
		return signature.verify();
	}

	private static final class RecordingStream extends ByteArrayOutputStream {

		int flushes;

		boolean closed;

		@Override
		public void flush() {
			this.flushes++;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
