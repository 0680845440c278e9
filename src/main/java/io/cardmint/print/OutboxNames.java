package io.cardmint.print;

import java.util.regex.Pattern;

/**
 * The file names of one order in the outbox. Files are written under a hidden temporary name
 * ({@code .<name>.part}) and renamed when complete, so a watcher or an SFTP pick-up never sees
 * half a file under a final name.
 */
record OutboxNames(String orderRef) {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+=-]{0,199}");

	OutboxNames {
		// The order ref becomes a file name: no paths, no hidden files, nothing a shell trips on.
		if (orderRef == null || !SAFE.matcher(orderRef).matches()) {
			throw new IllegalArgumentException("order_ref cannot be used as a file name: " + orderRef);
		}
	}

	String single() {
		return this.orderRef + ".csv.pgp";
	}

	String numbered(int part) {
		return String.format("%s-%04d.csv.pgp", this.orderRef, part);
	}

	String control() {
		return this.orderRef + ".control.json";
	}

	static String temporary(String name) {
		return "." + name + ".part";
	}

	/** Whether a file in the outbox is an output of this order, final or temporary. */
	boolean owns(String fileName) {
		String name = fileName;
		if (name.startsWith(".") && name.endsWith(".part")) {
			name = name.substring(1, name.length() - ".part".length());
		}
		if (name.equals(single()) || name.equals(control())) {
			return true;
		}
		String prefix = this.orderRef + "-";
		if (!name.startsWith(prefix) || !name.endsWith(".csv.pgp")) {
			return false;
		}
		String number = name.substring(prefix.length(), name.length() - ".csv.pgp".length());
		return number.length() >= 4 && number.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

}
