package io.cardmint.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.sshd.sftp.client.SftpClient;

import org.springframework.core.io.FileSystemResource;
import org.springframework.integration.file.remote.SessionCallback;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;
import org.springframework.integration.sftp.session.SftpRemoteFileTemplate;

/**
 * Drops files into a manufacturer's SFTP inbox so that each appears under its final name
 * only when complete, and so that a delivery cut off at any point can simply be run again.
 *
 * <p>The server's host key must be listed in the configured known_hosts file; an unknown or
 * changed key is refused and never retried. Dropped connections are retried with exponential
 * backoff. Close the delivery to stop the SSH client's threads.
 */
public final class SftpDelivery implements AutoCloseable {

	private static final Log log = LogFactory.getLog(SftpDelivery.class);

	private final SftpSettings settings;

	private final int maxAttempts;

	private final Duration firstBackoff;

	private final Failures failures;

	private final DefaultSftpSessionFactory sessionFactory;

	private final SftpRemoteFileTemplate template;

	/** Three attempts, waiting 1 s and then 2 s between them. */
	public SftpDelivery(SftpSettings settings) {
		this(settings, 3, Duration.ofSeconds(1));
	}

	/**
	 * @param maxAttempts attempts per call to {@link #deliver}, at least 1
	 * @param firstBackoff wait after the first failed attempt; doubled after each further one
	 */
	public SftpDelivery(SftpSettings settings, int maxAttempts, Duration firstBackoff) {
		if (maxAttempts < 1 || firstBackoff.isNegative()) {
			throw new IllegalArgumentException("need at least one attempt and a non-negative backoff");
		}
		this.settings = validated(settings);
		this.maxAttempts = maxAttempts;
		this.firstBackoff = firstBackoff;
		this.failures = new Failures(settings);
		this.sessionFactory = sessionFactory(settings);
		this.template = new SftpRemoteFileTemplate(this.sessionFactory);
	}

	/**
	 * Uploads {@code files} in the given order, so the caller passes the control file last:
	 * the manufacturer may act on it as soon as it appears.
	 * @throws DeliveryException naming the server and the problem
	 */
	public DeliveryReceipt deliver(List<Path> files) {
		List<LocalFile> local = measure(files);
		List<DeliveredFile> delivered = withRetries(maxAttempts, "deliver", inbox -> {
			List<DeliveredFile> done = new ArrayList<>();
			inbox.list();
			for (LocalFile file : local) {
				done.add(inbox.put(file));
			}
			return done;
		});
		return new DeliveryReceipt(Instant.now(), delivered);
	}

	/**
	 * Connects, logs in and lists the inbox directory, once: a health check should answer
	 * now rather than wait out the backoff.
	 * @throws DeliveryException if any of it fails
	 */
	public void checkReachable() {
		withRetries(1, "check", RemoteInbox::list);
	}

	@Override
	public void close() {
		sessionFactory.destroy();
	}

	private <T> T withRetries(int attempts, String what, InboxCallback<T> callback) {
		Duration backoff = firstBackoff;
		for (int attempt = 1;; attempt++) {
			try {
				return template.execute((SessionCallback<SftpClient.DirEntry, T>) session -> callback
					.doWith(new RemoteInbox((SftpClient) session.getClientInstance(), settings.remoteDir(), failures)));
			}
			catch (RuntimeException ex) {
				DeliveryException failure = failures.translate(ex);
				if (!failure.isTransient()) {
					throw failure;
				}
				if (attempt == attempts) {
					throw (attempts == 1) ? failure : new DeliveryException(
							failure.getMessage() + " (gave up after " + attempts + " attempts)", true, failure.getCause());
				}
				log.warn(what + " attempt " + attempt + " of " + attempts + " failed, retrying in "
						+ backoff.toMillis() + " ms: " + failure.getMessage());
				sleep(backoff);
				backoff = backoff.multipliedBy(2);
			}
		}
	}

	private List<LocalFile> measure(List<Path> files) {
		if (files.isEmpty()) {
			throw new IllegalArgumentException("nothing to deliver");
		}
		Set<String> names = new HashSet<>();
		List<LocalFile> local = new ArrayList<>();
		for (Path file : files) {
			LocalFile measured = LocalFile.measure(file);
			if (!names.add(measured.name())) {
				throw new IllegalArgumentException("two files named " + measured.name() + " in one delivery");
			}
			local.add(measured);
		}
		return local;
	}

	private static SftpSettings validated(SftpSettings settings) {
		String where = "sftp " + settings.hostPort() + ": ";
		if (settings.host() == null || settings.host().isBlank()) {
			throw DeliveryException.permanent("sftp settings have no host");
		}
		if (settings.username() == null || settings.username().isBlank()) {
			throw DeliveryException.permanent(where + "no username configured");
		}
		if (settings.knownHostsFile() == null) {
			throw DeliveryException.permanent(where + "no known-hosts-file configured"
					+ " (refusing to connect: the server's host key is never accepted blindly)");
		}
		if (!Files.isReadable(settings.knownHostsFile())) {
			throw DeliveryException.permanent(where + "known_hosts " + settings.knownHostsFile() + " cannot be read");
		}
		if (settings.privateKeyFile() == null && (settings.password() == null || settings.password().isEmpty())) {
			throw DeliveryException.permanent(where + "neither a private-key-file nor a password configured");
		}
		if (settings.privateKeyFile() != null && !Files.isReadable(settings.privateKeyFile())) {
			throw DeliveryException.permanent(where + "private key " + settings.privateKeyFile() + " cannot be read");
		}
		return settings;
	}

	private static DefaultSftpSessionFactory sessionFactory(SftpSettings settings) {
		// Not shared: every attempt gets a fresh connection, so a dropped one is never reused.
		DefaultSftpSessionFactory factory = new DefaultSftpSessionFactory(false);
		factory.setHost(settings.host());
		factory.setPort(settings.port());
		factory.setUser(settings.username());
		factory.setKnownHostsResource(new FileSystemResource(settings.knownHostsFile()));
		factory.setAllowUnknownKeys(false);
		if (settings.privateKeyFile() != null) {
			factory.setPrivateKey(new FileSystemResource(settings.privateKeyFile()));
		}
		if (settings.password() != null && !settings.password().isEmpty()) {
			factory.setPassword(settings.password());
		}
		return factory;
	}

	private static void sleep(Duration backoff) {
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to retry a delivery", ex);
		}
	}

	@FunctionalInterface
	private interface InboxCallback<T> {

		T doWith(RemoteInbox inbox) throws java.io.IOException;

	}

}
