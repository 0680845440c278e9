package io.cardmint.code;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The JDK's DRBG, one instance per thread: a shared {@link SecureRandom} is synchronized and
 * becomes the bottleneck when several partitions generate cards at once. Never
 * {@code getInstanceStrong()}, which can block on entropy.
 *
 * <p>Codes draw from a per-thread buffer that one DRBG call fills, {@value #BUFFER_BYTES} bytes
 * at a time. A DRBG call costs the same few SHA-256 rounds for 4 bytes as for 256, and
 * {@link SecureRandom#nextInt(int)} makes one call per character: a 1,000-card batch spent more
 * time there than in its insert. The buffer is refilled in place, so unused bits live in one
 * array of this thread and nowhere else, as the DRBG's own state does.
 */
public final class SecureRandomSource implements RandomSource {

	private static final int BUFFER_BYTES = 256;

	private static final long TWO_TO_32 = 1L << 32;

	private static final SecureRandomSource INSTANCE = new SecureRandomSource();

	private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

	private SecureRandomSource() {
	}

	public static RandomSource get() {
		return INSTANCE;
	}

	/** Draws from the calling thread's buffer, whichever thread holds this source. */
	@Override
	public int nextInt(int bound) {
		return BUFFER.get().nextInt(bound);
	}

	static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		BUFFER.get().drbg.nextBytes(bytes);
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

	/** One thread's DRBG and the bytes it drew and no code has used yet. */
	private static final class Buffer {

		private final SecureRandom drbg = newDrbg();

		private final byte[] bytes = new byte[BUFFER_BYTES];

		private int position = BUFFER_BYTES;

		int nextInt(int bound) {
			if (bound <= 0) {
				throw new IllegalArgumentException("bound must be positive: " + bound);
			}
			// Accept only values below the largest multiple of bound, so every residue is equally
			// likely. One byte a draw for every code alphabet (at most 256 symbols): a digit
			// rejects 6 bytes in 256.
			if (bound <= 256) {
				int limit = 256 - (256 % bound);
				while (true) {
					int value = nextByte();
					if (value < limit) {
						return value % bound;
					}
				}
			}
			long limit = TWO_TO_32 - (TWO_TO_32 % bound);
			while (true) {
				long value = ((long) nextByte() << 24) | (nextByte() << 16) | (nextByte() << 8) | nextByte();
				if (value < limit) {
					return (int) (value % bound);
				}
			}
		}

		private int nextByte() {
			if (this.position == BUFFER_BYTES) {
				this.drbg.nextBytes(this.bytes);
				this.position = 0;
			}
			return this.bytes[this.position++] & 0xFF;
		}

	}

}
