-- A customer's cards (GET /customers/{customer_id}/cards) come from card_customer instead of an
-- index on card (issue 12). card_account_customer_idx had an entry for every card, customer or
-- not: a million-card order's cards have none, and loading a million cards into the card table
-- took 8–12% longer with it than without (bench/README.md). A card gets its customer only when it
-- is sold, so this table holds a row for the cards that have one, written by
-- io.cardmint.card.Cards with the sale, in the sale's transaction; card.customer_id stays, for
-- reading the card.
-- Written for MariaDB; the same DDL runs on the embedded H2 default (MODE=MariaDB).
CREATE TABLE card_customer (
	account_id CHAR(9) NOT NULL,
	customer_id VARCHAR(255) NOT NULL,
	card_id VARCHAR(255) NOT NULL,
	CONSTRAINT card_customer_pk PRIMARY KEY (account_id, customer_id, card_id)
);

INSERT INTO card_customer (account_id, customer_id, card_id)
	SELECT account_id, customer_id, card_id FROM card WHERE customer_id IS NOT NULL;

ALTER TABLE card DROP INDEX card_account_customer_idx;
