package io.cardmint.cli;

import picocli.CommandLine.Command;

/** The default command: HTTP API, inbox polling, actuator. Started by {@link CardmintCommand}. */
@Command(name = "serve", description = "Serve the HTTP API, poll the inbox, expose the actuator (default).")
class ServeCommand {

}
