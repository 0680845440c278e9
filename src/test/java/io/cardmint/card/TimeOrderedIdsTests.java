package io.cardmint.card;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTests {

	@Test
	void idsAreVersion7UuidsThatSortByCreationTime() throws Exception {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(TimeOrderedIds.next());
			Thread.sleep(2);
		}
		assertThat(ids).allSatisfy((id) -> {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
		});
		assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
		long millis = ids.get(0).getMostSignificantBits() >>> 16;
		assertThat(millis).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5000L));
	}

	@Test
	void aMillionIdsAreDistinct() {
		HashSet<UUID> seen = new HashSet<>();
		for (int i = 0; i < 1_000_000; i++) {
			seen.add(TimeOrderedIds.next());
		}
		assertThat(seen).hasSize(1_000_000);
	}

}
