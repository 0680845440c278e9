package io.cardmint.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Metadata anywhere in a request record is checked, and an error names it by its wire path. */
class MetadataLimitsTests {

	record Card(String cardId, Map<String, Object> metadata) {
	}

	record Options(Card template) {
	}

	record Batch(List<Card> cards, Options cardOptions, Map<String, Object> metadata) {
	}

	private final MetadataLimits limits = new MetadataLimits();

	private static final Map<String, Object> TOO_BIG = Map.of("a", "x".repeat(MetadataLimits.MAX_BYTES));

	@Test
	void metadataWithinTheLimitsPassesAtEveryDepth() {
		Batch batch = new Batch(List.of(new Card("c1", Map.of("k", "v"))), new Options(new Card("c2", Map.of())),
				Map.of("k", 1));
		assertThat(this.limits.afterBodyRead(batch, null, null, null, null)).isSameAs(batch);
	}

	@Test
	void aListItemsMetadataIsNamedWithItsIndexInSnakeCase() {
		Batch batch = new Batch(List.of(new Card("c1", null), new Card("c2", TOO_BIG)), null, null);
		assertThatThrownBy(() -> this.limits.afterBodyRead(batch, null, null, null, null))
			.isInstanceOf(ApiException.class)
			.hasMessage("cards[1].metadata must be at most 8192 bytes as JSON");
	}

	@Test
	void aNestedRecordsMetadataIsNamedByItsPath() {
		Batch batch = new Batch(List.of(), new Options(new Card("c", Map.of("", 1))), null);
		assertThatThrownBy(() -> this.limits.afterBodyRead(batch, null, null, null, null))
			.isInstanceOf(ApiException.class)
			.hasMessage("card_options.template.metadata keys must be 1 to 40 printable characters");
	}

	@Test
	void topLevelMetadataIsChecked() {
		assertThatThrownBy(() -> this.limits.afterBodyRead(new Batch(List.of(), null, TOO_BIG), null, null, null, null))
			.isInstanceOf(ApiException.class)
			.hasMessage("metadata must be at most 8192 bytes as JSON");
	}

}
