package io.cardmint.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.cardmint.CardmintApplication;
import io.cardmint.order.job.BrokerUnavailableException;
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
		description = "Issues physical gift cards in bulk. Commands: serve (default), order, resume, orders, token, worker.",
		subcommands = { ServeCommand.class, OrderCommand.class, ResumeCommand.class, OrdersCommand.class,
				TokenCommand.class, WorkerCommand.class })
public class CardmintCommand implements Callable<Integer> {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int REJECTED = 2;

	/** The configuration does not work (e.g. the broker of remote partitioning cannot be reached). */
	public static final int CONFIGURATION = 3;

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
		if (command instanceof WorkerCommand) {
			try {
				// As arguments, not defaults: application.properties must not turn a worker back to local.
				List<String> workerArgs = new ArrayList<>(springArgs);
				workerArgs.addAll(List.of("--cardmint.mode=worker", "--cardmint.order.partitioning=remote",
						"--management.health.rabbit.enabled=true"));
				new SpringApplicationBuilder(CardmintApplication.class).run(workerArgs.toArray(String[]::new));
			}
			catch (RuntimeException ex) {
				BrokerUnavailableException broker = brokerUnavailable(ex);
				if (broker == null) {
					throw ex;
				}
				System.err.println("cardmint: " + broker.getMessage());
				System.exit(CONFIGURATION);
			}
			return;
		}
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
			if (brokerUnavailable(ex) != null) {
				System.err.println("cardmint: " + brokerUnavailable(ex).getMessage());
				return CONFIGURATION;
			}
			System.err.println("cardmint: " + CommandErrors.describe(ex));
			return FAILED;
		}
	}

	private static BrokerUnavailableException brokerUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof BrokerUnavailableException broker) {
				return broker;
			}
		}
		return null;
	}

}
