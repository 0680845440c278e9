package io.cardmint.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.cardmint.card.Cards.instant;
import static io.cardmint.card.Cards.utc;

/** JDBC access to the card_transaction table. */
@Repository
class Transactions {

	private static final String SELECT = """
			SELECT id, account_id, ref_id, card_uuid, card_id, type, status, amount, currency, created_at, updated_at
			FROM card_transaction""";

	private final JdbcClient jdbc;

	Transactions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Throws {@code DuplicateKeyException} when the account already has this ref_id. */
	void insert(CardTransaction transaction) {
		this.jdbc.sql("""
				INSERT INTO card_transaction (id, account_id, ref_id, card_uuid, card_id, type, status, amount, currency,
					created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(transaction.id().toString(), transaction.accountId(), transaction.refId(),
					transaction.cardUuid().toString(), transaction.cardId(), transaction.type().value(),
					transaction.status().value(), transaction.amount(), transaction.currency(),
					utc(transaction.createdAt()), utc(transaction.updatedAt()))
			.update();
	}

	Optional<CardTransaction> findByRefId(String accountId, String refId) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND ref_id = ?")
			.params(accountId, refId)
			.query(Transactions::map)
			.optional();
	}

	Optional<CardTransaction> find(String accountId, UUID id) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND id = ?")
			.params(accountId, id.toString())
			.query(Transactions::map)
			.optional();
	}

	void updateStatus(CardTransaction transaction) {
		this.jdbc.sql("UPDATE card_transaction SET status = ?, updated_at = ? WHERE id = ?")
			.params(transaction.status().value(), utc(transaction.updatedAt()), transaction.id().toString())
			.update();
	}

	private static CardTransaction map(ResultSet rs, int row) throws SQLException {
		return new CardTransaction(UUID.fromString(rs.getString("id")), rs.getString("account_id"),
				rs.getString("ref_id"), UUID.fromString(rs.getString("card_uuid")), rs.getString("card_id"),
				TransactionType.of(rs.getString("type")), TransactionStatus.of(rs.getString("status")),
				rs.getLong("amount"), rs.getString("currency"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

}
