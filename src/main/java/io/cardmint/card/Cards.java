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
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

import io.cardmint.code.CodeFormat;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one writer of the card table, and of card_customer (a customer's cards, filed when a card
 * is sold to one): every change of a card row is a method here, named for what it does (insert,
 * activate, delete, rotate the PIN, move money, count a wrong PIN).
 * Other packages go through {@link CardService}, {@link CardBalances} or the public methods
 * the order job needs. Times are stored as UTC {@code DATETIME(6)}, converted here explicitly
 * so the JVM's time zone never shifts them.
 */
@Repository
public class Cards {

	private static final String INSERT_SQL = """
			INSERT INTO card (id, account_id, card_id, type, status, balance, reserved_amount, created_at, created_by,
				updated_at, order_ref, card_index, token_attempt, token_format_id, pin_format_id, token_hash, pin_hash,
				hash_key_id)
			VALUES (?, ?, ?, ?, 'inactive', 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String COLUMNS = """
			id, account_id, card_id, type, status, amount, currency, balance, reserved_amount, amount_funds,
			amount_drawdown, customer_id, name, originated_by, active_from, expires_at, metadata, created_at, created_by,
			updated_at, activated_at, order_ref, token_format_id, pin_format_id, failed_pin_attempts, token_expires_in,
			token_expires_after_transaction, deleted_at""";

	/** {@link #COLUMNS} named as the card table's, for a query that joins another table. */
	private static final String CARD_COLUMNS = Arrays.stream(COLUMNS.split(","))
		.map((column) -> "card." + column.strip())
		.collect(Collectors.joining(", "));

	private static final String PAYING_COLUMNS = """
			SELECT seq, id, account_id, card_id, status, currency, balance, reserved_amount, amount_funds, amount_drawdown,
				active_from, expires_at, failed_pin_attempts, pin_hash, deleted_at, activated_at, token_expires_in,
				token_expires_after_transaction, token_used_at
			FROM card""";

	// The lookups each unique key of card serves (CardIndexTests explains them).
	static final String FIND_BY_CARD_ID = "SELECT " + COLUMNS + " FROM card WHERE account_id = ? AND card_id = ?";

	static final String LOCK_BY_ID = PAYING_COLUMNS + " WHERE id = ? FOR UPDATE";

	static final String LOCK_BY_TOKEN_HASH = PAYING_COLUMNS + " WHERE account_id = ? AND token_hash = ? FOR UPDATE";

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final JsonMapper json;

	private final CodeFormats formats;

	Cards(JdbcTemplate jdbc, JsonMapper json, CodeFormats formats) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.json = json;
		this.formats = formats;
	}

	/**
	 * Inserts new {@code inactive} cards in one batch, in the caller's transaction (the order
	 * job's chunk, or the batch API's). A taken card_id or token hash fails with
	 * {@code DuplicateKeyException}.
	 */
	public void insert(List<NewCard> cards) {
		this.jdbc.batchUpdate(INSERT_SQL, cards, cards.size(), this::bindInsert);
	}

	private void bindInsert(PreparedStatement ps, NewCard card) throws SQLException {
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
		ps.setLong(11, this.formats.idOf(card.tokenFormatJson()));
		ps.setObject(12, this.formats.idOf(card.pinFormatJson()), Types.BIGINT);
		ps.setBytes(13, card.tokenHash());
		ps.setBytes(14, card.pinHash());
		ps.setString(15, card.hashKeyId());
	}

	Optional<Card> find(String accountId, String cardId) {
		return this.client.sql(FIND_BY_CARD_ID)
			.params(accountId, cardId)
			.query(this::map)
			.optional();
	}

	Optional<Card> find(UUID id) {
		return this.client.sql("SELECT " + COLUMNS + " FROM card WHERE id = ?")
			.param(id.toString())
			.query(this::map)
			.optional();
	}

	/** One page in card_id order, after {@code startingAfter} when given. */
	List<Card> list(String accountId, CardFilter filter, String startingAfter, int limit) {
		Query query = listQuery(accountId, filter, startingAfter, limit);
		return this.client.sql(query.sql()).params(query.params()).query(this::map).list();
	}

	/** The statement of {@link #list}, which CardIndexTests explains. */
	static Query listQuery(String accountId, CardFilter filter, String startingAfter, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + CARD_COLUMNS);
		List<Object> params = new ArrayList<>();
		// A customer's cards: card_customer (V13) leads, and its key gives the card_id order.
		String cardIdColumn = (filter.customerId() != null) ? "cc.card_id" : "card.card_id";
		if (filter.customerId() != null) {
			sql.append(" FROM card_customer cc JOIN card ON card.account_id = cc.account_id AND card.card_id = cc.card_id"
					+ " WHERE cc.account_id = ? AND cc.customer_id = ?");
			params.add(accountId);
			params.add(filter.customerId());
		}
		else {
			sql.append(" FROM card WHERE card.account_id = ?");
			params.add(accountId);
		}
		if (filter.status() != null) {
			sql.append(" AND card.status = ?");
			params.add(filter.status().value());
		}
		if (filter.minimumAvailable() != null) {
			sql.append(" AND card.balance - card.reserved_amount >= ?");
			params.add(filter.minimumAvailable());
		}
		if (!filter.includeDeleted()) {
			sql.append(" AND card.deleted_at IS NULL");
		}
		if (startingAfter != null) {
			sql.append(" AND ").append(cardIdColumn).append(" > ?");
			params.add(startingAfter);
		}
		sql.append(" ORDER BY ").append(cardIdColumn).append(" LIMIT ?");
		params.add(limit);
		return new Query(sql.toString(), params);
	}

	/**
	 * The number of the account's cards, or a larger number when that already satisfies
	 * {@code fewEnough}. The exact count scans the account's cards (seconds at millions, run by
	 * every order, partition and batch that checks its token space); the bound, the newest card's
	 * key (every card of every account takes one), is read from the end of the primary key. For
	 * checks that hold for any smaller number, such as a token space being large enough.
	 */
	public long countInAccountUnlessFewEnough(String accountId, LongPredicate fewEnough) {
		long bound = this.client.sql("SELECT COALESCE(MAX(seq), 0) FROM card").query(Long.class).single();
		return fewEnough.test(bound) ? bound : countInAccount(accountId);
	}

	private long countInAccount(String accountId) {
		return this.client.sql("SELECT COUNT(*) FROM card WHERE account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
	}

	List<String> existingCardIds(String accountId, Collection<String> cardIds) {
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
	 * {@code inactive} → {@code unused} with its opening money, in one conditional update: of
	 * concurrent activations of one card exactly one changes a row, and a deleted card none. A
	 * sale to a customer also files the card under the customer, in the caller's transaction.
	 */
	boolean activate(String accountId, String cardId, Sale sale, Instant now) {
		int rows = this.client.sql("""
				UPDATE card SET status = ?, amount = ?, balance = ?, amount_funds = ?, currency = ?, customer_id = ?,
					name = ?, originated_by = ?, active_from = ?, expires_at = ?, metadata = ?, token_expires_in = ?,
					token_expires_after_transaction = ?, activated_at = ?, updated_at = ?
				WHERE account_id = ? AND card_id = ? AND status = 'inactive' AND deleted_at IS NULL""")
			.params(CardStatus.sold().value(), sale.amount(), sale.amount(), sale.amount(), sale.currency(),
					sale.customerId(), sale.name(), sale.originatedBy(), utc(sale.activeFrom()), utc(sale.expiresAt()),
					writeJson(sale.metadata()), sale.tokenExpiresIn(), sale.tokenExpiresAfterTransaction(), utc(now),
					utc(now), accountId, cardId)
			.update();
		if (rows == 1 && sale.customerId() != null) {
			this.client.sql("INSERT INTO card_customer (account_id, customer_id, card_id) VALUES (?, ?, ?)")
				.params(accountId, sale.customerId(), cardId)
				.update();
		}
		return rows == 1;
	}

	/** Marks a card deleted; a card deleted before keeps its first mark. */
	boolean delete(String accountId, String cardId, String deletedBy, Instant now) {
		return this.client.sql("""
				UPDATE card SET deleted_at = ?, deleted_by = ?, updated_at = ?
				WHERE account_id = ? AND card_id = ? AND deleted_at IS NULL""")
			.params(utc(now), deletedBy, utc(now), accountId, cardId)
			.update() == 1;
	}

	/** A new PIN (hash and format) for a card that is not deleted; clears the wrong-PIN count, and so a lock. */
	boolean rotatePin(String accountId, String cardId, String pinFormatJson, byte[] pinHash, Instant now) {
		return this.client.sql("""
				UPDATE card SET pin_format_id = ?, pin_hash = ?, failed_pin_attempts = 0, updated_at = ?
				WHERE account_id = ? AND card_id = ? AND deleted_at IS NULL""")
			.params(this.formats.idOf(pinFormatJson), pinHash, utc(now), accountId, cardId)
			.update() == 1;
	}

	Optional<TokenHit> lockByTokenHash(String accountId, byte[] tokenHash) {
		return this.client.sql(LOCK_BY_TOKEN_HASH)
			.params(accountId, tokenHash)
			.query((rs, n) -> new TokenHit(paying(rs), tokenExpiresAt(rs), rs.getBoolean("token_expires_after_transaction"),
					instant(rs, "token_used_at") != null))
			.optional();
	}

	Optional<PayingCard> lockByCardId(String accountId, String cardId) {
		return this.client.sql(PAYING_COLUMNS + " WHERE account_id = ? AND card_id = ? FOR UPDATE")
			.params(accountId, cardId)
			.query((rs, n) -> paying(rs))
			.optional();
	}

	PayingCard lock(UUID id) {
		return this.client.sql(LOCK_BY_ID)
			.param(id.toString())
			.query((rs, n) -> paying(rs))
			.single();
	}

	/** The money columns and the status, as {@link CardBalances} computed them under the row lock. */
	void updateMoney(PayingCard card, Instant now) {
		this.client.sql("""
				UPDATE card SET balance = ?, reserved_amount = ?, amount_funds = ?, amount_drawdown = ?, status = ?,
					updated_at = ?
				WHERE seq = ?""")
			.params(card.balance(), card.reservedAmount(), card.amountFunds(), card.amountDrawdown(),
					card.status().value(), utc(now), card.seq())
			.update();
	}

	void setFailedPinAttempts(PayingCard card, int attempts) {
		this.client.sql("UPDATE card SET failed_pin_attempts = ? WHERE seq = ?").params(attempts, card.seq()).update();
	}

	/** The card's own token paid once, and it pays only once. */
	void spendToken(PayingCard card, Instant now) {
		this.client.sql("UPDATE card SET token_used_at = ? WHERE seq = ? AND token_used_at IS NULL")
			.params(utc(now), card.seq())
			.update();
	}

	private Card map(ResultSet rs, int row) throws SQLException {
		long amount = rs.getLong("amount");
		Long storedAmount = rs.wasNull() ? null : amount;
		long expiresIn = rs.getLong("token_expires_in");
		Long tokenExpiresIn = rs.wasNull() ? null : expiresIn;
		return new Card(UUID.fromString(rs.getString("id")), rs.getString("account_id"), rs.getString("card_id"),
				CardType.parse(rs.getString("type")), CardStatus.of(rs.getString("status")), storedAmount,
				rs.getString("currency"), rs.getLong("balance"), rs.getLong("reserved_amount"),
				rs.getLong("amount_funds"), rs.getLong("amount_drawdown"), rs.getString("customer_id"),
				rs.getString("name"), rs.getString("originated_by"), instant(rs, "active_from"),
				instant(rs, "expires_at"), readMetadata(rs.getString("metadata")), instant(rs, "created_at"),
				rs.getString("created_by"), instant(rs, "updated_at"), instant(rs, "activated_at"),
				rs.getString("order_ref"), this.formats.format(rs.getLong("token_format_id")),
				this.formats.format(nullableLong(rs, "pin_format_id")), rs.getInt("failed_pin_attempts"), tokenExpiresIn,
				rs.getBoolean("token_expires_after_transaction"), instant(rs, "deleted_at"));
	}

	private static PayingCard paying(ResultSet rs) throws SQLException {
		return new PayingCard(rs.getLong("seq"), UUID.fromString(rs.getString("id")), rs.getString("account_id"),
				rs.getString("card_id"), CardStatus.of(rs.getString("status")), rs.getString("currency"),
				rs.getLong("balance"), rs.getLong("reserved_amount"), rs.getLong("amount_funds"),
				rs.getLong("amount_drawdown"), instant(rs, "active_from"), instant(rs, "expires_at"),
				rs.getInt("failed_pin_attempts"), rs.getBytes("pin_hash"), instant(rs, "deleted_at") != null, null, false);
	}

	/** When the card's own token stops working: {@code token_expires_in} seconds after activation, or never. */
	private static Instant tokenExpiresAt(ResultSet rs) throws SQLException {
		long seconds = rs.getLong("token_expires_in");
		if (rs.wasNull()) {
			return null;
		}
		Instant activatedAt = instant(rs, "activated_at");
		return (activatedAt != null) ? activatedAt.plusSeconds(seconds) : null;
	}

	String writeJson(Object value) {
		return (value != null) ? this.json.writeValueAsString(value) : null;
	}

	CodeFormat readFormat(String value) {
		return (value != null) ? this.json.readValue(value, CodeFormat.class) : null;
	}

	Map<String, Object> readMetadata(String value) {
		return (value != null) ? this.json.readValue(value, new TypeReference<Map<String, Object>>() {
		}) : null;
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/** UTC {@code DATETIME(6)} conversions, shared by every table of cardmint. */
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

	/** A statement and its parameters, built by {@link #listQuery}. */
	record Query(String sql, List<Object> params) {
	}

	/** A card found by its own token, with what decides whether that token still works. */
	record TokenHit(PayingCard card, Instant tokenExpiresAt, boolean singleUse, boolean spent) {
	}

}
