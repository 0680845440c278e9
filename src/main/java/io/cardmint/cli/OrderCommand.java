package io.cardmint.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.cardmint.order.ManifestException;
import io.cardmint.order.Order;
import io.cardmint.order.OrderIntake;
import io.cardmint.order.OrderRunner;
import io.cardmint.order.Orders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

/** {@code order <manifest.json>}: runs one order to completion in the foreground. */
@Command(name = "order", mixinStandardHelpOptions = true,
		description = { "Run one order to completion in the foreground.",
				"Progress goes to stderr (a bar when stderr is a terminal), the summary to stdout. SIGTERM or Ctrl-C stops "
						+ "the order at a chunk boundary (exit 1); `resume` continues it." },
		exitCodeListHeading = CardmintCommand.EXIT_HEADING, exitCodeList = { CardmintCommand.EXIT_0,
				CardmintCommand.EXIT_1, CardmintCommand.EXIT_2, CardmintCommand.EXIT_3 })
class OrderCommand implements ContextCommand {

	@Parameters(index = "0", paramLabel = "<manifest.json>", description = "the order manifest")
	Path manifest;

	@Override
	public int run(ConfigurableApplicationContext context) {
		if (!Files.isRegularFile(this.manifest)) {
			System.err.println("cardmint: rejected: manifest " + this.manifest + " does not exist or is not a file");
			return CardmintCommand.REJECTED;
		}
		Order order;
		try {
			order = context.getBean(OrderIntake.class).accept(this.manifest);
		}
		catch (ManifestException ex) {
			System.err.println("cardmint: rejected " + this.manifest + ": " + ex.getMessage());
			System.err.println("cardmint: nothing was written");
			return CardmintCommand.REJECTED;
		}
		return new OrderConsole(context.getBean(OrderRunner.class), context.getBean(Orders.class)).run(order);
	}

}
