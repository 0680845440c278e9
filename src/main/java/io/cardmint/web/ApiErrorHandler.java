package io.cardmint.web;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cardmint.domain.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure inside a controller to the API's error body. Framework messages are
 * replaced by our own: they can echo request content, and request content can hold a PIN.
 */
@RestControllerAdvice
class ApiErrorHandler {

	/** A lower-case letter or digit followed by an upper-case one: where camelCase becomes snake_case. */
	private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

	private static final String ERROR_CODE = ApiErrorHandler.class.getName() + ".code";

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ErrorBody> api(ApiException ex) {
		return error(ex.status(), ex.code(), ex.getMessage());
	}

	/** The domain's refusals: the one place where their kind becomes an HTTP status. */
	@ExceptionHandler(DomainException.class)
	ResponseEntity<ErrorBody> refused(DomainException ex) {
		HttpStatus status = switch (ex.kind()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
		};
		return error(status, ex.code(), ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException ex) {
		String message = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ApiErrorHandler::describe)
			.sorted()
			.collect(Collectors.joining("; "));
		return error(HttpStatus.BAD_REQUEST, "invalid_request", message);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ErrorBody> invalidParameter(HandlerMethodValidationException ex) {
		String message = ex.getParameterValidationResults()
			.stream()
			.map((result) -> result.getMethodParameter().getParameterName() + " "
					+ result.getResolvableErrors().get(0).getDefaultMessage())
			.collect(Collectors.joining("; "));
		return error(HttpStatus.BAD_REQUEST, "invalid_request", message);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ErrorBody> constraint(ConstraintViolationException ex) {
		String message = ex.getConstraintViolations()
			.stream()
			.map((violation) -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		return error(HttpStatus.BAD_REQUEST, "invalid_request", message);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		RequestLimitsFilter.BodyTooLargeException tooLarge = cause(ex, RequestLimitsFilter.BodyTooLargeException.class);
		if (tooLarge != null) {
			return error(HttpStatus.CONTENT_TOO_LARGE, RequestLimitsFilter.tooLarge(tooLarge.max));
		}
		JsonInputErrors.Problem problem = JsonInputErrors.describe("request body", ex);
		return error(HttpStatus.BAD_REQUEST, problem.code(), problem.message());
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class })
	ResponseEntity<ErrorBody> badParameter(Exception ex) {
		String name = (ex instanceof MissingServletRequestParameterException missing) ? missing.getParameterName()
				: ((MethodArgumentTypeMismatchException) ex).getName();
		return error(HttpStatus.BAD_REQUEST, "invalid_request", "query parameter '" + name + "' is missing or invalid");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException ex) {
		return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
				"request body must be application/json");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return error(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "responses are application/json");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException ex) {
		String allowed = (ex.getSupportedHttpMethods() != null) ? ex.getSupportedHttpMethods()
			.stream()
			.map(HttpMethod::name)
			.sorted()
			.collect(Collectors.joining(", ")) : "";
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.header(HttpHeaders.ALLOW, allowed)
			.contentType(MediaType.APPLICATION_JSON)
			.body(recorded(ErrorBody.of("method_not_allowed", "this endpoint takes " + allowed + " only")));
	}

	/** Never echoes the path: a token pasted into a URL must not come back in the body. */
	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorBody> noResource(NoResourceFoundException ex) {
		return error(HttpStatus.NOT_FOUND, StatusErrors.of(404));
	}

	@ExceptionHandler(TokenLookupLimiter.TooManyLookupsException.class)
	ResponseEntity<ErrorBody> tooManyLookups(TokenLookupLimiter.TooManyLookupsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds))
			.contentType(MediaType.APPLICATION_JSON)
			.body(recorded(ErrorBody.of("too_many_failed_lookups",
					"too many failed token lookups (unknown token, wrong or missing PIN) for this client or account; retry after "
							+ ex.retryAfterSeconds + " s")));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		RequestLimitsFilter.BodyTooLargeException tooLarge = cause(ex, RequestLimitsFilter.BodyTooLargeException.class);
		if (tooLarge != null) {
			return error(HttpStatus.CONTENT_TOO_LARGE, RequestLimitsFilter.tooLarge(tooLarge.max));
		}
		if (ex instanceof ErrorResponse framework && framework.getStatusCode().value() < 500) {
			// Spring MVC's other refusals (missing path variable, bad header, …): their status, our words
			int status = framework.getStatusCode().value();
			return error(HttpStatus.valueOf(status), StatusErrors.of(status));
		}
		// Logged by type and message only: a message from a driver can quote SQL, never our secrets,
		// since secrets are not bound into statements.
		log.error("Unexpected error: {}: {}", ex.getClass().getName(), ex.getMessage());
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected error; see the server log");
	}

	static ResponseEntity<ErrorBody> error(HttpStatus status, String code, String message) {
		return error(status, ErrorBody.of(code, message));
	}

	/**
	 * The content type is set here, not negotiated: an error is JSON even for a client whose
	 * Accept excludes JSON (its 406 included), instead of an empty body.
	 */
	static ResponseEntity<ErrorBody> error(HttpStatus status, ErrorBody body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(recorded(body));
	}

	/** The error code of the request's response, for {@link TokenLookupLimiter}; null if none. */
	static String errorCode(HttpServletRequest request) {
		return (String) request.getAttribute(ERROR_CODE);
	}

	private static ErrorBody recorded(ErrorBody body) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			attributes.getRequest().setAttribute(ERROR_CODE, body.error().code());
		}
		return body;
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static String describe(FieldError error) {
		return toSnakeCase(error.getField()) + " " + error.getDefaultMessage();
	}

	private static String lastNode(String path) {
		return toSnakeCase(path.substring(path.lastIndexOf('.') + 1));
	}

	/** Field paths are reported as the client wrote them: {@code cards[0].card_id}. */
	static String toSnakeCase(String path) {
		return CAMEL_HUMP.matcher(path).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
	}

}
