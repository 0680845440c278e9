package io.cardmint.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored token hash computed the way the contract describes it, with the JDK only and
 * none of cardmint's code: HMAC-SHA256(HMAC-SHA256(master, "cardmint/token-hash/v1"),
 * account_id NUL token). Tests compare the database against this, so a change to
 * {@code KeyedHashes} cannot also change what the tests expect.
 */
public final class TokenHash {

	private final Mac mac;

	private TokenHash(byte[] masterKey) throws GeneralSecurityException {
		this.mac = Mac.getInstance("HmacSHA256");
		this.mac.init(new SecretKeySpec(hmac(masterKey, "cardmint/token-hash/v1"), "HmacSHA256"));
	}

	/** From a master key file as cardmint writes it: Base64 of 32 bytes. */
	public static TokenHash fromKeyFile(Path masterKeyFile) throws IOException, GeneralSecurityException {
		return new TokenHash(Base64.getDecoder().decode(Files.readString(masterKeyFile).strip()));
	}

	public byte[] of(String accountId, String token) {
		return this.mac.doFinal((accountId + "\0" + token).getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
	}

}
