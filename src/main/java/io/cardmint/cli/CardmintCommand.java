package io.cardmint.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cardmint.CardmintApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar cardmint.jar <command>}. Arguments of the form {@code --some.property=value}
 * go to Spring as usual; the rest are parsed here. Every command but {@code serve} runs in a
 * context without a web server and exits with its status: 0 done, 1 failed, 2 rejected input.
 */
@Command(name = "cardmint", mixinStandardHelpOptions = true,
		description = "Issues physical gift cards in bulk. Commands: serve (default), order, resume, orders, token.",
		subcommands = { ServeCommand.class, OrderCommand.class, ResumeCommand.class, OrdersCommand.class,
				TokenCommand.class })
public class CardmintCommand implements Callable<Integer> {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int REJECTED = 2;

	@Override
	public Integer call() {
		return OK;
	}

	public static void main(String[] args) {
		List<String> springArgs = new ArrayList<>();
		List<String> commandArgs = new ArrayList<>();
		for (String arg : args) {
			boolean property = arg.startsWith("--") && arg.contains("=") && arg.substring(0, arg.indexOf('=')).contains(".");
			(property ? springArgs : commandArgs).add(arg);
		}
		CommandLine commandLine = new CommandLine(new CardmintCommand());
		CommandLine.ParseResult parsed;
		try {
			parsed = commandLine.parseArgs(commandArgs.toArray(String[]::new));
		}
		catch (CommandLine.ParameterException ex) {
			System.err.println("cardmint: " + ex.getMessage());
			ex.getCommandLine().usage(System.err);
			System.exit(REJECTED);
			return;
		}
		if (CommandLine.printHelpIfRequested(parsed)) {
			System.exit(OK);
			return;
		}
		CommandLine.ParseResult sub = parsed.subcommand();
		Object command = (sub != null) ? sub.commandSpec().userObject() : new ServeCommand();
		if (command instanceof ServeCommand) {
			// Only serve polls the inbox and recovers orders; tests and other commands do not.
			new SpringApplicationBuilder(CardmintApplication.class).properties("cardmint.mode=serve")
				.run(springArgs.toArray(String[]::new));
			return;
		}
		System.exit(runInContext((ContextCommand) command, springArgs));
	}

	private static int runInContext(ContextCommand command, List<String> springArgs) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CardmintApplication.class)
			.web(WebApplicationType.NONE)
			// A command reports a failure in one line of its own, never with a stack trace.
			// Log lines stay one line each (%nopex drops the stack trace of a logged exception, e.g.
			// Spring Batch's "Encountered an error executing step"); debug with
			// --logging.exception-conversion-word=%wEx.
			.properties("cardmint.mode=" + command.mode(), "logging.level.org.springframework.boot.SpringApplication=off",
					"logging.level.root=warn", "logging.level.io.cardmint=info",
					"logging.exception-conversion-word=%nopex")
			.logStartupInfo(false)
			.run(springArgs.toArray(String[]::new))) {
			return command.run(context);
		}
		catch (RuntimeException ex) {
			System.err.println("cardmint: " + CommandErrors.describe(ex));
			return FAILED;
		}
	}

}
