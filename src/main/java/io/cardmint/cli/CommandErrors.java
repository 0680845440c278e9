package io.cardmint.cli;

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

}
