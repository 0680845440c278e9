package io.cardmint.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a JSON document in cardmint's words: the field (as the client wrote
 * it, {@code cards[0].card_id}) and the rule — never a Java type or Jackson's wording, which
 * quote class names and can quote the input. Used for API bodies and manifests alike.
 */
public final class JsonInputErrors {

	/** What the client did wrong: {@code code} is the API error code. */
	public record Problem(String code, String message) {
	}

	private static final Pattern QUOTED = Pattern.compile("\"(.*)\"");

	private JsonInputErrors() {
	}

	/**
	 * @param document what is being read, for messages: "request body" or "manifest"
	 * @param ex the failure, or any exception with a Jackson failure among its causes
	 */
	public static Problem describe(String document, Throwable ex) {
		JacksonException json = find(ex);
		if (json == null) {
			return new Problem("invalid_json", document + " is required and must be a JSON object");
		}
		String field = field(json);
		JacksonException cause = deepest(json);
		if (cause instanceof UnrecognizedPropertyException unknown) {
			String in = field.contains(".") || field.contains("[") ? " in " + field.substring(0, lastDot(field)) : "";
			Collection<Object> known = unknown.getKnownPropertyIds();
			return new Problem("unknown_field", "unknown field " + Echo.quote(unknown.getPropertyName()) + in
					+ ((known != null && !known.isEmpty()) ? "; allowed: " + new TreeSet<>(known.stream().map(String::valueOf).toList()) : ""));
		}
		if (cause instanceof StreamConstraintsException limit) {
			return new Problem("invalid_json", document + " exceeds a limit: " + limit(limit.getOriginalMessage()));
		}
		if (cause instanceof InputCoercionException) {
			return new Problem("invalid_request", (field.isEmpty() ? "a number" : field)
					+ " is out of range for a whole number (at most 19 digits)");
		}
		if (cause instanceof MismatchedInputException mismatch && !(cause instanceof StreamReadException)) {
			if (field.isEmpty()) {
				return new Problem("invalid_json", document + " is required and must be a JSON object");
			}
			return new Problem("invalid_request", field + " must be " + expectation(mismatch.getTargetType()));
		}
		String original = (cause.getOriginalMessage() != null) ? cause.getOriginalMessage() : "";
		if (original.startsWith("Duplicate")) {
			Matcher name = QUOTED.matcher(original);
			return new Problem("invalid_json", document + " repeats the field "
					+ (name.find() ? Echo.quote(name.group(1)) : "") + where(cause) + "; each field may appear once");
		}
		if (!field.isEmpty() && !(cause instanceof StreamReadException)) {
			return new Problem("invalid_request", field + " is invalid");
		}
		return new Problem("invalid_json", document + " is not valid JSON" + where(cause));
	}

	/** The field a failure is about, as the client wrote it: {@code options.pin.format.length}. */
	public static String field(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(sanitiseName(reference.getPropertyName()));
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String sanitiseName(String name) {
		String quoted = Echo.quote(name);
		return quoted.substring(1, quoted.length() - 1);
	}

	private static int lastDot(String field) {
		return Math.max(0, Math.max(field.lastIndexOf('.'), field.lastIndexOf('[')));
	}

	private static String where(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static String limit(String message) {
		String text = (message != null) ? message : "";
		if (text.contains("nesting depth")) {
			return "objects and lists nested more than " + StrictJsonConfiguration.MAX_NESTING_DEPTH + " deep";
		}
		if (text.contains("Name length")) {
			return "a field name longer than " + StrictJsonConfiguration.MAX_NAME_LENGTH + " characters";
		}
		if (text.contains("Number value length")) {
			return "a number longer than " + StrictJsonConfiguration.MAX_NUMBER_LENGTH + " digits";
		}
		if (text.contains("String value length")) {
			return "a string longer than " + StrictJsonConfiguration.MAX_STRING_LENGTH + " characters";
		}
		return "it is too large";
	}

	private static String expectation(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return "a string";
		}
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class
				|| type == Short.class || type == short.class || type == BigInteger.class) {
			return "a whole number (a JSON integer, no fraction, not a string)";
		}
		if (type == BigDecimal.class || type == Double.class || type == double.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Instant.class || Temporal.class.isAssignableFrom(type)) {
			return DateTimes.RULE;
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
			return "an object";
		}
		return "of another type";
	}

	private static JacksonException find(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof JacksonException json) {
				return json;
			}
		}
		return null;
	}

	/** The innermost Jackson failure: the one that says what went wrong; the outer one has the path. */
	private static JacksonException deepest(JacksonException ex) {
		JacksonException deepest = ex;
		for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
			if (t instanceof JacksonException json) {
				deepest = json;
			}
		}
		return deepest;
	}

}
