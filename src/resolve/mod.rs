//! Resolving old organization codes and registration numbers to USCCs.
//!
//! The official mapping first; else a USCC known to the store whose
//! positions 9–17 are the organization code; a registration number resolves
//! only through the mapping. Two candidates are an ambiguity to report, a
//! name match is a suggestion for a person to confirm: nothing is guessed.

pub mod batch;
pub mod coverage;
pub mod mapping;
pub mod merge;

use std::collections::HashSet;

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::codes::{self, CodeKind, OrgCode, RegNo, Uscc};

const EMBEDDING: &str = "SELECT i.value, s.name \
     FROM subject_identifier i INDEXED BY subject_identifier_embedded_org_code \
     JOIN subject s ON s.id = i.subject_id \
     WHERE substr(i.value, 9, 9) = ?1 AND i.kind = 'uscc'";

/// How an input came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Resolved,
    /// Only name matches: for a person to confirm.
    Suggested,
    /// More than one candidate USCC; none chosen.
    Ambiguous,
    Unresolved,
    /// The input is not a valid code.
    Invalid,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Resolved,
        Status::Suggested,
        Status::Ambiguous,
        Status::Unresolved,
        Status::Invalid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Resolved => "resolved",
            Status::Suggested => "suggested",
            Status::Ambiguous => "ambiguous",
            Status::Unresolved => "unresolved",
            Status::Invalid => "invalid",
        }
    }
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The input is itself a valid USCC.
    Identity,
    /// The imported old-to-new table.
    Mapping,
    /// A USCC known to the store embeds the organization code.
    Embedded,
    /// A known subject bears the given name.
    Name,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Identity => "identity",
            Via::Mapping => "mapping",
            Via::Embedded => "embedded",
            Via::Name => "name",
        }
    }
}

/// One USCC an input may stand for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub uscc: String,
    pub name: Option<String>,
    pub via: Via,
}

/// The answer for one input, with exactly the keys scripts rely on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    pub input: String,
    pub normalized: String,
    pub kind: CodeKind,
    pub status: Status,
    pub uscc: Option<String>,
    pub via: Option<Via>,
    pub candidates: Vec<Candidate>,
}

/// An input normalised, its kind detected and its check applied: the part
/// of resolution that needs no store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub input: String,
    pub normalized: String,
    pub kind: CodeKind,
    pub valid: bool,
}

/// Normalises and checks an input code.
pub fn check(input: &str) -> Checked {
    let normalized = codes::normalize(input).value;
    let kind = codes::detect(&normalized);
    let valid = match kind {
        CodeKind::Uscc => Uscc::parse(&normalized).is_ok(),
        CodeKind::OrgCode => OrgCode::parse(&normalized).is_ok(),
        CodeKind::RegNo => RegNo::parse(&normalized).is_ok(),
        CodeKind::ResidentId | CodeKind::Unknown => is_tax_no(&normalized),
    };
    Checked {
        input: input.to_string(),
        normalized,
        kind,
        valid,
    }
}

/// Resolves codes against one store.
pub struct Resolver<'c> {
    conn: &'c Connection,
    /// Old codes with a recorded conflict: few, so kept in memory.
    conflicted: HashSet<String>,
}

impl<'c> Resolver<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Self> {
        let mut stmt = conn.prepare("SELECT DISTINCT old_code FROM code_mapping_conflict")?;
        let conflicted = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Resolver { conn, conflicted })
    }

    /// Resolves one input; `name`, when given, adds name suggestions for an
    /// input that does not resolve by code.
    pub fn resolve(&self, input: &str, name: Option<&str>) -> rusqlite::Result<Resolution> {
        self.resolve_checked(check(input), name)
    }

    /// Resolves an input already normalised and checked by [`check`].
    pub fn resolve_checked(
        &self,
        checked: Checked,
        name: Option<&str>,
    ) -> rusqlite::Result<Resolution> {
        let mut out = Resolution {
            input: checked.input,
            normalized: checked.normalized,
            kind: checked.kind,
            status: Status::Unresolved,
            uscc: None,
            via: None,
            candidates: Vec::new(),
        };
        if !checked.valid {
            out.status = Status::Invalid;
            return Ok(out);
        }
        if out.kind == CodeKind::Uscc {
            let name = self.subject_name(&out.normalized)?;
            out.candidates.push(Candidate {
                uscc: out.normalized.clone(),
                name,
                via: Via::Identity,
            });
            return Ok(decide(out));
        }
        out.candidates = self.mapped(&out.normalized)?;
        if out.candidates.is_empty() && out.kind == CodeKind::OrgCode {
            out.candidates = self.embedding(&out.normalized)?;
        }
        if out.candidates.is_empty()
            && let Some(name) = name.filter(|n| !n.trim().is_empty())
        {
            out.candidates = self.named(name)?;
        }
        Ok(decide(out))
    }

    /// The mapping's USCC for an old code, and any conflicting ones. The
    /// name is the mapping's own, else the store's for that USCC.
    fn mapped(&self, old_code: &str) -> rusqlite::Result<Vec<Candidate>> {
        let mut found = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uscc, name FROM code_mapping WHERE old_code = ?1")?;
        let mut rows = stmt.query([old_code])?;
        while let Some(r) = rows.next()? {
            found.push(Candidate {
                uscc: r.get(0)?,
                name: r.get(1)?,
                via: Via::Mapping,
            });
        }
        if self.conflicted.contains(old_code) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT uscc, name FROM code_mapping_conflict WHERE old_code = ?1 ORDER BY uscc",
            )?;
            let mut rows = stmt.query([old_code])?;
            while let Some(r) = rows.next()? {
                let uscc: String = r.get(0)?;
                if !found.iter().any(|c| c.uscc == uscc) {
                    found.push(Candidate {
                        uscc,
                        name: r.get(1)?,
                        via: Via::Mapping,
                    });
                }
            }
        }
        for candidate in &mut found {
            if candidate.name.is_none() {
                candidate.name = self.subject_name(&candidate.uscc)?;
            }
        }
        Ok(found)
    }

    /// USCCs known to the store whose positions 9–17 are this organization code.
    fn embedding(&self, org_code: &str) -> rusqlite::Result<Vec<Candidate>> {
        // INDEXED BY: without it SQLite may walk every USCC to avoid a sort.
        let mut stmt = self.conn.prepare_cached(EMBEDDING)?;
        let mut found = stmt
            .query_map([org_code], |r| {
                Ok(Candidate {
                    uscc: r.get(0)?,
                    name: r.get(1)?,
                    via: Via::Embedded,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        found.sort_by(|a, b| a.uscc.cmp(&b.uscc));
        Ok(found)
    }

    /// Subjects with a USCC whose current or former name matches.
    fn named(&self, name: &str) -> rusqlite::Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT i.value, s.name FROM subject_name n \
             JOIN subject s ON s.id = n.subject_id \
             JOIN subject_identifier i ON i.subject_id = s.id AND i.kind = 'uscc' \
             WHERE n.normalized = ?1 ORDER BY i.value",
        )?;
        stmt.query_map(params![codes::normalize_name(name)], |r| {
            Ok(Candidate {
                uscc: r.get(0)?,
                name: r.get(1)?,
                via: Via::Name,
            })
        })?
        .collect()
    }

    fn subject_name(&self, uscc: &str) -> rusqlite::Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached(
                "SELECT s.name FROM subject_identifier i JOIN subject s ON s.id = i.subject_id \
                 WHERE i.kind = 'uscc' AND i.value = ?1",
            )?
            .query_row([uscc], |r| r.get(0))
            .optional()
    }
}

/// The status follows from the candidates: one by code resolves, several
/// are ambiguous, name matches only suggest.
fn decide(mut out: Resolution) -> Resolution {
    out.status = match out.candidates.as_slice() {
        [] => Status::Unresolved,
        [only] if only.via != Via::Name => {
            out.uscc = Some(only.uscc.clone());
            out.via = Some(only.via);
            Status::Resolved
        }
        all if all.iter().all(|c| c.via == Via::Name) => Status::Suggested,
        _ => Status::Ambiguous,
    };
    out
}

/// A tax registration number: 15 to 20 letters and digits, not itself a
/// registration number or USCC shape.
pub fn is_tax_no(code: &str) -> bool {
    (15..=20).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolution(candidates: Vec<Candidate>) -> Resolution {
        decide(Resolution {
            input: String::new(),
            normalized: String::new(),
            kind: CodeKind::OrgCode,
            status: Status::Unresolved,
            uscc: None,
            via: None,
            candidates,
        })
    }

    fn candidate(uscc: &str, via: Via) -> Candidate {
        Candidate {
            uscc: uscc.into(),
            name: None,
            via,
        }
    }

    #[test]
    fn one_candidate_by_code_resolves() {
        let r = resolution(vec![candidate("91220802MA0Y5L2K92", Via::Embedded)]);
        assert_eq!(r.status, Status::Resolved);
        assert_eq!(r.uscc.as_deref(), Some("91220802MA0Y5L2K92"));
        assert_eq!(r.via, Some(Via::Embedded));
    }

    #[test]
    fn two_candidates_are_ambiguous_and_none_is_chosen() {
        let r = resolution(vec![
            candidate("91220802MA0Y5L2K92", Via::Mapping),
            candidate("91220802MA17QX3N4A", Via::Mapping),
        ]);
        assert_eq!(r.status, Status::Ambiguous);
        assert_eq!(r.uscc, None);
        assert_eq!(r.via, None);
    }

    #[test]
    fn a_single_name_match_only_suggests() {
        let r = resolution(vec![candidate("91220802MA0Y5L2K92", Via::Name)]);
        assert_eq!(r.status, Status::Suggested);
        assert_eq!(r.uscc, None);
    }

    fn store_with(usccs: &[&str]) -> (tempfile::TempDir, crate::store::Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = crate::store::Store::init(&dir.path().join("r.db")).unwrap();
        for (i, uscc) in usccs.iter().enumerate() {
            store
                .conn()
                .execute_batch(&format!(
                    "INSERT INTO subject (id, kind, name, created_on) VALUES ({id}, 'legal', '主体{id}', '2026-11-21');
                     INSERT INTO subject_identifier VALUES ('uscc', '{uscc}', {id}, '2026-11-21');",
                    id = i + 1
                ))
                .unwrap();
        }
        (dir, store)
    }

    #[test]
    fn the_embedded_match_compares_positions_9_to_17_exactly() {
        let (_dir, store) = store_with(&["91440300708461136T", "914403001922038216"]);
        let resolver = Resolver::new(store.conn()).unwrap();
        let r = resolver.resolve("70846113-6", None).unwrap();
        assert_eq!(r.status, Status::Resolved);
        assert_eq!(r.via, Some(Via::Embedded));
        assert_eq!(r.uscc.as_deref(), Some("91440300708461136T"));
        // A code sharing only a prefix with an embedded one matches nothing.
        let r = resolver.resolve("708461144", None).unwrap();
        assert_eq!(r.status, Status::Unresolved);
        // The embedded route is for organization codes only.
        let r = resolver.resolve("440300708461136", None).unwrap();
        assert_eq!(r.status, Status::Invalid);
    }

    #[test]
    fn the_embedded_lookup_uses_its_index() {
        let (_dir, store) = store_with(&["91440300708461136T"]);
        let plan: Vec<String> = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {EMBEDDING}"))
            .unwrap()
            .query_map(["708461136"], |r| r.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("USING INDEX subject_identifier_embedded_org_code")),
            "{plan:?}"
        );
    }

    #[test]
    fn two_uscc_embedding_one_code_are_ambiguous() {
        // The same organization code registered in two divisions.
        let (_dir, store) = store_with(&["91440300708461136T", "91110108708461136K"]);
        let resolver = Resolver::new(store.conn()).unwrap();
        let r = resolver.resolve("708461136", None).unwrap();
        assert_eq!(r.status, Status::Ambiguous);
        assert_eq!(r.candidates.len(), 2);
    }

    #[test]
    fn nothing_found_is_unresolved() {
        assert_eq!(resolution(vec![]).status, Status::Unresolved);
    }
}
