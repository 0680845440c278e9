package io.cardmint.cli;

import io.cardmint.order.Order;
import io.cardmint.order.Orders;
import picocli.CommandLine.Command;

import org.springframework.context.ConfigurableApplicationContext;

/** {@code orders}: one line per order. */
@Command(name = "orders", description = "List orders: ref, account, cards done/total, status, print file, delivery.")
class OrdersCommand implements ContextCommand {

	@Override
	public int run(ConfigurableApplicationContext context) {
		Orders orders = context.getBean(Orders.class);
		System.out.printf("%-28s %-10s %-21s %-10s %-8s %s%n", "ORDER_REF", "ACCOUNT", "CARDS", "STATUS", "SECRET",
				"PRINT FILES / DELIVERY");
		for (Order order : orders.all()) {
			System.out.printf("%-28s %-10s %-21s %-10s %-8s %s %s%n", order.orderRef(), order.accountId(),
					orders.cardsDone(order) + "/" + order.cardCount(), order.status().value(),
					order.secretDestroyed() ? "shredded" : "sealed", files(order),
					(order.delivery() != null) ? order.delivery() : "");
		}
		return CardmintCommand.OK;
	}

	private static String files(Order order) {
		return (order.printFiles() == null) ? "-"
				: String.join(",", order.printFiles().stream().map(io.cardmint.print.PrintedFile::name).toList());
	}

}
