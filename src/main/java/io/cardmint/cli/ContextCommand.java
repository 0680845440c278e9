package io.cardmint.cli;

import org.springframework.context.ConfigurableApplicationContext;

/** A command that runs inside a Spring context without a web server, then exits. */
interface ContextCommand {

	int run(ConfigurableApplicationContext context);

	/** Value of {@code cardmint.mode}: lets serve-only beans (inbox, recovery) stay off. */
	default String mode() {
		return "cli";
	}

}
