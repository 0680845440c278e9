package io.cardmint.card;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Card ids in the layout of UUID version 7: 48 bits of Unix milliseconds, then 74 random
 * bits. Cards made together get neighbouring ids, so the unique index on {@code card.id}
 * grows at its end like the clustered key instead of taking random inserts: with random
 * UUIDs that index was one of the two that made a million-card order wait on MariaDB.
 */
public final class TimeOrderedIds {

	private static final ThreadLocal<RandomBits> BITS = ThreadLocal.withInitial(RandomBits::new);

	private TimeOrderedIds() {
	}

	public static UUID next() {
		RandomBits bits = BITS.get();
		long millis = System.currentTimeMillis();
		long mostSignificant = (millis << 16) | 0x7000L | (bits.nextLong() & 0x0FFFL);
		long leastSignificant = (bits.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/**
	 * The DRBG's output drawn 1 KiB at a time: each call to the DRBG costs a few SHA-256 rounds
	 * of its own whatever it returns, and two calls per card were 8% of the order job's CPU.
	 * Ids are not secrets, so holding their random bits until used costs nothing.
	 */
	private static final class RandomBits {

		private final SecureRandom random;

		private final ByteBuffer buffer = ByteBuffer.allocate(1024).position(1024);

		RandomBits() {
			try {
				this.random = SecureRandom.getInstance("DRBG");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("no DRBG SecureRandom in this JVM", ex);
			}
		}

		long nextLong() {
			if (this.buffer.remaining() < Long.BYTES) {
				this.random.nextBytes(this.buffer.array());
				this.buffer.clear();
			}
			return this.buffer.getLong();
		}

	}

}
