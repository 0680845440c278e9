package io.cardmint.card;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cardmint.code.CodeFormat;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to the card table. Times are stored as UTC {@code DATETIME(6)}, converted here
 * explicitly so the JVM's time zone never shifts them.
 */
@Repository
public class Cards {

	public static final String INSERT_SQL = """
			INSERT INTO card (id, account_id, card_id, type, status, balance, reserved_amount, created_at, created_by,
				updated_at, order_ref, card_index, token_attempt, token_format, pin_format, token_hash, pin_hash,
				hash_key_id)
			VALUES (?, ?, ?, ?, 'inactive', 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String COLUMNS = """
			id, account_id, card_id, type, status, currency, balance, reserved_amount, customer_id, name,
			originated_by, active_from, expires_at, metadata, created_at, created_by, updated_at, activated_at,
			order_ref, token_format, pin_format, failed_pin_attempts""";

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final JsonMapper json;

	Cards(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.json = json;
	}

	public void insert(List<NewCard> cards) {
		this.jdbc.batchUpdate(INSERT_SQL, new BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				bindInsert(ps, cards.get(i));
			}

			@Override
			public int getBatchSize() {
				return cards.size();
			}
		});
	}

	/** Binds one row of {@link #INSERT_SQL}; shared with the order job's batch writer. */
	public static void bindInsert(PreparedStatement ps, NewCard card) throws SQLException {
		ps.setString(1, card.id().toString());
		ps.setString(2, card.accountId());
		ps.setString(3, card.cardId());
		ps.setString(4, card.type().value());
		ps.setObject(5, utc(card.createdAt()));
		ps.setString(6, card.createdBy());
		ps.setObject(7, utc(card.createdAt()));
		ps.setString(8, card.orderRef());
		if (card.cardIndex() == null) {
			ps.setNull(9, Types.BIGINT);
		}
		else {
			ps.setLong(9, card.cardIndex());
		}
		ps.setInt(10, card.tokenAttempt());
		ps.setString(11, card.tokenFormatJson());
		ps.setString(12, card.pinFormatJson());
		ps.setBytes(13, card.tokenHash());
		ps.setBytes(14, card.pinHash());
		ps.setString(15, card.hashKeyId());
	}

	public Optional<Card> find(String accountId, String cardId) {
		return this.client.sql("SELECT " + COLUMNS + " FROM card WHERE account_id = ? AND card_id = ?")
			.params(accountId, cardId)
			.query(this::map)
			.optional();
	}

	/** One page in card_id order, after {@code startingAfter} when given. */
	public List<Card> list(String accountId, CardStatus status, String startingAfter, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM card WHERE account_id = ?");
		List<Object> params = new ArrayList<>(List.of(accountId));
		if (status != null) {
			sql.append(" AND status = ?");
			params.add(status.value());
		}
		if (startingAfter != null) {
			sql.append(" AND card_id > ?");
			params.add(startingAfter);
		}
		sql.append(" ORDER BY card_id LIMIT ?");
		params.add(limit);
		return this.client.sql(sql.toString()).params(params).query(this::map).list();
	}

	public long countInAccount(String accountId) {
		return this.client.sql("SELECT COUNT(*) FROM card WHERE account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
	}

	public List<String> existingCardIds(String accountId, Collection<String> cardIds) {
		List<String> found = new ArrayList<>();
		for (List<String> part : partition(new ArrayList<>(cardIds))) {
			found.addAll(this.client
				.sql("SELECT card_id FROM card WHERE account_id = ? AND card_id IN (" + placeholders(part.size())
						+ ") ORDER BY card_id")
				.params(concat(accountId, part))
				.query(String.class)
				.list());
		}
		return found;
	}

	public Set<ByteBuffer> existingTokenHashes(String accountId, Collection<byte[]> hashes) {
		Set<ByteBuffer> found = new HashSet<>();
		for (List<byte[]> part : partition(new ArrayList<>(hashes))) {
			this.client
				.sql("SELECT token_hash FROM card WHERE account_id = ? AND token_hash IN (" + placeholders(part.size())
						+ ")")
				.params(concat(accountId, part))
				.query((rs, n) -> ByteBuffer.wrap(rs.getBytes(1)))
				.list()
				.forEach(found::add);
		}
		return found;
	}

	/**
	 * {@code inactive} → {@code unused} in one conditional update: of concurrent activations
	 * of one card exactly one changes a row.
	 */
	boolean activate(String accountId, String cardId, Activation activation, Instant now) {
		int rows = this.client.sql("""
				UPDATE card SET status = 'unused', balance = ?, currency = ?, customer_id = ?, name = ?,
					originated_by = ?, active_from = ?, expires_at = ?, metadata = ?, activated_at = ?, updated_at = ?
				WHERE account_id = ? AND card_id = ? AND status = 'inactive'""")
			.params(activation.amount(), activation.currency(), activation.customerId(), activation.name(),
					activation.originatedBy(), utc(activation.activeFrom()), utc(activation.expiresAt()),
					writeJson(activation.metadata()), utc(now), utc(now), accountId, cardId)
			.update();
		return rows == 1;
	}

	private Card map(ResultSet rs, int row) throws SQLException {
		return new Card(UUID.fromString(rs.getString("id")), rs.getString("account_id"), rs.getString("card_id"),
				CardType.parse(rs.getString("type")), CardStatus.of(rs.getString("status")), rs.getString("currency"),
				rs.getLong("balance"), rs.getLong("reserved_amount"), rs.getString("customer_id"),
				rs.getString("name"), rs.getString("originated_by"), instant(rs, "active_from"),
				instant(rs, "expires_at"), readMetadata(rs.getString("metadata")), instant(rs, "created_at"),
				rs.getString("created_by"), instant(rs, "updated_at"), instant(rs, "activated_at"),
				rs.getString("order_ref"), readFormat(rs.getString("token_format")),
				readFormat(rs.getString("pin_format")), rs.getInt("failed_pin_attempts"));
	}

	public String writeJson(Object value) {
		return (value != null) ? this.json.writeValueAsString(value) : null;
	}

	private CodeFormat readFormat(String value) {
		return (value != null) ? this.json.readValue(value, CodeFormat.class) : null;
	}

	private Map<String, Object> readMetadata(String value) {
		return (value != null) ? this.json.readValue(value, new TypeReference<Map<String, Object>>() {
		}) : null;
	}

	public static LocalDateTime utc(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

	private static String placeholders(int count) {
		return String.join(", ", java.util.Collections.nCopies(count, "?"));
	}

	private static List<Object> concat(String first, List<?> rest) {
		List<Object> params = new ArrayList<>(rest.size() + 1);
		params.add(first);
		params.addAll(rest);
		return params;
	}

	/** IN lists stay below a few hundred parameters. */
	private static <T> List<List<T>> partition(List<T> items) {
		List<List<T>> parts = new ArrayList<>();
		for (int i = 0; i < items.size(); i += 500) {
			parts.add(items.subList(i, Math.min(items.size(), i + 500)));
		}
		return parts;
	}

}
