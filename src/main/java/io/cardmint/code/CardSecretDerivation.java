package io.cardmint.code;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;

/**
 * Derives every card's token and PIN from one 256-bit batch secret, so a restarted chunk
 * regenerates exactly the cards it generated before and the print file can be rebuilt until
 * the secret is shredded.
 *
 * <p>The token depends on the attempt counter, which is bumped only when a token collides with
 * one already issued; the PIN does not, so a retried card keeps its PIN. The contexts
 * {@code token|<index>|<attempt>} and {@code pin|<index>} are part of the stored-data
 * contract: changing them changes the cards of every unfinished order.
 *
 * <p>Thread-safe; one instance per order.
 */
public final class CardSecretDerivation {

	static final int SECRET_BYTES = 32;

	private final ThreadLocal<Mac> mac;

	public CardSecretDerivation(byte[] batchSecret) {
		if (batchSecret == null || batchSecret.length != SECRET_BYTES) {
			throw new IllegalArgumentException("a batch secret has " + SECRET_BYTES + " bytes");
		}
		byte[] key = batchSecret.clone();
		this.mac = ThreadLocal.withInitial(() -> Hmac.newMac(key));
	}

	/**
	 * @param pinFormat null for cards without PIN
	 */
	public CardSecrets derive(long cardIndex, int attempt, CodeFormat tokenFormat, CodeFormat pinFormat) {
		if (cardIndex < 0 || attempt < 0) {
			throw new IllegalArgumentException("cardIndex and attempt must not be negative");
		}
		String token = CodeGenerator.generate(tokenFormat, stream("token|" + cardIndex + "|" + attempt));
		String pin = (pinFormat != null) ? CodeGenerator.generate(pinFormat, stream("pin|" + cardIndex)) : null;
		return new CardSecrets(token, pin);
	}

	private RandomSource stream(String context) {
		return new DerivedRandomSource(mac.get(), context.getBytes(StandardCharsets.UTF_8));
	}

}
