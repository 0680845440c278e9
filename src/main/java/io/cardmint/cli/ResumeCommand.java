package io.cardmint.cli;

import java.util.List;

import io.cardmint.order.Order;
import io.cardmint.order.OrderRunner;
import io.cardmint.order.Orders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code resume [<order_ref>]}: finishes interrupted or failed orders. An execution left
 * {@code STARTED} by a killed process is recovered first; an order whose process is still
 * alive (its lease is fresh) is left alone.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
		description = { "Recover and restart interrupted, stopped or failed orders (all of them, or the one named).",
				"An order of a live process is left alone; one of a dead process on this machine is taken over at once, "
						+ "one of another machine once its lease ran out (30 s)." },
		exitCodeListHeading = CardmintCommand.EXIT_HEADING, exitCodeList = { CardmintCommand.EXIT_0,
				CardmintCommand.EXIT_1, CardmintCommand.EXIT_2, CardmintCommand.EXIT_3 })
class ResumeCommand implements ContextCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "<order_ref>", description = "only this order")
	String orderRef;

	@Override
	public int run(ConfigurableApplicationContext context) {
		Orders orders = context.getBean(Orders.class);
		OrderRunner runner = context.getBean(OrderRunner.class);
		List<Order> unfinished = runner.unfinished(this.orderRef);
		if (unfinished.isEmpty()) {
			if (this.orderRef == null) {
				System.err.println("cardmint: nothing to resume");
				return CardmintCommand.OK;
			}
			List<Order> known = orders.findByRef(this.orderRef);
			if (known.isEmpty()) {
				System.err.println("cardmint: no order with order_ref " + this.orderRef);
				return CardmintCommand.REJECTED;
			}
			for (Order order : known) {
				System.err.println("cardmint: order " + order.orderRef() + " of account " + order.accountId()
						+ " is completed; its batch secret was destroyed after delivery, so its print file cannot be"
						+ " rebuilt: nothing can reproduce its tokens and PINs");
			}
			return CardmintCommand.OK;
		}
		OrderConsole console = new OrderConsole(runner, orders);
		int status = CardmintCommand.OK;
		for (Order order : unfinished) {
			if (runner.isStopping()) {
				break;
			}
			System.err.println("cardmint: resuming order " + order.orderRef() + " of account " + order.accountId());
			status = Math.max(status, console.run(order));
		}
		return status;
	}

}
