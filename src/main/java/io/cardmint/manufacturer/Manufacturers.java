package io.cardmint.manufacturer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;

import io.cardmint.print.OpenPgpKeys;
import io.cardmint.print.PrintSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The configured manufacturers, plus {@code demo}: when no manufacturer of that name is
 * configured, a local key pair is generated in the data dir on first use so that the demo
 * order runs on a fresh clone. Its secret key decrypts the demo print file and nothing else.
 */
@Component
public class Manufacturers {

	public static final String DEMO = "demo";

	private static final Logger log = LoggerFactory.getLogger(Manufacturers.class);

	private final ManufacturerProperties properties;

	private final Path dataDir;

	Manufacturers(ManufacturerProperties properties, @Value("${cardmint.data-dir}") Path dataDir) {
		this.properties = properties;
		this.dataDir = dataDir;
	}

	public Optional<ManufacturerProperties.Manufacturer> find(String id) {
		ManufacturerProperties.Manufacturer configured = this.properties.manufacturers().get(id);
		if (configured != null) {
			return Optional.of(configured);
		}
		return DEMO.equals(id) ? Optional.of(demo()) : Optional.empty();
	}

	public ManufacturerProperties.Manufacturer require(String id) {
		return find(id).orElseThrow(() -> new UnknownManufacturerException("unknown manufacturer '" + id + "'; configured: "
				+ names() + " (cardmint.manufacturers.<id>.public-key-file)"));
	}

	public TreeSet<String> names() {
		TreeSet<String> names = new TreeSet<>(this.properties.manufacturers().keySet());
		names.add(DEMO);
		return names;
	}

	public PrintSettings printSettings(String id) {
		ManufacturerProperties.Manufacturer manufacturer = require(id);
		return new PrintSettings(manufacturer.publicKeyFile(), manufacturer.signingKeyFile(),
				manufacturer.signingKeyPassphrase(), manufacturer.maxRecordsPerFile());
	}

	public Path demoSecretKeyFile() {
		return demoDir().resolve("demo-manufacturer.sec.asc");
	}

	private Path demoDir() {
		return this.dataDir.resolve("demo-manufacturer");
	}

	private synchronized ManufacturerProperties.Manufacturer demo() {
		Path publicKey = demoDir().resolve("demo-manufacturer.pub.asc");
		if (!Files.exists(publicKey)) {
			try {
				Files.createDirectories(demoDir());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException("cannot create " + demoDir(), ex);
			}
			OpenPgpKeys.generateDemoKeyPair(publicKey, demoSecretKeyFile(), "cardmint demo manufacturer <demo@cardmint.invalid>");
			log.warn("Generated the demo manufacturer's OpenPGP key pair in {} (for the local demo only)", demoDir());
		}
		return new ManufacturerProperties.Manufacturer(publicKey, null, null, null, null);
	}

}
