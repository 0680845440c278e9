package io.cardmint.manufacturer;

import java.nio.file.Path;
import java.util.Map;

import io.cardmint.delivery.SftpSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code cardmint.manufacturers.<id>.*}: who prints the cards, and how their files reach them. */
@ConfigurationProperties("cardmint")
public record ManufacturerProperties(Map<String, Manufacturer> manufacturers) {

	public ManufacturerProperties {
		manufacturers = (manufacturers != null) ? Map.copyOf(manufacturers) : Map.of();
	}

	/**
	 * A card manufacturer: its OpenPGP public key, optionally our signing key, an optional
	 * split size, and optionally the SFTP inbox the files are dropped in.
	 */
	public record Manufacturer(Path publicKeyFile, Path signingKeyFile, String signingKeyPassphrase,
			Integer maxRecordsPerFile, SftpSettings sftp) {

		@Override
		public String toString() {
			return "Manufacturer[publicKeyFile=" + this.publicKeyFile + ", signingKeyFile=" + this.signingKeyFile
					+ ", maxRecordsPerFile=" + this.maxRecordsPerFile + ", sftp=" + this.sftp + "]";
		}

	}

}
