package io.cardmint.order.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cardmint.CardmintApplication;
import io.cardmint.support.TestDatabase;

/**
 * The real command line in a child JVM, as an operator runs it: {@code cardmint order …} or
 * {@code cardmint resume …} against the test database. The jar is not built yet in the test
 * phase, so the child runs on the test class path. Output goes to files, read after it ends.
 */
final class CardmintProcess {

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private final String command;

	private CardmintProcess(Process process, Path stdout, Path stderr, String command) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
		this.command = command;
	}

	/** Starts {@code cardmint <args…>} with the shared data dir; logs go to {@code logDir}. */
	static CardmintProcess start(Path dataDir, Path logDir, String name, String... args) throws IOException {
		return start(dataDir, logDir, name, Map.of(), args);
	}

	/**
	 * Starts {@code cardmint <args…>} with the test database and these settings over the
	 * defaults (the value {@code -} leaves a default out).
	 */
	static CardmintProcess start(Path dataDir, Path logDir, String name, Map<String, String> settings, String... args)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m", "-cp", System.getProperty("java.class.path"), CardmintApplication.class.getName()));
		command.addAll(List.of(args));
		Map<String, String> all = new LinkedHashMap<>();
		all.put("spring.datasource.url", TestDatabase.url());
		all.put("spring.datasource.username", TestDatabase.username());
		all.put("spring.datasource.password", TestDatabase.password());
		all.put("cardmint.data-dir", dataDir.toString());
		all.put("cardmint.master-key-create", "true");
		all.put("cardmint.order.chunk-size", "500");
		all.putAll(settings);
		all.forEach((key, value) -> {
			if (!"-".equals(value)) {
				command.add("--" + key + "=" + value);
			}
		});
		Files.createDirectories(logDir);
		Path out = logDir.resolve(name + ".out");
		Path err = logDir.resolve(name + ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		return new CardmintProcess(process, out, err, String.join(" ", args));
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGKILL on Linux: no shutdown hook, no finally block, no log line runs. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError("child did not die: " + this.command);
		}
	}

	/** SIGTERM on Linux: what a service manager or Kubernetes sends to stop a process. */
	void terminate() {
		this.process.destroy();
	}

	long pid() {
		return this.process.pid();
	}

	int waitFor(long seconds) throws InterruptedException, IOException {
		if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("`cardmint " + this.command + "` did not end within " + seconds + " s\n" + describe());
		}
		return this.process.exitValue();
	}

	String stdout() throws IOException {
		return Files.readString(this.stdout, StandardCharsets.UTF_8);
	}

	String stderr() throws IOException {
		return Files.readString(this.stderr, StandardCharsets.UTF_8);
	}

	/** For assertion messages: the command and the end of its output. */
	String describe() throws IOException {
		String err = stderr();
		return "`cardmint " + this.command + "`\n--- stdout\n" + stdout() + "--- stderr (last 4000 chars)\n"
				+ err.substring(Math.max(0, err.length() - 4000));
	}

}
