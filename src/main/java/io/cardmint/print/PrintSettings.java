package io.cardmint.print;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How one manufacturer's print files are made.
 *
 * @param publicKeyFile the manufacturer's OpenPGP public key (armored or binary); required
 * @param signingKeyFile our OpenPGP secret key; {@code null} leaves the file unsigned
 * @param signingKeyPassphrase passphrase of the signing key; {@code null} or empty for an unprotected key
 * @param maxRecordsPerFile split into numbered files of at most this many records; {@code null} = one file
 */
public record PrintSettings(Path publicKeyFile, Path signingKeyFile, String signingKeyPassphrase,
		Integer maxRecordsPerFile) {

	public PrintSettings {
		Objects.requireNonNull(publicKeyFile, "publicKeyFile");
		if (maxRecordsPerFile != null && maxRecordsPerFile < 1) {
			throw new IllegalArgumentException("maxRecordsPerFile must be at least 1, was " + maxRecordsPerFile);
		}
	}

	// The passphrase must not reach a log line through a settings dump.
	@Override
	public String toString() {
		return "PrintSettings[publicKeyFile=" + this.publicKeyFile + ", signingKeyFile=" + this.signingKeyFile
				+ ", signingKeyPassphrase=" + (this.signingKeyPassphrase == null ? "null" : "***")
				+ ", maxRecordsPerFile=" + this.maxRecordsPerFile + "]";
	}

}
