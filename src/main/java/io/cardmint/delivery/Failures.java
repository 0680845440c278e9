package io.cardmint.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Turns whatever Spring Integration and MINA SSHD threw into a {@link DeliveryException}
 * that tells the operator what is wrong, and whether retrying can help.
 *
 * <p>The interesting exception is usually several causes deep: the session factory wraps it
 * in an {@code IllegalStateException}, the template in a {@code MessagingException}.
 */
final class Failures {

	private final SftpSettings settings;

	Failures(SftpSettings settings) {
		this.settings = settings;
	}

	DeliveryException translate(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			if (t instanceof DeliveryException delivery) {
				return delivery;
			}
		}
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			DeliveryException known = recognise(t);
			if (known != null) {
				return known;
			}
		}
		// An I/O failure we cannot name is most likely the connection going away mid-transfer.
		// The deepest one says it best ("Connection reset by peer"); the outer ones wrap it.
		Throwable io = null;
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			if (t instanceof IOException) {
				io = t;
			}
		}
		if (io != null) {
			return fail("connection lost (" + describe(io) + ")", true, thrown);
		}
		return fail("unexpected failure (" + describe(thrown) + ")", false, thrown);
	}

	private DeliveryException recognise(Throwable t) {
		if (t instanceof SshException ssh) {
			if (ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE
					|| "Server key did not validate".equals(ssh.getMessage())) {
				return new DeliveryException("host key of " + settings.hostPort() + " is not in known_hosts "
						+ settings.knownHostsFile() + " (refusing to connect)", false, t);
			}
			if (ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
				return fail("authentication failed for user " + settings.username(), false, t);
			}
		}
		if (t instanceof IOException && t.getMessage() != null && t.getMessage().startsWith("Cannot load private key")) {
			return fail("cannot load private key " + settings.privateKeyFile(), false, t);
		}
		if (t instanceof ConnectException) {
			return fail("connection refused", true, t);
		}
		if (t instanceof NoRouteToHostException) {
			return fail("no route to host", true, t);
		}
		if (t instanceof UnknownHostException) {
			return fail("unknown host", false, t);
		}
		if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
			return fail("timed out", true, t);
		}
		if (t instanceof SftpException sftp) {
			// A status reply: the server is there and answered; trying again will not change it.
			return fail("server refused an operation: " + SftpConstants.getStatusName(sftp.getStatus()) + " ("
					+ sftp.getMessage() + ")", false, t);
		}
		return null;
	}

	DeliveryException fail(String problem, boolean transientFailure, Throwable cause) {
		return new DeliveryException("sftp " + settings.hostPort() + ": " + problem, transientFailure, cause);
	}

	private static String describe(Throwable t) {
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}

}
