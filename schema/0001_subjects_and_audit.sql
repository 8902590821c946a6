-- Subjects (信用主体), the codes they are known by, the names they have
-- carried, and the audit chain. Records, lists, objections and publications
-- hang off `subject` in later migrations.

-- CHECKs are written as OR chains: SQLite evaluates `IN (three values)`
-- by building a temporary index on every insert.
CREATE TABLE subject (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind = 'legal' OR kind = 'individual_business' OR kind = 'natural_person'),
    name        TEXT NOT NULL,
    legal_rep   TEXT,
    division    TEXT,
    created_on  TEXT NOT NULL,
    -- Set when the subject was merged into another (resolution of old codes);
    -- the row stays so every merge can be traced.
    merged_into INTEGER REFERENCES subject(id)
);

-- One row per code a subject carries: uscc, org_code, reg_no, tax_no,
-- resident_id, institution_no, social_org_no, passport, ...
CREATE TABLE subject_identifier (
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    subject_id INTEGER NOT NULL REFERENCES subject(id),
    added_on   TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX subject_identifier_by_subject ON subject_identifier(subject_id);

-- Every name a subject has been known by; the subject's current name is
-- subject.name, the others here are former names. `normalized` folds
-- full-width forms, brackets and spaces for name suggestions.
CREATE TABLE subject_name (
    subject_id INTEGER NOT NULL REFERENCES subject(id),
    name       TEXT NOT NULL,
    normalized TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (subject_id, name)
) WITHOUT ROWID;
CREATE INDEX subject_name_by_normalized ON subject_name(normalized);

-- The audit chain: each event's hash covers its content and the previous
-- event's hash. AUTOINCREMENT keeps ids from being reused, so a deleted last
-- event still leaves a trace in sqlite_sequence.
CREATE TABLE audit_event (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    command   TEXT NOT NULL,
    arguments TEXT NOT NULL,
    counts    TEXT NOT NULL,
    inputs    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
