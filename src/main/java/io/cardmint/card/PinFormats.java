package io.cardmint.card;

import io.cardmint.code.CodeFormat;
import io.cardmint.code.InvalidCodeFormatException;

/** PIN formats: a code format, and at least {@link #MIN_LENGTH} generated characters (Dintero's minimum). */
public final class PinFormats {

	public static final int MIN_LENGTH = 4;

	private PinFormats() {
	}

	/** Throws {@link InvalidCodeFormatException} naming {@code field} when the format is no PIN format. */
	public static void validate(String field, CodeFormat format) {
		format.validate(field);
		if (format.length() < MIN_LENGTH) {
			throw new InvalidCodeFormatException(
					field + ".length must be at least " + MIN_LENGTH + " for a PIN (Dintero's minimum)");
		}
	}

}
