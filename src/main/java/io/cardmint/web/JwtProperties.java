package io.cardmint.web;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who signs the API's bearer tokens. With none of these set, the local development issuer
 * (a key pair in the data dir, see {@link DevTokenIssuer}) signs and verifies them.
 */
@ConfigurationProperties("cardmint.security.jwt")
public record JwtProperties(String issuerUri, String jwkSetUri, Path publicKeyFile) {

	public boolean externalIssuerConfigured() {
		return hasText(this.issuerUri) || hasText(this.jwkSetUri) || this.publicKeyFile != null;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
