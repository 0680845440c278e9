-- Binary ids (issue 12): every UUID column becomes the UUID type, 16 bytes instead of 36
-- characters, in the row and in every index that holds it (card_id_uk alone was 96 bytes a
-- card). The type reads and writes the same text form, so no statement changes: a UUID column
-- compared with a string compares as UUIDs, and its index is used. Card ids are version 7
-- (time first), which MariaDB stores in their own byte order (it reorders only version 1), so
-- an order's inserts still append to card_id_uk.
-- Written for MariaDB 10.7+ (the UUID type); the same DDL runs on the embedded H2 default
-- (MODE=MariaDB), whose UUID type is also 16 bytes.
ALTER TABLE card MODIFY id UUID NOT NULL;
ALTER TABLE card_token MODIFY id UUID NOT NULL;
ALTER TABLE card_token MODIFY card_uuid UUID NOT NULL;
ALTER TABLE card_transaction MODIFY id UUID NOT NULL;
ALTER TABLE card_transaction MODIFY card_uuid UUID NOT NULL;
ALTER TABLE card_transaction MODIFY parent_id UUID;
ALTER TABLE ledger_entry MODIFY card_uuid UUID NOT NULL;
ALTER TABLE ledger_entry MODIFY transaction_id UUID;
