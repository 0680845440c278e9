package io.cardmint.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The manufacturer's inbox as seen through one open SFTP connection.
 *
 * <p>Works on MINA's {@link SftpClient} directly rather than through Spring Integration's
 * {@code SftpSession}: {@code SftpSession.rename} deletes an existing target first on SFTP v3
 * (OpenSSH), and a final file must never be replaced. A plain SFTP rename fails when the
 * target exists, which is the guarantee we want.
 */
final class RemoteInbox {

	private final SftpClient client;

	private final String dir;

	private final Failures failures;

	RemoteInbox(SftpClient client, String dir, Failures failures) {
		this.client = client;
		this.dir = dir;
		this.failures = failures;
	}

	/** Fails unless the inbox directory exists; returns its entries' names. */
	List<String> list() throws IOException {
		Attributes attributes = statOrNull(dir);
		if (attributes == null) {
			throw failures.fail("remote dir " + dir + " does not exist", false, null);
		}
		if (!attributes.isDirectory()) {
			throw failures.fail("remote dir " + dir + " is not a directory", false, null);
		}
		List<String> names = new ArrayList<>();
		for (SftpClient.DirEntry entry : client.readDir(dir)) {
			names.add(entry.getFilename());
		}
		return names;
	}

	/**
	 * Leaves {@code file} under its final name: uploaded to {@code .<name>.part}, its size
	 * checked, then renamed. A final file of the same size is taken as delivered by an earlier
	 * attempt that was cut off after its rename.
	 */
	DeliveredFile put(LocalFile file) throws IOException {
		String finalPath = pathOf(file.name());
		String partPath = pathOf("." + file.name() + ".part");
		Attributes existing = statOrNull(finalPath);
		if (existing != null) {
			if (existing.getSize() != file.size()) {
				throw failures.fail("remote file " + finalPath + " already exists with " + existing.getSize()
						+ " bytes, local file has " + file.size() + " (refusing to overwrite a delivered file)", false,
						null);
			}
			removeIfPresent(partPath);
			return delivered(file, finalPath);
		}
		removeIfPresent(partPath);
		upload(file, partPath);
		long uploaded = client.stat(partPath).getSize();
		if (uploaded != file.size()) {
			// Something truncated the transfer without an error; a fresh attempt rewrites it.
			throw failures.fail("uploaded " + uploaded + " of " + file.size() + " bytes of " + partPath, true, null);
		}
		rename(partPath, finalPath);
		return delivered(file, finalPath);
	}

	private void rename(String partPath, String finalPath) throws IOException {
		try {
			client.rename(partPath, finalPath);
		}
		catch (SftpException ex) {
			// SFTP v3 servers (OpenSSH) answer a plain failure, not "already exists": look.
			if (statOrNull(finalPath) != null) {
				throw failures.fail("remote file " + finalPath + " appeared during the upload (refusing to overwrite it;"
						+ " the upload stays in " + partPath + ")", false, ex);
			}
			throw ex;
		}
	}

	private void upload(LocalFile file, String partPath) throws IOException {
		try (InputStream in = Files.newInputStream(file.path());
				OutputStream out = client.write(partPath, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
			in.transferTo(out);
		}
	}

	private void removeIfPresent(String path) throws IOException {
		if (statOrNull(path) != null) {
			client.remove(path);
		}
	}

	private Attributes statOrNull(String path) throws IOException {
		try {
			return client.stat(path);
		}
		catch (SftpException ex) {
			if (ex.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
				return null;
			}
			throw ex;
		}
	}

	private String pathOf(String name) {
		return dir.endsWith("/") ? dir + name : dir + "/" + name;
	}

	private static DeliveredFile delivered(LocalFile file, String remotePath) {
		return new DeliveredFile(file.name(), remotePath, file.size(), file.sha256());
	}

}
