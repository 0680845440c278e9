package io.cardmint.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A local file to deliver, measured before we connect: a missing local file is then refused
 * before anything is written remotely, and the size and hash are known even when the remote
 * copy turns out to be there already.
 */
record LocalFile(Path path, String name, long size, String sha256) {

	static LocalFile measure(Path path) {
		if (!Files.isRegularFile(path)) {
			throw DeliveryException.permanent("local file " + path + " does not exist or is not a regular file");
		}
		try (InputStream in = Files.newInputStream(path)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			long size = 0;
			for (int n; (n = in.read(buffer)) != -1;) {
				digest.update(buffer, 0, n);
				size += n;
			}
			return new LocalFile(path, path.getFileName().toString(), size, HexFormat.of().formatHex(digest.digest()));
		}
		catch (IOException ex) {
			throw new DeliveryException("cannot read local file " + path + ": " + ex.getMessage(), false, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
