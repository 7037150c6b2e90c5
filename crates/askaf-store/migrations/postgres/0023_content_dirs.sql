-- PostgreSQL's form of sqlite/0023_content_dirs.sql.
CREATE TABLE content_dirs (
    dir        TEXT    PRIMARY KEY,
    looked_at  BIGINT  NOT NULL
);
INSERT INTO content_dirs (dir, looked_at)
SELECT DISTINCT substring(path FROM '^.*/'), CAST(extract(epoch FROM now()) AS BIGINT)
FROM content_files
WHERE strpos(path, '/') > 0;
