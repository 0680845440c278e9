-- Orders of physical cards. (account_id, order_ref) is unique: the same manifest never runs
-- twice, not even from two processes sharing the database.
CREATE TABLE card_order (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id CHAR(9) NOT NULL,
	order_ref VARCHAR(100) NOT NULL,
	manufacturer VARCHAR(100) NOT NULL,
	card_type VARCHAR(20) NOT NULL,
	card_count BIGINT NOT NULL,
	-- 'range': card_id = prefix + zero-padded number; 'list': card ids staged in order_card
	card_source VARCHAR(10) NOT NULL,
	card_id_prefix VARCHAR(200),
	card_id_start BIGINT,
	card_id_digits INT,
	token_format VARCHAR(400) NOT NULL,
	pin_format VARCHAR(400),
	print_fields TEXT,
	partitions INT NOT NULL,
	-- AES-GCM sealed batch secret; NULL once destroyed after delivery (crypto-shredding)
	sealed_secret VARBINARY(64),
	secret_destroyed_at DATETIME(6),
	status VARCHAR(20) NOT NULL,
	print_files TEXT,
	delivery TEXT,
	error VARCHAR(2000),
	source_name VARCHAR(255),
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	completed_at DATETIME(6),
	-- which live process runs the order; a lease that has run out marks a dead process
	lease_owner VARCHAR(200),
	lease_expires_at DATETIME(6),
	CONSTRAINT card_order_ref_uk UNIQUE (account_id, order_ref)
);

-- The card ids of a manifest that lists them, staged while it is validated (so a
-- 10,000,000-card list is checked for repeats by the database, not in memory) and read back
-- by the generation partitions in index order.
CREATE TABLE order_card (
	order_id BIGINT NOT NULL,
	idx BIGINT NOT NULL,
	card_id VARCHAR(255) NOT NULL,
	type VARCHAR(20) NOT NULL,
	PRIMARY KEY (order_id, idx),
	CONSTRAINT order_card_card_id_uk UNIQUE (order_id, card_id)
);
