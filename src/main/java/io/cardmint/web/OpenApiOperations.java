package io.cardmint.web;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * What every operation of the document gets without an annotation on its controller: a tag
 * from its controller, an operation id and summary from its Java method (unless
 * {@code @Operation} names them), the scopes it accepts, and the error responses it can give
 * — all in the one error shape. The scope rule mirrors {@link SecurityConfiguration}: GETs and
 * {@code POST …/info} take any wallet scope, everything else write or admin.
 */
final class OpenApiOperations implements OperationCustomizer {

	static final String ERROR_SCHEMA = "#/components/schemas/ErrorBody";

	/** Method names too generic to be an operation id alone: the resource's noun is added. */
	private static final Set<String> GENERIC = Set.of("get", "list", "create", "delete", "update", "replace");

	private record ErrorResponse(String status, String description, Predicate<Endpoint> applies) {
	}

	private record Endpoint(RequestMethod method, String path, boolean hasBody) {

		boolean isRead() {
			return this.method == RequestMethod.GET;
		}

		/** The path names an existing card, transaction or order, or the body names a card by token. */
		boolean namesAResource() {
			String rest = this.path.substring(this.path.indexOf("{aid}") + 5);
			return rest.contains("{") || (this.method == RequestMethod.POST
					&& (this.path.endsWith("/transactions") || this.path.endsWith("/info")));
		}

	}

	private static final List<ErrorResponse> ERRORS = List.of(
			new ErrorResponse("400", "Invalid input: a field, parameter or body that breaks a rule of this document",
					(endpoint) -> true),
			new ErrorResponse("401", "No bearer token, or one that is invalid or expired", (endpoint) -> true),
			new ErrorResponse("403", "The token is for another account or lacks the scope; or a wrong PIN",
					(endpoint) -> true),
			new ErrorResponse("404", "No such card, transaction or order in this account", Endpoint::namesAResource),
			new ErrorResponse("406", "The Accept header excludes application/json", (endpoint) -> true),
			new ErrorResponse("409", "The resource's state forbids it (already activated, not pending, "
					+ "insufficient funds, locked, a ref_id reused with other values, …)", (endpoint) -> !endpoint.isRead()),
			new ErrorResponse("413", "The request body is too large", Endpoint::hasBody),
			new ErrorResponse("415", "The request body is not application/json", Endpoint::hasBody),
			new ErrorResponse("429", "Too many failed lookups by token; retry after Retry-After seconds",
					(endpoint) -> endpoint.method() == RequestMethod.POST
							&& (endpoint.path().endsWith("/transactions") || endpoint.path().endsWith("/info"))));

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		Endpoint endpoint = endpoint(handler);
		operation.setTags(List.of(tagOf(handler.getBeanType().getSimpleName())));
		io.swagger.v3.oas.annotations.Operation annotation = AnnotatedElementUtils
			.findMergedAnnotation(handler.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
		if (annotation == null || annotation.operationId().isEmpty()) {
			operation.setOperationId(operationId(handler.getMethod().getName(), endpoint));
		}
		if (operation.getSummary() == null || operation.getSummary().isBlank()) {
			operation.setSummary(sentence(operation.getOperationId()));
		}
		List<String> scopes = (endpoint.isRead() || endpoint.path().endsWith("/info")) ? Scopes.READERS
				: Scopes.WRITERS;
		operation.addExtension("x-scopes", scopes);
		String scopeLine = "Scopes: " + String.join(", ", scopes.stream().map((scope) -> "`" + scope + "`").toList())
				+ ".";
		operation.setDescription(
				(operation.getDescription() == null) ? scopeLine : operation.getDescription() + "\n\n" + scopeLine);
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		for (ErrorResponse error : ERRORS) {
			if (error.applies().test(endpoint) && !responses.containsKey(error.status())) {
				responses.addApiResponse(error.status(), errorResponse(error.description()));
			}
		}
		operation.setResponses(responses);
		return operation;
	}

	static ApiResponse errorResponse(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref(ERROR_SCHEMA))));
	}

	/** {@code CardController} → {@code cards}; {@code BatchOrderController} → {@code batch orders}. */
	static String tagOf(String controller) {
		String words = controller.replaceFirst("Controller$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2");
		String tag = words.toLowerCase(Locale.ROOT);
		return tag.endsWith("s") ? tag : tag + "s";
	}

	private static Endpoint endpoint(HandlerMethod handler) {
		RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
		RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		String path = first(type) + first(method);
		RequestMethod verb = (method != null && method.method().length > 0) ? method.method()[0] : RequestMethod.GET;
		boolean hasBody = Arrays.stream(handler.getMethodParameters())
			.anyMatch((parameter) -> parameter.hasParameterAnnotation(RequestBody.class)
					|| InputStream.class.isAssignableFrom(parameter.getParameterType()));
		return new Endpoint(verb, path, hasBody);
	}

	private static String first(RequestMapping mapping) {
		if (mapping == null || mapping.path().length == 0) {
			return "";
		}
		return mapping.path()[0];
	}

	/**
	 * The Java method name, or for a generic one ({@code get}, {@code list}, …) the name plus
	 * the resource from the path: {@code GET /cards/{card_id}} → {@code getCard}, {@code GET
	 * /cards} → {@code listCards}, {@code GET /customers/{customer_id}/cards} →
	 * {@code listCustomerCards}.
	 */
	static String operationId(String methodName, Endpoint endpoint) {
		if (!GENERIC.contains(methodName)) {
			return methodName;
		}
		String rest = endpoint.path().substring(endpoint.path().indexOf("/wallets") + "/wallets".length());
		List<String> segments = Arrays.stream(rest.split("/")).filter((segment) -> !segment.isEmpty()).toList();
		int last = lastLiteral(segments, segments.size() - 1);
		if (last < 0) {
			return methodName;
		}
		boolean one = last < segments.size() - 1 || methodName.equals("create") || methodName.equals("delete");
		List<String> words = new ArrayList<>();
		if (last >= 2 && isVariable(segments.get(last - 1))) {
			words.add(singular(segments.get(last - 2)));
		}
		words.add(one ? singular(segments.get(last)) : segments.get(last));
		StringBuilder id = new StringBuilder(methodName);
		for (String word : words) {
			for (String part : word.split("[-_]")) {
				id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return id.toString();
	}

	private static int lastLiteral(List<String> segments, int from) {
		for (int i = from; i >= 0; i--) {
			if (!isVariable(segments.get(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isVariable(String segment) {
		return segment.startsWith("{");
	}

	private static String singular(String word) {
		return word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
	}

	/** {@code rotatePin} → {@code Rotate pin}. */
	static String sentence(String operationId) {
		String words = operationId.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
