package io.cardmint.order;

/** A manifest whose order_ref the account has used already: an order never runs twice. */
public class OrderExistsException extends ManifestException {

	public OrderExistsException(String message) {
		super(message);
	}

}
