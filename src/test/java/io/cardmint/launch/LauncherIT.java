package io.cardmint.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/cardmint on the layout {@code mvn package} made (failsafe runs this after the package
 * phase): the extracted jar starts, and the application's classes come from the class-data-sharing
 * archive made at build time, so a missing or unusable archive fails here rather than silently
 * costing start-up time.
 */
class LauncherIT {

	private static final Path LAUNCHER = Path.of("bin/cardmint").toAbsolutePath();

	@TempDir
	Path dataDir;

	@Test
	void theArchiveMadeAtBuildTimeIsUsedByAReadOnlyCommand() throws Exception {
		Path loaded = this.dataDir.resolve("classes.log");
		Result token = run(List.of("token", "--account", "T12345678", "--cardmint.data-dir=" + this.dataDir),
				"-Xshare:on -Xlog:class+load=info:file=" + loaded);
		assertThat(token.exit()).as(token.stderr()).isZero();
		assertThat(token.stdout().strip()).as("a JWT alone on stdout").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
		try (Stream<String> lines = Files.lines(loaded)) {
			assertThat(lines.filter((line) -> line.contains("source: shared objects file (top)")).count())
				.as("classes of the application mapped from cardmint.jsa")
				.isGreaterThan(2000);
		}
	}

	@Test
	void versionAnswersFromTheExtractedJar() throws Exception {
		Result version = run(List.of("--version"), "-Xshare:on");
		assertThat(version.exit()).as(version.stderr()).isZero();
		assertThat(version.stdout()).contains("cardmint");
	}

	private Result run(List<String> args, String javaOptions) throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.dataDir, "out", ".txt");
		Path err = Files.createTempFile(this.dataDir, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder();
		builder.command().add(LAUNCHER.toString());
		builder.command().addAll(args);
		builder.environment().put("JAVA_OPTS", javaOptions);
		builder.redirectOutput(out.toFile()).redirectError(err.toFile());
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private record Result(int exit, String stdout, String stderr) {
	}

}
