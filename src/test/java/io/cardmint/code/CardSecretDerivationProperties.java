package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class CardSecretDerivationProperties {

	private static final CodeFormat TOKEN = new CodeFormat(16, "T-", null, true, true, null);

	private static final CodeFormat PIN = CodeFormat.defaultPin();

	@Property
	void identicalInputsDeriveIdenticalCards(@ForAll @Size(32) byte[] secret,
			@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long cardIndex,
			@ForAll @IntRange(min = 0, max = 1000) int attempt) {
		CardSecrets first = new CardSecretDerivation(secret).derive(cardIndex, attempt, TOKEN, PIN);
		CardSecrets again = new CardSecretDerivation(secret.clone()).derive(cardIndex, attempt, TOKEN, PIN);

		assertThat(again).isEqualTo(first);
	}

	@Property
	void anotherAttemptChangesTheTokenButKeepsThePin(@ForAll @Size(32) byte[] secret,
			@ForAll @LongRange(min = 0, max = 10_000_000) long cardIndex,
			@ForAll @IntRange(min = 0, max = 1000) int attempt) {
		CardSecretDerivation derivation = new CardSecretDerivation(secret);

		CardSecrets before = derivation.derive(cardIndex, attempt, TOKEN, PIN);
		CardSecrets after = derivation.derive(cardIndex, attempt + 1, TOKEN, PIN);

		// 62^16 possible tokens: an equal pair would mean the attempt is ignored.
		assertThat(after.token()).isNotEqualTo(before.token());
		assertThat(after.pin()).isEqualTo(before.pin());
	}

	@Property
	void neighbouringCardsGetDifferentTokens(@ForAll @Size(32) byte[] secret,
			@ForAll @LongRange(min = 0, max = 10_000_000) long cardIndex) {
		CardSecretDerivation derivation = new CardSecretDerivation(secret);

		assertThat(derivation.derive(cardIndex, 0, TOKEN, null).token())
			.isNotEqualTo(derivation.derive(cardIndex + 1, 0, TOKEN, null).token());
	}

}
