-- Questions readers asked, so editors see what they wanted and did not find.
-- No IP address, no account, no cookie: only what was asked and how it went.
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question    TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    answered    INTEGER NOT NULL CHECK (answered IN (0, 1)),
    confidence  REAL    NOT NULL,
    asked_at    TEXT    NOT NULL
);
CREATE INDEX questions_unanswered ON questions (answered, asked_at);
