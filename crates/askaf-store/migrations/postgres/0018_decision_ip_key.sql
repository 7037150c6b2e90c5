-- PostgreSQL's form of sqlite/0018_decision_ip_key.sql.
ALTER TABLE comment_decisions ADD COLUMN ip_key TEXT;
UPDATE comment_decisions SET ip_key = ip WHERE ip IS NOT NULL;
CREATE INDEX comment_decisions_by_ip_key ON comment_decisions (ip_key, at_unix);
