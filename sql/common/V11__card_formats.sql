-- The lean card row (issue 12): a card refers to its token and PIN formats instead of repeating
-- their JSON (two VARCHAR(400) on every row, the same text for every card of an order). A format
-- is written once, the first time any card uses it, and never changed; io.cardmint.card.CodeFormats
-- owns the table and keeps what it read in memory. No foreign key: the card writer resolves
-- every id through CodeFormats, and a key check on each of an order's millions of inserts would
-- buy nothing.
-- Written for MariaDB; the same DDL runs on the embedded H2 default (MODE=MariaDB).
CREATE TABLE code_format (
	id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	format VARCHAR(400) NOT NULL,
	CONSTRAINT code_format_uk UNIQUE (format)
);

INSERT INTO code_format (format)
	SELECT token_format FROM card UNION SELECT pin_format FROM card WHERE pin_format IS NOT NULL;

ALTER TABLE card ADD COLUMN token_format_id BIGINT;
ALTER TABLE card ADD COLUMN pin_format_id BIGINT;
UPDATE card SET token_format_id = (SELECT f.id FROM code_format f WHERE f.format = card.token_format),
	pin_format_id = (SELECT f.id FROM code_format f WHERE f.format = card.pin_format);
ALTER TABLE card MODIFY token_format_id BIGINT NOT NULL;
ALTER TABLE card DROP COLUMN token_format;
ALTER TABLE card DROP COLUMN pin_format;

-- Why each of card's secondary indexes exists (the primary key, seq, keeps inserts append-only):
--   card_id_uk (id)                                  a card by its id: GET/DELETE by id, the lock of a
--                                                    capture or void (Cards.find(UUID), Cards.lock)
--   card_account_card_id_uk (account_id, card_id)    a card by card_id, and unique card_ids per account
--   card_account_token_hash_uk (account_id, token_hash)  a payment by token, and unique tokens per account
--   card_account_status_idx (account_id, status, card_id)  GET /cards?status=…, in card_id order
--   card_order_idx (account_id, order_ref, card_index)  the print file and each partition's restart
--                                                    point read an order's cards in index order
--   card_account_customer_idx (account_id, customer_id, card_id)  GET /customers/{id}/cards
