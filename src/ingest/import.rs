//! The import pipeline: read each row, validate it, link its subject, store
//! it; count what happened and hand every reject to the caller.
//!
//! The caller owns the transaction: the whole file commits or nothing does.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::headers::{HeaderMap, MissingColumns, map_headers};
use super::layout::{Layout, RecordKind};
use super::reader::{ReadError, Row, RowSource};
use super::register::RegisterValidator;
use super::validate::{Problem, RecordValidator};
use crate::records::{self, Stored};
use crate::resolve::mapping::{self, MappingValidator};
use crate::subjects::{self, Linker, SubjectFacts};

/// What an import did, row by row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
    pub subjects_created: u64,
    /// Mappings only: old codes delivered with a USCC other than the stored one.
    pub conflicts: u64,
}

/// Told about what the import meets as it goes.
pub trait Observer {
    /// A header that matched no column of the layout; its column is ignored.
    fn unknown_column(&mut self, header: &str);
    /// A row that failed validation; nothing of it was stored.
    fn reject(&mut self, row: &Row, problems: &[Problem]);
    /// A mapping row naming another USCC for an old code already mapped.
    fn conflict(&mut self, row: &Row, message: &str);
    /// Rows read so far, every few thousand rows.
    fn progress(&mut self, rows: u64);
}

/// Why an import stopped before the end of its file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Headers(#[from] MissingColumns),
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("store: {0}")]
    Store(#[from] rusqlite::Error),
}

/// How one row went.
enum RowOutcome {
    Rejected(Vec<Problem>),
    Stored {
        stored: Stored,
        subject_created: bool,
        conflicts: Vec<String>,
    },
}

const PROGRESS_EVERY: u64 = 4096;

/// Imports a file of licences or penalties.
pub fn import_records(
    conn: &Connection,
    rows: &mut dyn RowSource,
    kind: RecordKind,
    today: NaiveDate,
    observer: &mut dyn Observer,
) -> Result<Counts, ImportError> {
    let headers = rows.headers().to_vec();
    let map = header_map(kind.layout(), &headers, observer)?;
    let validator = RecordValidator::new(kind, &headers, &map, today);
    let today = today.to_string();
    let mut linker = Linker::new(conn)?;
    each_row(rows, observer, |row| {
        let record = match validator.validate(row) {
            Ok(record) => record,
            Err(problems) => return Ok(RowOutcome::Rejected(problems)),
        };
        let facts = SubjectFacts {
            kind: record.subject_kind,
            name: &record.subject_name,
            identifiers: &record.identifiers,
            legal_rep: record.legal_rep.as_deref(),
            division: None,
        };
        let linked = linker.link(&facts, &today)?;
        let stored = records::store(conn, &record, linked.id, &today)?;
        Ok(RowOutcome::Stored {
            stored,
            subject_created: linked.created,
            conflicts: Vec::new(),
        })
    })
}

/// Imports the registration authority's register of subjects.
pub fn import_subjects(
    conn: &Connection,
    rows: &mut dyn RowSource,
    today: NaiveDate,
    observer: &mut dyn Observer,
) -> Result<Counts, ImportError> {
    let headers = rows.headers().to_vec();
    let map = header_map(&super::layout::SUBJECTS, &headers, observer)?;
    let validator = RegisterValidator::new(&headers, &map);
    let today = today.to_string();
    let mut linker = Linker::new(conn)?;
    each_row(rows, observer, |row| {
        let entry = match validator.validate(row) {
            Ok(entry) => entry,
            Err(problems) => return Ok(RowOutcome::Rejected(problems)),
        };
        let before = subjects::snapshot_by_identifiers(conn, &entry.identifiers)?;
        let facts = SubjectFacts {
            kind: entry.kind,
            name: &entry.name,
            identifiers: &entry.identifiers,
            legal_rep: entry.legal_rep.as_deref(),
            division: entry.division.as_deref(),
        };
        let linked = linker.link(&facts, &today)?;
        subjects::update_register_facts(
            conn,
            linked.id,
            entry.legal_rep.as_deref(),
            entry.division.as_deref(),
        )?;
        for former in &entry.former_names {
            subjects::add_former_name(conn, linked.id, former, &today)?;
        }
        let after = subjects::snapshot(conn, linked.id)?;
        let stored = match before {
            None => Stored::Inserted,
            Some(before) if before == after => Stored::Unchanged,
            Some(_) => Stored::Updated,
        };
        Ok(RowOutcome::Stored {
            stored,
            subject_created: linked.created,
            conflicts: Vec::new(),
        })
    })
}

/// Imports the official old-code to USCC table.
pub fn import_mappings(
    conn: &Connection,
    rows: &mut dyn RowSource,
    today: NaiveDate,
    observer: &mut dyn Observer,
) -> Result<Counts, ImportError> {
    let headers = rows.headers().to_vec();
    let map = header_map(&super::layout::MAPPINGS, &headers, observer)?;
    let validator = MappingValidator::new(&headers, &map);
    let today = today.to_string();
    each_row(rows, observer, |row| {
        let mappings = match validator.validate(row) {
            Ok(m) => m,
            Err(problems) => return Ok(RowOutcome::Rejected(problems)),
        };
        let mut stored = Stored::Unchanged;
        let mut conflicts = Vec::new();
        for m in &mappings {
            match mapping::store(conn, m, &today)? {
                mapping::Stored::Inserted => stored = Stored::Inserted,
                mapping::Stored::Unchanged => {}
                mapping::Stored::Conflict { existing } => conflicts.push(format!(
                    "{} {} is mapped to {existing}; this row maps it to {}: kept as a conflict, not overwritten",
                    m.old_kind, m.old_code, m.uscc
                )),
            }
        }
        Ok(RowOutcome::Stored {
            stored,
            subject_created: false,
            conflicts,
        })
    })
}

fn header_map(
    layout: &Layout,
    headers: &[String],
    observer: &mut dyn Observer,
) -> Result<HeaderMap, MissingColumns> {
    let map = map_headers(layout, headers)?;
    for (_, header) in &map.unknown {
        observer.unknown_column(header);
    }
    for (_, header, _) in &map.duplicates {
        observer.unknown_column(header);
    }
    Ok(map)
}

/// The loop every import shares: read, handle, count, report.
fn each_row(
    rows: &mut dyn RowSource,
    observer: &mut dyn Observer,
    mut handle: impl FnMut(&Row) -> Result<RowOutcome, ImportError>,
) -> Result<Counts, ImportError> {
    let mut counts = Counts::default();
    let mut row = Row::new();
    loop {
        match rows.next_row(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) if e.is_row_level() => {
                counts.rows += 1;
                counts.rejected += 1;
                let problem = Problem {
                    column: String::new(),
                    value: String::new(),
                    reason: e.to_string(),
                };
                observer.reject(&row, &[problem]);
                continue;
            }
            Err(e) => return Err(e.into()),
        }
        counts.rows += 1;
        match handle(&row)? {
            RowOutcome::Rejected(problems) => {
                counts.rejected += 1;
                observer.reject(&row, &problems);
            }
            RowOutcome::Stored {
                stored,
                subject_created,
                conflicts,
            } => {
                for message in &conflicts {
                    observer.conflict(&row, message);
                }
                counts.conflicts += conflicts.len() as u64;
                match stored {
                    Stored::Inserted => counts.inserted += 1,
                    Stored::Updated => counts.updated += 1,
                    Stored::Unchanged => counts.unchanged += 1,
                }
                counts.subjects_created += u64::from(subject_created);
            }
        }
        if counts.rows % PROGRESS_EVERY == 0 {
            observer.progress(counts.rows);
        }
    }
    observer.progress(counts.rows);
    Ok(counts)
}
