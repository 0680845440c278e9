package io.cardmint.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The error body for a bare HTTP status, when nothing more is known: the container's refusals
 * (a malformed path, a request line or header too large), Spring's and the filters'. The
 * message never quotes the request: a path can carry a token pasted by mistake.
 */
final class StatusErrors {

	private StatusErrors() {
	}

	static ErrorBody of(int status) {
		return switch (status) {
			case 400 -> ErrorBody.of("bad_request",
					"the request is malformed: the path, query or headers cannot be read (a path must not contain %00, %2F, %5C or \\)");
			case 401 -> ErrorBody.of("unauthorized", "a valid bearer token is required (Authorization: Bearer <jwt>)");
			case 403 -> ErrorBody.of("forbidden", "the token does not grant access to this account or operation");
			case 404 -> ErrorBody.of("not_found", "no such endpoint");
			case 405 -> ErrorBody.of("method_not_allowed", "this endpoint does not take this HTTP method");
			case 406 -> ErrorBody.of("not_acceptable", "responses are application/json; send Accept: application/json");
			case 408 -> ErrorBody.of("request_timeout", "the request was not received in time");
			case 411 -> ErrorBody.of("length_required", "the request body needs a length");
			case 413 -> ErrorBody.of("body_too_large", "the request body is larger than this endpoint takes");
			case 414 -> ErrorBody.of("uri_too_long", "the request path and query are longer than "
					+ RequestLimitsFilter.MAX_URI_LENGTH + " characters");
			case 415 -> ErrorBody.of("unsupported_media_type", "request bodies must be application/json (UTF-8)");
			case 429 -> ErrorBody.of("too_many_requests", "too many requests; retry after the time in Retry-After");
			case 431 -> ErrorBody.of("headers_too_large", "the request headers are too large");
			case 503 -> ErrorBody.of("unavailable", "the service is unavailable; try again later");
			default -> (status >= 500) ? ErrorBody.of("internal_error", "unexpected error; see the server log")
					: ErrorBody.of("bad_request", "the request cannot be served");
		};
	}

	/** Writes {@code body} as the whole response, for code that runs outside Spring MVC. */
	static void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		byte[] bytes = json(body).getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	static void write(Writer writer, ErrorBody body) throws IOException {
		writer.write(json(body));
	}

	static String json(ErrorBody body) {
		return "{\"error\":{\"code\":" + string(body.error().code()) + ",\"message\":" + string(body.error().message())
				+ "}}";
	}

	private static String string(String value) {
		StringBuilder out = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20 || Character.isSurrogate(c)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
