package io.cardmint.order;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cardmint.card.CardType;
import io.cardmint.card.Cards;
import io.cardmint.code.CodeFormat;
import io.cardmint.print.PrintedFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** JDBC access to orders and to the staged card ids of listed manifests. */
@Repository
public class Orders {

	private static final String COLUMNS = """
			id, account_id, order_ref, manufacturer, card_type, card_count, card_source, card_id_prefix,
			card_id_start, card_id_digits, token_format, pin_format, print_fields, partitions, sealed_secret IS NULL AS shredded,
			status, print_files, delivery, error, created_at, updated_at, completed_at""";

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final JsonMapper json;

	Orders(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.json = json;
	}

	/** Inserts the order as {@code validating}; the unique (account, order_ref) key refuses a rerun. */
	long insert(Manifest manifest, int partitions, byte[] sealedSecret, String sourceName, String leaseOwner,
			Duration lease) {
		Instant now = now();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update((connection) -> {
			PreparedStatement ps = connection.prepareStatement("""
					INSERT INTO card_order (account_id, order_ref, manufacturer, card_type, card_count, card_source,
						card_id_prefix, card_id_start, card_id_digits, token_format, pin_format, print_fields, partitions,
						sealed_secret, status, source_name, created_at, updated_at, lease_owner, lease_expires_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'validating', ?, ?, ?, ?, ?)""", new String[] { "id" });
			Manifest.CardIdRange range = manifest.cardIds();
			ps.setString(1, manifest.accountId());
			ps.setString(2, manifest.orderRef());
			ps.setString(3, manifest.manufacturer());
			ps.setString(4, manifest.type().value());
			ps.setLong(5, manifest.count());
			ps.setString(6, manifest.listsCards() ? "list" : "range");
			ps.setString(7, (range != null) ? range.prefix() : null);
			ps.setObject(8, (range != null) ? range.start() : null);
			ps.setObject(9, (range != null) ? range.digits() : null);
			ps.setString(10, this.json.writeValueAsString(manifest.tokenFormat()));
			ps.setString(11, (manifest.pinFormat() != null) ? this.json.writeValueAsString(manifest.pinFormat()) : null);
			ps.setString(12, this.json.writeValueAsString(manifest.print()));
			ps.setInt(13, partitions);
			ps.setBytes(14, sealedSecret);
			ps.setString(15, sourceName);
			ps.setObject(16, Cards.utc(now));
			ps.setObject(17, Cards.utc(now));
			ps.setString(18, leaseOwner);
			ps.setObject(19, Cards.utc(now.plus(lease)));
			return ps;
		}, key);
		return key.getKey().longValue();
	}

	/** Stages listed card ids; the primary key (order, idx) and the unique (order, card_id) find repeats. */
	void stage(long orderId, List<ListedCard> cards) {
		this.jdbc.batchUpdate("INSERT INTO order_card (order_id, idx, card_id, type) VALUES (?, ?, ?, ?)", cards,
				cards.size(), (ps, card) -> {
					ps.setLong(1, orderId);
					ps.setLong(2, card.index());
					ps.setString(3, card.cardId());
					ps.setString(4, card.type().value());
				});
	}

	/** Staged card ids already used by a card of the account (at most ten, for the message). */
	List<String> stagedCardIdsInUse(long orderId, String accountId) {
		return this.client.sql("""
				SELECT oc.card_id FROM order_card oc JOIN card c ON c.account_id = ? AND c.card_id = oc.card_id
				WHERE oc.order_id = ? ORDER BY oc.idx LIMIT 10""").params(accountId, orderId).query(String.class).list();
	}

	/** Card ids of a numbered range already used in the account (at most ten). */
	List<String> rangeCardIdsInUse(String accountId, Manifest.CardIdRange range, long count) {
		String first = range.cardId(0);
		String last = range.cardId(count - 1);
		// Zero-padded numbers of one width sort like the numbers: one index range scan finds them all.
		return this.client.sql("""
				SELECT card_id FROM card WHERE account_id = ? AND card_id BETWEEN ? AND ? AND CHAR_LENGTH(card_id) = ?
				ORDER BY card_id LIMIT 200""")
			.params(accountId, first, last, first.length())
			.query(String.class)
			.list()
			.stream()
			.filter((cardId) -> cardId.startsWith(range.prefix())
					&& cardId.substring(range.prefix().length()).chars().allMatch(Character::isDigit))
			.limit(10)
			.toList();
	}

	Long stagedIndex(long orderId, String cardId) {
		return this.client.sql("SELECT idx FROM order_card WHERE order_id = ? AND card_id = ?")
			.params(orderId, cardId)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/**
	 * How many listed card ids are staged: a prefix of the list, since staging commits its
	 * batches in list order (the primary key's last entry, not a count).
	 */
	long stagedCount(long orderId) {
		Long last = this.client.sql("SELECT MAX(idx) FROM order_card WHERE order_id = ?")
			.param(orderId)
			.query(Long.class)
			.optional()
			.orElse(null);
		return (last != null) ? last + 1 : 0;
	}

	/**
	 * Ends an order whose listed cards the job refused (a repeated or used card id): its staged
	 * ids and its batch secret go, and it is kept as {@code rejected}, with the reason, so that
	 * its order_ref tells the client why; nothing else was written, and the order_ref may be used
	 * again.
	 */
	public void reject(long orderId, String error) {
		deleteStaged(orderId);
		destroySecret(orderId);
		updateStatus(orderId, OrderStatus.REJECTED, error);
	}

	void deleteOrder(long orderId) {
		this.jdbc.update("DELETE FROM order_card WHERE order_id = ?", orderId);
		this.jdbc.update("DELETE FROM card_order WHERE id = ?", orderId);
	}

	public void deleteStaged(long orderId) {
		this.jdbc.update("DELETE FROM order_card WHERE order_id = ?", orderId);
	}

	public Order require(long orderId) {
		return find(orderId).orElseThrow(() -> new IllegalStateException("no order with id " + orderId));
	}

	public Optional<Order> find(long orderId) {
		return this.client.sql("SELECT " + COLUMNS + " FROM card_order WHERE id = ?").param(orderId).query(this::map)
			.optional();
	}

	public Optional<Order> find(String accountId, String orderRef) {
		return this.client.sql("SELECT " + COLUMNS + " FROM card_order WHERE account_id = ? AND order_ref = ?")
			.params(accountId, orderRef)
			.query(this::map)
			.optional();
	}

	public List<Order> findByRef(String orderRef) {
		return this.client.sql("SELECT " + COLUMNS + " FROM card_order WHERE order_ref = ? ORDER BY id")
			.param(orderRef)
			.query(this::map)
			.list();
	}

	public List<Order> all() {
		return this.client.sql("SELECT " + COLUMNS + " FROM card_order ORDER BY id").query(this::map).list();
	}

	/** Orders neither completed nor rejected: candidates for {@code resume}. */
	public List<Order> unfinished() {
		return this.client
			.sql("SELECT " + COLUMNS + " FROM card_order WHERE status NOT IN ('completed', 'rejected') ORDER BY id")
			.query(this::map)
			.list();
	}

	public byte[] sealedSecret(long orderId) {
		return this.client.sql("SELECT sealed_secret FROM card_order WHERE id = ?")
			.param(orderId)
			.query((rs, n) -> rs.getBytes(1))
			.single();
	}

	public void destroySecret(long orderId) {
		Instant now = now();
		this.jdbc.update("UPDATE card_order SET sealed_secret = NULL, secret_destroyed_at = ?, updated_at = ? WHERE id = ?",
				Cards.utc(now), Cards.utc(now), orderId);
	}

	public void updateStatus(long orderId, OrderStatus status, String error) {
		Instant now = now();
		this.jdbc.update("UPDATE card_order SET status = ?, error = ?, updated_at = ?, completed_at = ? WHERE id = ?",
				status.value(), (error != null && error.length() > 2000) ? error.substring(0, 2000) : error,
				Cards.utc(now), (status == OrderStatus.COMPLETED) ? Cards.utc(now) : null, orderId);
	}

	public void recordPrintFiles(long orderId, List<PrintedFile> files) {
		this.jdbc.update("UPDATE card_order SET print_files = ?, updated_at = ? WHERE id = ?",
				this.json.writeValueAsString(files), Cards.utc(now()), orderId);
	}

	public void recordDelivery(long orderId, Object delivery) {
		this.jdbc.update("UPDATE card_order SET delivery = ?, updated_at = ? WHERE id = ?",
				this.json.writeValueAsString(delivery), Cards.utc(now()), orderId);
	}

	/**
	 * Takes the order's lease if it is free, has run out, or its holder is known to be dead (a
	 * process of this machine that no longer runs, see {@link LeaseOwner}): of two live processes
	 * only one gets it, so an order is never run twice at once.
	 */
	boolean acquireLease(long orderId, String owner, Duration lease) {
		Instant now = now();
		String holder = this.client.sql("SELECT lease_owner FROM card_order WHERE id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse(null);
		String dead = (holder != null && LeaseOwner.isKnownDead(holder)) ? holder : owner;
		return this.jdbc.update("""
				UPDATE card_order SET lease_owner = ?, lease_expires_at = ?
				WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_owner = ? OR lease_expires_at < ?)""",
				owner, Cards.utc(now.plus(lease)), orderId, owner, dead, Cards.utc(now)) == 1;
	}

	/** False when the lease is no longer this owner's: another process took it over. */
	boolean extendLease(long orderId, String owner, Duration lease) {
		return this.jdbc.update("UPDATE card_order SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?",
				Cards.utc(now().plus(lease)), orderId, owner) == 1;
	}

	void releaseLease(long orderId, String owner) {
		this.jdbc.update("UPDATE card_order SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?",
				orderId, owner);
	}

	/** The live process holding the order: its lease has not run out and it is not known to be dead. */
	public Optional<String> leaseHolder(long orderId) {
		return this.client.sql("SELECT lease_owner FROM card_order WHERE id = ? AND lease_expires_at >= ?")
			.params(orderId, Cards.utc(now()))
			.query(String.class)
			.optional()
			.filter((holder) -> !LeaseOwner.isKnownDead(holder));
	}

	/** Cards of the order written so far: the order's progress, visible to every process. */
	public long cardsDone(Order order) {
		return this.client.sql("SELECT COUNT(*) FROM card WHERE account_id = ? AND order_ref = ?")
			.params(order.accountId(), order.orderRef())
			.query(Long.class)
			.single();
	}

	private Order map(ResultSet rs, int row) throws SQLException {
		boolean range = "range".equals(rs.getString("card_source"));
		return new Order(rs.getLong("id"), rs.getString("account_id"), rs.getString("order_ref"),
				rs.getString("manufacturer"), CardType.parse(rs.getString("card_type")), rs.getLong("card_count"),
				range ? new Manifest.CardIdRange(rs.getString("card_id_prefix"), rs.getLong("card_id_start"),
						rs.getInt("card_id_digits")) : null,
				this.json.readValue(rs.getString("token_format"), CodeFormat.class),
				(rs.getString("pin_format") != null) ? this.json.readValue(rs.getString("pin_format"), CodeFormat.class)
						: null,
				this.json.readValue(rs.getString("print_fields"), new TypeReference<Map<String, String>>() {
				}), rs.getInt("partitions"), rs.getBoolean("shredded"), OrderStatus.of(rs.getString("status")),
				(rs.getString("print_files") != null) ? this.json.readValue(rs.getString("print_files"),
						new TypeReference<List<PrintedFile>>() {
						}) : null,
				rs.getString("delivery"), rs.getString("error"),
				Cards.instant(rs, "created_at"), Cards.instant(rs, "updated_at"), Cards.instant(rs, "completed_at"));
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
