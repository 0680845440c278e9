package io.cardmint.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals an order's batch secret for storage in the database: AES-256-GCM under a key derived
 * from the master key, a fresh random 12-byte nonce prepended to ciphertext and tag. The
 * associated data (e.g. account and order reference) binds a sealed secret to its order, so
 * it cannot be copied onto another order's row and opened there.
 */
public final class SecretSealer {

	static final String LABEL = "cardmint/batch-secret-seal/v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	public SecretSealer(MasterKey masterKey) {
		this.key = new SecretKeySpec(masterKey.deriveKey(LABEL), "AES");
	}

	public static byte[] newBatchSecret() {
		return SecureRandomSource.randomBytes(CardSecretDerivation.SECRET_BYTES);
	}

	/** @return nonce || ciphertext || tag */
	public byte[] seal(byte[] secret, String associatedData) {
		byte[] nonce = SecureRandomSource.randomBytes(NONCE_BYTES);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
			byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(secret.length));
			cipher.doFinal(secret, 0, secret.length, sealed, NONCE_BYTES);
			return sealed;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot seal batch secret", ex);
		}
	}

	public byte[] open(byte[] sealed, String associatedData) {
		if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
			throw cannotOpen(null);
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), associatedData);
			return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw cannotOpen(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot open batch secret", ex);
		}
	}

	private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static IllegalStateException cannotOpen(Exception cause) {
		return new IllegalStateException("batch secret cannot be opened (wrong master key or tampered)", cause);
	}

}
