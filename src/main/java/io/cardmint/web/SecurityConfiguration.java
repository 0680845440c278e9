package io.cardmint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Bearer JWT on every API path; the account in the token must be the account in the path.
 * GET and {@code POST …/info} need a read, write or admin scope; every other write needs
 * write or admin.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/error", "/actuator/health/**", "/actuator/health", "/actuator/info",
						"/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.permitAll()
				// the OpenAPI document without a token, in JSON and YAML (the pattern above misses the .yaml)
				.requestMatchers("/v3/api-docs", "/v3/api-docs.yaml")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/v1/accounts/{aid}/**")
				.access(AccountAccess.withAnyScope(Scopes.READERS))
				.requestMatchers(HttpMethod.POST, "/v1/accounts/{aid}/wallets/info")
				.access(AccountAccess.withAnyScope(Scopes.READERS))
				.requestMatchers("/v1/accounts/{aid}/**")
				.access(AccountAccess.withAnyScope(Scopes.WRITERS))
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			})
				.authenticationEntryPoint((request, response, ex) -> write(response,
						HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
						"a valid bearer token is required (Authorization: Bearer <jwt>)"))
				.accessDeniedHandler((request, response, ex) -> write(response, HttpServletResponse.SC_FORBIDDEN,
						"forbidden", "the token does not grant access to this account or operation")))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> write(response,
						HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
						"a valid bearer token is required (Authorization: Bearer <jwt>)"))
				.accessDeniedHandler((request, response, ex) -> write(response, HttpServletResponse.SC_FORBIDDEN,
						"forbidden", "the token does not grant access to this account or operation")));
		return http.build();
	}

	@Bean
	JwtDecoder jwtDecoder(JwtProperties jwt, @Value("${cardmint.data-dir}") Path dataDir) throws Exception {
		if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
			return JwtDecoders.fromIssuerLocation(jwt.issuerUri());
		}
		if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
			return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
		}
		if (jwt.publicKeyFile() != null) {
			return NimbusJwtDecoder.withPublicKey(readPublicKey(jwt.publicKeyFile())).build();
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(DevTokenIssuer.loadOrCreate(dataDir).publicKey())
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevTokenIssuer.ISSUER));
		return decoder;
	}

	/** An RSA public key in PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare Base64. */
	private static RSAPublicKey readPublicKey(Path file) throws Exception {
		String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return (RSAPublicKey) KeyFactory.getInstance("RSA")
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
	}

	private static void write(HttpServletResponse response, int status, String code, String message)
			throws IOException {
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
				.getBytes(StandardCharsets.UTF_8));
	}

}
