//! How far the store has come in converting old codes to USCCs (白城:
//! "完成存量机构代码向统一社会信用代码转换").

use rusqlite::Connection;
use serde::Serialize;

use super::{Resolver, Status, mapping, merge};

/// `credit resolve --status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Organisations and individual businesses (merged subjects not counted).
    pub subjects: u64,
    pub with_uscc: u64,
    pub old_codes_only: u64,
    /// Of those known only by old codes: how they would resolve now.
    pub resolvable: u64,
    pub ambiguous: u64,
    pub unresolved: u64,
    pub mappings: u64,
    pub conflicts: Vec<mapping::Conflict>,
}

pub fn coverage(conn: &Connection) -> rusqlite::Result<Coverage> {
    let count = |sql: &str| {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
    };
    let resolver = Resolver::new(conn)?;
    let plan = merge::plan(conn, &resolver)?;
    let with = |status| plan.iter().filter(|d| d.status == status).count() as u64;
    Ok(Coverage {
        subjects: count(
            "SELECT count(*) FROM subject WHERE merged_into IS NULL AND kind <> 'natural_person'",
        )?,
        with_uscc: count(
            "SELECT count(DISTINCT s.id) FROM subject s JOIN subject_identifier i \
             ON i.subject_id = s.id AND i.kind = 'uscc' WHERE s.merged_into IS NULL",
        )?,
        old_codes_only: plan.len() as u64,
        resolvable: with(Status::Resolved),
        ambiguous: with(Status::Ambiguous),
        unresolved: with(Status::Unresolved),
        mappings: count("SELECT count(*) FROM code_mapping")?,
        conflicts: mapping::conflicts(conn)?,
    })
}
