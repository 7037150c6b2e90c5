-- PostgreSQL's form of sqlite/0008_review.sql (the same types suit both).
CREATE TABLE review_requests (
    lang         TEXT NOT NULL,
    slug         TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    PRIMARY KEY (lang, slug)
);
