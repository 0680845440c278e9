package io.cardmint.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real GnuPG (2.2 on our machines) in a throw-away home directory: the proof that the
 * manufacturer's ordinary tools read what we write.
 */
public final class Gpg {

	public record Result(int exit, String stdout, String stderr) {

		public Result ok() {
			if (this.exit != 0) {
				throw new AssertionError("gpg failed (" + this.exit + "): " + this.stderr);
			}
			return this;
		}

	}

	private final Path home;

	public Gpg(Path home) throws IOException {
		this.home = Files.createDirectories(home);
		Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
	}

	public Result run(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--pinentry-mode", "loopback"));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(this.home, "out", ".txt");
		Path err = Files.createTempFile(this.home, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().put("GNUPGHOME", this.home.toString());
		Process process = builder.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("gpg timed out: " + command);
		}
		Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
		Files.delete(out);
		Files.delete(err);
		return result;
	}

	/** Makes a key with gpg itself and exports its public part, armored, to a file. */
	public Path generateKey(String userId, String algorithm, String usage, String passphrase, Path publicKeyFile)
			throws IOException, InterruptedException {
		run("--passphrase", passphrase, "--quick-gen-key", userId, algorithm, usage, "never").ok();
		run("--armor", "--output", publicKeyFile.toString(), "--export", userId).ok();
		return publicKeyFile;
	}

	public Path exportSecretKey(String userId, String passphrase, Path file) throws IOException, InterruptedException {
		run("--passphrase", passphrase, "--armor", "--output", file.toString(), "--export-secret-keys", userId).ok();
		return file;
	}

	public String fingerprint(String userId) throws IOException, InterruptedException {
		return run("--with-colons", "--list-keys", userId).ok()
			.stdout()
			.lines()
			.filter((line) -> line.startsWith("fpr:"))
			.findFirst()
			.orElseThrow()
			.split(":")[9];
	}

	/** Key ids of the subkeys gpg considers usable for encryption. */
	public List<String> encryptionSubkeyIds(String userId) throws IOException, InterruptedException {
		return run("--with-colons", "--list-keys", userId).ok()
			.stdout()
			.lines()
			.filter((line) -> line.startsWith("sub:"))
			.map((line) -> line.split(":"))
			.filter((f) -> !f[1].equals("e") && !f[1].equals("r") && f[11].contains("e"))
			.map((f) -> f[4])
			.toList();
	}

	/** Decrypts to a file; returns the status lines ({@code --status-fd 1}). */
	public Result decrypt(Path encrypted, Path plain) throws IOException, InterruptedException {
		return run("--status-fd", "1", "--output", plain.toString(), "--decrypt", encrypted.toString());
	}

	public void stopAgent() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("gpgconf", "--kill", "all").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("GNUPGHOME", this.home.toString());
		builder.start().waitFor(30, TimeUnit.SECONDS);
	}

}
