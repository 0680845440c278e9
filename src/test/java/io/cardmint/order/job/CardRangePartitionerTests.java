package io.cardmint.order.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class CardRangePartitionerTests {

	@Test
	void rangesCoverEveryCardOnceInOrder() {
		Map<String, ExecutionContext> ranges = new CardRangePartitioner(1_000_003, 8).partition(99);
		assertThat(ranges).hasSize(8);
		long next = 0;
		for (ExecutionContext range : ranges.values()) {
			assertThat(range.getLong(CardRangePartitioner.FROM)).isEqualTo(next);
			next = range.getLong(CardRangePartitioner.TO);
		}
		assertThat(next).isEqualTo(1_000_003);
	}

	@Test
	void aRestartGetsTheSameKeysAndRangesWhateverTheGridSizeAskedNow() {
		CardRangePartitioner partitioner = new CardRangePartitioner(200_000, 8);
		assertThat(describe(partitioner.partition(2))).isEqualTo(describe(partitioner.partition(16)));
		assertThat(partitioner.partition(2).keySet()).startsWith("partition0000").endsWith("partition0007");
	}

	@Test
	void neverMorePartitionsThanCards() {
		assertThat(new CardRangePartitioner(3, 8).partition(8)).hasSize(3);
	}

	private static List<String> describe(Map<String, ExecutionContext> ranges) {
		List<String> described = new ArrayList<>();
		ranges.forEach((name, range) -> described
			.add(name + "=" + range.getLong(CardRangePartitioner.FROM) + ".." + range.getLong(CardRangePartitioner.TO)));
		return described;
	}

}
