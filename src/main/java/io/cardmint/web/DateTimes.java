package io.cardmint.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * The date-times cardmint accepts: ISO 8601 with an offset ({@code 2030-01-01T00:00:00Z},
 * {@code 2030-01-01T01:00:00+01:00}), from {@link #MIN} up to, not including, {@link #MAX},
 * with at most microseconds. That is what a {@code DATETIME(6)} column stores and gives back
 * exactly: a year beyond 9999 does not fit, a year before the Gregorian reform is shifted by
 * JDBC's calendar, and nanoseconds are cut. Anything else is refused with 400, never stored
 * approximately.
 */
public final class DateTimes {

	public static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");

	public static final Instant MAX = Instant.parse("9999-12-31T00:00:00Z");

	/** The rule's wording for a message: "expires_at must be …". */
	public static final String RULE = "a date-time such as 2030-01-01T00:00:00Z (ISO 8601 with an offset), from "
			+ MIN + " to before " + MAX + ", with at most 6 decimals";

	private DateTimes() {
	}

	/** Whether {@code instant} is stored and read back exactly. */
	public static boolean inRange(Instant instant) {
		return !instant.isBefore(MIN) && instant.isBefore(MAX) && instant.getNano() % 1000 == 0;
	}

	static final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

		StrictInstantDeserializer() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (Instant) context.handleUnexpectedToken(Instant.class, parser);
			}
			String text = parser.getString();
			Instant instant;
			try {
				instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, OffsetDateTime::from).toInstant();
			}
			catch (DateTimeParseException | ArithmeticException ex) {
				throw InvalidFormatException.from(parser, "not a date-time", text, Instant.class);
			}
			if (!inRange(instant)) {
				throw InvalidFormatException.from(parser, "date-time out of range", text, Instant.class);
			}
			return instant;
		}

	}

}
