package io.cardmint.order.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.cardmint.support.TokenHash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.cardmint.support.Sha256.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a completed order must be, checked from the outside: the card rows, the print
 * file as the manufacturer's gpg reads it, the control file, and the destroyed batch secret.
 */
final class CompletedOrderCheck {

	private final Connection db;

	private final Path dataDir;

	private final Path work;

	CompletedOrderCheck(Connection db, Path dataDir, Path work) {
		this.db = db;
		this.dataDir = dataDir;
		this.work = work;
	}

	void assertComplete(TestOrder order) throws Exception {
		assertOrderRow(order);
		List<byte[]> hashes = assertCardRows(order);
		Path outbox = this.dataDir.resolve("outbox").resolve(order.account());
		try (Stream<Path> files = Files.list(outbox)) {
			assertThat(files.map((f) -> f.getFileName().toString()).filter((n) -> n.endsWith(".part")))
				.as("temporary files left in %s", outbox)
				.isEmpty();
		}
		Path printFile = outbox.resolve(order.ref() + ".csv.pgp");
		assertControlFile(order, outbox.resolve(order.ref() + ".control.json"), printFile);
		assertPrintFile(order, printFile, hashes);
	}

	private void assertOrderRow(TestOrder order) throws SQLException {
		try (PreparedStatement ps = this.db.prepareStatement(
				"SELECT status, sealed_secret IS NULL, secret_destroyed_at IS NOT NULL FROM card_order WHERE account_id = ? AND order_ref = ?")) {
			ps.setString(1, order.account());
			ps.setString(2, order.ref());
			try (ResultSet rs = ps.executeQuery()) {
				assertThat(rs.next()).as("order row of %s", order.ref()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("completed");
				assertThat(rs.getBoolean(2)).as("batch secret destroyed (sealed_secret IS NULL)").isTrue();
				assertThat(rs.getBoolean(3)).as("secret_destroyed_at set").isTrue();
			}
		}
	}

	/** Exactly N rows, card_index 0..N-1 once each, the expected card ids; returns the token hashes by index. */
	private List<byte[]> assertCardRows(TestOrder order) throws SQLException {
		List<byte[]> hashes = new ArrayList<>(Math.toIntExact(order.count()));
		try (PreparedStatement ps = this.db.prepareStatement("""
				SELECT card_index, card_id, token_hash, status FROM card
				WHERE account_id = ? AND order_ref = ? ORDER BY card_index, seq""")) {
			ps.setString(1, order.account());
			ps.setString(2, order.ref());
			ps.setFetchSize(5000);
			try (ResultSet rs = ps.executeQuery()) {
				long expected = 0;
				while (rs.next()) {
					long index = rs.getLong(1);
					if (index != expected) {
						throw new AssertionError("card_index " + expected + " expected, found " + index
								+ ((index < expected) ? " (duplicate)" : " (gap)"));
					}
					assertThat(rs.getString(2)).isEqualTo(order.cardId(index));
					assertThat(rs.getString(4)).isEqualTo("inactive");
					hashes.add(rs.getBytes(3));
					expected++;
				}
				assertThat(expected).as("card rows of %s", order.ref()).isEqualTo(order.count());
			}
		}
		return hashes;
	}

	private void assertControlFile(TestOrder order, Path controlFile, Path printFile) throws Exception {
		JsonNode control = JsonMapper.builder().build().readTree(Files.readString(controlFile));
		assertThat(control.get("order_ref").asString()).isEqualTo(order.ref());
		assertThat(control.get("total_records").asLong()).isEqualTo(order.count());
		JsonNode files = control.get("files");
		assertThat(files.size()).isEqualTo(1);
		assertThat(files.get(0).get("name").asString()).isEqualTo(printFile.getFileName().toString());
		assertThat(files.get(0).get("records").asLong()).isEqualTo(order.count());
		assertThat(files.get(0).get("sha256").asString()).isEqualTo(sha256(printFile));
	}

	/** Decrypted by GnuPG with the demo manufacturer's secret key: N records, card order, tokens that hash right. */
	private void assertPrintFile(TestOrder order, Path printFile, List<byte[]> hashes) throws Exception {
		Path home = Files.createTempDirectory(this.work, "gnupg-");
		Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
		Path plain = this.work.resolve(order.ref() + ".csv");
		try {
			gpg(home, "--import", this.dataDir.resolve("demo-manufacturer/demo-manufacturer.sec.asc").toString());
			String status = gpg(home, "--status-fd", "1", "--output", plain.toString(), "--decrypt", printFile.toString());
			assertThat(status).contains("[GNUPG:] DECRYPTION_OKAY").contains("[GNUPG:] GOODMDC");
			TokenHash keyed = TokenHash.fromKeyFile(this.dataDir.resolve("master.key"));
			Set<String> tokens = new HashSet<>();
			try (BufferedReader csv = Files.newBufferedReader(plain, StandardCharsets.UTF_8)) {
				assertThat(csv.readLine()).isEqualTo("card_id,card_token,pin,barcode,denomination,design");
				long index = 0;
				for (String line = csv.readLine(); line != null; line = csv.readLine()) {
					assertThat(index).as("records in the print file").isLessThan(order.count());
					String[] f = line.split(",", -1);
					assertThat(f).hasSize(6);
					assertThat(f[0]).isEqualTo(order.cardId(index));
					assertThat(f[1]).matches("\\d{" + order.tokenDigits() + "}");
					assertThat(f[2]).matches("\\d{4}");
					assertThat(f[3]).isEqualTo(f[1]);
					assertThat(f[4] + "," + f[5]).isEqualTo("500 NOK,XMAS-26");
					if (!MessageDigest.isEqual(keyed.of(order.account(), f[1]), hashes.get((int) index))) {
						throw new AssertionError("token of card " + f[0] + " does not hash to its stored token_hash");
					}
					if (!tokens.add(f[1])) {
						throw new AssertionError("token of card " + f[0] + " repeats an earlier card's");
					}
					index++;
				}
				assertThat(index).as("records in the print file").isEqualTo(order.count());
			}
		}
		finally {
			Files.deleteIfExists(plain);
			new ProcessBuilder("gpgconf", "--kill", "all").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private static String gpg(Path home, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--homedir", home.toString()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(home, "out", ".txt");
		Path err = Files.createTempFile(home, "err", ".txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(300, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("gpg timed out: " + command);
		}
		if (process.exitValue() != 0) {
			throw new AssertionError("gpg " + String.join(" ", args) + " failed (" + process.exitValue() + "): "
					+ Files.readString(err));
		}
		return Files.readString(out);
	}

}
