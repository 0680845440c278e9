package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SecureRandomSourceTests {

	@Test
	void drawsEveryValueBelowTheBoundAndNoOther() {
		int[] seen = new int[10];
		IntStream.range(0, 10_000).map((i) -> SecureRandomSource.get().nextInt(10)).forEach((v) -> seen[v]++);

		// Each value is expected 1,000 times; missing one by chance has probability about 10 * 0.9^10000.
		assertThat(seen).doesNotContain(0);
	}

	@Test
	void randomBytesAreFreshEachTime() {
		assertThat(SecureRandomSource.randomBytes(32)).hasSize(32).isNotEqualTo(SecureRandomSource.randomBytes(32));
		assertThat(SecureRandomSource.randomBytes(0)).isEmpty();
	}

}
