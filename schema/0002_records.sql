-- 双公示 records: administrative licences and penalties. A record's identity
-- is its kind, its deciding authority's USCC and its decision document
-- number; `fields` holds every normalised value of the row as JSON, the
-- other columns are the ones queries and statistics need.

CREATE TABLE record (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('penalty', 'license')),
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
    updated_on     TEXT,
    UNIQUE (kind, authority_uscc, decision_no)
);
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
