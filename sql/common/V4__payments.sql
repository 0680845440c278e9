-- Payments: transactions and the ledger. Written for MariaDB; the same DDL runs on the
-- embedded H2 default (MODE=MariaDB).

-- One row per accepted POST …/transactions. (account_id, ref_id) is unique: a retry with the
-- same ref_id finds this row and moves no money twice. Refused requests leave no row.
CREATE TABLE card_transaction (
	seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	id CHAR(36) NOT NULL,
	account_id CHAR(9) NOT NULL,
	ref_id VARCHAR(255) NOT NULL,
	card_uuid CHAR(36) NOT NULL,
	card_id VARCHAR(255) NOT NULL,
	type VARCHAR(20) NOT NULL,
	status VARCHAR(20) NOT NULL,
	amount BIGINT NOT NULL,
	currency CHAR(3) NOT NULL,
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	CONSTRAINT card_transaction_id_uk UNIQUE (id),
	CONSTRAINT card_transaction_ref_uk UNIQUE (account_id, ref_id)
);

CREATE INDEX card_transaction_card_idx ON card_transaction (card_uuid, seq);

-- Every change of a card's money is a row, written in the same database transaction as the
-- change itself: card.balance = SUM(balance_change) and card.reserved_amount =
-- SUM(reserved_change) over the card's rows, always. kind: opening, activation, fund,
-- drawdown, reserve, capture, void.
CREATE TABLE ledger_entry (
	seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id CHAR(9) NOT NULL,
	card_uuid CHAR(36) NOT NULL,
	transaction_id CHAR(36),
	kind VARCHAR(20) NOT NULL,
	balance_change BIGINT NOT NULL,
	reserved_change BIGINT NOT NULL,
	created_at DATETIME(6) NOT NULL
);

CREATE INDEX ledger_entry_card_idx ON ledger_entry (card_uuid, seq);

-- Cards activated before this migration get an opening row, so the invariant holds for them too.
INSERT INTO ledger_entry (account_id, card_uuid, transaction_id, kind, balance_change, reserved_change, created_at)
SELECT account_id, id, NULL, 'opening', balance, reserved_amount, COALESCE(activated_at, updated_at)
FROM card
WHERE balance <> 0 OR reserved_amount <> 0;
