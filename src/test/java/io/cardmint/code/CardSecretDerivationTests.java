package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class CardSecretDerivationTests {

	private static final byte[] SECRET = new byte[32];
	static {
		Arrays.fill(SECRET, (byte) 7);
	}

	@Test
	void derivationIsStableAcrossReleases() {
		// Pinned output, computed independently with Python's hmac module. If this changes, every
		// order interrupted before an upgrade would regenerate different cards on restart.
		CardSecrets secrets = new CardSecretDerivation(SECRET).derive(42, 0, CodeFormat.defaultToken(),
				CodeFormat.defaultPin());

		assertThat(secrets.token()).isEqualTo(PINNED_TOKEN);
		assertThat(secrets.pin()).isEqualTo(PINNED_PIN);
	}

	@Test
	void derivationWithEveryCharacterSetAPrefixAndARetryIsStable() {
		// Also computed with Python: counter-mode HMAC blocks, 4-byte big-endian draws, rejection
		// above the largest multiple of the alphabet size, alphabet digits-letters-symbols.
		CardSecrets secrets = new CardSecretDerivation(SECRET).derive(1_000_000, 3,
				new CodeFormat(20, "ACME-", true, true, true, null), new CodeFormat(6, null, null, null, true, null));

		assertThat(secrets.token()).isEqualTo("ACME-5D5BsZmQhQ4Shf2d%0Nv");
		assertThat(secrets.pin()).isEqualTo("EdpzVU");
	}

	private static final String PINNED_TOKEN = "6280643359173173";

	private static final String PINNED_PIN = "3718";

	@Test
	void cardsWithoutPinFormatHaveNoPin() {
		CardSecrets secrets = new CardSecretDerivation(SECRET).derive(1, 0, CodeFormat.defaultToken(), null);

		assertThat(secrets.pin()).isNull();
		assertThat(secrets.token()).hasSize(16);
	}

	@Test
	void toStringNeverShowsTheValues() {
		CardSecrets secrets = new CardSecretDerivation(SECRET).derive(1, 0, CodeFormat.defaultToken(),
				CodeFormat.defaultPin());

		assertThat(secrets.toString()).isEqualTo("CardSecrets[redacted]")
			.doesNotContain(secrets.token())
			.doesNotContain(secrets.pin());
	}

	@Test
	void threadsDeriveTheSameCardsAsOneThread() {
		CardSecretDerivation derivation = new CardSecretDerivation(SECRET);
		Set<String> sequential = new HashSet<>();
		LongStream.range(0, 20_000)
			.forEach(i -> sequential.add(derivation.derive(i, 0, CodeFormat.defaultToken(), null).token()));
		Set<String> parallel = ConcurrentHashMap.newKeySet();
		LongStream.range(0, 20_000)
			.parallel()
			.forEach(i -> parallel.add(derivation.derive(i, 0, CodeFormat.defaultToken(), null).token()));

		assertThat(parallel).isEqualTo(sequential).hasSize(20_000);
	}

	@Test
	void refusesSecretsThatAreNot256Bits() {
		assertThatThrownBy(() -> new CardSecretDerivation(new byte[16])).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new CardSecretDerivation(null)).isInstanceOf(IllegalArgumentException.class);
	}

}
