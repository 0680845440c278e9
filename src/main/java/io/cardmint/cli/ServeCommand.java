package io.cardmint.cli;

import picocli.CommandLine.Command;

/** The default command: HTTP API, inbox polling, actuator. Started by {@link CardmintCommand}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Serve the HTTP API, poll the inbox, resume orders left behind, expose the actuator (default).",
				"SIGTERM stops running orders at a chunk boundary within spring.lifecycle.timeout-per-shutdown-phase." },
		exitCodeListHeading = CardmintCommand.EXIT_HEADING,
		exitCodeList = { "0:stopped normally", "143:stopped by SIGTERM (orders stopped; resumed on the next start)",
				CardmintCommand.EXIT_3 })
class ServeCommand {

}
