package io.cardmint.delivery;

import static io.cardmint.support.Sha256.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpDeliveryTest {

	@TempDir
	Path tmp;

	TestSftpServer server;

	Path inbox;

	Path outbox;

	@BeforeEach
	void startServer() throws IOException {
		server = TestSftpServer.start(tmp);
		inbox = Files.createDirectories(server.root().resolve("inbox"));
		outbox = Files.createDirectories(tmp.resolve("outbox"));
	}

	@AfterEach
	void stopServer() throws IOException {
		server.close();
	}

	@Test
	void deliversFilesInOrderUnderTheirFinalNames() throws Exception {
		Path print = file("ACME-1.csv.pgp", 300_000);
		Path control = file("ACME-1.control.json", 200);

		DeliveryReceipt receipt;
		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			receipt = delivery.deliver(List.of(print, control));
		}

		assertThat(receipt.files()).extracting(DeliveredFile::name).containsExactly("ACME-1.csv.pgp", "ACME-1.control.json");
		assertThat(receipt.files().get(0)).isEqualTo(
				new DeliveredFile("ACME-1.csv.pgp", "/inbox/ACME-1.csv.pgp", 300_000, sha256(print)));
		for (DeliveredFile delivered : receipt.files()) {
			assertThat(sha256(inbox.resolve(delivered.name()))).isEqualTo(delivered.sha256());
		}
		assertThat(namesIn(inbox)).containsExactlyInAnyOrder("ACME-1.csv.pgp", "ACME-1.control.json");
	}

	@Test
	void controlFileIsWrittenOnlyAfterThePrintFilesAreComplete() throws Exception {
		Path part1 = file("ACME-1-0001.csv.pgp", 100_000);
		Path part2 = file("ACME-1-0002.csv.pgp", 100_000);
		Path control = file("ACME-1.control.json", 200);

		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			delivery.deliver(List.of(part1, part2, control));
		}

		assertThat(server.events()).containsExactly(
				"open .ACME-1-0001.csv.pgp.part", "moved .ACME-1-0001.csv.pgp.part -> ACME-1-0001.csv.pgp",
				"open .ACME-1-0002.csv.pgp.part", "moved .ACME-1-0002.csv.pgp.part -> ACME-1-0002.csv.pgp",
				"open .ACME-1.control.json.part", "moved .ACME-1.control.json.part -> ACME-1.control.json");
	}

	@Test
	void refusesAServerWhoseHostKeyIsNotInKnownHosts() throws Exception {
		Path knownHosts = tmp.resolve("other_known_hosts");
		Files.writeString(knownHosts,
				TestSftpServer.knownHostsLine(server.port(), TestSftpServer.newKeyPair().getPublic()) + "\n");
		SftpSettings settings = new SftpSettings(TestSftpServer.HOST, server.port(), TestSftpServer.USERNAME,
				server.clientKeyFile(), null, knownHosts, "/inbox");
		Path print = file("ACME-1.csv.pgp", 1000);

		// Long backoff: the test would take 15 s if a host key failure were retried.
		long started = System.nanoTime();
		try (SftpDelivery delivery = new SftpDelivery(settings, 3, Duration.ofSeconds(5))) {
			assertThatThrownBy(() -> delivery.deliver(List.of(print))).isInstanceOf(DeliveryException.class)
				.hasMessage("host key of 127.0.0.1:" + server.port() + " is not in known_hosts " + knownHosts
						+ " (refusing to connect)")
				.satisfies(ex -> assertThat(((DeliveryException) ex).isTransient()).isFalse());
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(server.events()).isEmpty();
		assertThat(namesIn(inbox)).isEmpty();
	}

	@Test
	void refusesSettingsWithoutKnownHosts() {
		SftpSettings settings = new SftpSettings(TestSftpServer.HOST, server.port(), TestSftpServer.USERNAME,
				server.clientKeyFile(), null, null, "/inbox");

		assertThatThrownBy(() -> new SftpDelivery(settings)).isInstanceOf(DeliveryException.class)
			.hasMessageContaining("127.0.0.1:" + server.port())
			.hasMessageContaining("no known-hosts-file configured");
	}

	@Test
	void anOutageMidUploadFailsTheDeliveryAndARerunCompletesIt() throws Exception {
		Path print = file("ACME-1.csv.pgp", 20 * 1024 * 1024);
		Path control = file("ACME-1.control.json", 200);
		server.failDuringUpload("", 2 * 1024 * 1024, Duration.ZERO);

		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			assertThatThrownBy(() -> delivery.deliver(List.of(print, control))).isInstanceOf(DeliveryException.class)
				.hasMessageContaining("127.0.0.1:" + server.port())
				.hasMessageContaining("connection refused")
				.hasMessageContaining("gave up after 2 attempts");
			assertThat(namesIn(inbox)).containsExactly(".ACME-1.csv.pgp.part");

			server.start();
			DeliveryReceipt receipt = delivery.deliver(List.of(print, control));

			assertThat(receipt.files()).extracting(DeliveredFile::name)
				.containsExactly("ACME-1.csv.pgp", "ACME-1.control.json");
		}
		assertThat(namesIn(inbox)).containsExactlyInAnyOrder("ACME-1.csv.pgp", "ACME-1.control.json");
		assertThat(sha256(inbox.resolve("ACME-1.csv.pgp"))).isEqualTo(sha256(print));
		assertThat(sha256(inbox.resolve("ACME-1.control.json"))).isEqualTo(sha256(control));
	}

	@Test
	void aShortOutageIsRetriedWithinOneDelivery() throws Exception {
		Path print = file("ACME-1.csv.pgp", 20 * 1024 * 1024);
		Path control = file("ACME-1.control.json", 200);
		AtomicBoolean outage = server.failDuringUpload("", 2 * 1024 * 1024, Duration.ofMillis(300));

		try (SftpDelivery delivery = new SftpDelivery(server.settings("/inbox"), 3, Duration.ofSeconds(1))) {
			delivery.deliver(List.of(print, control));
		}

		// The outage happened, the server came back, and the upload was opened again after it.
		assertThat(outage).isTrue();
		server.requireOutagesWentAsPlanned();
		assertThat(server.isRunning()).isTrue();
		assertThat(server.events()).filteredOn("open .ACME-1.csv.pgp.part"::equals).hasSizeGreaterThanOrEqualTo(2);
		assertThat(namesIn(inbox)).containsExactlyInAnyOrder("ACME-1.csv.pgp", "ACME-1.control.json");
		assertThat(sha256(inbox.resolve("ACME-1.csv.pgp"))).isEqualTo(sha256(print));
	}

	@Test
	void redeliveringADeliveredSetIsANoOp() throws Exception {
		Path print = file("ACME-1.csv.pgp", 50_000);
		Path control = file("ACME-1.control.json", 200);

		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			DeliveryReceipt first = delivery.deliver(List.of(print, control));
			int eventsAfterFirst = server.events().size();

			DeliveryReceipt second = delivery.deliver(List.of(print, control));

			assertThat(second.files()).isEqualTo(first.files());
			assertThat(server.events()).hasSize(eventsAfterFirst);
		}
		assertThat(namesIn(inbox)).containsExactlyInAnyOrder("ACME-1.csv.pgp", "ACME-1.control.json");
	}

	@Test
	void refusesToOverwriteADeliveredFileOfAnotherSize() throws Exception {
		Files.writeString(inbox.resolve("ACME-1.csv.pgp"), "someone else's file");
		Path print = file("ACME-1.csv.pgp", 50_000);

		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			assertThatThrownBy(() -> delivery.deliver(List.of(print))).isInstanceOf(DeliveryException.class)
				.hasMessageContaining("/inbox/ACME-1.csv.pgp already exists")
				.hasMessageContaining("refusing to overwrite");
		}
		assertThat(Files.readString(inbox.resolve("ACME-1.csv.pgp"))).isEqualTo("someone else's file");
		assertThat(namesIn(inbox)).containsExactly("ACME-1.csv.pgp");
	}

	@Test
	void logsInWithAPassword() throws Exception {
		Path print = file("ACME-1.csv.pgp", 10_000);

		try (SftpDelivery delivery = fastRetries(server.passwordSettings("/inbox"))) {
			delivery.deliver(List.of(print));
		}

		assertThat(sha256(inbox.resolve("ACME-1.csv.pgp"))).isEqualTo(sha256(print));
	}

	@Test
	void aWrongPasswordIsReportedAndNotRetried() throws Exception {
		SftpSettings settings = new SftpSettings(TestSftpServer.HOST, server.port(), TestSftpServer.USERNAME, null,
				"wrong-password", server.knownHostsFile(), "/inbox");

		try (SftpDelivery delivery = new SftpDelivery(settings, 3, Duration.ofSeconds(5))) {
			assertThatThrownBy(delivery::checkReachable).isInstanceOf(DeliveryException.class)
				.hasMessage("sftp 127.0.0.1:" + server.port() + ": authentication failed for user cardmint")
				.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("wrong-password"));
		}
	}

	@Test
	void aStoppedServerIsRetriedThenReportedAsConnectionRefused() throws Exception {
		Path print = file("ACME-1.csv.pgp", 1000);
		server.stop();

		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			assertThatThrownBy(() -> delivery.deliver(List.of(print))).isInstanceOf(DeliveryException.class)
				.hasMessage("sftp 127.0.0.1:" + server.port() + ": connection refused (gave up after 2 attempts)")
				.satisfies(ex -> assertThat(((DeliveryException) ex).isTransient()).isTrue());
		}
	}

	@Test
	void checkReachableTriesOnceAndSaysWhy() throws Exception {
		server.stop();

		// A health check must answer now: with retries this would wait 5 s.
		long started = System.nanoTime();
		try (SftpDelivery delivery = new SftpDelivery(server.settings("/inbox"), 3, Duration.ofSeconds(5))) {
			assertThatThrownBy(delivery::checkReachable)
				.hasMessage("sftp 127.0.0.1:" + server.port() + ": connection refused");
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void neverReplacesAFileThatAppearsUnderTheFinalNameDuringTheUpload() throws Exception {
		Path print = file("ACME-1.csv.pgp", 50_000);
		server.addListener(new SftpEventListener() {

			@Override
			public void moving(ServerSession session, Path src, Path dst, Collection<CopyOption> opts)
					throws IOException {
				Files.writeString(dst, "written by someone else meanwhile");
			}

		});

		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			assertThatThrownBy(() -> delivery.deliver(List.of(print))).isInstanceOf(DeliveryException.class)
				.hasMessage("sftp 127.0.0.1:" + server.port() + ": remote file /inbox/ACME-1.csv.pgp appeared during the"
						+ " upload (refusing to overwrite it; the upload stays in /inbox/.ACME-1.csv.pgp.part)")
				.satisfies(ex -> assertThat(((DeliveryException) ex).isTransient()).isFalse());
		}
		assertThat(Files.readString(inbox.resolve("ACME-1.csv.pgp"))).isEqualTo("written by someone else meanwhile");
	}

	@Test
	void aPrivateKeyFileWithoutAKeyIsReportedAndNotRetried() throws Exception {
		Path key = Files.writeString(tmp.resolve("garbage_key"), "not a key\n");
		SftpSettings settings = new SftpSettings(TestSftpServer.HOST, server.port(), TestSftpServer.USERNAME, key,
				null, server.knownHostsFile(), "/inbox");

		try (SftpDelivery delivery = new SftpDelivery(settings, 3, Duration.ofSeconds(5))) {
			assertThatThrownBy(delivery::checkReachable).isInstanceOf(DeliveryException.class)
				// MINA finds no key in the file and offers none: the server then refuses the login.
				.hasMessage("sftp 127.0.0.1:" + server.port() + ": authentication failed for user cardmint")
				.satisfies(ex -> assertThat(((DeliveryException) ex).isTransient()).isFalse());
		}
	}

	@Test
	void aMissingRemoteDirIsReported() throws Exception {
		Path print = file("ACME-1.csv.pgp", 1000);

		try (SftpDelivery delivery = fastRetries(server.settings("/no-such-dir"))) {
			assertThatThrownBy(() -> delivery.deliver(List.of(print))).isInstanceOf(DeliveryException.class)
				.hasMessage("sftp 127.0.0.1:" + server.port() + ": remote dir /no-such-dir does not exist");
			assertThatThrownBy(delivery::checkReachable).hasMessageContaining("/no-such-dir does not exist");
		}
	}

	@Test
	void checkReachableSucceedsAgainstARunningServerAndFailsWhenItIsDown() throws Exception {
		try (SftpDelivery delivery = fastRetries(server.settings("/inbox"))) {
			assertThatCode(delivery::checkReachable).doesNotThrowAnyException();
			assertThat(server.events()).isEmpty(); // looking is not uploading

			server.stop();
			assertThatThrownBy(delivery::checkReachable).isInstanceOf(DeliveryException.class)
				.hasMessageContaining("127.0.0.1:" + server.port())
				.satisfies(ex -> assertThat(((DeliveryException) ex).isTransient()).isTrue());
		}
		assertThat(namesIn(inbox)).isEmpty();
	}

	@Test
	void settingsNeverPrintThePassword() {
		assertThat(server.passwordSettings("/inbox").toString()).doesNotContain(TestSftpServer.PASSWORD)
			.contains("password=***");
		assertThat(new SftpSettings("h", null, "u", null, "p", null, null).port()).isEqualTo(22);
	}

	private SftpDelivery fastRetries(SftpSettings settings) {
		return new SftpDelivery(settings, 2, Duration.ofMillis(50));
	}

	private Path file(String name, int size) throws IOException {
		byte[] bytes = new byte[size];
		new Random(name.hashCode()).nextBytes(bytes);
		return Files.write(outbox.resolve(name), bytes);
	}

	private static List<String> namesIn(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(f -> f.getFileName().toString()).sorted().toList();
		}
	}


}
