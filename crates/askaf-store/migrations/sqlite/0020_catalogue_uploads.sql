-- The uploads each content file's article shows, as the catalogue last
-- read it (their file names, `ID-WxH.ext`, separated by spaces; empty for
-- none). A start checks a file it does not read again against the uploads
-- kept: one that shows an upload no longer kept (a database restored or
-- copied without it) is read and refused as a change showing it would be.
-- NULL for a row written before: its file is read again at the next start,
-- once, which records them.
ALTER TABLE content_files ADD COLUMN uploads TEXT;
