//! The schema, one migration per file in `schema/`, versioned by `PRAGMA user_version`.

use rusqlite::Transaction;
use rusqlite_migration::{HookResult, M, Migrations};

fn steps() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("../../schema/0001_subjects_and_audit.sql")),
        M::up(include_str!("../../schema/0002_records.sql")),
        M::up(include_str!("../../schema/0003_code_mappings.sql")),
        M::up(include_str!(
            "../../schema/0004_record_fields_by_position.sql"
        )),
        M::up_with_hook(
            include_str!("../../schema/0005_record_fields_separated.sql"),
            |tx: &Transaction| -> HookResult { Ok(crate::records::store_fields_separated(tx)?) },
        ),
    ]
}

/// The migrations this binary knows, in order.
pub fn all() -> Migrations<'static> {
    Migrations::new(steps())
}

/// The schema version this binary writes and expects.
pub fn latest() -> usize {
    steps().len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::all().validate().unwrap();
    }
}
