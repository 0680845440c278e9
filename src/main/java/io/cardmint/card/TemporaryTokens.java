package io.cardmint.card;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.cardmint.card.Cards.instant;
import static io.cardmint.card.Cards.utc;

/** JDBC access to the card_token table: the temporary tokens of cards, as keyed hashes. */
@Repository
class TemporaryTokens {

	private static final String SELECT = """
			SELECT id, account_id, card_uuid, ref_id, token_hash, hash_key_id, format, masked_code, expires_in, expires_at,
				expires_after_transaction, used_at, metadata, created_at, created_by
			FROM card_token""";

	private final JdbcClient jdbc;

	private final Cards cards;

	TemporaryTokens(JdbcClient jdbc, Cards cards) {
		this.jdbc = jdbc;
		this.cards = cards;
	}

	/** Throws {@code DuplicateKeyException} for a taken hash or a ref_id the card already used. */
	void insert(TemporaryToken token) {
		this.jdbc.sql("""
				INSERT INTO card_token (id, account_id, card_uuid, ref_id, token_hash, hash_key_id, format, masked_code,
					expires_in, expires_at, expires_after_transaction, metadata, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(token.id().toString(), token.accountId(), token.cardUuid().toString(), token.refId(),
					token.tokenHash(), token.hashKeyId(), this.cards.writeJson(token.format()), token.maskedCode(),
					token.expiresIn(), utc(token.expiresAt()), token.expiresAfterTransaction(),
					this.cards.writeJson(token.metadata()), utc(token.createdAt()), token.createdBy())
			.update();
	}

	Optional<TemporaryToken> findByRefId(UUID cardUuid, String refId) {
		return this.jdbc.sql(SELECT + " WHERE card_uuid = ? AND ref_id = ?")
			.params(cardUuid.toString(), refId)
			.query(this::map)
			.optional();
	}

	Optional<TemporaryToken> findByHash(String accountId, byte[] tokenHash) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND token_hash = ?")
			.params(accountId, tokenHash)
			.query(this::map)
			.optional();
	}

	boolean hashTaken(String accountId, byte[] tokenHash) {
		return findByHash(accountId, tokenHash).isPresent();
	}

	/** The tokens of these cards that still find their card, oldest first: the cards' {@code tokens[]}. */
	Map<UUID, List<TemporaryToken>> live(Collection<UUID> cardUuids, Instant now) {
		Map<UUID, List<TemporaryToken>> live = new HashMap<>();
		if (cardUuids.isEmpty()) {
			return live;
		}
		List<Object> params = new ArrayList<>();
		cardUuids.forEach((uuid) -> params.add(uuid.toString()));
		params.add(utc(now));
		this.jdbc
			.sql(SELECT + " WHERE card_uuid IN (" + String.join(", ", java.util.Collections.nCopies(cardUuids.size(), "?"))
					+ ") AND (expires_at IS NULL OR expires_at > ?) ORDER BY seq")
			.params(params)
			.query(this::map)
			.list()
			.forEach((token) -> live.computeIfAbsent(token.cardUuid(), (uuid) -> new ArrayList<>()).add(token));
		return live;
	}

	void spend(UUID id, Instant now) {
		this.jdbc.sql("UPDATE card_token SET used_at = ? WHERE id = ? AND used_at IS NULL")
			.params(utc(now), id.toString())
			.update();
	}

	private TemporaryToken map(ResultSet rs, int row) throws SQLException {
		long expiresIn = rs.getLong("expires_in");
		Long seconds = rs.wasNull() ? null : expiresIn;
		return new TemporaryToken(UUID.fromString(rs.getString("id")), rs.getString("account_id"),
				UUID.fromString(rs.getString("card_uuid")), rs.getString("ref_id"), rs.getBytes("token_hash"),
				rs.getString("hash_key_id"), this.cards.readFormat(rs.getString("format")), rs.getString("masked_code"),
				seconds, instant(rs, "expires_at"), rs.getBoolean("expires_after_transaction"), instant(rs, "used_at"),
				this.cards.readMetadata(rs.getString("metadata")), instant(rs, "created_at"), rs.getString("created_by"));
	}

}
