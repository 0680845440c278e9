package io.cardmint.cli;

import io.cardmint.CardmintApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A command that runs inside a Spring context without a web server, then exits. */
interface ContextCommand {

	int run(ConfigurableApplicationContext context);

	/** Value of {@code cardmint.mode}: lets serve-only beans (inbox, recovery) stay off. */
	default String mode() {
		return "cli";
	}

	/**
	 * The application the command runs in: the whole of cardmint by default; a read-only
	 * command names a small configuration of its own, which starts several times faster.
	 */
	default SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(CardmintApplication.class).web(WebApplicationType.NONE);
	}

}
