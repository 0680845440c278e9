package io.cardmint.payment;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.cardmint.card.Cards.utc;

/**
 * The append-only record of every change to a card's money. Each entry is written in the
 * same database transaction as the change to the card row, so that a card's balance is the
 * sum of its {@code balance_change} and its reserved amount the sum of its
 * {@code reserved_change}.
 */
@Repository
class Ledger {

	/** Why the money moved; the value of the {@code kind} column. */
	enum Kind {

		ACTIVATION, FUND, DRAWDOWN, RESERVE, CAPTURE, VOID;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final JdbcClient jdbc;

	Ledger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String accountId, UUID cardUuid, UUID transactionId, Kind kind, long balanceChange,
			long reservedChange, Instant at) {
		this.jdbc.sql("""
				INSERT INTO ledger_entry (account_id, card_uuid, transaction_id, kind, balance_change, reserved_change,
					created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(accountId, cardUuid.toString(), (transactionId != null) ? transactionId.toString() : null,
					kind.value(), balanceChange, reservedChange, utc(at))
			.update();
	}

}
