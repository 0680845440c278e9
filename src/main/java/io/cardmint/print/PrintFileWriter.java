package io.cardmint.print;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;

/**
 * Streams an order's print file: CSV (UTF-8, RFC 4180, CRLF) encrypted to the manufacturer's
 * key, optionally signed with ours. Clear text never touches the disk, and files appear under
 * their final names only in {@link #finish()}; {@link #close()} without finish removes
 * everything this writer wrote.
 *
 * <p>File names: {@code <orderRef>.csv.pgp} when {@code maxRecordsPerFile} is not set. When it
 * is set, the files are always numbered ({@code <orderRef>-0001.csv.pgp}, {@code -0002}, …),
 * even if the order fits into one file: the writer cannot know the total in advance, and a
 * name that depends on it would change when an order grows. Every file starts with the header
 * line. Beside them, {@code <orderRef>.control.json} lists the files, written last: its
 * presence means the set is complete.
 *
 * <p>Not thread-safe: one writer per order, used by one thread.
 */
public final class PrintFileWriter implements AutoCloseable {

	private enum State {
		OPEN, FINISHED, FAILED, CLOSED
	}

	private final Path outboxDir;

	private final OutboxNames names;

	private final String header;

	private final int extraColumns;

	private final boolean barcodeColumn;

	private final Integer maxRecordsPerFile;

	private final PGPPublicKey recipient;

	private final EncryptedPart.Signer signer;

	private final List<EncryptedPart> parts = new ArrayList<>();

	private final List<Path> published = new ArrayList<>();

	private EncryptedPart current;

	private State state = State.OPEN;

	private PrintFileWriter(Path outboxDir, OutboxNames names, String header, int extraColumns, boolean barcodeColumn,
			PrintSettings settings, PGPPublicKey recipient, EncryptedPart.Signer signer) {
		this.outboxDir = outboxDir;
		this.names = names;
		this.header = header;
		this.extraColumns = extraColumns;
		this.barcodeColumn = barcodeColumn;
		this.maxRecordsPerFile = settings.maxRecordsPerFile();
		this.recipient = recipient;
		this.signer = signer;
	}

	/**
	 * Starts the print file of an order: reads the keys (failing fast on a bad key or passphrase)
	 * and opens the first file.
	 * @param extraColumnNames the manifest's {@code print} field names, in order; may be empty
	 * @throws PrintKeyException if a key file is unusable
	 * @throws UncheckedIOException wrapping {@link FileAlreadyExistsException} if outputs of this
	 * order are already in the outbox (see {@link #deleteOutputs})
	 */
	public static PrintFileWriter open(Path outboxDir, String orderRef, List<String> extraColumnNames,
			boolean barcodeColumn, PrintSettings settings) {
		OutboxNames names = new OutboxNames(orderRef);
		List<String> extras = (extraColumnNames != null) ? List.copyOf(extraColumnNames) : List.of();
		PGPPublicKey recipient = OpenPgpKeys.encryptionKey(settings.publicKeyFile());
		EncryptedPart.Signer signer = signer(settings);
		try {
			Files.createDirectories(outboxDir);
			Path existing = names.firstExisting(outboxDir);
			if (existing != null) {
				throw new FileAlreadyExistsException(existing.toString(), null,
						"print output of order " + orderRef + " already exists; delete stale outputs before a rebuild");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PrintFileWriter writer = new PrintFileWriter(outboxDir, names, Csv.header(barcodeColumn, extras), extras.size(),
				barcodeColumn, settings, recipient, signer);
		writer.startPart();
		return writer;
	}

	/**
	 * Writes one card's line. Starts the next numbered file first when the current one holds
	 * {@code maxRecordsPerFile} records.
	 * @param extraValues one value per extra column, in the order of the names given to open
	 */
	public void write(PrintRecord record, List<String> extraValues) {
		requireOpen();
		List<String> extras = (extraValues != null) ? extraValues : List.of();
		if (extras.size() != this.extraColumns) {
			throw new IllegalArgumentException(
					"expected " + this.extraColumns + " extra values, got " + extras.size() + " for " + record);
		}
		try {
			if (this.maxRecordsPerFile != null && this.current.records == this.maxRecordsPerFile) {
				endPart();
				startPart();
			}
			Writer out = this.current.text();
			Csv.field(out, record.cardId());
			out.write(',');
			Csv.field(out, record.token());
			out.write(',');
			Csv.field(out, record.pin());
			if (this.barcodeColumn) {
				out.write(',');
				Csv.field(out, record.barcode());
			}
			for (String value : extras) {
				out.write(',');
				Csv.field(out, value);
			}
			out.write(Csv.LINE_END);
			this.current.records++;
		}
		catch (IOException | RuntimeException ex) {
			// A half-written line must never be published: only close() is allowed now.
			this.state = State.FAILED;
			throw (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
		}
	}

	/**
	 * Completes the files, renames them to their final names, then writes the control file.
	 * @return the print files, in order
	 * @throws UncheckedIOException wrapping {@link FileAlreadyExistsException} if a final name is
	 * taken; nothing is published then
	 */
	public List<PrintedFile> finish() {
		requireOpen();
		try {
			endPart();
			List<PrintedFile> files = new ArrayList<>();
			for (EncryptedPart part : this.parts) {
				files.add(new PrintedFile(part.name, part.records, part.sha256));
			}
			for (PrintedFile file : files) {
				OutboxNames.requireFree(this.outboxDir.resolve(file.name()));
			}
			OutboxNames.requireFree(this.outboxDir.resolve(this.names.control()));
			for (EncryptedPart part : this.parts) {
				publish(part.tempFile, part.name);
			}
			Path controlTemp = this.outboxDir.resolve(OutboxNames.temporary(this.names.control()));
			ControlFile.write(controlTemp, this.names.orderRef(), files);
			publish(controlTemp, this.names.control());
			OutboxNames.syncDirectory(this.outboxDir);
			this.state = State.FINISHED;
			return List.copyOf(files);
		}
		catch (IOException | RuntimeException ex) {
			this.state = State.FAILED;
			throw (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
		}
	}

	/** Unless finished: deletes every file this writer created, temporary or already renamed. */
	@Override
	public void close() {
		if (this.state == State.FINISHED || this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		if (this.current != null) {
			this.current.abort();
			this.current = null;
		}
		for (EncryptedPart part : this.parts) {
			part.abort();
		}
		List<Path> leftovers = new ArrayList<>(this.published);
		leftovers.add(this.outboxDir.resolve(OutboxNames.temporary(this.names.control())));
		for (Path file : leftovers) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// Best effort; deleteOutputs before the rebuild catches what is left.
			}
		}
	}

	/** Deletes every print file, control file and temporary file of an order from the outbox. */
	public static void deleteOutputs(Path outboxDir, String orderRef) {
		OutboxNames names = new OutboxNames(orderRef);
		if (!Files.isDirectory(outboxDir)) {
			return;
		}
		try {
			names.deleteAll(outboxDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void startPart() {
		int number = this.parts.size() + 1;
		String name = (this.maxRecordsPerFile != null) ? this.names.numbered(number) : this.names.single();
		try {
			this.current = EncryptedPart.create(this.outboxDir.resolve(OutboxNames.temporary(name)), name,
					this.recipient, this.signer);
			this.current.text().write(this.header);
		}
		catch (IOException ex) {
			this.state = State.FAILED;
			throw new UncheckedIOException(ex);
		}
	}

	private void endPart() throws IOException {
		EncryptedPart part = this.current;
		this.current = null;
		try {
			part.sha256 = part.finish();
		}
		finally {
			this.parts.add(part);
		}
	}

	private void publish(Path temp, String name) throws IOException {
		Path target = this.outboxDir.resolve(name);
		OutboxNames.requireFree(target);
		if (Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
			// Only the owner may read what cardmint leaves in the outbox (like the master key).
			Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
		Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		this.published.add(target);
	}

	private void requireOpen() {
		if (this.state != State.OPEN) {
			throw new IllegalStateException("print file of " + this.names.orderRef() + " is " + this.state);
		}
	}

	private static EncryptedPart.Signer signer(PrintSettings settings) {
		if (settings.signingKeyFile() == null) {
			return null;
		}
		PGPSecretKey secret = OpenPgpKeys.signingKey(settings.signingKeyFile());
		try {
			return new EncryptedPart.Signer(secret.getPublicKey(),
					OpenPgpKeys.privateKey(secret, settings.signingKeyPassphrase()));
		}
		catch (PrintKeyException ex) {
			throw new PrintKeyException(ex.getMessage() + " (in " + settings.signingKeyFile() + ")", ex);
		}
	}

}
