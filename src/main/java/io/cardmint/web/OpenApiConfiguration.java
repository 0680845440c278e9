package io.cardmint.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs} (JSON) and {@code /v3/api-docs.yaml}.
 * It must describe the wire exactly: the API tests validate every request and response
 * against it, and {@code api/openapi.yaml} is this document, committed. Most of it is made
 * here, centrally, so that controllers stay plain: names ({@link SnakeCaseModelResolver}),
 * operation ids, summaries, security and error responses ({@link OpenApiOperations}), and
 * the document-wide rules ({@link OpenApiDocument}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	@Bean
	OpenAPI cardmintOpenApi() {
		return new OpenAPI()
			.info(new Info().title("cardmint wallet API")
				.version("1")
				.description("""
						Gift cards in the shapes of the Dintero wallet API: batch create, activation at the point \
						of sale, card reads and payments. JSON is snake_case; amounts are integers in minor units. \
						Every call needs a bearer JWT whose `account_id` claim is the account of the path and whose \
						`scope` claim holds a scope the operation accepts (listed in each operation's description \
						and in `x-scopes`). Errors always have the shape `{"error": {"code": "…", "message": "…"}}`.""")
				.license(new License().name("Proprietary")))
			// Relative, so that the document is the same on every host and port it is served from.
			.servers(List.of(new Server().url("/").description("this cardmint server")))
			.components(new Components().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("""
						A JWT signed by the configured issuer (locally: `cardmint token --account T12345678 \
						--scope write:wallets`). Claims: `account_id`, the account it may use, and `scope`, \
						space-separated: `admin:wallets` and `write:wallets` (every operation), \
						`read:wallets` (reads and `POST …/info` only).""")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	SnakeCaseModelResolver snakeCaseModelResolver() {
		return new SnakeCaseModelResolver();
	}

	@Bean
	OperationCustomizer cardmintOperations() {
		return new OpenApiOperations();
	}

	@Bean
	OpenApiCustomizer cardmintDocument() {
		return new OpenApiDocument();
	}

}
