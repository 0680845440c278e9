package io.cardmint.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens its decoder accepted, so that a point-of-sale client sending the same
 * bearer token with every payment has its signature checked once, not on every request (an RSA
 * verification and a claims parse were a tenth of a drawdown's server time). A token is looked up
 * by its whole text, signature included, so only a token the decoder accepted is ever found.
 * An entry lives until the token expires, and at most {@link #MAX_AGE} (as long as Spring
 * Security keeps an issuer's key set, so a key the issuer withdraws stops working as soon as it
 * would without this cache); a refused token is never remembered.
 */
final class CachingJwtDecoder implements JwtDecoder {

	static final Duration MAX_AGE = Duration.ofMinutes(5);

	static final int MAX_ENTRIES = 10_000;

	private final JwtDecoder decoder;

	private final Clock clock;

	private final Map<String, Entry> accepted = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder decoder, Clock clock) {
		this.decoder = decoder;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = this.clock.instant();
		Entry entry = this.accepted.get(token);
		if (entry != null && now.isBefore(entry.until())) {
			return entry.jwt();
		}
		Jwt jwt = this.decoder.decode(token);
		if (this.accepted.size() >= MAX_ENTRIES) {
			// more distinct live tokens than any set of point-of-sale clients uses: start afresh
			this.accepted.clear();
		}
		Instant until = now.plus(MAX_AGE);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
			until = jwt.getExpiresAt();
		}
		this.accepted.put(token, new Entry(jwt, until));
		return jwt;
	}

	private record Entry(Jwt jwt, Instant until) {
	}

}
