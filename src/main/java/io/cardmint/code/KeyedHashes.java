package io.cardmint.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import javax.crypto.Mac;

/**
 * The only form in which tokens and PINs reach the database: HMAC-SHA256 under keys derived
 * from the master key. A keyed hash can be indexed for lookup (unlike bcrypt or argon2) and,
 * with the key outside the database, a stolen dump cannot be brute-forced even for 4-digit
 * PINs. Fields are joined with NUL, which none of them may contain, so the encoding is
 * unambiguous.
 *
 * <p>Thread-safe: one keyed Mac per thread, since this runs for every card generated and
 * every payment.
 */
public final class KeyedHashes {

	static final String TOKEN_LABEL = "cardmint/token-hash/v1";

	static final String PIN_LABEL = "cardmint/pin-hash/v1";

	private final ThreadLocal<Mac> tokenMac;

	private final ThreadLocal<Mac> pinMac;

	private final String keyId;

	public KeyedHashes(MasterKey masterKey) {
		byte[] tokenKey = masterKey.deriveKey(TOKEN_LABEL);
		byte[] pinKey = masterKey.deriveKey(PIN_LABEL);
		this.tokenMac = ThreadLocal.withInitial(() -> Hmac.newMac(tokenKey));
		this.pinMac = ThreadLocal.withInitial(() -> Hmac.newMac(pinKey));
		this.keyId = masterKey.keyId();
	}

	/** Scoped to the account, because tokens are unique per account, not globally. */
	public byte[] tokenHash(String accountId, String token) {
		return hash(tokenMac.get(), accountId, token);
	}

	/** Bound to the card, so equal PINs on different cards do not give equal hashes. */
	public byte[] pinHash(String accountId, String cardId, String pin) {
		return hash(pinMac.get(), accountId, cardId, pin);
	}

	/** Constant-time comparison: the time taken tells nothing about how much of the PIN matched. */
	public boolean pinMatches(byte[] stored, String accountId, String cardId, String pin) {
		if (stored == null || pin == null) {
			return false;
		}
		return MessageDigest.isEqual(stored, pinHash(accountId, cardId, pin));
	}

	/** Which master key made these hashes; store it beside them. */
	public String keyId() {
		return keyId;
	}

	private static byte[] hash(Mac mac, String... fields) {
		for (int i = 0; i < fields.length; i++) {
			String field = fields[i];
			if (field.indexOf('\0') >= 0) {
				throw new IllegalArgumentException("hashed fields must not contain NUL");
			}
			if (i > 0) {
				mac.update((byte) 0);
			}
			mac.update(field.getBytes(StandardCharsets.UTF_8));
		}
		return mac.doFinal();
	}

}
