-- Each index of card, and the query that needs it, in the table's own comment (issue 12), so
-- that SHOW CREATE TABLE card says why every card pays for it: each costs 8–12% of a large
-- order's load (bench/README.md). CardIndexTests and OrderQueryPlanTests explain each query and
-- fail when its index is gone or unused; a new index fails them until its query is named there
-- and here. The embedded H2 default gets the same comment (sql/h2/V15).
-- A table comment is a metadata change: instant, whatever the table's size.
ALTER TABLE card COMMENT = 'Indexes, each for the queries that need it. PRIMARY: seq, so that inserts append. card_id_uk: id; a settlement or a temporary token''s payment locks its card by id. card_account_card_id_uk: card_id unique per account; a card by card_id; GET /cards in card_id order; a customer''s cards from card_customer. card_account_token_hash_uk: tokens unique per account; a payment by token locks its card. card_account_status_idx: GET /cards?status= in card_id order. card_order_idx: the print file in card order and a partition''s restart point, from the index alone; an order''s progress.', ALGORITHM = INSTANT;
