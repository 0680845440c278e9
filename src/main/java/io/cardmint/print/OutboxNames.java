package io.cardmint.print;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
		if (name.length() > ".part".length() && name.startsWith(".") && name.endsWith(".part")) {
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

	/** The first output of this order found in the outbox, or {@code null}. */
	Path firstExisting(Path dir) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
			for (Path file : files) {
				if (owns(file.getFileName().toString())) {
					return file;
				}
			}
		}
		return null;
	}

	void deleteAll(Path dir) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
			for (Path file : files) {
				if (owns(file.getFileName().toString())) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	// On Linux an atomic move silently replaces the target: check first. One writer per order
	// (the job's print step) makes the gap between check and move harmless.
	static void requireFree(Path target) throws FileAlreadyExistsException {
		if (Files.exists(target)) {
			throw new FileAlreadyExistsException(target.toString(), null, "delete stale outputs before a rebuild");
		}
	}

	// Makes the renames durable: a crash right after finish() must not lose them.
	static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Not every platform can open a directory; the files themselves are already synced.
		}
	}

}
