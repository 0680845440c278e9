package io.cardmint.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Turns a failure into one line for the operator: the deepest cause's message, no stack trace. */
final class CommandErrors {

	private CommandErrors() {
	}

	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message);
	}

	/** Whether the failure is the environment's: the database or the broker cannot be reached. */
	static boolean isConfiguration(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
					|| cause instanceof UnknownHostException
					|| cause.getClass().getName().equals("org.springframework.amqp.AmqpConnectException")
					|| cause.getClass().getName().equals("io.cardmint.order.job.BrokerUnavailableException")) {
				return true;
			}
		}
		return false;
	}

}
