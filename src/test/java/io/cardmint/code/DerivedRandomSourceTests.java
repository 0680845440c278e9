package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class DerivedRandomSourceTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@Test
	void streamIsHmacOfContextAndBigEndianCounter() throws Exception {
		byte[] context = "token|7|0".getBytes(StandardCharsets.UTF_8);
		DerivedRandomSource random = new DerivedRandomSource(KEY, context);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(KEY, "HmacSHA256"));

		// Bound 2^30 divides 2^32, so nothing is rejected: each draw is a 4-byte word mod 2^30.
		int bound = 1 << 30;
		for (long counter = 0; counter < 3; counter++) {
			mac.update(context);
			ByteBuffer block = ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array()));
			for (int word = 0; word < 8; word++) {
				assertThat(random.nextInt(bound)).isEqualTo((int) ((block.getInt() & 0xFFFF_FFFFL) % bound));
			}
		}
	}

	@Test
	void aDrawEqualToTheLimitIsRejected() {
		// Found with Python: the first word of this stream is 4010921780 = 2 * 2005460890, which is
		// exactly the rejection limit 2^32 - (2^32 mod bound) for that bound. It must be skipped
		// (a draw of 0 would be biased); the second word, 1285394768 mod bound, is the answer.
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) 9);
		DerivedRandomSource random = new DerivedRandomSource(key, "edge|23".getBytes(StandardCharsets.UTF_8));

		assertThat(random.nextInt(2_005_460_890)).isEqualTo(1_285_394_768);
	}

	@Test
	void sixtyTwoSymbolsAreDrawnEvenly() {
		DerivedRandomSource random = new DerivedRandomSource(KEY, "frequency".getBytes(StandardCharsets.UTF_8));
		int symbols = 62;
		int draws = 620_000;
		long[] counts = new long[symbols];
		for (int i = 0; i < draws; i++) {
			counts[random.nextInt(symbols)]++;
		}

		double expected = (double) draws / symbols;
		for (int symbol = 0; symbol < symbols; symbol++) {
			assertThat((double) counts[symbol]).as("draws of symbol %d", symbol)
				.isBetween(expected * 0.95, expected * 1.05);
		}
		double chiSquare = Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
		assertThat(chiSquare).as("chi-square, 61 degrees of freedom, p = 0.001").isLessThan(100.9);
	}

	@Test
	void largeBoundsShowNoModuloBias() {
		// With bound 1.5 * 2^30 a plain "value % bound" lands below 2^30 three times in four;
		// uniform draws do so two times in three.
		int bound = 3 << 29;
		DerivedRandomSource random = new DerivedRandomSource(KEY, "bias".getBytes(StandardCharsets.UTF_8));
		int draws = 200_000;
		int low = 0;
		for (int i = 0; i < draws; i++) {
			if (random.nextInt(bound) < (1 << 30)) {
				low++;
			}
		}
		assertThat((double) low / draws).isCloseTo(2.0 / 3, offset(0.01));
	}

	@Test
	void differentContextsGiveDifferentStreams() {
		DerivedRandomSource a = new DerivedRandomSource(KEY, "pin|1".getBytes(StandardCharsets.UTF_8));
		DerivedRandomSource b = new DerivedRandomSource(KEY, "pin|2".getBytes(StandardCharsets.UTF_8));
		int[] fromA = new int[16];
		int[] fromB = new int[16];
		for (int i = 0; i < 16; i++) {
			fromA[i] = a.nextInt(Integer.MAX_VALUE);
			fromB[i] = b.nextInt(Integer.MAX_VALUE);
		}
		assertThat(fromA).isNotEqualTo(fromB);
	}

	@Test
	void refusesNonPositiveBounds() {
		DerivedRandomSource random = new DerivedRandomSource(KEY, new byte[0]);
		assertThatThrownBy(() -> random.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> random.nextInt(-5)).isInstanceOf(IllegalArgumentException.class);
	}

}
