-- What the per-address comment limits count a sender by: the address for
-- IPv4, its /64 for IPv6 (askaf_auth::rate_key), since one client usually
-- holds a whole /64 and could pass a limit on each address by picking
-- another. Rows from before it count by their address, as they did: for
-- an IPv6 sender that is only the hour after the upgrade.
ALTER TABLE comment_decisions ADD COLUMN ip_key TEXT;
UPDATE comment_decisions SET ip_key = ip WHERE ip IS NOT NULL;
CREATE INDEX comment_decisions_by_ip_key ON comment_decisions (ip_key, at_unix);
