-- The content directories the servers read, each with when one last
-- looked at it (seconds since the epoch): at its start, and at each full
-- comparison of its content watch (every 30 s). `dir` is the directory as
-- its files' paths in content_files begin, ending with `/`. A catalogued
-- file keeps the uploads it shows from deletion only while a server has
-- looked at its directory within the hour (askaf_store::SERVED_WITHIN),
-- and the files of a directory no server has looked at for a week are
-- taken out of the catalogue: the rows of a directory no server reads any
-- more do not keep an upload for good.
CREATE TABLE content_dirs (
    dir        TEXT    PRIMARY KEY,
    looked_at  INTEGER NOT NULL
);
-- The files catalogued before servers recorded their directories count as
-- in a directory looked at as the upgrade runs (each file's own: its path
-- up to its last `/`): a node of a mixed setup not restarted yet keeps the
-- uploads its files show for that hour, and its rows leave the catalogue
-- only if no server looks at their directory within the week.
INSERT INTO content_dirs (dir, looked_at)
SELECT DISTINCT rtrim(path, replace(path, '/', '')), CAST(strftime('%s', 'now') AS INTEGER)
FROM content_files
WHERE instr(path, '/') > 0;
