-- 双公示 records: administrative licences and penalties. A record's identity
-- is its kind, its deciding authority's USCC and its decision document
-- number; `fields` holds every normalised value of the row as JSON, the
-- other columns are the ones queries and statistics need.
--
-- The identity is keyed by `identity`, the first 8 bytes of the SHA-256 of
-- the three (see records::identity), and compared in full whenever a key is
-- met again: an index of 8-byte keys stays in memory at a province's
-- volume where one of the text keys (about 70 bytes a row) would not. Two
-- different identities sharing a key (odds around 10^-13 for a pair) cannot
-- both be stored: the second is rejected, never merged with the first.

CREATE TABLE record (
    id             INTEGER PRIMARY KEY,
    identity       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind = 'penalty' OR kind = 'license'),
    authority_uscc TEXT NOT NULL,
    decision_no    TEXT NOT NULL,
    subject_id     INTEGER NOT NULL REFERENCES subject(id),
    authority      TEXT NOT NULL,
    decision_date  TEXT NOT NULL,
    -- NULL: no expiry (2099-12-31 / 长期).
    valid_until    TEXT,
    -- Money in integer fen; NULL when the column was empty.
    fine_fen       INTEGER,
    confiscated_fen INTEGER,
    fields         TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    received_on    TEXT NOT NULL,
    updated_on     TEXT
);
CREATE UNIQUE INDEX record_by_identity ON record(identity);
CREATE INDEX record_by_subject ON record(subject_id);

-- Earlier versions of a record, kept when a delivery corrects it.
CREATE TABLE record_history (
    record_id    INTEGER NOT NULL REFERENCES record(id),
    replaced_on  TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    fields       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    received_on  TEXT NOT NULL
);
CREATE INDEX record_history_by_record ON record_history(record_id);
