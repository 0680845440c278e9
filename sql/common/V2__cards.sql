-- Cards. Written for MariaDB; the same DDL runs on the embedded H2 default (MODE=MariaDB).
-- Clustered on a sequential key (seq): inserting millions of rows in card order stays
-- append-only, which a random UUID primary key does not (measured 4x slower in STACK.md).
-- Tokens and PINs are never stored: only HMAC-SHA256 keyed hashes (see io.cardmint.code.KeyedHashes).
CREATE TABLE card (
	seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	id CHAR(36) NOT NULL,
	account_id CHAR(9) NOT NULL,
	card_id VARCHAR(255) NOT NULL,
	type VARCHAR(20) NOT NULL,
	status VARCHAR(20) NOT NULL,
	currency CHAR(3),
	balance BIGINT NOT NULL DEFAULT 0,
	reserved_amount BIGINT NOT NULL DEFAULT 0,
	customer_id VARCHAR(255),
	name VARCHAR(255),
	originated_by VARCHAR(255),
	active_from DATETIME(6),
	expires_at DATETIME(6),
	metadata TEXT,
	created_at DATETIME(6) NOT NULL,
	created_by VARCHAR(255) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	activated_at DATETIME(6),
	order_ref VARCHAR(100),
	card_index BIGINT,
	token_attempt INT NOT NULL DEFAULT 0,
	token_format VARCHAR(400) NOT NULL,
	pin_format VARCHAR(400),
	token_hash BINARY(32) NOT NULL,
	pin_hash BINARY(32),
	hash_key_id CHAR(8) NOT NULL,
	failed_pin_attempts INT NOT NULL DEFAULT 0,
	CONSTRAINT card_id_uk UNIQUE (id),
	CONSTRAINT card_account_card_id_uk UNIQUE (account_id, card_id),
	CONSTRAINT card_account_token_hash_uk UNIQUE (account_id, token_hash)
);

CREATE INDEX card_account_status_idx ON card (account_id, status, card_id);
CREATE INDEX card_order_idx ON card (account_id, order_ref, card_index);
