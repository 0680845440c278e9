package io.cardmint.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cardmint.order.Order;
import io.cardmint.order.OrderRunner;
import io.cardmint.order.Orders;
import io.cardmint.print.PrintedFile;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs an order in the foreground for a command: progress on stderr — a bar only when stderr
 * is a terminal, otherwise a plain line every few seconds and one per step — and the summary
 * on stdout. While the bar is shown, every log line first clears it, so a log line never
 * lands inside the bar; the bar redraws below it.
 */
final class OrderConsole {

	private static final Map<String, String> STEPS = Map.of("stageCards", "staging the listed card ids",
			"generateCards", "generating cards", "writePrintFile", "writing the print file", "deliver", "delivering",
			"destroyBatchSecret", "destroying the batch secret");

	private final OrderRunner runner;

	private final Orders orders;

	OrderConsole(OrderRunner runner, Orders orders) {
		this.runner = runner;
		this.orders = orders;
	}

	/**
	 * Returns the exit status: 0 completed, 1 failed, stopped, or held by another process, 2
	 * rejected (a listed card id repeated or already used).
	 */
	int run(Order order) {
		AtomicBoolean done = new AtomicBoolean();
		Thread progress = new Thread(() -> report(order, done), "progress");
		progress.setDaemon(true);
		progress.start();
		Optional<OrderRunner.Outcome> outcome;
		try {
			outcome = this.runner.run(order);
		}
		finally {
			done.set(true);
			progress.interrupt();
			try {
				progress.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (outcome.isEmpty()) {
			if (this.runner.isStopping()) {
				System.err.println("cardmint: order " + order.orderRef() + " not started: the process is stopping");
				return CardmintCommand.FAILED;
			}
			System.err.println("cardmint: order " + order.orderRef() + " is being run by another live process ("
					+ this.orders.leaseHolder(order.id()).orElse("?") + "); not touching it");
			return CardmintCommand.FAILED;
		}
		if (outcome.get().rejected()) {
			System.err.println("cardmint: rejected order " + order.orderRef() + ": " + outcome.get().message());
			System.err.println("cardmint: nothing was written");
			return CardmintCommand.REJECTED;
		}
		summary(outcome.get().order(), System.out);
		if (outcome.get().stopped()) {
			System.err.println("cardmint: order " + order.orderRef() + " " + outcome.get().message());
			System.err.println("cardmint: nothing is lost; continue it with: cardmint resume " + order.orderRef());
			return CardmintCommand.FAILED;
		}
		if (!outcome.get().completed()) {
			System.err.println("cardmint: order " + order.orderRef() + " failed: " + outcome.get().message());
			System.err.println("cardmint: nothing is lost; finish it with: cardmint resume " + order.orderRef());
			return CardmintCommand.FAILED;
		}
		return CardmintCommand.OK;
	}

	private void report(Order order, AtomicBoolean done) {
		if (stderrIsTerminal()) {
			bar(order, done);
		}
		else {
			lines(order, done);
		}
	}

	private void bar(Order order, AtomicBoolean done) {
		PrintStream stderr = System.err;
		ClearingStream clearing = new ClearingStream(stderr);
		PrintStream bars = new PrintStream(clearing.unclearing(), true, StandardCharsets.UTF_8);
		System.setErr(new PrintStream(clearing, true, StandardCharsets.UTF_8));
		try (ProgressBar bar = new ProgressBarBuilder().setTaskName(order.orderRef())
			.setInitialMax(order.cardCount())
			.setStyle(ProgressBarStyle.ASCII)
			.setUnit(" cards", 1)
			.showSpeed()
			.setUpdateIntervalMillis(500)
			.setConsumer(new ConsoleProgressBarConsumer(bars))
			.build()) {
			while (!done.get()) {
				bar.stepTo(this.orders.cardsDone(order));
				bar.setExtraMessage(step(order).map(STEPS::get).orElse(""));
				sleep(1000);
			}
			bar.stepTo(this.orders.cardsDone(order));
			bar.setExtraMessage("");
		}
		finally {
			System.setErr(stderr);
		}
	}

	private void lines(Order order, AtomicBoolean done) {
		long total = order.cardCount();
		Instant start = Instant.now();
		long before = this.orders.cardsDone(order);
		String lastStep = null;
		Instant lastLine = Instant.now();
		while (!done.get()) {
			sleep(1000);
			if (done.get()) {
				break;
			}
			String step = step(order).orElse(null);
			if (step != null && !step.equals(lastStep) && !"generateCards".equals(step)) {
				System.err.printf("%s: %s%n", order.orderRef(), STEPS.getOrDefault(step, step));
			}
			lastStep = (step != null) ? step : lastStep;
			if (!"generateCards".equals(step) || Duration.between(lastLine, Instant.now()).toSeconds() < 5) {
				continue;
			}
			lastLine = Instant.now();
			long now = this.orders.cardsDone(order);
			double seconds = Math.max(1, Duration.between(start, Instant.now()).toSeconds());
			double rate = (now - before) / seconds;
			String eta = (rate > 0) ? ", eta " + Math.round((total - now) / rate) + " s" : "";
			System.err.printf("%s: %d/%d cards (%.0f%%), %.0f cards/s%s%n", order.orderRef(), now, total,
					100.0 * now / total, rate, eta);
		}
	}

	private Optional<String> step(Order order) {
		try {
			return this.runner.currentStep(order.id());
		}
		catch (RuntimeException ex) {
			return Optional.empty(); // progress is a courtesy; the job's own errors are reported after it
		}
	}

	void summary(Order order, PrintStream out) {
		out.println("order_ref:   " + order.orderRef());
		out.println("account_id:  " + order.accountId());
		out.println("status:      " + order.status().value());
		out.println("cards:       " + this.orders.cardsDone(order) + "/" + order.cardCount());
		if (order.printFiles() == null) {
			out.println("print file:  -");
		}
		else {
			for (PrintedFile file : order.printFiles()) {
				out.println("print file:  " + file.name() + " (" + file.records() + " records, sha256 " + file.sha256() + ")");
			}
		}
		out.println("delivery:    " + ((order.delivery() != null) ? order.delivery() : "-"));
		if (order.error() != null) {
			out.println("error:       " + order.error());
		}
	}

	/**
	 * Whether stderr (file descriptor 2) is a terminal. {@code System.console()} answers for
	 * stdin and stdout, and a bar's carriage returns must never land in a redirected log file.
	 */
	static boolean stderrIsTerminal() {
		try {
			String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
			return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

	/** Sleeps until the time is up or the order is done (the only reason for an interrupt). */
	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			// done: the caller's loop ends; the flag stays clear so its last query can run
		}
	}

	/**
	 * Stderr while the bar is shown: a line written here (a log line) first clears the bar's
	 * line. The bar writes through {@link #unclearing()}, under the same lock, so a bar frame
	 * never lands inside a log line either.
	 */
	static final class ClearingStream extends OutputStream {

		private static final byte[] CLEAR_LINE = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

		private final OutputStream target;

		private boolean lineStart = true;

		ClearingStream(OutputStream target) {
			this.target = Objects.requireNonNull(target);
		}

		@Override
		public synchronized void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
			if (length == 0) {
				return;
			}
			if (this.lineStart) {
				this.target.write(CLEAR_LINE);
			}
			this.target.write(bytes, offset, length);
			this.lineStart = bytes[offset + length - 1] == '\n';
			this.target.flush();
		}

		@Override
		public synchronized void flush() throws IOException {
			this.target.flush();
		}

		OutputStream unclearing() {
			ClearingStream lock = this;
			return new OutputStream() {

				@Override
				public void write(int b) throws IOException {
					synchronized (lock) {
						lock.target.write(b);
					}
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					synchronized (lock) {
						lock.target.write(bytes, offset, length);
						lock.target.flush();
					}
				}

			};
		}

	}

}
