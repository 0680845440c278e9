package io.cardmint.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one secret kept outside the database: it keys the lookup hashes and seals the batch
 * secrets. Losing it makes every stored hash and sealed secret useless, which is why creating
 * one is logged as a warning. Only derived keys leave this class.
 */
public final class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	static final int KEY_BYTES = 32;

	private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private final byte[] key;

	private final String keyId;

	private MasterKey(byte[] key) {
		this.key = key.clone();
		this.keyId = HexFormat.of().formatHex(Hmac.sha256(key), 0, 4);
	}

	/** For tests and tools that already hold the key bytes. */
	public static MasterKey of(byte[] key) {
		if (key.length != KEY_BYTES) {
			throw new IllegalArgumentException("a master key has " + KEY_BYTES + " bytes, not " + key.length);
		}
		return new MasterKey(key);
	}

	/**
	 * @param createIfMissing create a new key when the file does not exist; otherwise a
	 * missing file is an error (a production instance must not silently start with a new key)
	 */
	public static MasterKey loadOrCreate(Path file, boolean createIfMissing) {
		try {
			if (Files.notExists(file)) {
				if (!createIfMissing) {
					throw new IllegalStateException("master key file " + file + " does not exist");
				}
				if (create(file)) {
					log.warn("A new master key was created at {}; back it up now: without it no token can be "
							+ "looked up, no PIN checked and no sealed batch secret opened", file.toAbsolutePath());
				}
			}
			return load(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create master key file " + file, ex);
		}
	}

	/** HMAC-SHA256(master, label): one independent 32-byte key per purpose. */
	public byte[] deriveKey(String label) {
		return Hmac.hmac(key, label.getBytes(StandardCharsets.UTF_8));
	}

	/** First 8 hex digits of SHA-256(master): stored beside each hash to tell keys apart on rotation. */
	public String keyId() {
		return keyId;
	}

	@Override
	public String toString() {
		return "MasterKey[id=" + keyId + "]";
	}

	private static MasterKey load(Path file) throws IOException {
		requireOwnerOnly(file);
		String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
		byte[] key;
		try {
			key = Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("master key file " + file + " does not hold Base64");
		}
		if (key.length != KEY_BYTES) {
			throw new IllegalStateException(
					"master key file " + file + " holds " + key.length + " bytes, expected " + KEY_BYTES);
		}
		return new MasterKey(key);
	}

	private static void requireOwnerOnly(Path file) throws IOException {
		PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		if (posix == null) {
			return; // not a POSIX file system: nothing to check
		}
		Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
		// Like ssh with private keys: any group or world bit refuses, since a writable key file
		// could also be swapped for one an attacker knows.
		if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
			throw new IllegalStateException("master key file " + file + " is accessible to others ("
					+ PosixFilePermissions.toString(permissions) + "); it must be readable by its owner only: chmod 600 "
					+ file);
		}
	}

	/**
	 * Writes the key to a private temporary file and links it to its name only when complete,
	 * so a crash never leaves a truncated key behind and two processes starting together end up
	 * with the same key.
	 * @return false if another process created the file first
	 */
	private static boolean create(Path file) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		// On POSIX file systems the JDK creates temporary files owner-only (0600) from the start,
		// so the key is never readable by others, not even for a moment; load() checks it anyway.
		Path temp = Files.createTempFile(dir, ".master-key-", ".tmp");
		try {
			byte[] encoded = (Base64.getEncoder().encodeToString(SecureRandomSource.randomBytes(KEY_BYTES)) + "\n")
					.getBytes(StandardCharsets.US_ASCII);
			Files.write(temp, encoded, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
			try {
				Files.createLink(file, temp);
			}
			catch (UnsupportedOperationException ex) {
				Files.move(temp, file); // no hard links here: not atomic, still refuses to overwrite
			}
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
