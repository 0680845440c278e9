package io.cardmint.order.job;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the order's writers take turns: only where a drawn token often meets a taken one. */
class CardRowWriterTests {

	@Test
	void sixteenDigitsForMillionsOfCardsAreSparse() {
		assertThat(CardRowWriter.crowded(BigInteger.TEN.pow(16), 10_000_000)).isFalse();
	}

	@Test
	void fiveDigitsForTensOfThousandsOfCardsAreCrowded() {
		assertThat(CardRowWriter.crowded(BigInteger.TEN.pow(5), 40_000)).isTrue();
	}

	@Test
	void theLineIsOneCollisionInAMillionDraws() {
		assertThat(CardRowWriter.crowded(BigInteger.valueOf(1_000_000_000L), 1000)).isFalse();
		assertThat(CardRowWriter.crowded(BigInteger.valueOf(999_999_999L), 1000)).isTrue();
	}

}
