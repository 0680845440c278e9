package io.cardmint.cli;

import picocli.CommandLine.Command;

/**
 * {@code worker}: joins the broker ({@code spring.rabbitmq.*}) and runs partitions of the
 * generation step of any order until stopped. Needs the managers' database and master key.
 * Started by {@link CardmintCommand} with {@code cardmint.order.partitioning=remote}; serves
 * the actuator (health, Prometheus) on {@code server.port}.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = "Run partitions of orders sent over RabbitMQ (spring.rabbitmq.*) until stopped.",
		exitCodeListHeading = CardmintCommand.EXIT_HEADING,
		exitCodeList = { CardmintCommand.EXIT_0, CardmintCommand.EXIT_3 })
class WorkerCommand {

}
