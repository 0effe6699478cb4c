-- Customers no longer carry their whole e-mail and phone numbers as search terms, only keyed
-- tokens of them (rule 5.2). Caches made before forget the terms they kept, and the next sync
-- starts from the beginning of the feed, so every search row is rebuilt from the new
-- documents.
UPDATE customers SET data = json_remove(data, '$.search');
DELETE FROM meta WHERE key = 'cursor';
