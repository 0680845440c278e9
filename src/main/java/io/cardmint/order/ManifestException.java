package io.cardmint.order;

/**
 * A manifest refused before anything is written. The message names the problem (field, line
 * or card) for the operator; the command exits with status 2.
 */
public class ManifestException extends RuntimeException {

	public ManifestException(String message) {
		super(message);
	}

}
