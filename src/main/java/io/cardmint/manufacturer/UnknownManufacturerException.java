package io.cardmint.manufacturer;

/** A manufacturer id that is neither configured nor {@code demo}; the message lists the known ones. */
public class UnknownManufacturerException extends RuntimeException {

	UnknownManufacturerException(String message) {
		super(message);
	}

}
