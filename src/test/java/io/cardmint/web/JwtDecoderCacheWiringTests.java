package io.cardmint.web;

import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder the resource server uses is the remembering one (SecurityConfiguration.cachingJwtDecoders). */
class JwtDecoderCacheWiringTests extends MariaDbApplicationTest {

	@Autowired
	JwtDecoder decoder;

	@Test
	void theApplicationsTokenDecoderRemembersAcceptedTokens() {
		assertThat(this.decoder).isInstanceOf(CachingJwtDecoder.class);
	}

}
