-- The print file reads an order's cards in card_index order: card_id, token_attempt (to derive
-- the secrets again) and token_hash (to check them before printing). card_order_idx (account_id,
-- order_ref, card_index) found the rows but not those columns, so MariaDB scanned the whole
-- table and sorted the order's rows instead (6–8 s of a million-card order). With the three
-- columns in the index the print file is one ordered read of the index (1.3 s), for 46 more
-- bytes a card in it (bench/README.md). The index still gives each partition's restart point.
-- Written for MariaDB; the same DDL runs on the embedded H2 default (MODE=MariaDB).
ALTER TABLE card DROP INDEX card_order_idx;
CREATE INDEX card_order_idx ON card (account_id, order_ref, card_index, token_attempt, card_id, token_hash);
