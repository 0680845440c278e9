package io.cardmint.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.cardmint.card.Cards.instant;
import static io.cardmint.card.Cards.utc;

/** JDBC access to the card_transaction table. */
@Repository
class Transactions {

	private static final String SELECT = """
			SELECT id, account_id, ref_id, card_uuid, card_id, type, status, amount, currency, parent_id, metadata,
				originated_by, created_by, created_at, updated_at
			FROM card_transaction""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Transactions(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Throws {@code DuplicateKeyException} when the account already has this ref_id. */
	void insert(CardTransaction transaction) {
		this.jdbc.sql("""
				INSERT INTO card_transaction (id, account_id, ref_id, card_uuid, card_id, type, status, amount, currency,
					parent_id, metadata, originated_by, created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(transaction.id().toString(), transaction.accountId(), transaction.refId(),
					transaction.cardUuid().toString(), transaction.cardId(), transaction.type().value(),
					transaction.status().value(), transaction.amount(), transaction.currency(),
					(transaction.parentId() != null) ? transaction.parentId().toString() : null,
					(transaction.metadata() != null) ? this.json.writeValueAsString(transaction.metadata()) : null,
					transaction.originatedBy(), transaction.createdBy(), utc(transaction.createdAt()),
					utc(transaction.updatedAt()))
			.update();
	}

	Optional<CardTransaction> findByRefId(String accountId, String refId) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND ref_id = ?")
			.params(accountId, refId)
			.query(this::map)
			.optional();
	}

	Optional<CardTransaction> find(String accountId, UUID id) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND id = ?")
			.params(accountId, id.toString())
			.query(this::map)
			.optional();
	}

	/**
	 * One page in the order they were made, after the transaction {@code startingAfter} when
	 * given; of one card when {@code cardId} is given.
	 */
	List<CardTransaction> list(String accountId, String cardId, UUID startingAfter, int limit) {
		StringBuilder sql = new StringBuilder(SELECT + " WHERE account_id = ?");
		List<Object> params = new ArrayList<>(List.of(accountId));
		if (cardId != null) {
			sql.append(" AND card_id = ?");
			params.add(cardId);
		}
		if (startingAfter != null) {
			sql.append(" AND seq > (SELECT seq FROM card_transaction WHERE account_id = ? AND id = ?)");
			params.add(accountId);
			params.add(startingAfter.toString());
		}
		sql.append(" ORDER BY seq LIMIT ?");
		params.add(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(this::map).list();
	}

	void updateStatus(CardTransaction transaction) {
		this.jdbc.sql("UPDATE card_transaction SET status = ?, updated_at = ? WHERE id = ?")
			.params(transaction.status().value(), utc(transaction.updatedAt()), transaction.id().toString())
			.update();
	}

	private CardTransaction map(ResultSet rs, int row) throws SQLException {
		String parent = rs.getString("parent_id");
		String metadata = rs.getString("metadata");
		return new CardTransaction(UUID.fromString(rs.getString("id")), rs.getString("account_id"),
				rs.getString("ref_id"), UUID.fromString(rs.getString("card_uuid")), rs.getString("card_id"),
				TransactionType.of(rs.getString("type")), TransactionStatus.of(rs.getString("status")),
				rs.getLong("amount"), rs.getString("currency"), (parent != null) ? UUID.fromString(parent) : null,
				(metadata != null) ? this.json.readValue(metadata, new TypeReference<Map<String, Object>>() {
				}) : null, rs.getString("originated_by"), rs.getString("created_by"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

}
