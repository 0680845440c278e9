package io.cardmint.print;

import io.cardmint.support.Gpg;

import static io.cardmint.support.Sha256.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPSecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PrintFileWriterTests {

	private static final List<String> EXTRAS = List.of("denomination", "design");

	@TempDir
	static Path keys;

	static Gpg gpg;

	static Path makerKey;

	static Path ourSigningKey;

	@TempDir
	Path outbox;

	@TempDir
	Path scratch;

	@BeforeAll
	static void keys() throws Exception {
		gpg = new Gpg(keys.resolve("gnupg"));
		makerKey = keys.resolve("maker.pub.asc");
		Path makerSecret = keys.resolve("maker.sec.asc");
		OpenPgpKeys.generateDemoKeyPair(makerKey, makerSecret, "Maker <maker@cardmint.invalid>");
		gpg.run("--import", makerSecret.toString()).ok();
		ourSigningKey = keys.resolve("cardmint.sec.asc");
		Path ourPublicKey = keys.resolve("cardmint.pub.asc");
		OpenPgpKeys.generateDemoKeyPair(ourPublicKey, ourSigningKey, "cardmint <print@cardmint.invalid>");
		gpg.run("--import", ourPublicKey.toString()).ok();
	}

	@AfterAll
	static void stopGpg() throws Exception {
		gpg.stopAgent();
	}

	@Test
	void gpgDecryptsExactlyTheCsvWritten() throws Exception {
		List<PrintedFile> files;
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "ACME-2026-11-001", EXTRAS, true,
				settings(makerKey, null))) {
			writer.write(new PrintRecord("ACME-00000001", "1234567890123456", "0042", "1234567890123456"),
					List.of("500 NOK", "XMAS-26"));
			writer.write(new PrintRecord("ACME-00000002", "tok,en", "9\"9", null),
					List.of("1,000 NOK", "line\r\nbreak"));
			writer.write(new PrintRecord("ACME-00000003", "ÆØÅ-€", "0000", "B"), List.of("", "Ünïcødé"));
			files = writer.finish();
		}

		assertThat(files).extracting(PrintedFile::name).containsExactly("ACME-2026-11-001.csv.pgp");
		assertThat(decrypt("ACME-2026-11-001.csv.pgp")).isEqualTo("card_id,card_token,pin,barcode,denomination,design\r\n"
				+ "ACME-00000001,1234567890123456,0042,1234567890123456,500 NOK,XMAS-26\r\n"
				+ "ACME-00000002,\"tok,en\",\"9\"\"9\",,\"1,000 NOK\",\"line\r\nbreak\"\r\n"
				+ "ACME-00000003,ÆØÅ-€,0000,B,,Ünïcødé\r\n");
	}

	@Test
	void messageIsSeipdV1WithAes256SoGnuPg22ReadsIt() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "R1", List.of(), false,
				settings(makerKey, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			writer.finish();
		}

		String status = gpg.decrypt(this.outbox.resolve("R1.csv.pgp"), this.scratch.resolve("r1.csv")).ok().stdout();
		// DECRYPTION_INFO <mdc_method> <sym_algo>: 2 = SEIPD v1 with MDC, 9 = AES-256
		assertThat(status).contains("[GNUPG:] DECRYPTION_INFO 2 9").contains("[GNUPG:] DECRYPTION_OKAY");
		assertThat(Files.readString(this.scratch.resolve("r1.csv"))).isEqualTo("card_id,card_token,pin\r\nC1,T1,P1\r\n");
	}

	@Test
	void encryptsToCurve25519KeysMadeByGpg() throws Exception {
		Path eccKey = gpg.generateKey("Ecc Maker <ecc@cardmint.invalid>", "future-default", "default", "",
				this.scratch.resolve("ecc.asc"));
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "ECC-1", List.of(), false,
				settings(eccKey, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			writer.finish();
		}

		assertThat(decrypt("ECC-1.csv.pgp")).isEqualTo("card_id,card_token,pin\r\nC1,T1,P1\r\n");
	}

	@Test
	void splitsIntoNumberedFilesWithAHeaderEachAndAControlFileThatMatchesTheDisk() throws Exception {
		List<PrintedFile> files;
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "SPLIT", List.of(), false,
				settings(makerKey, 3))) {
			for (int i = 1; i <= 7; i++) {
				writer.write(new PrintRecord("C" + i, "T" + i, "P" + i, null), List.of());
			}
			files = writer.finish();
		}

		assertThat(files).extracting(PrintedFile::name, PrintedFile::records)
			.containsExactly(tuple("SPLIT-0001.csv.pgp", 3L),
					tuple("SPLIT-0002.csv.pgp", 3L),
					tuple("SPLIT-0003.csv.pgp", 1L));
		assertThat(decrypt("SPLIT-0002.csv.pgp")).isEqualTo("card_id,card_token,pin\r\nC4,T4,P4\r\nC5,T5,P5\r\nC6,T6,P6\r\n");
		assertThat(decrypt("SPLIT-0003.csv.pgp")).isEqualTo("card_id,card_token,pin\r\nC7,T7,P7\r\n");
		assertThat(listOutbox()).containsExactlyInAnyOrder("SPLIT-0001.csv.pgp", "SPLIT-0002.csv.pgp",
				"SPLIT-0003.csv.pgp", "SPLIT.control.json");

		JsonNode control = JsonMapper.builder().build().readTree(this.outbox.resolve("SPLIT.control.json").toFile());
		assertThat(control.get("order_ref").asString()).isEqualTo("SPLIT");
		assertThat(control.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(control.get("total_records").asLong()).isEqualTo(7);
		assertThat(control.get("files")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			JsonNode entry = control.get("files").get(i);
			PrintedFile file = files.get(i);
			assertThat(entry.get("name").asString()).isEqualTo(file.name());
			assertThat(entry.get("records").asLong()).isEqualTo(file.records());
			assertThat(entry.get("sha256").asString()).isEqualTo(file.sha256()).isEqualTo(sha256(this.outbox.resolve(file.name())));
		}
	}

	@Test
	void aMaximumAlwaysGivesNumberedNamesEvenForOneFile() throws Exception {
		List<PrintedFile> files;
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "SMALL", List.of(), false,
				settings(makerKey, 1000))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			files = writer.finish();
		}

		assertThat(files).extracting(PrintedFile::name).containsExactly("SMALL-0001.csv.pgp");
	}

	@Test
	void onlyTheOwnerMayReadThePublishedFiles() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "PERM", List.of(), false,
				settings(makerKey, 1))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			writer.write(new PrintRecord("C2", "T2", "P2", null), List.of());
			writer.finish();
		}

		// Files are created with the umask's permissions (rw-r--r-- under the usual 022);
		// publishing narrows them, as for the master key.
		for (String name : List.of("PERM-0001.csv.pgp", "PERM-0002.csv.pgp", "PERM.control.json")) {
			assertThat(Files.getPosixFilePermissions(this.outbox.resolve(name))).as(name)
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
	}

	@Test
	void signedFileShowsAGoodSignatureInGpg() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "SIGNED", EXTRAS, false,
				settings(makerKey, ourSigningKey, null, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of("500 NOK", "XMAS-26"));
			writer.finish();
		}

		Gpg.Result result = gpg.decrypt(this.outbox.resolve("SIGNED.csv.pgp"), this.scratch.resolve("s.csv")).ok();
		assertThat(result.stdout()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG");
		assertThat(Files.readString(this.scratch.resolve("s.csv")))
			.isEqualTo("card_id,card_token,pin,denomination,design\r\nC1,T1,P1,500 NOK,XMAS-26\r\n");
	}

	@Test
	void signsWithAPassphraseProtectedKeyMadeByGpg() throws Exception {
		gpg.generateKey("Ops <ops@cardmint.invalid>", "future-default", "default", "pw", this.scratch.resolve("o.asc"));
		Path secret = gpg.exportSecretKey("ops@cardmint.invalid", "pw", this.scratch.resolve("ops.sec.asc"));
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "SIGNED2", List.of(), false,
				settings(makerKey, secret, "pw", 2))) {
			for (int i = 1; i <= 3; i++) {
				writer.write(new PrintRecord("C" + i, "T" + i, "P" + i, null), List.of());
			}
			writer.finish();
		}

		for (String name : List.of("SIGNED2-0001.csv.pgp", "SIGNED2-0002.csv.pgp")) {
			Gpg.Result result = gpg.decrypt(this.outbox.resolve(name), this.scratch.resolve(name + ".csv")).ok();
			assertThat(result.stdout()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG");
		}
		assertThatThrownBy(() -> PrintFileWriter.open(this.outbox, "SIGNED3", List.of(), false,
				settings(makerKey, secret, "not-it", null)))
			.isInstanceOf(PrintKeyException.class)
			.hasMessageContaining(secret.toString());
	}

	@Test
	void closeWithoutFinishLeavesNoFiles() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "CRASH", List.of(), false,
				settings(makerKey, 2))) {
			for (int i = 1; i <= 5; i++) {
				writer.write(new PrintRecord("C" + i, "T" + i, "P" + i, null), List.of());
			}
			assertThat(listOutbox()).isNotEmpty().allMatch((name) -> name.startsWith(".") && name.endsWith(".part"));
		}

		assertThat(listOutbox()).isEmpty();
	}

	@Test
	void noClearTextEverReachesTheOutboxWhileWriting() throws Exception {
		String marker = "CLEARTEXTMARKER";
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "BIG", EXTRAS, true,
				settings(makerKey, ourSigningKey, null, null))) {
			for (int i = 0; i < 50_000; i++) {
				writer.write(new PrintRecord("ACME-" + i, marker + i, "1234", marker), List.of("500 NOK", marker));
				if (i % 10_000 == 9_999) {
					List<String> names = listOutbox();
					assertThat(names).containsExactly(".BIG.csv.pgp.part");
					byte[] onDisk = Files.readAllBytes(this.outbox.resolve(names.get(0)));
					assertThat(onDisk.length).isGreaterThan(0);
					assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain(marker)
						.doesNotContain("card_token");
				}
			}
			writer.finish();
		}
		assertThat(listOutbox()).containsExactlyInAnyOrder("BIG.csv.pgp", "BIG.control.json");
		assertThat(Files.readString(this.outbox.resolve("BIG.control.json"))).doesNotContain(marker);
	}

	@Test
	void refusesToStartOverExistingOutputsUntilTheyAreDeleted() throws Exception {
		Files.writeString(this.outbox.resolve("OLD.csv.pgp"), "stale");
		Files.writeString(this.outbox.resolve(".OLD-0002.csv.pgp.part"), "stale");
		Files.writeString(this.outbox.resolve("OLD.control.json"), "stale");
		Files.writeString(this.outbox.resolve("OLDER.csv.pgp"), "another order");
		Files.writeString(this.outbox.resolve("OLD-final.csv.pgp"), "another order");

		assertThatThrownBy(() -> PrintFileWriter.open(this.outbox, "OLD", List.of(), false, settings(makerKey, null)))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("OLD");
		PrintFileWriter.deleteOutputs(this.outbox, "OLD");

		assertThat(listOutbox()).containsExactlyInAnyOrder("OLDER.csv.pgp", "OLD-final.csv.pgp");
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "OLD", List.of(), false,
				settings(makerKey, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			writer.finish();
		}
		assertThat(decrypt("OLD.csv.pgp")).isEqualTo("card_id,card_token,pin\r\nC1,T1,P1\r\n");
	}

	@Test
	void finishFailsWithoutPublishingAnythingWhenAFinalNameAppearedMeanwhile() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "RACE", List.of(), false,
				settings(makerKey, 1))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			writer.write(new PrintRecord("C2", "T2", "P2", null), List.of());
			Files.writeString(this.outbox.resolve("RACE-0002.csv.pgp"), "someone else's");
			assertThatThrownBy(writer::finish).isInstanceOf(UncheckedIOException.class)
				.hasMessageContaining("RACE-0002.csv.pgp");
			// Not even for a moment: a pick-up watching the outbox would take RACE-0001 before
			// close() could remove it again.
			assertThat(listOutbox()).containsExactlyInAnyOrder("RACE-0002.csv.pgp", ".RACE-0001.csv.pgp.part",
					".RACE-0002.csv.pgp.part");
		}

		assertThat(listOutbox()).containsExactly("RACE-0002.csv.pgp");
		assertThat(Files.readString(this.outbox.resolve("RACE-0002.csv.pgp"))).isEqualTo("someone else's");
	}

	@Test
	void finishFailsWithoutPublishingAnythingWhenTheControlFileNameIsTaken() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "CTL", List.of(), false,
				settings(makerKey, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			Files.writeString(this.outbox.resolve("CTL.control.json"), "someone else's");
			assertThatThrownBy(writer::finish).isInstanceOf(UncheckedIOException.class)
				.hasMessageContaining("CTL.control.json");
			// The print file is refused before it is renamed, not removed after it was visible.
			assertThat(listOutbox()).containsExactlyInAnyOrder("CTL.control.json", ".CTL.csv.pgp.part");
		}

		assertThat(listOutbox()).containsExactly("CTL.control.json");
		assertThat(Files.readString(this.outbox.resolve("CTL.control.json"))).isEqualTo("someone else's");
	}

	@Test
	void aFailedWriterAcceptsNothingButClose() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "FAILED", List.of(), false,
				settings(makerKey, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			Files.writeString(this.outbox.resolve("FAILED.csv.pgp"), "someone else's");
			assertThatThrownBy(writer::finish).isInstanceOf(UncheckedIOException.class);

			assertThatThrownBy(() -> writer.write(new PrintRecord("C2", "T2", "P2", null), List.of()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("print file of FAILED is FAILED");
			assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
				.hasMessage("print file of FAILED is FAILED");
		}
		assertThat(listOutbox()).containsExactly("FAILED.csv.pgp");
	}

	@Test
	void aWriteThatCannotStartTheNextFileFailsTheWriter() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "NEXT", List.of(), false,
				settings(makerKey, 1))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			// The second record needs a second file, whose temporary name is taken meanwhile.
			Files.writeString(this.outbox.resolve(".NEXT-0002.csv.pgp.part"), "someone else's");

			assertThatThrownBy(() -> writer.write(new PrintRecord("C2", "T2", "P2", null), List.of()))
				.isInstanceOf(UncheckedIOException.class)
				.hasRootCauseInstanceOf(FileAlreadyExistsException.class)
				.hasMessageContaining(".NEXT-0002.csv.pgp.part");
			assertThatThrownBy(() -> writer.write(new PrintRecord("C3", "T3", "P3", null), List.of()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("print file of NEXT is FAILED");
			assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
				.hasMessage("print file of NEXT is FAILED");
		}
		assertThat(listOutbox()).doesNotContain("NEXT-0001.csv.pgp", ".NEXT-0001.csv.pgp.part", "NEXT.control.json");
	}

	@Test
	void aFinishedWriterAcceptsNoMoreRecordsAndKeepsItsFilesOnClose() throws Exception {
		PrintFileWriter writer = PrintFileWriter.open(this.outbox, "DONE", List.of(), false, settings(makerKey, null));
		writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
		writer.finish();

		assertThatThrownBy(() -> writer.write(new PrintRecord("C2", "T2", "P2", null), List.of()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("print file of DONE is FINISHED");
		assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
			.hasMessage("print file of DONE is FINISHED");
		writer.close();
		assertThat(listOutbox()).containsExactlyInAnyOrder("DONE.csv.pgp", "DONE.control.json");
		assertThat(decrypt("DONE.csv.pgp")).isEqualTo("card_id,card_token,pin\r\nC1,T1,P1\r\n");
	}

	@Test
	void aClosedWriterAcceptsNothing() throws Exception {
		PrintFileWriter writer = PrintFileWriter.open(this.outbox, "CLOSED", List.of(), false, settings(makerKey, null));
		writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
		writer.close();
		writer.close(); // twice is harmless

		assertThatThrownBy(() -> writer.write(new PrintRecord("C2", "T2", "P2", null), List.of()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("print file of CLOSED is CLOSED");
		assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class)
			.hasMessage("print file of CLOSED is CLOSED");
		assertThat(listOutbox()).isEmpty();
	}

	@Test
	void theSignatureCarriesItsCreationTimeAndIssuerFingerprintInTheHashedArea() throws Exception {
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "SIGPKT", List.of(), false,
				settings(makerKey, ourSigningKey, null, null))) {
			writer.write(new PrintRecord("C1", "T1", "P1", null), List.of());
			writer.finish();
		}
		String fingerprint = gpg.fingerprint("print@cardmint.invalid");

		String packets = gpg.run("--list-packets", this.outbox.resolve("SIGPKT.csv.pgp").toString()).ok().stdout();

		// gpg prints the hashed subpackets of the signature packet (":signature packet:") as
		// "hashed subpkt <type> ...": 2 = signature creation time, 33 = issuer fingerprint.
		String signature = packets.substring(packets.indexOf(":signature packet:"));
		assertThat(signature).contains("digest algo 8") // SHA-256
			.contains("sigclass 0x00") // binary document
			.containsPattern("hashed subpkt 2 len 4 \\(sig created " + java.time.LocalDate.now(java.time.ZoneOffset.UTC))
			.contains("hashed subpkt 33 len 21 (issuer fpr v4 " + fingerprint + ")");
	}

	@Test
	void aPublicKeyFileWithoutAnEncryptionKeyIsRejectedBeforeAnythingIsWritten() throws Exception {
		Path signOnly = gpg.generateKey("Sign Only <so@cardmint.invalid>", "ed25519", "sign,cert", "",
				this.scratch.resolve("sign-only.asc"));

		assertThatThrownBy(() -> PrintFileWriter.open(this.outbox, "NOKEY", List.of(), false, settings(signOnly, null)))
			.isInstanceOf(PrintKeyException.class)
			.hasMessageContaining(signOnly.toString());
		assertThat(listOutbox()).isEmpty();
	}

	@Test
	void rejectsWrongExtraValuesAndUnsafeOrderRefs() throws Exception {
		assertThatThrownBy(() -> PrintFileWriter.open(this.outbox, "../escape", List.of(), false,
				settings(makerKey, null)))
			.isInstanceOf(IllegalArgumentException.class);
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, "X", EXTRAS, false, settings(makerKey, null))) {
			assertThatThrownBy(() -> writer.write(new PrintRecord("C1", "T1", "P1", null), List.of("only one")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageNotContaining("T1")
				.hasMessageNotContaining("P1");
		}
		assertThat(listOutbox()).isEmpty();
	}

	@Test
	void recordsAndSettingsNeverPrintSecrets() {
		assertThat(new PrintRecord("ACME-1", "SECRET-TOKEN", "9876", "SECRET-TOKEN").toString()).contains("ACME-1")
			.doesNotContain("SECRET-TOKEN")
			.doesNotContain("9876");
		// What a settings dump may show: the files and that a passphrase is set.
		assertThat(settings(makerKey, ourSigningKey, "hunter2", null).toString()).doesNotContain("hunter2")
			.contains("publicKeyFile=" + makerKey)
			.contains("signingKeyFile=" + ourSigningKey)
			.contains("signingKeyPassphrase=***");
		PGPSecretKey secret = OpenPgpKeys.signingKey(ourSigningKey);
		EncryptedPart.Signer signer = new EncryptedPart.Signer(secret.getPublicKey(),
				OpenPgpKeys.privateKey(secret, null));
		assertThat(signer.toString()).isEqualTo("Signer[" + KeyValidity.describe(secret.getPublicKey()) + "]");
	}

	private String decrypt(String name) throws Exception {
		Path plain = this.scratch.resolve(name + ".plain");
		Files.deleteIfExists(plain);
		gpg.decrypt(this.outbox.resolve(name), plain).ok();
		return Files.readString(plain, StandardCharsets.UTF_8);
	}

	private List<String> listOutbox() throws Exception {
		try (Stream<Path> files = Files.list(this.outbox)) {
			return new ArrayList<>(files.map((file) -> file.getFileName().toString()).sorted().toList());
		}
	}

	private static PrintSettings settings(Path publicKey, Integer max) {
		return settings(publicKey, null, null, max);
	}

	private static PrintSettings settings(Path publicKey, Path signingKey, String passphrase, Integer max) {
		return new PrintSettings(publicKey, signingKey, passphrase, max);
	}

}
