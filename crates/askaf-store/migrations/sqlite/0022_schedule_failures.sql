-- A scheduled publish that failed for a reason of the article's own (its
-- text refused as the site now stands, the change refused): how many times,
-- and the last reason, which the editor's page shows. Each failure holds
-- the article longer before it is tried again (`claimed_until`, the lease,
-- doubles as that wait), so a publish that keeps failing is neither
-- retried at every round nor logged at each try. Scheduling again clears
-- them; a publish removes the row.
ALTER TABLE scheduled_publications ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scheduled_publications ADD COLUMN failure TEXT;
