//! The schema, one migration per file in `schema/`, versioned by `PRAGMA user_version`.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../schema/0001_subjects_and_audit.sql")),
    M::up(include_str!("../../schema/0002_records.sql")),
    M::up(include_str!("../../schema/0003_code_mappings.sql")),
];

/// The migrations this binary knows, in order.
pub fn all() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// The schema version this binary writes and expects.
pub fn latest() -> usize {
    STEPS.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::all().validate().unwrap();
    }
}
