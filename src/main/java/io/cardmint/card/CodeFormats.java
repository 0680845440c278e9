package io.cardmint.card;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cardmint.code.CodeFormat;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of the code_format table: the token and PIN formats cards refer to, each stored
 * once (a card row holds only its formats' ids). Formats never change, so what was read or
 * written is kept in memory; a new format is written in a transaction of its own, so that its id
 * is valid whatever becomes of the caller's transaction.
 */
@Repository
class CodeFormats {

	private final JdbcClient client;

	private final JsonMapper json;

	private final TransactionTemplate ownTransaction;

	private final Map<String, Long> ids = new ConcurrentHashMap<>();

	private final Map<Long, CodeFormat> formats = new ConcurrentHashMap<>();

	CodeFormats(JdbcClient client, JsonMapper json, PlatformTransactionManager transactions) {
		this.client = client;
		this.json = json;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The id of a format, given as the JSON text cards are made with; null for no format. */
	Long idOf(String formatJson) {
		if (formatJson == null) {
			return null;
		}
		Long id = this.ids.get(formatJson);
		if (id == null) {
			id = this.ownTransaction.execute((status) -> find(formatJson).orElseGet(() -> insert(formatJson)));
			this.ids.put(formatJson, id);
		}
		return id;
	}

	/** The format of an id read from a card row; null for none. */
	CodeFormat format(Long id) {
		if (id == null) {
			return null;
		}
		return this.formats.computeIfAbsent(id, (key) -> this.json.readValue(this.client
			.sql("SELECT format FROM code_format WHERE id = ?")
			.param(key)
			.query(String.class)
			.single(), CodeFormat.class));
	}

	private Optional<Long> find(String formatJson) {
		return this.client.sql("SELECT id FROM code_format WHERE format = ?")
			.param(formatJson)
			.query(Long.class)
			.optional();
	}

	private Long insert(String formatJson) {
		// The partitions of an order start at once and all store its formats: whoever comes
		// second finds the row the first stored. Without an error, which the driver would log as
		// a warning with every order.
		this.client.sql("INSERT INTO code_format (format) VALUES (?) ON DUPLICATE KEY UPDATE id = id")
			.param(formatJson)
			.update();
		return find(formatJson).orElseThrow();
	}

}
