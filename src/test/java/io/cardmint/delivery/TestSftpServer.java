package io.cardmint.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on 127.0.0.1 for tests, serving a temporary
 * directory. It accepts one user by public key or password and writes what a client needs
 * to trust and log in: a known_hosts file and an OpenSSH private key file.
 *
 * <p>{@link #stop()} and {@link #start()} keep the port and the host key, so a test can
 * simulate an outage. {@link #events()} records opens and renames, in order, to check what
 * a client did.
 *
 * <pre>
 * TestSftpServer server = TestSftpServer.start(tempDir);
 * Files.createDirectories(server.root().resolve("inbox"));
 * new SftpDelivery(server.settings("/inbox")) ...
 * server.close();
 * </pre>
 */
public final class TestSftpServer implements AutoCloseable {

	public static final String HOST = "127.0.0.1";

	public static final String USERNAME = "cardmint";

	public static final String PASSWORD = "test-password";

	private final Path root;

	private final Path clientKeyFile;

	private final Path knownHostsFile;

	private final KeyPair hostKey;

	private final KeyPair clientKey;

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<SftpEventListener> listeners = new CopyOnWriteArrayList<>();

	/** What went wrong inside a simulated outage; {@link #close()} fails the test with it. */
	private final List<Throwable> outageFailures = new CopyOnWriteArrayList<>();

	private SshServer sshd;

	private int port;

	private TestSftpServer(Path workDir) throws IOException, GeneralSecurityException {
		this.root = Files.createDirectories(workDir.resolve("sftp-root"));
		Path clientDir = Files.createDirectories(workDir.resolve("sftp-client"));
		this.clientKeyFile = clientDir.resolve("id_ecdsa");
		this.knownHostsFile = clientDir.resolve("known_hosts");
		this.hostKey = newKeyPair();
		this.clientKey = newKeyPair();
		try (OutputStream out = Files.newOutputStream(clientKeyFile)) {
			OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "cardmint-test", null, out);
		}
	}

	/**
	 * Starts a server on a free port, files under {@code workDir/sftp-root}, client files
	 * under {@code workDir/sftp-client}.
	 */
	public static TestSftpServer start(Path workDir) {
		try {
			TestSftpServer server = new TestSftpServer(workDir);
			server.start();
			Files.writeString(server.knownHostsFile, knownHostsLine(server.port, server.hostKey.getPublic()) + "\n");
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Starts again after {@link #stop()}, on the same port with the same host key. */
	public synchronized void start() throws IOException {
		if (sshd != null) {
			throw new IllegalStateException("already running on port " + port);
		}
		// A stopped SshServer cannot be started again, so every start builds a new one.
		SshServer server = SshServer.setUpDefaultServer();
		server.setHost(HOST);
		server.setPort(port);
		server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
		server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator(USERNAME, List.of(clientKey.getPublic())) {

			@Override
			public boolean authenticate(String username, PublicKey key, ServerSession session) {
				return USERNAME.equals(username) && super.authenticate(username, key, session);
			}

		});
		server.setPasswordAuthenticator((username, password, session) -> USERNAME.equals(username)
				&& PASSWORD.equals(password));
		server.setKeyboardInteractiveAuthenticator(null);
		SftpSubsystemFactory sftp = new SftpSubsystemFactory();
		sftp.addSftpEventListener(new Recorder());
		server.setSubsystemFactories(List.of(sftp));
		server.setFileSystemFactory(new VirtualFileSystemFactory(root));
		server.start();
		this.port = server.getPort();
		this.sshd = server;
	}

	/** Stops at once, dropping open connections, as a crash or network outage would. */
	public synchronized void stop() throws IOException {
		if (sshd != null) {
			SshServer server = sshd;
			sshd = null;
			server.stop(true);
		}
	}

	/**
	 * Stops the server, then fails if a simulated outage went wrong (the server did not stop in
	 * time or did not come back): a test must not pass on an outage that never happened.
	 */
	@Override
	public void close() throws IOException {
		stop();
		requireOutagesWentAsPlanned();
	}

	/** Throws an {@link AssertionError} carrying every failure of a simulated outage so far. */
	public void requireOutagesWentAsPlanned() {
		if (!outageFailures.isEmpty()) {
			AssertionError error = new AssertionError("simulated SFTP outage failed: " + outageFailures.get(0));
			outageFailures.forEach(error::addSuppressed);
			throw error;
		}
	}

	public boolean isRunning() {
		return sshd != null;
	}

	public int port() {
		return port;
	}

	/** The directory the SFTP user sees as {@code /}. */
	public Path root() {
		return root;
	}

	/** OpenSSH-format private key that authenticates as {@link #USERNAME}. */
	public Path clientKeyFile() {
		return clientKeyFile;
	}

	/** A known_hosts file holding this server's host key as {@code [127.0.0.1]:<port>}. */
	public Path knownHostsFile() {
		return knownHostsFile;
	}

	public PublicKey hostPublicKey() {
		return hostKey.getPublic();
	}

	/** Settings that log in with the client key. */
	public SftpSettings settings(String remoteDir) {
		return new SftpSettings(HOST, port, USERNAME, clientKeyFile, null, knownHostsFile, remoteDir);
	}

	/** Settings that log in with the password only. */
	public SftpSettings passwordSettings(String remoteDir) {
		return new SftpSettings(HOST, port, USERNAME, null, PASSWORD, knownHostsFile, remoteDir);
	}

	/**
	 * What clients did, in order: {@code "open <name>"} when a file is opened,
	 * {@code "moved <from> -> <to>"} after a successful rename (file names only).
	 */
	public List<String> events() {
		return List.copyOf(events);
	}

	/** Also calls {@code listener} on every SFTP event, including after a restart. */
	public void addListener(SftpEventListener listener) {
		listeners.add(listener);
	}

	/**
	 * An outage in the middle of an upload: once {@code afterBytes} of a {@code .part} file whose
	 * name starts with {@code "." + namePrefix} are written, stops the server from another thread
	 * and holds the writing thread until it is down, so the upload cannot finish first. With a
	 * positive {@code downFor}, starts the server again after that long. Fires once; the flag
	 * says whether it did.
	 */
	public AtomicBoolean failDuringUpload(String namePrefix, long afterBytes, Duration downFor) {
		AtomicBoolean fired = new AtomicBoolean();
		addListener(new SftpEventListener() {
			@Override
			public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
					byte[] data, int dataOffset, int dataLen) throws IOException {
				String name = localHandle.getFile().getFileName().toString();
				if (offset < afterBytes || !name.startsWith("." + namePrefix) || !name.endsWith(".part")
						|| !fired.compareAndSet(false, true)) {
					return;
				}
				CountDownLatch stopped = new CountDownLatch(1);
				Thread outage = new Thread(() -> {
					try {
						stop();
						stopped.countDown();
						if (!downFor.isZero()) {
							Thread.sleep(downFor.toMillis());
							start();
						}
					}
					catch (IOException | InterruptedException | RuntimeException ex) {
						outageFailures.add(ex);
					}
				}, "outage");
				outage.setUncaughtExceptionHandler((thread, ex) -> outageFailures.add(ex));
				outage.start();
				try {
					if (!stopped.await(10, TimeUnit.SECONDS)) {
						outageFailures.add(new IllegalStateException("the server did not stop within 10 s"));
					}
				}
				catch (InterruptedException ex) {
					// stop(true) interrupts the session threads, this one included: the server is
					// going down as planned.
					Thread.currentThread().interrupt();
				}
				throw new IOException("server went down");
			}
		});
		return fired;
	}

	/** A known_hosts line for {@code key} at {@code 127.0.0.1:<port>}. */
	public static String knownHostsLine(int port, PublicKey key) {
		return "[" + HOST + "]:" + port + " " + PublicKeyEntry.toString(key);
	}

	/** A fresh ECDSA P-256 key pair, e.g. to write a known_hosts entry for some other server. */
	public static KeyPair newKeyPair() throws GeneralSecurityException {
		return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
	}

	private final class Recorder implements SftpEventListener {

		@Override
		public void open(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
			if (!Files.isDirectory(localHandle.getFile())) {
				events.add("open " + localHandle.getFile().getFileName());
			}
			for (SftpEventListener listener : listeners) {
				listener.open(session, remoteHandle, localHandle);
			}
		}

		@Override
		public void writing(ServerSession session, String remoteHandle,
				FileHandle localHandle, long offset, byte[] data, int dataOffset,
				int dataLen) throws IOException {
			for (SftpEventListener listener : listeners) {
				listener.writing(session, remoteHandle, localHandle, offset, data, dataOffset, dataLen);
			}
		}

		@Override
		public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
				throws IOException {
			for (SftpEventListener listener : listeners) {
				listener.moving(session, srcPath, dstPath, opts);
			}
		}

		@Override
		public void moved(ServerSession session, Path srcPath, Path dstPath,
				Collection<CopyOption> opts, Throwable thrown) throws IOException {
			if (thrown == null) {
				events.add("moved " + srcPath.getFileName() + " -> " + dstPath.getFileName());
			}
			for (SftpEventListener listener : listeners) {
				listener.moved(session, srcPath, dstPath, opts, thrown);
			}
		}

	}

}
