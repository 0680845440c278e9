package io.cardmint.code;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When writers ask the database before inserting (and an order's partitions take turns): only
 * where a drawn token often meets a taken one.
 */
class CrowdedTokenSpaceTests {

	@Test
	void sixteenDigitsForMillionsOfCardsAreSparse() {
		assertThat(CodeFormat.crowded(BigInteger.TEN.pow(16), 10_000_000)).isFalse();
	}

	@Test
	void fiveDigitsForTensOfThousandsOfCardsAreCrowded() {
		assertThat(CodeFormat.crowded(BigInteger.TEN.pow(5), 40_000)).isTrue();
	}

	@Test
	void theLineIsOneCollisionInAMillionDraws() {
		assertThat(CodeFormat.crowded(BigInteger.valueOf(1_000_000_000L), 1000)).isFalse();
		assertThat(CodeFormat.crowded(BigInteger.valueOf(999_999_999L), 1000)).isTrue();
	}

}
