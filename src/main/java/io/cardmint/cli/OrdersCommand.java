package io.cardmint.cli;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cardmint.order.Order;
import io.cardmint.order.OrderStatus;
import io.cardmint.order.Orders;
import io.cardmint.print.PrintedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.BadSqlGrammarException;

/** {@code orders}: the orders as an aligned table, or as JSON; read-only, so it starts small. */
@Command(name = "orders", mixinStandardHelpOptions = true,
		description = "List orders: ref, account, status, cards done/total, batch secret, print files.",
		exitCodeListHeading = CardmintCommand.EXIT_HEADING,
		exitCodeList = { CardmintCommand.EXIT_0, CardmintCommand.EXIT_2, CardmintCommand.EXIT_3 })
class OrdersCommand implements ContextCommand {

	@Option(names = "--status", paramLabel = "<status>",
			description = "only orders in this status: validating, accepted, running, completed, failed, stopped, rejected")
	String status;

	@Option(names = "--account", paramLabel = "<account_id>", description = "only orders of this account")
	String account;

	@Option(names = "--json", description = "a JSON array (stable field order) instead of the table")
	boolean json;

	@Override
	public int run(ConfigurableApplicationContext context) {
		OrderStatus wanted = null;
		if (this.status != null) {
			try {
				wanted = OrderStatus.of(this.status.strip());
			}
			catch (IllegalArgumentException ex) {
				System.err.println("cardmint: --status must be one of validating, accepted, running, completed, failed, stopped, rejected"
						+ " (not '" + this.status + "')");
				return CardmintCommand.REJECTED;
			}
		}
		Orders orders = context.getBean(Orders.class);
		List<Map<String, Object>> rows = new ArrayList<>();
		try {
			for (Order order : orders.all()) {
				if ((wanted == null || order.status() == wanted)
						&& (this.account == null || order.accountId().equals(this.account))) {
					rows.add(row(order, orders.cardsDone(order)));
				}
			}
		}
		catch (BadSqlGrammarException ex) {
			// A database no cardmint command has run against yet: nothing to list.
			System.err.println("cardmint: the database has no orders table yet (it is created by the first order, resume or serve)");
		}
		if (this.json) {
			System.out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(rows));
		}
		else {
			table(rows, System.out);
		}
		return CardmintCommand.OK;
	}

	private static Map<String, Object> row(Order order, long done) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("order_ref", order.orderRef());
		row.put("account_id", order.accountId());
		row.put("manufacturer", order.manufacturer());
		row.put("status", order.status().value());
		row.put("cards_done", done);
		row.put("cards_total", order.cardCount());
		row.put("secret", order.secretDestroyed() ? "destroyed" : "sealed");
		row.put("print_files", (order.printFiles() != null) ? order.printFiles().stream().map(PrintedFile::name).toList()
				: List.of());
		row.put("created_at", order.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
		row.put("updated_at", order.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
		row.put("error", order.error());
		return row;
	}

	/** Columns as wide as their widest cell; the error, if any, last. */
	static void table(List<Map<String, Object>> rows, PrintStream out) {
		String[] header = { "ORDER_REF", "ACCOUNT", "STATUS", "CARDS", "SECRET", "UPDATED (UTC)", "PRINT FILES", "ERROR" };
		List<String[]> lines = new ArrayList<>();
		lines.add(header);
		for (Map<String, Object> row : rows) {
			@SuppressWarnings("unchecked")
			List<String> files = (List<String>) row.get("print_files");
			lines.add(new String[] { (String) row.get("order_ref"), (String) row.get("account_id"),
					(String) row.get("status"), row.get("cards_done") + "/" + row.get("cards_total"),
					(String) row.get("secret"), (String) row.get("updated_at"),
					files.isEmpty() ? "-" : String.join(",", files),
					(row.get("error") != null) ? (String) row.get("error") : "" });
		}
		int[] widths = new int[header.length];
		for (String[] line : lines) {
			for (int i = 0; i < line.length; i++) {
				widths[i] = Math.max(widths[i], line[i].length());
			}
		}
		for (String[] line : lines) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < line.length; i++) {
				text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", line[i])).append("  ");
			}
			out.println(text.toString().stripTrailing());
		}
	}

	/** Only what listing orders needs: the data source, JSON, and the orders table. */
	@Override
	public SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ReadOnly.class).web(WebApplicationType.NONE);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			JacksonAutoConfiguration.class })
	@Import(Orders.class)
	static class ReadOnly {

	}

}
