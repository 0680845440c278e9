package io.cardmint.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.cardmint.card.CardStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.cardmint.card.Cards.instant;
import static io.cardmint.card.Cards.utc;

/**
 * The card table as payments use it: every read takes the row lock ({@code FOR UPDATE}), so
 * the movements of one card run one after the other and a balance is never read stale (only
 * {@link #read} answers GETs without a lock). The
 * money columns (balance, reserved_amount) and the PIN counter are written only here.
 */
@Repository
class PaymentCards {

	private static final String SELECT = """
			SELECT seq, id, account_id, card_id, status, currency, balance, reserved_amount, active_from, expires_at,
				failed_pin_attempts, pin_hash
			FROM card""";

	private final JdbcClient jdbc;

	PaymentCards(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PaymentCard> lockByTokenHash(String accountId, byte[] tokenHash) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND token_hash = ? FOR UPDATE")
			.params(accountId, tokenHash)
			.query(PaymentCards::map)
			.optional();
	}

	Optional<PaymentCard> lockByCardId(String accountId, String cardId) {
		return this.jdbc.sql(SELECT + " WHERE account_id = ? AND card_id = ? FOR UPDATE")
			.params(accountId, cardId)
			.query(PaymentCards::map)
			.optional();
	}

	PaymentCard lock(UUID id) {
		return this.jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(id.toString()).query(PaymentCards::map).single();
	}

	/** Without a lock: for answering reads only, never for deciding a movement. */
	PaymentCard read(UUID id) {
		return this.jdbc.sql(SELECT + " WHERE id = ?").param(id.toString()).query(PaymentCards::map).single();
	}

	void updateMoney(PaymentCard card, Instant now) {
		this.jdbc.sql("UPDATE card SET balance = ?, reserved_amount = ?, status = ?, updated_at = ? WHERE seq = ?")
			.params(card.balance(), card.reservedAmount(), card.status().value(), utc(now), card.seq())
			.update();
	}

	void setFailedPinAttempts(PaymentCard card, int attempts) {
		this.jdbc.sql("UPDATE card SET failed_pin_attempts = ? WHERE seq = ?").params(attempts, card.seq()).update();
	}

	private static PaymentCard map(ResultSet rs, int row) throws SQLException {
		return new PaymentCard(rs.getLong("seq"), UUID.fromString(rs.getString("id")), rs.getString("account_id"),
				rs.getString("card_id"), CardStatus.of(rs.getString("status")), rs.getString("currency"),
				rs.getLong("balance"), rs.getLong("reserved_amount"), instant(rs, "active_from"),
				instant(rs, "expires_at"), rs.getInt("failed_pin_attempts"), rs.getBytes("pin_hash"));
	}

}
