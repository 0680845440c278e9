package io.cardmint.delivery;

import java.nio.file.Path;

/**
 * Where and how to reach a manufacturer's SFTP inbox
 * ({@code cardmint.manufacturers.<id>.sftp.*}).
 *
 * <p>{@code knownHostsFile} is required by {@link SftpDelivery}: the server's host key is
 * checked against it and never accepted blindly. Give a private key, a password, or both.
 *
 * @param port defaults to 22
 * @param remoteDir defaults to the login directory ({@code .})
 */
public record SftpSettings(String host, Integer port, String username, Path privateKeyFile, String password,
		Path knownHostsFile, String remoteDir) {

	public SftpSettings {
		if (port == null) {
			port = 22;
		}
		if (remoteDir == null || remoteDir.isBlank()) {
			remoteDir = ".";
		}
	}

	/** {@code host:port}, the way every error message names the server. */
	public String hostPort() {
		return host + ":" + port;
	}

	// The generated toString would print the password into any log line that shows the settings.
	@Override
	public String toString() {
		return "SftpSettings[host=" + host + ", port=" + port + ", username=" + username + ", privateKeyFile="
				+ privateKeyFile + ", password=" + (password == null ? "none" : "***") + ", knownHostsFile="
				+ knownHostsFile + ", remoteDir=" + remoteDir + "]";
	}

}
