package io.cardmint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardmint.cli.CardmintCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so what can be checked without one is: every file the Dockerfile
 * copies from the build context exists and is not excluded by .dockerignore (which keeps
 * {@code data/} — master key, database, private keys — out of the context), the image runs as
 * a numeric user with container-aware memory flags and a health check, and compose.yaml builds
 * this Dockerfile and runs commands cardmint has.
 */
class ContainerFilesTests {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	@Test
	void theDockerfileCopiesOnlyFilesThatExistAndAreInTheBuildContext() throws IOException {
		String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
		List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
		assertThat(ignore).contains("*").doesNotContain("!data/", "!data");
		Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
		List<String> sources = new ArrayList<>();
		while (copy.find()) {
			sources.add(copy.group(1));
		}
		assertThat(sources).contains("pom.xml", "sql", "src", "jobs/examples");
		for (String source : sources) {
			assertThat(ROOT.resolve(source)).as("COPY %s", source).exists();
			assertThat(ignore.stream().filter((line) -> line.startsWith("!"))
				.anyMatch((kept) -> (source + "/").startsWith(kept.substring(1)) || kept.substring(1).startsWith(source)))
				.as("%s is let through .dockerignore", source)
				.isTrue();
		}
		assertThat(dockerfile).containsPattern("(?m)^USER \\d+:\\d+$")
			.contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError", "HEALTHCHECK ", "/actuator/health/liveness",
					"-Djarmode=tools -jar target/cardmint.jar extract --layers")
			.doesNotContain("-Xmx");
	}

	@Test
	void composeBuildsThisDockerfileAndRunsCommandsCardmintHas() throws IOException {
		String compose = Files.readString(ROOT.resolve("compose.yaml"));
		assertThat(compose).contains("build: .");
		Matcher command = Pattern.compile("command: \\[\"(\\w+)\"]").matcher(compose);
		List<String> commands = new ArrayList<>();
		while (command.find()) {
			commands.add(command.group(1));
		}
		assertThat(commands).contains("serve", "worker");
		java.util.Set<String> known = new CommandLine(new CardmintCommand()).getSubcommands().keySet();
		assertThat(known).as("cardmint's commands").containsAll(commands.stream().filter((c) -> !c.startsWith("--")).toList());
		assertThat(compose).contains("MANAGEMENT_SERVER_PORT", "stop_grace_period");
	}

}
