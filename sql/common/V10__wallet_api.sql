-- The Dintero card and transaction shapes, temporary tokens, deletion and account settings.
-- Written for MariaDB; the same DDL runs on the embedded H2 default (MODE=MariaDB).

-- amount: what the card was activated or created with. amount_funds / amount_drawdown: all
-- money put on / taken off the card over its life, so that balance = amount_funds -
-- amount_drawdown (the CHECK below, and the ledger: funds are its positive balance changes,
-- drawdowns its negative ones).
ALTER TABLE card ADD COLUMN amount BIGINT;
ALTER TABLE card ADD COLUMN amount_funds BIGINT NOT NULL DEFAULT 0;
ALTER TABLE card ADD COLUMN amount_drawdown BIGINT NOT NULL DEFAULT 0;
-- A deleted card never pays and is listed only when asked for.
ALTER TABLE card ADD COLUMN deleted_at DATETIME(6);
ALTER TABLE card ADD COLUMN deleted_by VARCHAR(255);
-- Dintero's card_token settings given at activation: how long the card's own token works after
-- activation (seconds) and whether it pays only once.
ALTER TABLE card ADD COLUMN token_expires_in BIGINT;
ALTER TABLE card ADD COLUMN token_expires_after_transaction BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE card ADD COLUMN token_used_at DATETIME(6);

UPDATE card SET
	amount_funds = (SELECT COALESCE(SUM(l.balance_change), 0) FROM ledger_entry l
		WHERE l.card_uuid = card.id AND l.balance_change > 0),
	amount_drawdown = (SELECT COALESCE(-SUM(l.balance_change), 0) FROM ledger_entry l
		WHERE l.card_uuid = card.id AND l.balance_change < 0),
	amount = (SELECT MAX(l.balance_change) FROM ledger_entry l WHERE l.card_uuid = card.id AND l.kind = 'activation');

-- The last guard of the money rules (io.cardmint.domain.Amounts checks first, with its own
-- error codes): no balance below 0 or above 10^12 minor units, no reservation beyond it.
ALTER TABLE card ADD CONSTRAINT card_money_ck CHECK (balance = amount_funds - amount_drawdown
	AND balance >= 0 AND balance <= 1000000000000 AND reserved_amount >= 0 AND reserved_amount <= balance);

CREATE INDEX card_account_customer_idx ON card (account_id, customer_id, card_id);

-- Dintero's transaction fields. A capture or void is a child row whose parent_id is the
-- pending drawdown it settles; its own ref_id makes a retry safe.
ALTER TABLE card_transaction ADD COLUMN parent_id CHAR(36);
ALTER TABLE card_transaction ADD COLUMN metadata TEXT;
ALTER TABLE card_transaction ADD COLUMN originated_by VARCHAR(255);
ALTER TABLE card_transaction ADD COLUMN created_by VARCHAR(255);
CREATE INDEX card_transaction_account_idx ON card_transaction (account_id, seq);
CREATE INDEX card_transaction_parent_idx ON card_transaction (parent_id);

-- Temporary tokens of a card (POST …/cards/{card_id}/tokens): only the keyed hash of the
-- value is stored, beside a masked form (prefix and last four) for the card's tokens[] list.
-- (card_uuid, ref_id) is unique: a retry makes no second token.
CREATE TABLE card_token (
	seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	id CHAR(36) NOT NULL,
	account_id CHAR(9) NOT NULL,
	card_uuid CHAR(36) NOT NULL,
	ref_id VARCHAR(255) NOT NULL,
	token_hash BINARY(32) NOT NULL,
	hash_key_id CHAR(8) NOT NULL,
	format VARCHAR(400),
	masked_code VARCHAR(200) NOT NULL,
	expires_in BIGINT,
	expires_at DATETIME(6),
	expires_after_transaction BOOLEAN NOT NULL DEFAULT FALSE,
	used_at DATETIME(6),
	metadata TEXT,
	created_at DATETIME(6) NOT NULL,
	created_by VARCHAR(255) NOT NULL,
	CONSTRAINT card_token_id_uk UNIQUE (id),
	CONSTRAINT card_token_hash_uk UNIQUE (account_id, token_hash),
	CONSTRAINT card_token_ref_uk UNIQUE (card_uuid, ref_id)
);

-- GET/PATCH …/wallets/settings: one row per account once it has changed a setting.
CREATE TABLE wallet_settings (
	account_id CHAR(9) NOT NULL PRIMARY KEY,
	default_card_expires_in_days INT,
	updated_at DATETIME(6) NOT NULL,
	updated_by VARCHAR(255) NOT NULL
);
