package io.cardmint.delivery;

/**
 * A delivery that did not complete. The message names the server ({@code host:port}) and
 * the problem, and never holds a password or key material, so it can go to logs and to the
 * operator as it is.
 */
public class DeliveryException extends RuntimeException {

	private final boolean transientFailure;

	DeliveryException(String message, boolean transientFailure, Throwable cause) {
		super(message, cause);
		this.transientFailure = transientFailure;
	}

	static DeliveryException permanent(String message) {
		return new DeliveryException(message, false, null);
	}

	/**
	 * Whether trying again later may succeed (the connection was refused, reset or timed
	 * out), as opposed to a problem someone has to fix (host key, credentials, a conflicting
	 * remote file, a missing directory).
	 */
	public boolean isTransient() {
		return transientFailure;
	}

}
