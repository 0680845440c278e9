package io.cardmint.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Document-wide rules, applied after springdoc has built every operation:
 * <ul>
 * <li>path variables are named as the wire names fields, {@code {card_id}} not {@code {cardId}};</li>
 * <li>request bodies are closed ({@code additionalProperties: false}): the API refuses unknown
 * fields, so the document says so;</li>
 * <li>the error body, with both levels required;</li>
 * <li>a {@code Map<String, Object>} (metadata) takes any JSON value, not only objects;</li>
 * <li>only {@code application/json}, never {@code *}{@code /*};</li>
 * <li>the seed's two requests (batch create and activation from the Dintero documentation)
 * are the examples of their operations;</li>
 * <li>the order manifest, which its controller streams to a file instead of binding, gets its
 * schema, and its operation answers 202;</li>
 * <li>every tag in use is listed.</li>
 * </ul>
 */
final class OpenApiDocument implements OpenApiCustomizer {

	private static final Pattern CAMEL_VARIABLE = Pattern.compile("\\{([a-z][A-Za-z0-9]*)}");

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	private static final String SCHEMAS = "#/components/schemas/";

	private static final Map<String, String> TAG_DESCRIPTIONS = Map.of("cards", "Wallet cards", "payments",
			"Transactions and balance lookups by token", "batch orders",
			"Order manifests over HTTP and their progress (cardmint's own)", "customer cards", "A customer's cards",
			"settings", "The account's wallet settings");

	@Override
	public void customise(OpenAPI openApi) {
		snakeCasePathVariables(openApi);
		errorBody(openApi);
		anyValueMaps(openApi);
		orderManifest(openApi);
		examples(openApi);
		onlyJson(openApi);
		closeRequestBodies(openApi);
		listTags(openApi);
	}

	private static void snakeCasePathVariables(OpenAPI openApi) {
		Paths renamed = new Paths();
		openApi.getPaths().forEach((path, item) -> {
			Matcher matcher = CAMEL_VARIABLE.matcher(path);
			String snake = matcher.replaceAll((match) -> "{" + ApiErrorHandler.toSnakeCase(match.group(1)) + "}");
			for (Operation operation : item.readOperations()) {
				if (operation.getParameters() != null) {
					for (Parameter parameter : operation.getParameters()) {
						if ("path".equals(parameter.getIn())) {
							parameter.setName(ApiErrorHandler.toSnakeCase(parameter.getName()));
						}
					}
				}
			}
			renamed.addPathItem(snake, item);
		});
		openApi.setPaths(renamed);
	}

	/** Written by hand: the error body is fixed, and no handler returns it for springdoc to find. */
	private static void errorBody(OpenAPI openApi) {
		openApi.getComponents()
			.addSchemas("Error", new ObjectSchema().addRequiredItem("code")
				.addRequiredItem("message")
				.addProperty("code", new StringSchema().description("machine-readable, e.g. insufficient_funds"))
				.addProperty("message",
						new StringSchema().description("for people; never a token, a PIN, a stack trace or a Java type name")))
			.addSchemas("ErrorBody", new ObjectSchema().description("The one error shape of the API")
				.addRequiredItem("error")
				.addProperty("error", new Schema<>().$ref(SCHEMAS + "Error")));
	}

	/** swagger-core gives the values of a {@code Map<String, Object>} the type object. */
	private static void anyValueMaps(OpenAPI openApi) {
		for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
			if (schema.getProperties() == null) {
				continue;
			}
			for (Schema<?> property : schema.getProperties().values()) {
				if (property.getAdditionalProperties() instanceof Schema<?> values && "object".equals(values.getType())
						&& values.getProperties() == null && values.get$ref() == null) {
					property.setAdditionalProperties(true);
				}
			}
		}
	}

	private static void orderManifest(OpenAPI openApi) {
		openApi.getPaths().forEach((path, item) -> {
			if (path.endsWith("/cards/batch-orders") && item.getPost() != null) {
				Schema<?> manifest = Json.mapper().convertValue(resource("OrderManifest.schema.json"), Schema.class);
				openApi.getComponents().addSchemas("OrderManifest", manifest);
				Operation post = item.getPost();
				post.setRequestBody(new RequestBody().required(true)
					.content(new Content().addMediaType(JSON,
							new MediaType().schema(new Schema<>().$ref(SCHEMAS + "OrderManifest")))));
				// The controller answers 202 Accepted with the order's location while the job runs.
				ApiResponse accepted = post.getResponses().remove("200");
				if (accepted != null) {
					accepted.setDescription("Accepted: the order runs in the background");
					accepted.addHeaderObject("Location", new Header().description("the order's progress resource")
						.schema(new StringSchema()));
					post.getResponses().addApiResponse("202", accepted);
				}
			}
		});
	}

	private static void examples(OpenAPI openApi) {
		openApi.getPaths().forEach((path, item) -> {
			if (path.endsWith("/cards/batch")) {
				example(item.getPost(), "dintero", "The two cards of the Dintero documentation",
						"batch-create.example.json");
			}
			else if (path.endsWith("/cards/{card_id}/activate")) {
				example(item.getPost(), "dintero", "The activation of the Dintero documentation",
						"activate.example.json");
			}
		});
	}

	private static void example(Operation operation, String name, String summary, String resource) {
		if (operation == null || operation.getRequestBody() == null) {
			return;
		}
		MediaType json = operation.getRequestBody().getContent().get(JSON);
		if (json != null) {
			json.addExamples(name, new Example().summary(summary).value(resource(resource)));
		}
	}

	/** A safety net: springdoc's default for a handler without {@code produces} is {@code *}{@code /*}. */
	private static void onlyJson(OpenAPI openApi) {
		for (PathItem item : openApi.getPaths().values()) {
			for (Operation operation : item.readOperations()) {
				if (operation.getRequestBody() != null) {
					operation.getRequestBody().setContent(json(operation.getRequestBody().getContent()));
				}
				operation.getResponses().values().forEach((response) -> response.setContent(json(response.getContent())));
			}
		}
	}

	private static Content json(Content content) {
		if (content == null || content.isEmpty() || (content.size() == 1 && content.containsKey(JSON))) {
			return content;
		}
		MediaType any = content.containsKey(JSON) ? content.get(JSON) : content.values().iterator().next();
		return new Content().addMediaType(JSON, any);
	}

	/** Every object schema a request body reaches refuses unknown fields, as the API does. */
	private static void closeRequestBodies(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Deque<Schema<?>> pending = new ArrayDeque<>();
		for (PathItem item : openApi.getPaths().values()) {
			for (Operation operation : item.readOperations()) {
				if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
					operation.getRequestBody().getContent().values().forEach((media) -> pending.add(media.getSchema()));
				}
			}
		}
		Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		while (!pending.isEmpty()) {
			Schema<?> schema = pending.pop();
			if (schema == null || !seen.add(schema)) {
				continue;
			}
			if (schema.get$ref() != null) {
				pending.add(schemas.get(schema.get$ref().substring(SCHEMAS.length())));
				continue;
			}
			if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
				if (schema.getAdditionalProperties() == null) {
					schema.setAdditionalProperties(false);
				}
				schema.getProperties().values().forEach((property) -> pending.add(property));
			}
			if (schema.getItems() != null) {
				pending.add(schema.getItems());
			}
			if (schema.getAdditionalProperties() instanceof Schema<?> values) {
				pending.add(values);
			}
		}
	}

	private static void listTags(OpenAPI openApi) {
		Set<String> used = new TreeSet<>();
		for (PathItem item : openApi.getPaths().values()) {
			for (Operation operation : item.readOperations()) {
				if (operation.getTags() != null) {
					used.addAll(operation.getTags());
				}
			}
		}
		openApi.setTags(used.stream()
			.map((name) -> new Tag().name(name).description(TAG_DESCRIPTIONS.getOrDefault(name, null)))
			.toList());
	}

	private static JsonNode resource(String name) {
		try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi/" + name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource /openapi/" + name);
			}
			return Json.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
