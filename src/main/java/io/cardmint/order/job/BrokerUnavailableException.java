package io.cardmint.order.job;

/**
 * Remote partitioning is configured but the broker cannot be reached at start-up: a
 * configuration problem for the operator (the command exits with status 3), not a failed order.
 */
public class BrokerUnavailableException extends RuntimeException {

	BrokerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
