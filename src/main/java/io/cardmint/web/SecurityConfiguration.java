package io.cardmint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Bearer JWT on every API path; the account in the token must be the account in the path.
 * GET and {@code POST …/info} need a read, write or admin scope; every other write needs
 * write or admin. The actuator: the probes ({@code /actuator/health/liveness},
 * {@code …/readiness}) and the overall status answer everyone; metrics and Prometheus need an
 * {@code admin:wallets} token on the API port, or run on a separate
 * {@code management.server.port} that only the monitoring network reaches, where the actuator
 * needs no token. Tokens are verified by Boot's resource server when an external issuer is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri}
 * or {@code public-key-location}), otherwise by the local development issuer's key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, @Value("${server.port:8080}") int serverPort,
			@Value("${management.server.port:-1}") int managementPort) throws Exception {
		RequestMatcher onManagementPort = (request) -> managementPort > 0 && managementPort != serverPort
				&& request.getLocalPort() == managementPort;
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(onManagementPort)
				.permitAll()
				.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info",
						"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasAuthority("SCOPE_" + Scopes.ADMIN)
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

	/**
	 * No Spring Security observations. The Boot property that turns them off
	 * (management.observations.enable.spring.security) still leaves every filter of the chain
	 * wrapped in an observing decorator on every request (measured: 4% of a drawdown's server
	 * samples); this setting leaves the chain undecorated. Request metrics
	 * (http.server.requests) are Spring MVC's and stay.
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** Every token decoder, the development issuer's and Boot's for an external issuer, remembers what it accepted. */
	@Bean
	static BeanPostProcessor cachingJwtDecoders() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder))
						? new CachingJwtDecoder(decoder, Clock.systemUTC()) : bean;
			}

		};
	}

	/** The development issuer's key, when no external issuer is configured (Boot's decoder then). */
	@Bean
	@Conditional(DevIssuer.class)
	JwtDecoder devIssuerJwtDecoder(@Value("${cardmint.data-dir}") Path dataDir) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(DevTokenIssuer.loadOrCreate(dataDir).publicKey())
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevTokenIssuer.ISSUER));
		// The dev issuer is a name, not a URL: the default converter would try to make a URL of it
		// on every request and throw (and catch) an exception each time.
		decoder.setClaimSetConverter(MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null)));
		return decoder;
	}

	static class DevIssuer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return DevTokenIssuer.isEnabled(context.getEnvironment());
		}

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
