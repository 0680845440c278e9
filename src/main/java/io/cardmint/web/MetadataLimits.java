package io.cardmint.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits of a {@code metadata} object, for every request field that carries one: at most
 * {@link #MAX_KEYS} keys, each 1 to {@link #MAX_KEY_LENGTH} printable characters, and at most
 * {@link #MAX_BYTES} bytes as JSON (UTF-8). Values may be any JSON; nesting is bounded by the
 * parser ({@value StrictJsonConfiguration#MAX_NESTING_DEPTH} levels for the whole body).
 */
@Documented
@Constraint(validatedBy = MetadataLimits.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface MetadataLimits {

	int MAX_KEYS = 50;

	int MAX_KEY_LENGTH = 40;

	int MAX_BYTES = 8192;

	String message() default "must have at most " + MAX_KEYS + " keys of 1 to " + MAX_KEY_LENGTH
			+ " printable characters and be at most " + MAX_BYTES + " bytes as JSON";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks a metadata object; null (absent) is valid. */
	final class Validator implements ConstraintValidator<MetadataLimits, Map<String, Object>> {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		@Override
		public boolean isValid(Map<String, Object> metadata, ConstraintValidatorContext context) {
			return problem(metadata) == null;
		}

		/** Null when {@code metadata} is within the limits, otherwise what is wrong (for messages). */
		public static String problem(Map<String, Object> metadata) {
			if (metadata == null) {
				return null;
			}
			if (metadata.size() > MAX_KEYS) {
				return "must have at most " + MAX_KEYS + " keys";
			}
			for (String key : metadata.keySet()) {
				if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_LENGTH
						|| key.codePoints().anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
					return "keys must be 1 to " + MAX_KEY_LENGTH + " printable characters";
				}
			}
			if (JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
				return "must be at most " + MAX_BYTES + " bytes as JSON";
			}
			return null;
		}

	}

}
