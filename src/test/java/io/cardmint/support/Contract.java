package io.cardmint.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * The contract test of every API test: each request a test sends through {@link Api} and each
 * response it gets are validated against the OpenAPI document the server itself serves at
 * {@code /v3/api-docs}, so a document that drifts from the wire fails the test that made the
 * call. Responses are held to a stricter reading than the document states: an object may not
 * carry a field the document does not name, so an undocumented response field fails too.
 *
 * <p>A test that sends a request the document forbids on purpose (bad input, no token, a wrong
 * media type) says so with {@link Api#malformed()}: its request is not validated, its response
 * still is — against its operation, or, for a path or method the API does not have, against
 * the error body.
 */
final class Contract {

	private static final Map<Integer, Contract> BY_PORT = new ConcurrentHashMap<>();

	private static final String ERROR_BODY = "#/components/schemas/ErrorBody";

	private final OpenApiInteractionValidator validator;

	private final SchemaValidator schemas;

	private Contract(OpenAPI document) {
		this.validator = OpenApiInteractionValidator.createFor(document).build();
		this.schemas = new SchemaValidator(document, new MessageResolver());
	}

	/** The document served on this port, read once per server. */
	static Contract of(int port) {
		return BY_PORT.computeIfAbsent(port, Contract::load);
	}

	private static Contract load(int port) {
		String json = served(port);
		OpenAPI document = new OpenAPIV3Parser().readContents(json).getOpenAPI();
		if (document == null) {
			throw new AssertionError("the OpenAPI document served on port " + port + " does not parse");
		}
		closeResponseObjects(document);
		return new Contract(document);
	}

	static String served(int port) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
						HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every object schema with named properties and no word on others is closed, for this check
	 * only: request bodies are closed in the document already, so this closes the responses.
	 */
	@SuppressWarnings("rawtypes")
	private static void closeResponseObjects(OpenAPI document) {
		if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
			return;
		}
		for (Schema schema : document.getComponents().getSchemas().values()) {
			close(schema);
		}
	}

	@SuppressWarnings("rawtypes")
	private static void close(Schema schema) {
		if (schema == null) {
			return;
		}
		if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
			if (schema.getAdditionalProperties() == null) {
				schema.setAdditionalProperties(false);
			}
			for (Object property : schema.getProperties().values()) {
				close((Schema) property);
			}
		}
		close(schema.getItems());
	}

	/**
	 * @param checkRequest false for a request the test made malformed on purpose
	 * @throws AssertionError naming every difference between the exchange and the document
	 */
	void check(HttpRequest request, HttpResponse<String> response, boolean checkRequest) {
		URI uri = request.uri();
		String path = uri.getRawPath();
		if (!path.startsWith("/v1/")) {
			return; // not the wallet API: actuator, the document itself, Swagger UI
		}
		Request.Method method = Request.Method.valueOf(request.method());
		SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode());
		response.headers().map().forEach(answer::withHeader);
		if (response.body() != null && !response.body().isEmpty()) {
			answer.withBody(response.body());
		}
		ValidationReport report;
		if (checkRequest) {
			report = this.validator.validate(request(request, method, path), answer.build());
		}
		else {
			report = this.validator.validateResponse(path, method, answer.build());
			if (unknownOperation(report)) {
				report = errorBody(response);
			}
		}
		if (report.hasErrors()) {
			throw new AssertionError("The exchange " + request.method() + " " + uri.getRawPath()
					+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "") + " → " + response.statusCode()
					+ " does not match the served OpenAPI document (/v3/api-docs):\n" + describe(report)
					+ "\nresponse body: " + abbreviate(response.body())
					+ (checkRequest ? "" : "\n(request not validated: Api.malformed())")
					+ "\nEither the document or the wire is wrong; if the request is malformed on purpose, send it with"
					+ " Api.malformed().");
		}
	}

	private static SimpleRequest request(HttpRequest request, Request.Method method, String path) {
		SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path);
		request.headers().map().forEach(builder::withHeader);
		String query = request.uri().getRawQuery();
		if (query != null && !query.isEmpty()) {
			Map<String, List<String>> parameters = new LinkedHashMap<>();
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String name = decode((equals < 0) ? pair : pair.substring(0, equals));
				String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
				parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
			parameters.forEach(builder::withQueryParam);
		}
		byte[] body = body(request);
		if (body.length > 0) {
			builder.withBody(body);
		}
		return builder.build();
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	/** The bytes a request's body publisher sends (the JDK's publishers can be read again). */
	private static byte[] body(HttpRequest request) {
		return request.bodyPublisher().map((publisher) -> {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			CompletableFuture<Void> done = new CompletableFuture<>();
			publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscription.request(Long.MAX_VALUE);
				}

				@Override
				public void onNext(ByteBuffer item) {
					byte[] chunk = new byte[item.remaining()];
					item.get(chunk);
					bytes.write(chunk, 0, chunk.length);
				}

				@Override
				public void onError(Throwable throwable) {
					done.completeExceptionally(throwable);
				}

				@Override
				public void onComplete() {
					done.complete(null);
				}

			});
			done.join();
			return bytes.toByteArray();
		}).orElse(new byte[0]);
	}

	private static boolean unknownOperation(ValidationReport report) {
		return report.getMessages()
			.stream()
			.anyMatch((message) -> message.getKey().equals("validation.request.path.missing")
					|| message.getKey().equals("validation.request.operation.notAllowed"));
	}

	/** A path or method the API does not have: the answer must still be the error body. */
	private ValidationReport errorBody(HttpResponse<String> response) {
		if (response.statusCode() < 400) {
			return ValidationReport.singleton(ValidationReport.Message
				.create("cardmint.response.status", "a path or method the API does not have answered "
						+ response.statusCode() + " instead of an error")
				.build());
		}
		return this.schemas.validate(response.body(), new Schema<>().$ref(ERROR_BODY), "response.body");
	}

	private static String describe(ValidationReport report) {
		return report.getMessages()
			.stream()
			.map((message) -> "  - [" + message.getKey() + "] " + message.getMessage()
					+ (message.getNestedMessages().isEmpty() ? ""
							: message.getNestedMessages()
								.stream()
								.map((nested) -> "\n      " + nested.getMessage())
								.collect(Collectors.joining())))
			.collect(Collectors.joining("\n"));
	}

	private static String abbreviate(String body) {
		if (body == null) {
			return "(none)";
		}
		return (body.length() > 2000) ? body.substring(0, 2000) + "…" : body;
	}

}
