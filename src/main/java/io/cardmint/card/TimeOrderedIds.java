package io.cardmint.card;

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

	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no DRBG SecureRandom in this JVM", ex);
		}
	});

	private TimeOrderedIds() {
	}

	public static UUID next() {
		SecureRandom random = RANDOM.get();
		long millis = System.currentTimeMillis();
		long mostSignificant = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

}
