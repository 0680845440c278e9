package io.cardmint.code;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The JDK's DRBG, one instance per thread: a shared {@link SecureRandom} is synchronized and
 * becomes the bottleneck when several partitions generate cards at once. Never
 * {@code getInstanceStrong()}, which can block on entropy.
 */
public final class SecureRandomSource implements RandomSource {

	private static final SecureRandomSource INSTANCE = new SecureRandomSource();

	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandomSource::newDrbg);

	private SecureRandomSource() {
	}

	public static RandomSource get() {
		return INSTANCE;
	}

	@Override
	public int nextInt(int bound) {
		// SecureRandom.nextInt(bound) already rejects the biased tail.
		return RANDOM.get().nextInt(bound);
	}

	static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.get().nextBytes(bytes);
		return bytes;
	}

	private static SecureRandom newDrbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the JDK offers no DRBG SecureRandom", ex);
		}
	}

}
