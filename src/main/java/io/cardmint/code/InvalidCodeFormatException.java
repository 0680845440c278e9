package io.cardmint.code;

/**
 * A code format in a request or manifest cannot be used. The message names the offending
 * field (e.g. {@code options.card_token.format.length}) so it can be returned to the caller
 * as a 400 as it is; it never contains a generated value.
 */
public class InvalidCodeFormatException extends RuntimeException {

	public InvalidCodeFormatException(String message) {
		super(message);
	}

}
