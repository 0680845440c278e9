package io.cardmint.print;

/**
 * An OpenPGP key file that cannot be used: unreadable, no usable key, wrong passphrase.
 * The message names the file so that an operator can fix the configuration.
 */
public class PrintKeyException extends RuntimeException {

	public PrintKeyException(String message) {
		super(message);
	}

	public PrintKeyException(String message, Throwable cause) {
		super(message, cause);
	}

}
