package io.cardmint.web;

import java.util.stream.Collectors;

import io.cardmint.domain.DomainException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure inside a controller to the API's error body. Framework messages are
 * replaced by our own: they can echo request content, and request content can hold a PIN.
 */
@RestControllerAdvice
class ApiErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

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
		return error(HttpStatus.BAD_REQUEST, "invalid_json",
				"request body is missing, is not valid JSON, or has a value of the wrong type");
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
		return error(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
				ex.getMethod() + " is not allowed here; allowed: " + ex.getSupportedHttpMethods());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorBody> noResource(NoResourceFoundException ex) {
		return error(HttpStatus.NOT_FOUND, "not_found", "no such endpoint: /" + ex.getResourcePath());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		// Logged by type and message only: a message from a driver can quote SQL, never our secrets,
		// since secrets are not bound into statements.
		log.error("Unexpected error: {}: {}", ex.getClass().getName(), ex.getMessage());
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected error; see the server log");
	}

	static ResponseEntity<ErrorBody> error(HttpStatus status, String code, String message) {
		return ResponseEntity.status(status).body(ErrorBody.of(code, message));
	}

	private static String describe(FieldError error) {
		return toSnakeCase(error.getField()) + " " + error.getDefaultMessage();
	}

	private static String lastNode(String path) {
		return toSnakeCase(path.substring(path.lastIndexOf('.') + 1));
	}

	/** Field paths are reported as the client wrote them: {@code cards[0].card_id}. */
	static String toSnakeCase(String path) {
		return path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

}
