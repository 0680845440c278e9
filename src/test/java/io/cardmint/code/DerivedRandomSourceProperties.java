package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;

class DerivedRandomSourceProperties {

	@Property
	void nextIntStaysWithinAnyBound(@ForAll @Size(min = 1, max = 64) byte[] key, @ForAll byte[] context, @ForAll @Positive int bound) {
		DerivedRandomSource random = new DerivedRandomSource(key, context);
		for (int i = 0; i < 20; i++) {
			assertThat(random.nextInt(bound)).isBetween(0, bound - 1);
		}
	}

	@Property
	void sameKeyAndContextGiveTheSameStream(@ForAll @Size(min = 1, max = 64) byte[] key, @ForAll byte[] context,
			@ForAll @IntRange(min = 1, max = 1000) int bound) {
		DerivedRandomSource first = new DerivedRandomSource(key, context);
		DerivedRandomSource second = new DerivedRandomSource(key, context.clone());
		for (int i = 0; i < 20; i++) {
			assertThat(first.nextInt(bound)).isEqualTo(second.nextInt(bound));
		}
	}

}
