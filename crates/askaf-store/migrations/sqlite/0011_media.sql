-- Uploaded images (issue 12, item 5), kept in the database so that every
-- node serving the site has them, and a backup holds them. `name` is the
-- original's file name (`ID-WxH.ext`, ID from its bytes): its copies are
-- made from it and kept as files beside the database, as a cache.
CREATE TABLE media (
    name          TEXT    PRIMARY KEY,
    bytes         BLOB    NOT NULL,
    size          INTEGER NOT NULL,
    uploaded_by   TEXT    NOT NULL,
    uploaded_at   TEXT    NOT NULL,
    original_name TEXT    NOT NULL
);
