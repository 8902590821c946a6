//! `resolve --apply`: subjects known only by old codes join the subject
//! that carries their USCC. Records, codes and names move; the merged
//! subject stays, marked `merged_into`, so every merge can be traced.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Resolver, Status};

/// What resolution says about one subject known only by old codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub subject_id: i64,
    pub name: String,
    pub old_codes: Vec<String>,
    /// The one USCC all its resolving codes agree on.
    pub uscc: Option<String>,
    /// Every USCC its codes point to, when they disagree or one is ambiguous.
    pub candidates: Vec<String>,
    pub status: Status,
}

/// Subjects (not natural persons, not merged) that carry old codes but no USCC.
pub fn old_code_only_subjects(
    conn: &Connection,
) -> rusqlite::Result<Vec<(i64, String, Vec<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name, group_concat(i.value, ' ') FROM subject s \
         JOIN subject_identifier i ON i.subject_id = s.id AND i.kind IN ('org_code', 'reg_no', 'tax_no') \
         WHERE s.merged_into IS NULL AND s.kind <> 'natural_person' \
         AND NOT EXISTS (SELECT 1 FROM subject_identifier u WHERE u.subject_id = s.id AND u.kind = 'uscc') \
         GROUP BY s.id ORDER BY s.id",
    )?;
    stmt.query_map([], |r| {
        let codes: String = r.get(2)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            codes.split(' ').map(str::to_string).collect(),
        ))
    })?
    .collect()
}

/// Resolves every old code of every subject known only by old codes.
pub fn plan(conn: &Connection, resolver: &Resolver<'_>) -> rusqlite::Result<Vec<Decision>> {
    let mut decisions = Vec::new();
    for (subject_id, name, old_codes) in old_code_only_subjects(conn)? {
        let mut usccs: Vec<String> = Vec::new();
        let mut ambiguous = false;
        for code in &old_codes {
            let r = resolver.resolve(code, None)?;
            match r.status {
                Status::Resolved => {
                    let uscc = r.uscc.expect("resolved has a uscc");
                    if !usccs.contains(&uscc) {
                        usccs.push(uscc);
                    }
                }
                Status::Ambiguous => {
                    ambiguous = true;
                    for c in r.candidates {
                        if !usccs.contains(&c.uscc) {
                            usccs.push(c.uscc);
                        }
                    }
                }
                _ => {}
            }
        }
        let (status, uscc) = match usccs.len() {
            0 => (Status::Unresolved, None),
            1 if !ambiguous => (Status::Resolved, usccs.first().cloned()),
            _ => (Status::Ambiguous, None),
        };
        decisions.push(Decision {
            subject_id,
            name,
            old_codes,
            candidates: if status == Status::Ambiguous {
                usccs
            } else {
                Vec::new()
            },
            uscc,
            status,
        });
    }
    Ok(decisions)
}

/// One merge as the audit event records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub subject_id: i64,
    pub name: String,
    pub old_codes: Vec<String>,
    pub uscc: String,
    /// The subject that carried the USCC; `None` when none did and the USCC
    /// was added to this subject instead.
    pub into_subject_id: Option<i64>,
    pub records_moved: u64,
}

/// What `--apply` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub merged: Vec<Merge>,
    /// Left alone: their codes point to more than one USCC.
    pub ambiguous: Vec<Decision>,
    pub unresolved: u64,
}

/// Carries out the resolved decisions in the caller's transaction.
pub fn apply(conn: &Connection, resolver: &Resolver<'_>, today: &str) -> rusqlite::Result<Applied> {
    let mut applied = Applied::default();
    for decision in plan(conn, resolver)? {
        match (decision.status, &decision.uscc) {
            (Status::Resolved, Some(uscc)) => {
                let merge = merge(conn, &decision, uscc, today)?;
                applied.merged.push(merge);
            }
            (Status::Ambiguous, _) => applied.ambiguous.push(decision),
            _ => applied.unresolved += 1,
        }
    }
    Ok(applied)
}

fn merge(conn: &Connection, d: &Decision, uscc: &str, today: &str) -> rusqlite::Result<Merge> {
    let target: Option<i64> = conn
        .query_row(
            "SELECT subject_id FROM subject_identifier WHERE kind = 'uscc' AND value = ?1",
            [uscc],
            |r| r.get(0),
        )
        .optional()?;
    let mut merge = Merge {
        subject_id: d.subject_id,
        name: d.name.clone(),
        old_codes: d.old_codes.clone(),
        uscc: uscc.to_string(),
        into_subject_id: target,
        records_moved: 0,
    };
    let Some(target) = target else {
        conn.execute(
            "INSERT INTO subject_identifier (kind, value, subject_id, added_on) VALUES ('uscc', ?1, ?2, ?3)",
            params![uscc, d.subject_id, today],
        )?;
        return Ok(merge);
    };
    merge.records_moved = conn.execute(
        "UPDATE record SET subject_id = ?2 WHERE subject_id = ?1",
        params![d.subject_id, target],
    )? as u64;
    conn.execute(
        "UPDATE record_history SET subject_id = ?2 WHERE subject_id = ?1",
        params![d.subject_id, target],
    )?;
    conn.execute(
        "UPDATE subject_identifier SET subject_id = ?2 WHERE subject_id = ?1",
        params![d.subject_id, target],
    )?;
    // Its names become the USCC subject's former names.
    conn.execute(
        "INSERT OR IGNORE INTO subject_name (subject_id, name, normalized, first_seen) \
         SELECT ?2, name, normalized, first_seen FROM subject_name WHERE subject_id = ?1",
        params![d.subject_id, target],
    )?;
    conn.execute(
        "DELETE FROM subject_name WHERE subject_id = ?1",
        params![d.subject_id],
    )?;
    conn.execute(
        "UPDATE subject SET merged_into = ?2 WHERE id = ?1",
        params![d.subject_id, target],
    )?;
    Ok(merge)
}
