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
