package io.cardmint.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cardmint.api.token-lookups.*}: how many failed token lookups (unknown token, wrong
 * PIN, missing PIN) on {@code POST …/info} and {@code POST …/transactions} a client (the
 * bearer token's subject) and an account may make per {@code period} before they get 429.
 * The budget refills evenly over the period.
 */
@ConfigurationProperties("cardmint.api.token-lookups")
record TokenLookupLimits(@DefaultValue("true") boolean enabled, @DefaultValue("20") long perClient,
		@DefaultValue("200") long perAccount, @DefaultValue("1m") Duration period) {

	TokenLookupLimits {
		if (perClient < 1 || perAccount < 1 || period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException(
					"cardmint.api.token-lookups: per-client and per-account must be at least 1 and period positive");
		}
	}

}
