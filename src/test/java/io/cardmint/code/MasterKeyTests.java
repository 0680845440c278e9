package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MasterKeyTests {

	@TempDir
	Path dir;

	@Test
	void createsAnOwnerOnlyKeyFileWithParentDirectories() throws Exception {
		Path file = dir.resolve("data/keys/master.key");

		MasterKey created = MasterKey.loadOrCreate(file, true);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
		assertThat(created.keyId()).matches("[0-9a-f]{8}");
		try (var files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file); // no temporary file left behind
		}
	}

	@Test
	void creatingAKeyWarnsOnceAndLoadingItDoesNot() {
		Logger logger = (Logger) LoggerFactory.getLogger(MasterKey.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		try {
			Path file = dir.resolve("master.key");
			MasterKey.loadOrCreate(file, true);
			MasterKey.loadOrCreate(file, true);
			MasterKey.loadOrCreate(file, false);

			assertThat(logged.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).startsWith("A new master key was created at " + file)
					.contains("back it up now");
			});
		}
		finally {
			logger.detachAppender(logged);
		}
	}

	@Test
	void processesStartingTogetherEndUpWithOneKey() throws Exception {
		Path file = dir.resolve("shared/master.key");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> ids = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				ids.add(pool.submit(() -> {
					start.await();
					return MasterKey.loadOrCreate(file, true).keyId();
				}));
			}
			start.countDown();
			Set<String> distinct = new HashSet<>();
			for (Future<String> id : ids) {
				distinct.add(id.get());
			}
			assertThat(distinct).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
		try (var files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void loadingAgainGivesTheSameKey() {
		Path file = dir.resolve("master.key");
		MasterKey created = MasterKey.loadOrCreate(file, true);

		MasterKey loaded = MasterKey.loadOrCreate(file, false);

		assertThat(loaded.keyId()).isEqualTo(created.keyId());
		assertThat(loaded.deriveKey("x")).isEqualTo(created.deriveKey("x")).hasSize(32);
	}

	@Test
	void refusesAKeyFileOthersCanRead() throws Exception {
		Path file = dir.resolve("master.key");
		MasterKey.loadOrCreate(file, true);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		assertThatThrownBy(() -> MasterKey.loadOrCreate(file, false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("chmod 600");
	}

	@Test
	void refusesAMissingFileWhenNotAllowedToCreate() {
		Path file = dir.resolve("master.key");

		assertThatThrownBy(() -> MasterKey.loadOrCreate(file, false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not exist");
		assertThat(file).doesNotExist();
	}

	@Test
	void refusesAKeyOfTheWrongLength() throws Exception {
		Path file = dir.resolve("master.key");
		Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

		assertThatThrownBy(() -> MasterKey.loadOrCreate(file, true)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("16 bytes, expected 32");
	}

	@Test
	void keyDerivationIsAFixedVectorStableAcrossReleases() {
		// HMAC-SHA256(master, label), computed outside cardmint with Python's hmac module. Every
		// stored hash and sealed secret hangs on these bytes.
		MasterKey key = MasterKey.of(filled(1));

		assertThat(HexFormat.of().formatHex(key.deriveKey("cardmint/token-hash/v1")))
			.isEqualTo("67befbf7241ab042151b323d9561ada695318ebd3010b8a0379eeb589ce9fd32");
		assertThat(HexFormat.of().formatHex(key.deriveKey("cardmint/pin-hash/v1")))
			.isEqualTo("54ebc9a7a86639df918774e1cb6d1c0bc6debd8cb7544a5c2dc099c3d87a857c");
		assertThat(key.keyId()).isEqualTo("72cd6e84"); // first 4 bytes of SHA-256(master)
	}

	@Test
	void loadsAKeyFileWrittenByAnEarlierRelease() throws Exception {
		Path file = dir.resolve("master.key");
		Files.writeString(file, Base64.getEncoder().encodeToString(filled(1)) + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

		assertThat(MasterKey.loadOrCreate(file, false).keyId()).isEqualTo("72cd6e84");
	}

	@Test
	void derivedKeysDifferPerLabelAndToStringHidesTheKey() throws Exception {
		Path file = dir.resolve("master.key");
		MasterKey key = MasterKey.loadOrCreate(file, true);
		String encoded = Files.readString(file).strip();

		assertThat(key.deriveKey("a")).isNotEqualTo(key.deriveKey("b"));
		assertThat(key.toString()).isEqualTo("MasterKey[id=" + key.keyId() + "]").doesNotContain(encoded);
	}

	private static byte[] filled(int value) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) value);
		return key;
	}

}
