package io.cardmint.card;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.cardmint.card.Cards.utc;

/** JDBC access to wallet_settings: an account's settings, defaults until it changes one. */
@Repository
class WalletSettings {

	private final JdbcClient jdbc;

	WalletSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Settings find(String accountId) {
		return this.jdbc.sql("SELECT default_card_expires_in_days FROM wallet_settings WHERE account_id = ?")
			.param(accountId)
			.query((rs, n) -> {
				int days = rs.getInt(1);
				return new Settings(rs.wasNull() ? null : days);
			})
			.optional()
			.orElse(new Settings(null));
	}

	void save(String accountId, Settings settings, String updatedBy, Instant now) {
		int rows = this.jdbc.sql("""
				UPDATE wallet_settings SET default_card_expires_in_days = ?, updated_at = ?, updated_by = ?
				WHERE account_id = ?""")
			.params(settings.defaultCardExpiresInDays(), utc(now), updatedBy, accountId)
			.update();
		if (rows == 0) {
			this.jdbc.sql("""
					INSERT INTO wallet_settings (account_id, default_card_expires_in_days, updated_at, updated_by)
					VALUES (?, ?, ?, ?)""")
				.params(accountId, settings.defaultCardExpiresInDays(), utc(now), updatedBy)
				.update();
		}
	}

	/**
	 * {@code GET}/{@code PATCH …/wallets/settings}. {@code default_card_expires_in_days}: the
	 * validity of a card sold without an {@code expires_at}; null for no expiry.
	 */
	record Settings(@Schema(minimum = "1", maximum = "" + SettingsController.MAX_EXPIRES_IN_DAYS, nullable = true,
			description = "days a card sold without expires_at stays valid; null: no expiry") Integer
					defaultCardExpiresInDays) {
	}

}
