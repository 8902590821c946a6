-- The official old-code to USCC table (新旧代码映射). An old code maps to
-- one USCC; a second, different USCC for the same old code is never
-- written over the first: it is kept in code_mapping_conflict and makes
-- the old code ambiguous.

CREATE TABLE code_mapping (
    old_code    TEXT PRIMARY KEY,
    old_kind    TEXT NOT NULL CHECK (old_kind = 'org_code' OR old_kind = 'reg_no' OR old_kind = 'tax_no'),
    uscc        TEXT NOT NULL,
    name        TEXT,
    source      TEXT,
    mapped_on   TEXT,
    imported_on TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE code_mapping_conflict (
    old_code    TEXT NOT NULL,
    uscc        TEXT NOT NULL,
    name        TEXT,
    source      TEXT,
    found_on    TEXT NOT NULL,
    PRIMARY KEY (old_code, uscc)
) WITHOUT ROWID;

-- Finds the USCCs that embed an organization code (positions 9-17). Not a
-- partial index on kind = 'uscc': that would make SQLite re-plan every
-- statement binding `kind` as a parameter, on every new value.
CREATE INDEX subject_identifier_embedded_org_code
    ON subject_identifier (substr(value, 9, 9), kind);
