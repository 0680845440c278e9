package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void rejectsTheBytesAboveTheLastFullMultipleOfTheBound() {
		// 192 divides 256 once with 64 left over: folding those 64 bytes onto 0..63 instead of
		// drawing again would make 0..63 twice as likely (750 expected instead of 500).
		int[] seen = new int[192];
		IntStream.range(0, 96_000).map((i) -> SecureRandomSource.get().nextInt(192)).forEach((v) -> seen[v]++);

		// 500 expected each, standard deviation about 22: 150 away is about 7 of them.
		assertThat(IntStream.of(seen)).allSatisfy((count) -> assertThat(count).isBetween(350, 650));
	}

	@Test
	void boundsAboveOneByteDrawFromTheWholeRange() {
		int[] draws = IntStream.range(0, 2_000).map((i) -> SecureRandomSource.get().nextInt(100_000)).toArray();

		assertThat(IntStream.of(draws)).allSatisfy((v) -> assertThat(v).isBetween(0, 99_999));
		// Below 256 for all 2,000 draws has probability (256 / 100,000)^2000.
		assertThat(IntStream.of(draws).max().getAsInt()).isGreaterThan(50_000);
	}

	@Test
	void boundOneIsAlwaysZeroAndABoundBelowOneIsRefused() {
		assertThat(IntStream.range(0, 1_000).map((i) -> SecureRandomSource.get().nextInt(1))).containsOnly(0);
		assertThatIllegalArgumentException().isThrownBy(() -> SecureRandomSource.get().nextInt(0))
			.withMessageContaining("bound must be positive");
	}

	@Test
	void randomBytesAreFreshEachTime() {
		assertThat(SecureRandomSource.randomBytes(32)).hasSize(32).isNotEqualTo(SecureRandomSource.randomBytes(32));
		assertThat(SecureRandomSource.randomBytes(0)).isEmpty();
	}

}
