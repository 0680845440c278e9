package io.cardmint.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardmint.CardmintApplication;
import io.cardmint.order.OrderRunner;
import io.cardmint.order.job.BrokerUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar cardmint.jar <command>}. Arguments of the form {@code --some.property=value}
 * go to Spring as usual; the rest are parsed here. Every command but {@code serve} runs in a
 * context without a web server — the read-only ones ({@code orders}, {@code token}) in a small
 * one that starts in a fraction of the time — and exits with its status.
 */
@Command(name = "cardmint", mixinStandardHelpOptions = true, versionProvider = CardmintCommand.Version.class,
		description = "Issues physical gift cards in bulk.",
		subcommands = { ServeCommand.class, OrderCommand.class, ResumeCommand.class, OrdersCommand.class,
				TokenCommand.class, WorkerCommand.class },
		footerHeading = "%nCommands without a name run serve. Spring properties go as --key=value "
				+ "(e.g. --spring.datasource.url=…).%n",
		exitCodeListHeading = CardmintCommand.EXIT_HEADING, exitCodeList = { CardmintCommand.EXIT_0,
				CardmintCommand.EXIT_1, CardmintCommand.EXIT_2, CardmintCommand.EXIT_3 })
public class CardmintCommand implements Runnable {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int REJECTED = 2;

	public static final int CONFIGURATION = 3;

	// Shown by every command's --help.
	static final String EXIT_HEADING = "%nExit status:%n";

	static final String EXIT_0 = "0:done";

	static final String EXIT_1 = "1:failed or stopped (resumable: nothing lost, `resume` continues it)";

	static final String EXIT_2 = "2:rejected input (nothing written)";

	static final String EXIT_3 = "3:configuration error: master key, database, broker or a setting (nothing run)";

	@Override
	public void run() {
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
				// As for serve: a worker that cannot start (broker, database, master key) is misconfigured.
				BrokerUnavailableException broker = brokerUnavailable(ex);
				System.err.println("cardmint: "
						+ ((broker != null) ? broker.getMessage() : "cannot start: " + CommandErrors.describe(ex)));
				System.exit(CONFIGURATION);
			}
			return;
		}
		if (command instanceof ServeCommand) {
			try {
				// Only serve polls the inbox and recovers orders; tests and other commands do not.
				new SpringApplicationBuilder(CardmintApplication.class).properties("cardmint.mode=serve")
					.run(springArgs.toArray(String[]::new));
			}
			catch (RuntimeException ex) {
				// Spring has logged why (with a failure analysis where it has one); the status says what kind.
				System.err.println("cardmint: cannot start: " + CommandErrors.describe(ex));
				System.exit(CONFIGURATION);
			}
			return;
		}
		System.exit(runInContext((ContextCommand) command, springArgs));
	}

	private static int runInContext(ContextCommand command, List<String> springArgs) {
		ConfigurableApplicationContext context;
		try {
			context = command.application()
				// A command reports a failure in one line of its own, never with a stack trace.
				// Log lines stay one line each (%nopex drops the stack trace of a logged exception, e.g.
				// Spring Batch's "Encountered an error executing step"); debug with
				// --logging.exception-conversion-word=%wEx.
				.properties("cardmint.mode=" + command.mode(),
						"logging.level.org.springframework.boot.SpringApplication=off", "logging.level.root=warn",
						"logging.level.io.cardmint=info", "logging.exception-conversion-word=%nopex")
				.logStartupInfo(false)
				// SIGTERM is handled below: the order stops at a chunk boundary before the context closes.
				.registerShutdownHook(false)
				.run(springArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Nothing has run yet: a failing start is the master key, the database, the broker or a setting.
			BrokerUnavailableException broker = brokerUnavailable(ex);
			System.err.println("cardmint: "
					+ ((broker != null) ? broker.getMessage() : "configuration error: " + CommandErrors.describe(ex)));
			return CONFIGURATION;
		}
		GracefulStop stop = new GracefulStop(context);
		Runtime.getRuntime().addShutdownHook(stop);
		int status;
		try (context) {
			status = command.run(context);
		}
		catch (RuntimeException ex) {
			if (brokerUnavailable(ex) != null) {
				System.err.println("cardmint: " + brokerUnavailable(ex).getMessage());
				return CONFIGURATION;
			}
			System.err.println("cardmint: " + CommandErrors.describe(ex));
			status = CommandErrors.isConfiguration(ex) ? CONFIGURATION : FAILED;
		}
		stop.finished(status);
		return status;
	}

	/**
	 * On SIGTERM (or Ctrl-C) while a command runs: the orders it runs stop at their next chunk
	 * boundary and are recorded as stopped, the command prints its summary and closes the
	 * context (releasing the leases), and the process exits with the command's status — all
	 * within {@code spring.lifecycle.timeout-per-shutdown-phase}. After a normal end it does
	 * nothing.
	 */
	private static final class GracefulStop extends Thread {

		private final ConfigurableApplicationContext context;

		private final Duration grace;

		private final CountDownLatch finished = new CountDownLatch(1);

		private final AtomicInteger status = new AtomicInteger(FAILED);

		GracefulStop(ConfigurableApplicationContext context) {
			super("cardmint-stop");
			this.context = context;
			this.grace = context.getEnvironment()
				.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30));
		}

		void finished(int status) {
			this.status.set(status);
			this.finished.countDown();
		}

		@Override
		public void run() {
			if (this.finished.getCount() == 0) {
				return;
			}
			long deadline = System.nanoTime() + this.grace.toNanos();
			OrderRunner runner = this.context.getBeanProvider(OrderRunner.class).getIfAvailable();
			if (runner != null) {
				runner.stopAll();
			}
			try {
				// A second past the grace period for the summary and closing the context.
				long left = Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1);
				if (!this.finished.await(left, TimeUnit.NANOSECONDS)) {
					System.err.println("cardmint: did not stop within " + this.grace.toSeconds()
							+ " s; `cardmint resume` continues what was left");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			System.out.flush();
			System.err.flush();
			// The JVM would end with 143; the command's own status says more (1: stopped, resumable).
			Runtime.getRuntime().halt(this.status.get());
		}

	}

	/** {@code --version}: the jar's implementation version. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = CardmintCommand.class.getPackage().getImplementationVersion();
			return new String[] { "cardmint " + ((version != null) ? version : "(development build)") };
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
