package io.cardmint.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cardmint.order.Order;
import io.cardmint.order.OrderRunner;
import io.cardmint.order.Orders;
import io.cardmint.print.PrintedFile;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs an order in the foreground for a command: progress on stderr (a bar on a terminal,
 * a plain line every few seconds otherwise) and the summary on stdout.
 */
final class OrderConsole {

	private final OrderRunner runner;

	private final Orders orders;

	OrderConsole(OrderRunner runner, Orders orders) {
		this.runner = runner;
		this.orders = orders;
	}

	/** Returns the exit status: 0 completed, 1 failed or held by another process. */
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
			System.err.println("cardmint: order " + order.orderRef() + " is being run by another live process ("
					+ this.orders.leaseHolder(order.id()).orElse("?") + "); not touching it");
			return CardmintCommand.FAILED;
		}
		summary(outcome.get().order(), System.out);
		if (!outcome.get().completed()) {
			System.err.println("cardmint: order " + order.orderRef() + " failed: " + outcome.get().message());
			System.err.println("cardmint: nothing is lost; finish it with: cardmint resume " + order.orderRef());
			return CardmintCommand.FAILED;
		}
		return CardmintCommand.OK;
	}

	private void report(Order order, AtomicBoolean done) {
		long total = order.cardCount();
		if (System.console() != null) {
			try (ProgressBar bar = new ProgressBarBuilder().setTaskName(order.orderRef())
				.setInitialMax(total)
				.setStyle(ProgressBarStyle.ASCII)
				.setUnit(" cards", 1)
				.showSpeed()
				.setUpdateIntervalMillis(500)
				.build()) {
				while (!done.get()) {
					bar.stepTo(this.orders.cardsDone(order));
					sleep(1000);
				}
				bar.stepTo(this.orders.cardsDone(order));
			}
			return;
		}
		Instant start = Instant.now();
		long before = this.orders.cardsDone(order);
		while (!done.get()) {
			sleep(5000);
			if (done.get()) {
				break;
			}
			long now = this.orders.cardsDone(order);
			double seconds = Math.max(1, Duration.between(start, Instant.now()).toSeconds());
			double rate = (now - before) / seconds;
			String eta = (rate > 0) ? ", eta " + Math.round((total - now) / rate) + " s" : "";
			System.err.printf("%s: %d/%d cards (%.0f%%), %.0f cards/s%s%n", order.orderRef(), now, total,
					100.0 * now / total, rate, eta);
		}
	}

	void summary(Order order, PrintStream out) {
		out.println("order_ref:   " + order.orderRef());
		out.println("account_id:  " + order.accountId());
		out.println("status:      " + order.status().value());
		out.println("cards:       " + this.orders.cardsDone(order) + "/" + order.cardCount());
		if (order.printFiles() == null) {
			out.println("print files: -");
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

	/** Sleeps until the time is up or the order is done (the only reason for an interrupt). */
	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			// done: the caller's loop ends; the flag stays clear so its last query can run
		}
	}

}
