package io.cardmint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as a client meets it: served without a token, the same as the committed
 * {@code api/openapi.yaml} (from which the test client is generated), and complete where a
 * generated client or a linter depends on it. That it matches the wire is checked by every API
 * test (see {@code io.cardmint.support.Contract}).
 *
 * <p>After a change to the API, rewrite the committed file from the served document with
 * {@code mvn -B test -Dtest=OpenApiDocumentTests -Dcardmint.openapi.write=true} and review the
 * diff.
 */
class OpenApiDocumentTests extends MariaDbApplicationTest {

	static final Path COMMITTED = Path.of("api/openapi.yaml");

	private static final String WRITE = "cardmint.openapi.write";

	@Test
	void servedDocumentIsTheCommittedOne() throws IOException {
		Api.Response served = api().get("/v3/api-docs.yaml", null);
		assertThat(served.status()).isEqualTo(200);
		String document = served.body().replace("\r\n", "\n");
		if (Boolean.getBoolean(WRITE)) {
			Files.writeString(COMMITTED, document, StandardCharsets.UTF_8);
			System.out.println("Rewrote " + COMMITTED.toAbsolutePath() + " from the served document");
		}
		String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
		Yaml yaml = new Yaml();
		Object servedTree = yaml.load(document);
		Object committedTree = committed.isEmpty() ? null : yaml.load(committed);
		assertThat(servedTree)
			.as("%s differs from the document the server serves at /v3/api-docs.yaml; first difference:%n%s%n"
					+ "If the API changed on purpose, rewrite the file with%n"
					+ "  mvn -B test -Dtest=OpenApiDocumentTests -D%s=true%nand commit it "
					+ "(the generated test client follows it).", COMMITTED, firstDifference(committed, document), WRITE)
			.isEqualTo(committedTree);
	}

	@Test
	void documentAndSwaggerUiNeedNoToken() {
		Api api = api();
		assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
		assertThat(api.get("/v3/api-docs.yaml", null).status()).isEqualTo(200);
		assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
		JsonNode config = api.get("/v3/api-docs/swagger-config", null).json();
		assertThat(config.path("url").asString()).isEqualTo("/v3/api-docs");
	}

	@Test
	void documentDescribesTheWire() {
		JsonNode document = api().get("/v3/api-docs", null).json();
		assertThat(document.path("openapi").asString()).startsWith("3.0");
		JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
		assertThat(bearer.path("type").asString()).isEqualTo("http");
		assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
		assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
		assertThat(bearer.path("description").asString()).contains(Scopes.ADMIN, Scopes.WRITE, Scopes.READ);
		assertThat(document.path("security").get(0).has("bearer")).isTrue();

		Set<String> operationIds = new HashSet<>();
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			if (!path.getKey().startsWith("/v1/accounts/{aid}/wallets/")) {
				problems.add("a path outside the wallet API: " + path.getKey());
			}
			if (path.getKey().matches(".*\\{[a-z]+[A-Z].*")) {
				problems.add("a camelCase path variable: " + path.getKey());
			}
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
				JsonNode op = operation.getValue();
				if (!operationIds.add(op.path("operationId").asString()) || op.path("operationId").asString().contains("_")) {
					problems.add(where + ": operationId missing, repeated or numbered: " + op.path("operationId"));
				}
				if (op.path("summary").asString().isBlank()) {
					problems.add(where + ": no summary");
				}
				if (!op.path("x-scopes").isArray() || op.path("x-scopes").isEmpty()) {
					problems.add(where + ": no x-scopes");
				}
				boolean success = false;
				for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
					success |= response.getKey().startsWith("2");
					for (String mediaType : response.getValue().path("content").propertyNames()) {
						if (!mediaType.equals("application/json")) {
							problems.add(where + " " + response.getKey() + ": media type " + mediaType);
						}
					}
					if (response.getKey().startsWith("4") && !response.getValue()
						.path("content")
						.path("application/json")
						.path("schema")
						.path("$ref")
						.asString()
						.equals("#/components/schemas/ErrorBody")) {
						problems.add(where + " " + response.getKey() + ": not the error body");
					}
				}
				if (!success) {
					problems.add(where + ": no 2xx response");
				}
				for (String status : List.of("400", "401", "403", "406")) {
					if (!op.path("responses").has(status)) {
						problems.add(where + ": no " + status + " response");
					}
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(document.toString()).doesNotContain("*/*").doesNotContain("\"/error\"");
	}

	@Test
	void schemasUseTheWireNames() {
		JsonNode schemas = api().get("/v3/api-docs", null).json().path("components").path("schemas");
		List<String> camelCase = new ArrayList<>();
		for (Map.Entry<String, JsonNode> schema : schemas.properties()) {
			for (String property : schema.getValue().path("properties").propertyNames()) {
				if (!property.matches("[a-z0-9_]+")) {
					camelCase.add(schema.getKey() + "." + property);
				}
			}
		}
		assertThat(camelCase).isEmpty();
		assertThat(schemas.path("ErrorBody").path("required").toString()).isEqualTo("[\"error\"]");
		assertThat(schemas.path("Error").path("required").toString()).isEqualTo("[\"code\",\"message\"]");
	}

	@Test
	void theSeedRequestsAreTheExamples() {
		JsonNode paths = api().get("/v3/api-docs", null).json().path("paths");
		JsonNode batch = paths.path("/v1/accounts/{aid}/wallets/cards/batch")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("examples")
			.path("dintero")
			.path("value");
		assertThat(batch.path("cards").get(0).path("card_id").asString()).isEqualTo("card-01");
		assertThat(batch.path("options").path("card_token").path("format").path("prefix").asString())
			.isEqualTo("DINCARD:");
		JsonNode activation = paths.path("/v1/accounts/{aid}/wallets/cards/{card_id}/activate")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("examples")
			.path("dintero")
			.path("value");
		assertThat(activation.path("amount").asLong()).isEqualTo(50000);
		assertThat(activation.path("metadata").path("dintero_transaction_id").asString()).isEqualTo("P12345678.xxxxx");
	}

	private static String firstDifference(String committed, String served) {
		String[] left = committed.split("\n", -1);
		String[] right = served.split("\n", -1);
		for (int i = 0; i < Math.max(left.length, right.length); i++) {
			String a = (i < left.length) ? left[i] : "(end of file)";
			String b = (i < right.length) ? right[i] : "(end of file)";
			if (!a.equals(b)) {
				return "  line " + (i + 1) + "\n  committed: " + a + "\n  served:    " + b;
			}
		}
		return "  (none line by line; the documents differ in order only)";
	}

}
