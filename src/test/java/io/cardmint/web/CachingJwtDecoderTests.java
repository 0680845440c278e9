package io.cardmint.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A token's signature is checked once while it lives; a refused token is checked every time. */
class CachingJwtDecoderTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	private final List<String> decoded = new ArrayList<>();

	private Instant now = NOW;

	private Duration lifetime = Duration.ofHours(2);

	private final JwtDecoder checking = (token) -> {
		this.decoded.add(token);
		if (token.startsWith("forged")) {
			throw new BadJwtException("signature does not match");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.claim("account_id", "T12345678")
			.issuedAt(NOW)
			.expiresAt(NOW.plus(this.lifetime))
			.build();
	};

	private final CachingJwtDecoder decoder = new CachingJwtDecoder(this.checking, new Clock() {

		@Override
		public Instant instant() {
			return CachingJwtDecoderTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void theSameTokenAgainIsNotCheckedAgain() {
		Jwt first = this.decoder.decode("token-a");
		this.now = NOW.plusSeconds(30);
		Jwt again = this.decoder.decode("token-a");
		this.decoder.decode("token-b");

		assertThat(again).isSameAs(first);
		assertThat(this.decoded).containsExactly("token-a", "token-b");
	}

	@Test
	void aRefusedTokenIsCheckedAndRefusedEveryTime() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged"));
		}
		assertThat(this.decoded).containsExactly("forged", "forged");
	}

	@Test
	void aTokenIsCheckedAgainAfterFiveMinutes() {
		this.decoder.decode("token-a");
		this.now = NOW.plus(CachingJwtDecoder.MAX_AGE).minusMillis(1);
		this.decoder.decode("token-a");
		this.now = NOW.plus(CachingJwtDecoder.MAX_AGE);
		this.decoder.decode("token-a");

		assertThat(this.decoded).containsExactly("token-a", "token-a");
	}

	@Test
	void aTokenIsCheckedAgainOnceItHasExpired() {
		this.lifetime = Duration.ofMinutes(1);
		this.decoder.decode("token-a");
		this.now = NOW.plusSeconds(59);
		this.decoder.decode("token-a");
		this.now = NOW.plusSeconds(60);
		this.decoder.decode("token-a");

		assertThat(this.decoded).containsExactly("token-a", "token-a");
	}

	@Test
	void moreTokensThanTheCacheHoldsAreStillDecodedRight() {
		for (int i = 0; i <= CachingJwtDecoder.MAX_ENTRIES; i++) {
			assertThat(this.decoder.decode("token-" + i).getTokenValue()).isEqualTo("token-" + i);
		}
		this.decoder.decode("token-" + CachingJwtDecoder.MAX_ENTRIES);
		assertThat(this.decoded).hasSize(CachingJwtDecoder.MAX_ENTRIES + 1);
	}

}
