package io.cardmint.order;

/** A manifest of another account than the one the caller acts for. */
public class ForeignAccountException extends ManifestException {

	public ForeignAccountException(String message) {
		super(message);
	}

}
