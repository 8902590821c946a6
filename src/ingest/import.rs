//! The import pipeline: read each row, validate it, link its subject, store
//! it; count what happened and hand every reject to the caller.
//!
//! Reading runs on a thread of its own and the store's work on the caller's;
//! validating and hashing rows is shared between them (see `pipeline`),
//! so a file is loaded with both cores. The caller owns the
//! transaction: the whole file commits or nothing does. Every reference an
//! import writes is checked before it returns, so the caller may run it in
//! an [`ImportTransaction`](crate::store::ImportTransaction), where SQLite
//! does not check them row by row.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::headers::{HeaderMap, MissingColumns, map_headers};
use super::layout::{Layout, RecordKind};
use super::reader::{ReadError, Row, RowSource};
use super::register::{RegisterEntry, RegisterValidator};
use super::scout::{Reopen, Scout};
use super::validate::{Problem, RecordValidator, ValidRecord};
use crate::records::{self, Settled, Stored};
use crate::resolve::mapping::{self, Mapping, MappingValidator};
use crate::store::{DeferredIndexes, ReferenceError, ReferredSubjects};
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
    /// A header naming the same column of the layout as `first`, an earlier
    /// header; only the earlier column is read.
    fn repeated_column(&mut self, header: &str, first: &str);
    /// A row that failed validation; nothing of it was stored.
    fn reject(&mut self, row: &Row, problems: &[Problem]);
    /// A mapping row (numbered as in the file) naming another USCC for an
    /// old code already mapped.
    fn conflict(&mut self, row: u64, message: &str);
    /// Rows read so far, every few thousand rows.
    fn progress(&mut self, rows: u64);
    /// The headers fit another layout better (see
    /// [`HeaderMap::fits_better`]): the file may be meant for
    /// `credit import {command}`.
    fn fits_better(&mut self, _chinese: &str, _command: &str) {}
    /// A records import went on for many rows past the point where it
    /// would read its file ahead for the subjects' codes (see
    /// [`super::scout`]), and could not: the file was standard input, a
    /// pipe, a workbook or JSON lines. Those rows' codes were looked up as
    /// they came, which at a province's volume takes far longer.
    fn not_read_ahead(&mut self) {}
    /// A records import has stored its last row; the indexes it set aside,
    /// its checks and the commit come next, which take a while on a large
    /// file. What reading the rows took is free from here on.
    fn rows_stored(&mut self) {}
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
    #[error("store: {0}; nothing was imported")]
    Reference(#[from] ReferenceError),
    #[error("cannot start the thread that reads the file: {0}")]
    Thread(std::io::Error),
}

/// What storing one valid row did.
struct Outcome {
    stored: Stored,
    subject_created: bool,
    conflicts: Vec<String>,
}

impl Outcome {
    fn stored(stored: Stored, subject_created: bool) -> Outcome {
        Outcome {
            stored,
            subject_created,
            conflicts: Vec::new(),
        }
    }
}

/// A row as checking hands it over.
enum Item<T> {
    Valid(u64, T),
    Rejected(Row, Vec<Problem>),
}

/// A batch of rows checked, or why reading stopped before it.
type Checked<T> = Result<Vec<Item<T>>, ReadError>;

/// A row as the reading thread hands it over: read, or with the reason it
/// could not be.
#[derive(Default)]
struct ReadRow {
    row: Row,
    problem: Option<Problem>,
}

const PROGRESS_EVERY: u64 = 4096;
/// Rows per hand-over between the threads.
const BATCH: usize = 256;
/// Rows the storing thread prepares for at once (see [`Storing::prepare`]).
const WINDOW: usize = 2048;
/// Hand-overs in flight: a window's worth, so that the next window is read
/// and checked while one is stored; little enough that memory does not grow
/// with the file.
const BATCHES_IN_FLIGHT: usize = WINDOW / BATCH;
/// Batches read and not yet checked that the reading thread keeps, for the
/// storing thread to check when it would otherwise wait.
const READ_AHEAD: usize = 2;

/// Indexes no import reads: set aside by a large import (see [`DeferredIndexes`]).
const DEFERRABLE: &[&str] = &["record_by_subject", "subject_name_by_normalized"];
/// An import sets them aside once it has stored this many rows and at least
/// as many as the store held before: then rebuilding them costs less than
/// inserting into them row by row.
const DEFER_AFTER: i64 = 50_000;

/// Once the store holds this many subjects, their codes and rows no longer
/// fit the page cache (at about 45 bytes a code and 65 bytes a subject, with
/// the records' pages in it too), and a file read again can send the codes
/// of the rows to come (see [`super::scout`]).
const SCOUT_AFTER_SUBJECTS: i64 = 400_000;
/// A scout's window, in codes: a quarter of what the linker's cache holds,
/// which leaves room for the codes the rows add and for the window before.
const SCOUT_WINDOW_CODES: usize = subjects::CACHE_LIMIT / 4;
/// Rows stored past the point where a scout would have started, had the
/// file been one to read twice, before the observer hears that it was not
/// (see [`Observer::not_read_ahead`]).
const NOT_READ_AHEAD_ROWS: u64 = 1_000_000;

/// Imports a file of licences or penalties. `reopen`, for a file that can be
/// read a second time, lets the import read the subjects' codes ahead.
pub fn import_records(
    conn: &Connection,
    rows: &mut (dyn RowSource + Send),
    reopen: Option<&Reopen<'_>>,
    kind: RecordKind,
    today: NaiveDate,
    observer: &mut dyn Observer,
) -> Result<Counts, ImportError> {
    let held: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM record", [], |r| r.get(0))?;
    let tuning = Tuning {
        defer_after: held.max(DEFER_AFTER),
        ..Tuning::default()
    };
    import_records_tuned(conn, rows, reopen, kind, today, observer, tuning)
        .map(|(counts, _)| counts)
}

/// The points at which a records import changes how it goes about it.
#[derive(Debug, Clone, Copy)]
struct Tuning {
    /// [`DEFERRABLE`] is set aside after this many rows.
    defer_after: i64,
    /// A scout starts once the store holds more subjects than this.
    scout_after_subjects: i64,
    /// A scout's window, in codes.
    scout_window_codes: usize,
    /// The linker loads every code of a store holding at most this many.
    preload_limit: usize,
    /// See [`NOT_READ_AHEAD_ROWS`].
    not_read_ahead_rows: u64,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            defer_after: DEFER_AFTER,
            scout_after_subjects: SCOUT_AFTER_SUBJECTS,
            scout_window_codes: SCOUT_WINDOW_CODES,
            preload_limit: subjects::PRELOAD_LIMIT,
            not_read_ahead_rows: NOT_READ_AHEAD_ROWS,
        }
    }
}

/// [`import_records`], tuned as `tuning` says; with the number of windows a
/// scout sent.
fn import_records_tuned(
    conn: &Connection,
    rows: &mut (dyn RowSource + Send),
    reopen: Option<&Reopen<'_>>,
    kind: RecordKind,
    today: NaiveDate,
    observer: &mut dyn Observer,
    tuning: Tuning,
) -> Result<(Counts, u64), ImportError> {
    let headers = rows.headers().to_vec();
    let map = header_map(kind.layout(), &headers, observer)?;
    let validator = RecordValidator::new(kind, &headers, &map, today);
    let subjects: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM subject", [], |r| r.get(0))?;
    let (mut counts, storing) = std::thread::scope(|scope| {
        let mut storing = RecordStoring {
            conn,
            today: today.to_string(),
            linker: Linker::preloading(conn, tuning.preload_limit)?,
            writer: records::Writer::new(conn)?,
            referred: ReferredSubjects::default(),
            set_aside: SetAside::after(tuning.defer_after, DEFERRABLE),
            subjects,
            scout_after_subjects: tuning.scout_after_subjects,
            scout: reopen.map(|reopen| {
                Scout::spawn(
                    scope,
                    reopen,
                    validator.identifier_columns(),
                    |row, keys| validator.code_keys(row, keys),
                    tuning.scout_window_codes,
                )
            }),
            windows_scouted: 0,
            last_stored: 0,
            unscouted_from: None,
        };
        let counts = pipeline(rows, observer, |row| validator.validate(row), &mut storing)?;
        // Ends the scout's thread, which the scope waits for.
        storing.scout = None;
        Ok::<_, ImportError>((counts, storing))
    })?;
    let windows_scouted = storing.windows_scouted;
    if storing
        .unscouted_from
        .is_some_and(|from| storing.last_stored.saturating_sub(from) >= tuning.not_read_ahead_rows)
    {
        observer.not_read_ahead();
    }
    let RecordStoring {
        today,
        linker,
        mut writer,
        mut referred,
        set_aside,
        ..
    } = storing;
    // The linker's memory goes to sorting the index keys.
    let linker_set_aside = linker.into_set_aside()?;
    observer.rows_stored();
    // First, so that the other indexes leave out the records it settles.
    let settled = writer.settle(&today)?;
    counts.settle(&settled, observer);
    DeferredIndexes::rebuild_all(conn, [linker_set_aside, set_aside.indexes])?;
    referred.check(conn)?;
    writer.check_history()?;
    Ok((counts, windows_scouted))
}

/// Indexes an import sets aside, with the linker's, once it has stored
/// a number of rows (see [`DEFER_AFTER`]).
struct SetAside {
    names: &'static [&'static str],
    after: i64,
    stored_rows: i64,
    /// Once set aside.
    indexes: Option<DeferredIndexes>,
}

impl SetAside {
    fn after(after: i64, names: &'static [&'static str]) -> SetAside {
        SetAside {
            names,
            after,
            stored_rows: 0,
            indexes: None,
        }
    }

    /// Counts a row about to be stored; at the row the indexes are set
    /// aside from, sets them and the linker's aside, and says so.
    fn row(&mut self, conn: &Connection, linker: &mut Linker<'_>) -> Result<bool, ImportError> {
        self.stored_rows += 1;
        if self.stored_rows != self.after {
            return Ok(false);
        }
        self.indexes = Some(DeferredIndexes::set_aside(conn, self.names)?);
        linker.set_indexes_aside()?;
        Ok(true)
    }
}

/// The storing side of a records import.
struct RecordStoring<'c> {
    conn: &'c Connection,
    today: String,
    linker: Linker<'c>,
    writer: records::Writer<'c>,
    /// Every subject a row written refers to: the record's, and that of the
    /// codes and names linking adds.
    referred: ReferredSubjects,
    /// [`DEFERRABLE`], set aside once the rows are many.
    set_aside: SetAside,
    /// About how many subjects the store holds (the highest id).
    subjects: i64,
    /// The scout starts once `subjects` passes this.
    scout_after_subjects: i64,
    /// Windows the scout sent and linking looked up.
    windows_scouted: u64,
    /// Reads the file ahead, once the subjects are many.
    scout: Option<Scout>,
    /// The file's number of the last row stored.
    last_stored: u64,
    /// With no scout, the row at which one would have started.
    unscouted_from: Option<u64>,
}

impl RecordStoring<'_> {
    /// Whether the codes of the row after the last stored were looked up
    /// with the scout's window.
    fn scout_covers_next(&self) -> bool {
        self.scout
            .as_ref()
            .is_some_and(|scout| scout.running() && scout.covers(self.last_stored + 1))
    }

    /// Before row `number` is linked: starts the scout once the subjects
    /// are many and the linker looks codes up in the store, and looks up
    /// the codes of the scout's next window when the row is past the last.
    fn scout_for(&mut self, number: u64) -> Result<(), ImportError> {
        let wanted = || !self.linker.knows_all() && self.subjects > self.scout_after_subjects;
        let Some(scout) = &mut self.scout else {
            if self.unscouted_from.is_none() && wanted() {
                self.unscouted_from = Some(number);
            }
            return Ok(());
        };
        if !scout.running() {
            if wanted() {
                scout.start(number);
            }
            return Ok(());
        }
        if !scout.covers(number)
            && let Some(mut window) = scout.next(number)
        {
            self.linker.prefetch_codes(&mut window.codes)?;
            scout.give_back(window);
            self.windows_scouted += 1;
        }
        Ok(())
    }
}

impl Storing<ValidRecord> for RecordStoring<'_> {
    /// Only while the linker looks codes up in the store, and no scout
    /// has looked up the codes of the rows to come.
    fn by_window(&self) -> bool {
        !self.linker.knows_all() && !self.scout_covers_next()
    }

    fn prepare(&mut self, window: &[&ValidRecord]) -> Result<(), ImportError> {
        if self.scout_covers_next() {
            return Ok(());
        }
        self.linker
            .prefetch(window.iter().map(|record| record.identifiers.as_slice()))?;
        Ok(())
    }

    fn store(&mut self, number: u64, record: &ValidRecord) -> Result<Outcome, ImportError> {
        let conn = self.conn;
        if self.set_aside.row(conn, &mut self.linker)? {
            self.writer.set_identity_aside(number)?;
        }
        self.scout_for(number)?;
        let facts = SubjectFacts {
            kind: record.subject_kind,
            name: &record.subject_name,
            identifiers: &record.identifiers,
            legal_rep: record.legal_rep.as_deref(),
            division: None,
        };
        let linked = self.linker.link(&facts, &self.today)?;
        self.subjects += i64::from(linked.created);
        self.last_stored = number;
        self.referred.add(conn, linked.id)?;
        let stored = self.writer.store(record, linked.id, &self.today, number)?;
        Ok(Outcome::stored(stored, linked.created))
    }
}

/// Imports the registration authority's register of subjects.
pub fn import_subjects(
    conn: &Connection,
    rows: &mut (dyn RowSource + Send),
    today: NaiveDate,
    observer: &mut dyn Observer,
) -> Result<Counts, ImportError> {
    let held: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM subject", [], |r| r.get(0))?;
    import_subjects_deferring(conn, rows, today, observer, held.max(DEFER_AFTER))
}

/// Indexes a register import sets aside, as a records import sets aside
/// [`DEFERRABLE`]: it adds names, and reads none by its folded form.
const REGISTER_DEFERRABLE: &[&str] = &["subject_name_by_normalized"];

/// [`import_subjects`], setting indexes aside after `defer_after` rows.
fn import_subjects_deferring(
    conn: &Connection,
    rows: &mut (dyn RowSource + Send),
    today: NaiveDate,
    observer: &mut dyn Observer,
    defer_after: i64,
) -> Result<Counts, ImportError> {
    let headers = rows.headers().to_vec();
    let map = header_map(&super::layout::SUBJECTS, &headers, observer)?;
    let validator = RegisterValidator::new(&headers, &map);
    let mut storing = RegisterStoring {
        conn,
        today: today.to_string(),
        linker: Linker::new(conn)?,
        referred: ReferredSubjects::default(),
        set_aside: SetAside::after(defer_after, REGISTER_DEFERRABLE),
    };
    let counts = pipeline(rows, observer, |row| validator.validate(row), &mut storing)?;
    let RegisterStoring {
        linker,
        mut referred,
        set_aside,
        ..
    } = storing;
    let linker_set_aside = linker.into_set_aside()?;
    observer.rows_stored();
    DeferredIndexes::rebuild_all(conn, [linker_set_aside, set_aside.indexes])?;
    referred.check(conn)?;
    Ok(counts)
}

/// The storing side of a register import: linking as a records import
/// links, a window of rows at a time once the codes outgrow the cache, and
/// with the same indexes set aside once the rows are many, so that a
/// city's register does not read and write the pages of the subjects'
/// codes and names at random for every row.
struct RegisterStoring<'c> {
    conn: &'c Connection,
    today: String,
    linker: Linker<'c>,
    /// Every subject a row written refers to: that of the codes and names
    /// linking adds, and of the former names.
    referred: ReferredSubjects,
    /// [`REGISTER_DEFERRABLE`], set aside once the rows are many.
    set_aside: SetAside,
}

impl Storing<RegisterEntry> for RegisterStoring<'_> {
    /// Only while the linker looks codes up in the store.
    fn by_window(&self) -> bool {
        !self.linker.knows_all()
    }

    fn prepare(&mut self, window: &[&RegisterEntry]) -> Result<(), ImportError> {
        self.linker
            .prefetch(window.iter().map(|entry| entry.identifiers.as_slice()))?;
        Ok(())
    }

    /// A new subject is inserted; one the store has is updated when the
    /// row changes its name, codes, legal representative, division or
    /// former names, and unchanged otherwise.
    fn store(&mut self, _number: u64, entry: &RegisterEntry) -> Result<Outcome, ImportError> {
        let conn = self.conn;
        self.set_aside.row(conn, &mut self.linker)?;
        let facts = SubjectFacts {
            kind: entry.kind,
            name: &entry.name,
            identifiers: &entry.identifiers,
            legal_rep: entry.legal_rep.as_deref(),
            division: entry.division.as_deref(),
        };
        let linked = self.linker.link(&facts, &self.today)?;
        self.referred.add(conn, linked.id)?;
        let mut changed = linked.changed;
        changed |= subjects::update_register_facts(
            conn,
            linked.id,
            entry.legal_rep.as_deref(),
            entry.division.as_deref(),
        )?;
        for former in &entry.former_names {
            changed |= subjects::add_former_name(conn, linked.id, former, &self.today)?;
        }
        let stored = match (linked.created, changed) {
            (true, _) => Stored::Inserted,
            (false, true) => Stored::Updated,
            (false, false) => Stored::Unchanged,
        };
        Ok(Outcome::stored(stored, linked.created))
    }
}

/// Imports the official old-code to USCC table.
pub fn import_mappings(
    conn: &Connection,
    rows: &mut (dyn RowSource + Send),
    today: NaiveDate,
    observer: &mut dyn Observer,
) -> Result<Counts, ImportError> {
    let headers = rows.headers().to_vec();
    let map = header_map(&super::layout::MAPPINGS, &headers, observer)?;
    let validator = MappingValidator::new(&headers, &map);
    let today = today.to_string();
    pipeline(
        rows,
        observer,
        |row| validator.validate(row),
        &mut EachRow(|mappings: &Vec<Mapping>| {
            let mut outcome = Outcome::stored(Stored::Unchanged, false);
            for m in mappings {
                match mapping::store(conn, m, &today)? {
                    mapping::Stored::Inserted => outcome.stored = Stored::Inserted,
                    mapping::Stored::Unchanged => {}
                    mapping::Stored::Conflict { existing } => outcome.conflicts.push(format!(
                        "{} {} is mapped to {existing}; this row maps it to {}: kept as a conflict, not overwritten",
                        m.old_kind, m.old_code, m.uscc
                    )),
                }
            }
            Ok(outcome)
        }),
    )
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
    for (chinese, command) in &map.fits_better {
        observer.fits_better(chinese, command);
    }
    for (_, header, field) in &map.duplicates {
        let first = layout
            .field_id(field)
            .and_then(|id| map.index(id))
            .map_or("", |col| headers[col].as_str());
        observer.repeated_column(header, first);
    }
    Ok(map)
}

/// What the storing side of [`pipeline`] does with the valid rows.
trait Storing<T> {
    /// Whether the next rows are to come a window of [`WINDOW`] at a time,
    /// for [`prepare`](Self::prepare) to see them all before any is
    /// stored; else they come a batch at a time, each stored while it is
    /// still in the processor's cache.
    fn by_window(&self) -> bool {
        false
    }

    /// Sees the valid rows of a window (or batch) before any of them is
    /// stored, to prepare for them all at once.
    fn prepare(&mut self, _window: &[&T]) -> Result<(), ImportError> {
        Ok(())
    }

    /// Stores one row, the file's row `number`; rows come in file order.
    fn store(&mut self, number: u64, row: &T) -> Result<Outcome, ImportError>;
}

/// Rows stored one by one by a closure, with nothing to prepare.
struct EachRow<F>(F);

impl<T, F: FnMut(&T) -> Result<Outcome, ImportError>> Storing<T> for EachRow<F> {
    fn store(&mut self, _number: u64, row: &T) -> Result<Outcome, ImportError> {
        (self.0)(row)
    }
}

/// The loop every import shares. A reading thread reads the file into
/// batches of rows and checks them with `check`, reading a little ahead of
/// its checking; `storing` runs here, in the caller's transaction, on the
/// batches in file order, a window of them at a time. When the next batch
/// is not checked yet, this thread checks the oldest one waiting instead of
/// waiting itself: the two threads share the checking as their pace changes
/// through the file, with no more threads than cores to run them.
///
/// Batches go round rather than being made for each turn (see [`Batches`]),
/// so memory does not grow with the file.
fn pipeline<T: Send>(
    rows: &mut (dyn RowSource + Send),
    observer: &mut dyn Observer,
    check: impl Fn(&Row) -> Result<T, Vec<Problem>> + Sync,
    storing: &mut impl Storing<T>,
) -> Result<Counts, ImportError> {
    // For each batch, in file order: where its checked rows will come.
    let (in_order, order) = sync_channel::<Receiver<Checked<T>>>(BATCHES_IN_FLIGHT);
    let shared = Batches::default();
    std::thread::scope(|scope| {
        let (check, shared) = (&check, &shared);
        let read = move || {
            let mut ended = false;
            loop {
                if !ended && shared.waiting() < READ_AHEAD {
                    let mut batch = shared.spare_rows();
                    let (done, checked) = sync_channel(1);
                    match read_batch(rows, &mut batch) {
                        Ok(0) => ended = true,
                        Ok(_) => {
                            shared.push(batch, done);
                            // Fails only when the storing thread has stopped
                            // early, on a store error.
                            if in_order.send(checked).is_err() {
                                return;
                            }
                        }
                        // The batches before the error are checked still.
                        Err(e) => {
                            let _ = done.send(Err(e));
                            if in_order.send(checked).is_err() {
                                return;
                            }
                            ended = true;
                        }
                    }
                } else if !shared.check_oldest(check) && ended {
                    return;
                }
            }
        };
        std::thread::Builder::new()
            .name("credit-read".into())
            .spawn_scoped(scope, read)
            .map_err(ImportError::Thread)?;

        let mut counts = Counts::default();
        // Owned by this closure: a store error returning early drops it, so
        // that the reading thread's next send fails instead of waiting.
        let mut order = order.into_iter();
        let mut window = Vec::with_capacity(WINDOW / BATCH);
        loop {
            // The batches of the next window (or the next batch), and why
            // reading stopped if it stopped before the end of the file.
            let rows = if storing.by_window() { WINDOW } else { 1 };
            let mut gathered = 0;
            let mut ended = false;
            let mut stopped = None;
            while gathered < rows {
                let Some(checked) = order.next() else {
                    ended = true;
                    break;
                };
                let batch = loop {
                    match checked.try_recv() {
                        Ok(batch) => break Some(batch),
                        Err(TryRecvError::Empty) if shared.check_oldest(check) => {}
                        // None only when the reading thread has panicked; the
                        // scope passes the panic on.
                        Err(_) => break checked.recv().ok(),
                    }
                };
                match batch {
                    None => ended = true,
                    Some(Err(e)) => stopped = Some(e),
                    Some(Ok(batch)) => {
                        gathered += batch.len();
                        window.push(batch);
                        continue;
                    }
                }
                break;
            }
            let valid: Vec<&T> = window
                .iter()
                .flatten()
                .filter_map(|item| match item {
                    Item::Valid(_, valid) => Some(valid),
                    Item::Rejected(..) => None,
                })
                .collect();
            storing.prepare(&valid)?;
            for batch in window.drain(..) {
                for item in &batch {
                    counts.rows += 1;
                    match item {
                        Item::Rejected(row, problems) => {
                            counts.rejected += 1;
                            observer.reject(row, problems);
                        }
                        &Item::Valid(number, ref valid) => {
                            let outcome = storing.store(number, valid)?;
                            counts.add(number, &outcome, observer);
                        }
                    }
                    if counts.rows % PROGRESS_EVERY == 0 {
                        observer.progress(counts.rows);
                    }
                }
                shared.give_back(batch);
            }
            if let Some(e) = stopped {
                return Err(e.into());
            }
            if ended {
                break;
            }
        }
        observer.progress(counts.rows);
        Ok(counts)
    })
}

impl Counts {
    /// Counts again the rows [`records::Writer::settle`]
    /// settled, which were counted as inserted, and reports its collisions.
    fn settle(&mut self, settled: &Settled, observer: &mut dyn Observer) {
        let collisions = settled.collisions.len() as u64;
        self.inserted -= settled.updated + settled.unchanged + collisions;
        self.updated += settled.updated;
        self.unchanged += settled.unchanged;
        for &(number, record_id) in &settled.collisions {
            self.add(
                number,
                &Outcome::stored(Stored::KeyCollision { record_id }, false),
                observer,
            );
        }
    }

    /// Counts what storing row `number` did, and tells `observer` what it
    /// should hear of it.
    fn add(&mut self, number: u64, outcome: &Outcome, observer: &mut dyn Observer) {
        match outcome.stored {
            Stored::Inserted => self.inserted += 1,
            Stored::Updated => self.updated += 1,
            Stored::Unchanged => self.unchanged += 1,
            Stored::KeyCollision { record_id } => {
                self.rejected += 1;
                let mut row = Row::new();
                row.number = number;
                let problem = Problem::of_row(format!(
                    "its identity key equals that of record {record_id}, a different record; it cannot be stored (please report this)"
                ));
                observer.reject(&row, &[problem]);
            }
        }
        self.subjects_created += u64::from(outcome.subject_created);
        for message in &outcome.conflicts {
            observer.conflict(number, message);
        }
        self.conflicts += outcome.conflicts.len() as u64;
    }
}

/// The batches between the two threads: those read and waiting to be
/// checked, and the emptied ones of each kind, kept to be filled again. The
/// side that fills a batch empties it, so values are freed mostly on the
/// thread that made them, and a new batch is made only when no emptied one
/// is left, so there are never more than the pipeline holds at once.
struct Batches<T> {
    state: Mutex<BatchState<T>>,
}

struct BatchState<T> {
    /// Read, in file order, with where each one's checked rows go.
    waiting: VecDeque<(Vec<ReadRow>, SyncSender<Checked<T>>)>,
    /// Checked and stored.
    stored: Vec<Vec<Item<T>>>,
    /// Checked, their rows to be read into again.
    rows: Vec<Vec<ReadRow>>,
}

impl<T> Default for Batches<T> {
    fn default() -> Batches<T> {
        Batches {
            state: Mutex::new(BatchState {
                waiting: VecDeque::new(),
                stored: Vec::new(),
                rows: Vec::new(),
            }),
        }
    }
}

impl<T> Batches<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, BatchState<T>> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn waiting(&self) -> usize {
        self.lock().waiting.len()
    }

    fn push(&self, rows: Vec<ReadRow>, done: SyncSender<Checked<T>>) {
        self.lock().waiting.push_back((rows, done));
    }

    fn spare_rows(&self) -> Vec<ReadRow> {
        self.lock().rows.pop().unwrap_or_default()
    }

    fn give_back(&self, stored: Vec<Item<T>>) {
        self.lock().stored.push(stored);
    }

    /// Checks the oldest batch waiting, if any, and sends its rows on.
    fn check_oldest(&self, check: &impl Fn(&Row) -> Result<T, Vec<Problem>>) -> bool {
        let (next, spare) = {
            let mut state = self.lock();
            let Some(next) = state.waiting.pop_front() else {
                return false;
            };
            (next, state.stored.pop())
        };
        let (rows, done) = next;
        let mut checked = spare.unwrap_or_else(|| Vec::with_capacity(BATCH));
        checked.clear();
        checked.extend(rows.iter().map(|read| match &read.problem {
            Some(problem) => Item::Rejected(read.row.clone(), vec![problem.clone()]),
            None => match check(&read.row) {
                Ok(valid) => Item::Valid(read.row.number, valid),
                Err(problems) => Item::Rejected(read.row.clone(), problems),
            },
        }));
        let _ = done.send(Ok(checked));
        self.lock().rows.push(rows);
        true
    }
}

/// Reads up to [`BATCH`] rows into `batch`, reusing its rows' buffers; the
/// number read, 0 at the end of the file. A row that cannot be read is kept
/// with the reason, to be rejected; an error that stops reading is returned.
fn read_batch(
    rows: &mut (dyn RowSource + Send),
    batch: &mut Vec<ReadRow>,
) -> Result<usize, ReadError> {
    let mut read = 0;
    while read < BATCH {
        if read == batch.len() {
            batch.push(ReadRow::default());
        }
        let next = &mut batch[read];
        next.problem = match rows.next_row(&mut next.row) {
            Ok(false) => break,
            Ok(true) => None,
            Err(e) if e.is_row_level() => Some(Problem::of_row(e.to_string())),
            Err(e) => return Err(e),
        };
        read += 1;
    }
    batch.truncate(read);
    Ok(read)
}

/// What unit tests elsewhere need to import the example files.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::ingest::reader::{self, Encoding, InputFormat, Source};

    /// An observer that takes no notice.
    pub struct Quiet;
    impl Observer for Quiet {
        fn unknown_column(&mut self, _: &str) {}
        fn repeated_column(&mut self, _: &str, _: &str) {}
        fn reject(&mut self, _: &Row, _: &[Problem]) {}
        fn conflict(&mut self, _: u64, _: &str) {}
        fn progress(&mut self, _: u64) {}
    }

    /// `examples/data/penalties.csv`, opened.
    pub fn penalties() -> Box<dyn RowSource + Send> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/penalties.csv");
        reader::open(
            &Source::Path(path.into()),
            InputFormat::Csv,
            Encoding::Auto,
            None,
        )
        .unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::Quiet;
    use super::*;
    use crate::ingest::reader::{self, Encoding, InputFormat, Source};
    use crate::store::{Store, index_definitions};

    /// Every record with its subject, found through record_by_subject.
    fn by_subject(conn: &Connection) -> Vec<(i64, String)> {
        let mut stmt = conn
            .prepare(
                "SELECT r.subject_id, r.decision_no FROM subject s \
                 JOIN record r INDEXED BY record_by_subject ON r.subject_id = s.id \
                 ORDER BY 1, 2",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A records import's tuning, setting indexes aside after `defer_after` rows.
    fn deferring(defer_after: i64) -> Tuning {
        Tuning {
            defer_after,
            ..Tuning::default()
        }
    }

    /// Imports `csv` as penalties into a new store in `dir` where `setup`
    /// has run, tuned as `tuning` says, the file open to be read again as
    /// the command has it (unless `once`), and checks that every index set
    /// aside is back; with the number of windows a scout sent.
    fn import_into(
        dir: &std::path::Path,
        csv: &str,
        setup: &str,
        tuning: Tuning,
        observer: &mut dyn Observer,
    ) -> (Store, Counts, u64) {
        import_read(dir, csv, setup, tuning, observer, false)
    }

    fn import_read(
        dir: &std::path::Path,
        csv: &str,
        setup: &str,
        tuning: Tuning,
        observer: &mut dyn Observer,
        once: bool,
    ) -> (Store, Counts, u64) {
        let path = dir.join("penalties.csv");
        std::fs::write(&path, csv).unwrap();
        let file = Source::Path(path);
        let mut rows = reader::open(&file, InputFormat::Csv, Encoding::Auto, None).unwrap();
        let reopen = |columns: &[usize]| {
            reader::open_again(&file, InputFormat::Csv, Encoding::Auto, columns)
        };
        let (mut store, _) = Store::init(&dir.join("i.db")).unwrap();
        store.conn().execute_batch(setup).unwrap();
        let before = index_definitions(store.conn());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        // As the command runs it: the import checks its references itself.
        let tx = store.import_transaction().unwrap();
        let (counts, windows) = import_records_tuned(
            &tx,
            rows.as_mut(),
            (!once).then_some(&reopen),
            RecordKind::Penalty,
            today,
            observer,
            tuning,
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(
            index_definitions(store.conn()),
            before,
            "every index set aside is back"
        );
        (store, counts, windows)
    }

    /// Imports the example penalties, less the rows whose numbers are in
    /// `left_out` (a line each: no cell of the example holds a line break),
    /// setting indexes aside after `defer_after` rows.
    fn import(defer_after: i64, left_out: &[usize]) -> (Counts, Vec<(i64, String)>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let example = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/penalties.csv"
        ))
        .unwrap();
        let kept: String = example
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| !left_out.contains(&(i + 1)))
            .map(|(_, line)| line)
            .collect();
        let (store, counts, _) =
            import_into(dir.path(), &kept, "", deferring(defer_after), &mut Quiet);
        let rows = by_subject(store.conn());
        let problems = store.integrity_problems().unwrap();
        (counts, rows, problems)
    }

    #[test]
    fn a_large_import_builds_the_indexes_it_set_aside() {
        // Row 7 names its subject by organization code alone: it has the
        // linker build its indexes again on the spot. Without it, they are
        // built at the end (row 5 names its subject by registration number
        // only, which does not read them).
        for left_out in [&[][..], &[7]] {
            let (plain, plain_rows, _) = import(i64::MAX, left_out);
            let (deferred, deferred_rows, problems) = import(2, left_out);
            assert_eq!(deferred, plain);
            assert!(plain.inserted > 2, "the example must outgrow defer_after");
            assert_eq!(deferred_rows.len() as u64, plain.inserted);
            assert_eq!(deferred_rows, plain_rows);
            assert!(problems.is_empty(), "{problems:?}");
        }
    }

    /// The example penalties, then as rows 15 to 18: row 2 again, row 3
    /// with another fine, row 3 as it was, and row 4 again.
    fn delivered_again() -> String {
        let example = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/penalties.csv"
        ))
        .unwrap();
        let lines: Vec<&str> = example.split_inclusive('\n').collect();
        let mut corrected = lines[2].replace(",罚款十二万元,12,", ",罚款十三万元,13,");
        assert_ne!(corrected, lines[2], "row 3 holds the fine changed");
        corrected = corrected.replace("\r\n", "\n");
        let again = [lines[1], &corrected, lines[2], lines[3]];
        let mut text = example.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.extend(again);
        text
    }

    /// What an import left in the store and said.
    #[derive(Debug, PartialEq)]
    struct Left {
        counts: Counts,
        rejected: Vec<(u64, String)>,
        /// Each record by identity: its subject, content, dates.
        records: Vec<(String, String, i64, String, String, Option<String>)>,
        /// Each former version: its record's decision number, subject, content, dates.
        history: Vec<(String, i64, String, String, String)>,
        /// Each subject code: kind, value, subject, date added.
        codes: Vec<(String, String, i64, String)>,
        /// Each subject's name and every name it has carried.
        names: Vec<(i64, String, String)>,
        problems: Vec<String>,
    }

    /// Imports `csv` into a new store where `setup` has run, setting
    /// indexes aside after `defer_after` rows.
    fn import_text(csv: &str, setup: &str, defer_after: i64) -> Left {
        import_tuned(csv, setup, deferring(defer_after)).0
    }

    /// Imports `csv` into a new store where `setup` has run, tuned as
    /// `tuning` says; with the number of windows a scout sent.
    fn import_tuned(csv: &str, setup: &str, tuning: Tuning) -> (Left, u64) {
        let dir = tempfile::tempdir().unwrap();
        let mut heard = Heard::default();
        let (store, counts, windows) = import_into(dir.path(), csv, setup, tuning, &mut heard);
        let conn = store.conn();
        let records = rows(
            conn,
            "SELECT decision_no, authority_uscc, subject_id, fields, content_hash, updated_on \
             FROM record ORDER BY kind, authority_uscc, decision_no",
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        );
        let history = rows(
            conn,
            "SELECT r.decision_no, h.subject_id, h.fields, h.content_hash, h.replaced_on \
             FROM record_history h JOIN record r ON r.id = h.record_id ORDER BY h.record_id, h.rowid",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        );
        let codes = rows(
            conn,
            "SELECT kind, value, subject_id, added_on FROM subject_identifier ORDER BY 1, 2",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        );
        let names = rows(
            conn,
            "SELECT s.id, s.name, n.name FROM subject s JOIN subject_name n ON n.subject_id = s.id \
             ORDER BY 1, 3",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        );
        let problems = store.integrity_problems().unwrap();
        let left = Left {
            counts,
            rejected: heard.rejected,
            records,
            history,
            codes,
            names,
            problems,
        };
        (left, windows)
    }

    /// Every row `sql` gives, each read by `read`.
    fn rows<T>(
        conn: &Connection,
        sql: &str,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Vec<T> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], read)
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A subject as stored: id, kind, name, legal representative, division.
    type StoredSubject = (i64, String, String, Option<String>, Option<String>);

    /// What two register imports said and left in the store.
    #[derive(Debug, PartialEq)]
    struct Registered {
        first: Counts,
        second: Counts,
        subjects: Vec<StoredSubject>,
        /// Each subject code: kind, value, subject.
        codes: Vec<(String, String, i64)>,
        /// Each name a subject has carried, with its folded form.
        names: Vec<(i64, String, String)>,
        problems: Vec<String>,
    }

    /// Imports the register `first`, then `second`, into a new store,
    /// each setting indexes aside after `defer_after` rows.
    fn register_twice(first: &str, second: &str, defer_after: i64) -> Registered {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::init(&dir.path().join("r.db")).unwrap();
        let before = index_definitions(store.conn());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let mut import = |name: &str, csv: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, csv).unwrap();
            let file = Source::Path(path);
            let mut rows = reader::open(&file, InputFormat::Csv, Encoding::Auto, None).unwrap();
            let tx = store.import_transaction().unwrap();
            let counts =
                import_subjects_deferring(&tx, rows.as_mut(), today, &mut Quiet, defer_after)
                    .unwrap();
            tx.commit().unwrap();
            counts
        };
        let first = import("first.csv", first);
        let second = import("second.csv", second);
        assert_eq!(
            index_definitions(store.conn()),
            before,
            "every index set aside is back"
        );
        let conn = store.conn();
        Registered {
            first,
            second,
            subjects: rows(
                conn,
                "SELECT id, kind, name, legal_rep, division FROM subject ORDER BY id",
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            ),
            codes: rows(
                conn,
                "SELECT kind, value, subject_id FROM subject_identifier ORDER BY 1, 2",
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            ),
            // Read through the index of folded names, which an import
            // sets aside.
            names: rows(
                conn,
                "SELECT subject_id, name, normalized FROM subject_name \
                 INDEXED BY subject_name_by_normalized ORDER BY 1, 2",
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            ),
            problems: store.integrity_problems().unwrap(),
        }
    }

    /// A valid USCC of Taobei district for the first 8 characters of its
    /// organization code.
    fn uscc_of(org8: &str) -> String {
        let org_check = crate::codes::org_code::check_char(org8.as_bytes()).unwrap();
        let first17 = format!("91220802{org8}{}", org_check as char);
        let check = crate::codes::uscc::check_char(first17.as_bytes()).unwrap();
        format!("{first17}{}", check as char)
    }

    #[test]
    fn a_register_links_alike_with_its_indexes_set_aside_and_counts_what_changed() {
        let example = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/subjects.csv"
        ))
        .unwrap();
        let lines: Vec<&str> = example.lines().collect();
        let new = uscc_of("MA1NEW00");
        // Row 2 as it was; row 3 with another legal representative; row 4
        // with a former name more; row 7 renamed; a subject the store lacks.
        let second = [
            lines[0].to_string(),
            lines[1].to_string(),
            lines[2].replace("刘志强", "刘志刚"),
            format!("{}洮北区福顺饭店", lines[3]),
            lines[6].replace("洮北区康宁养老服务中心", "洮北区康宁养老院"),
            format!("{new},白城市新立商贸有限公司,法人及非法人组织,李新立,220802,,,"),
        ]
        .join("\n");
        let plain = register_twice(&example, &second, i64::MAX);
        let counts = |c: &Counts| (c.inserted, c.updated, c.unchanged, c.rejected);
        assert_eq!(counts(&plain.first), (6, 0, 0, 2));
        assert_eq!(counts(&plain.second), (1, 3, 1, 0));
        assert_eq!(plain.second.subjects_created, 1);
        assert!(plain.problems.is_empty(), "{:?}", plain.problems);
        let renamed = plain
            .names
            .iter()
            .filter(|(_, name, _)| name.starts_with("洮北区康宁"))
            .count();
        assert_eq!(renamed, 2, "the former name stays");
        // From the first row, and from the third.
        for defer_after in [1, 3] {
            assert_eq!(
                register_twice(&example, &second, defer_after),
                plain,
                "after {defer_after}"
            );
        }
    }

    #[test]
    fn records_stored_without_their_index_are_settled_as_one_by_one() {
        let csv = delivered_again();
        let plain = import_text(&csv, "", i64::MAX);
        assert_eq!(
            (
                plain.counts.inserted,
                plain.counts.updated,
                plain.counts.unchanged
            ),
            (7, 2, 2)
        );
        assert_eq!(plain.history.len(), 2);
        assert!(plain.problems.is_empty(), "{:?}", plain.problems);
        // From the first row, from the second (the one row 3 delivers again
        // is then the first stored blind), and from the fifth.
        for defer_after in [1, 2, 5] {
            assert_eq!(
                import_text(&csv, "", defer_after),
                plain,
                "after {defer_after}"
            );
        }
    }

    #[test]
    fn records_whose_ids_are_far_up_the_rowid_range_are_corrected_alike() {
        // A record given an id by hand, as another system may have: the
        // records after it are numbered from there.
        let far = 1i64 << 62;
        let setup = format!(
            "INSERT INTO subject (id, kind, name, created_on) VALUES (1, 'legal', '甲', '2026-01-01');
             INSERT INTO record (id, identity, kind, authority_uscc, decision_no, subject_id, \
             authority, decision_date, fields, content_hash, received_on) \
             VALUES ({far}, 1, 'penalty', '11220802MB1A0001XP', '外', 1, '乙', '2026-01-01', '', 'h', '2026-01-01');"
        );
        let csv = delivered_again();
        let plain = import_text(&csv, "", i64::MAX);
        let far_up = import_text(&csv, &setup, i64::MAX);
        assert_eq!(far_up.counts, plain.counts);
        assert_eq!(far_up.history.len(), 2);
        // Alike but for the subjects' ids, which start after the one set up.
        let content = |left: &Left| {
            let mut records = left.records.clone();
            records.retain(|r| r.0 != "外");
            for record in &mut records {
                record.2 = 0;
            }
            records
        };
        assert_eq!(content(&far_up), content(&plain));
    }

    #[test]
    fn corrections_of_a_record_settle_in_file_order_wherever_its_index_is_set_aside() {
        // The examples, then row 3 corrected twice (a fine of 13, then of
        // 14), then delivered as it first was: corrected back.
        let example = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/penalties.csv"
        ))
        .unwrap();
        let lines: Vec<&str> = example.split_inclusive('\n').collect();
        let fined = |wan: &str, number: &str| {
            lines[2]
                .replace(",罚款十二万元,12,", &format!(",罚款{wan}万元,{number},"))
                .replace("\r\n", "\n")
        };
        let mut csv = example.clone();
        if !csv.ends_with('\n') {
            csv.push('\n');
        }
        csv.push_str(&fined("十三", "13"));
        csv.push_str(&fined("十四", "14"));
        csv.push_str(&fined("十二", "12"));
        let plain = import_text(&csv, "", i64::MAX);
        assert!(plain.problems.is_empty(), "{:?}", plain.problems);
        let c = &plain.counts;
        assert_eq!((c.inserted, c.updated, c.unchanged), (7, 3, 0));
        let number = "白环罚〔2025〕7号";
        assert!(lines[2].contains(number));
        let record = plain.records.iter().find(|r| r.0 == number).unwrap();
        assert!(record.3.contains("罚款十二万元"), "{record:?}");
        let kept: Vec<_> = plain.history.iter().filter(|h| h.0 == number).collect();
        assert_eq!(kept.len(), 3, "{:?}", plain.history);
        for (version, fine) in kept.iter().zip(["十二", "十三", "十四"]) {
            assert!(version.2.contains(&format!("罚款{fine}万元")), "{kept:?}");
        }
        // The index set aside from each row stored: before the corrections,
        // between them (those before kept aside, those after stored blind),
        // or after all of them.
        for defer_after in 1..=11 {
            assert_eq!(
                import_text(&csv, "", defer_after),
                plain,
                "after {defer_after}"
            );
        }
    }

    #[test]
    fn rows_link_alike_when_a_scout_reads_their_codes_ahead() {
        // A store holding a subject, so that the linker does not start out
        // knowing every code: row 2's USCC under another name (the row
        // renames it), and an organization code no row delivers.
        let setup = "INSERT INTO subject (id, kind, name, created_on) VALUES (1, 'legal', '旧名称', '2026-01-01'); \
             INSERT INTO subject_name (subject_id, name, normalized, first_seen) VALUES (1, '旧名称', '旧名称', '2026-01-01'); \
             INSERT INTO subject_identifier (kind, value, subject_id, added_on) VALUES \
             ('uscc', '91220802MA0Y5L2K92', 1, '2026-01-01'), ('org_code', 'MA0000001', 1, '2026-01-01');";
        let csv = delivered_again();
        let (plain, none) = import_tuned(
            &csv,
            setup,
            Tuning {
                defer_after: i64::MAX,
                scout_after_subjects: i64::MAX,
                ..Tuning::default()
            },
        );
        assert_eq!(none, 0);
        assert!(plain.problems.is_empty(), "{:?}", plain.problems);
        assert_eq!(plain.codes.len(), 7, "{:?}", plain.codes);
        let first: Vec<_> = plain.names.iter().filter(|(id, ..)| *id == 1).collect();
        assert_eq!(first.len(), 2, "renamed, the former name kept: {first:?}");
        assert!(first.iter().all(|(_, now, _)| now != "旧名称"));
        assert!(first.iter().any(|(_, _, name)| name == "旧名称"));
        // Scouting from the first row, in windows of 1 to 7 codes, with codes
        // written later from the first, second or fifth row.
        for window in [1, 3, 7] {
            for defer_after in [1, 2, 5] {
                let tuning = Tuning {
                    defer_after,
                    scout_after_subjects: 0,
                    scout_window_codes: window,
                    preload_limit: 0,
                    ..Tuning::default()
                };
                let (scouted, windows) = import_tuned(&csv, setup, tuning);
                assert!(windows > 0, "the scout sent windows of {window}");
                assert_eq!(scouted, plain, "windows of {window}, after {defer_after}");
            }
        }
    }

    #[test]
    fn an_import_that_cannot_read_ahead_says_so_when_long_past_the_point() {
        // A store holding a subject, which the linker does not load: from
        // the first row (row 2) on, it looks codes up in the store.
        let setup = "INSERT INTO subject (id, kind, name, created_on) VALUES (1, 'legal', '某公司', '2026-01-01'); \
             INSERT INTO subject_identifier (kind, value, subject_id, added_on) VALUES \
             ('org_code', 'MA0000001', 1, '2026-01-01');";
        let csv = delivered_again();
        let told = |once: bool, after_subjects: i64, after_rows: u64| {
            let tuning = Tuning {
                scout_after_subjects: after_subjects,
                preload_limit: 0,
                not_read_ahead_rows: after_rows,
                ..Tuning::default()
            };
            let dir = tempfile::tempdir().unwrap();
            let mut heard = Heard::default();
            let (_, counts, _) = import_read(dir.path(), &csv, setup, tuning, &mut heard, once);
            assert_eq!(counts.rows, 17);
            heard.not_read_ahead
        };
        // Rows 2 to 18: the last stored is 16 rows past the first.
        assert_eq!(told(true, 0, 16), 1);
        assert_eq!(told(true, 0, 17), 0, "not that many rows past it");
        assert_eq!(told(true, 1000, 1), 0, "never that many subjects");
        assert_eq!(told(false, 0, 1), 0, "read ahead");
    }

    #[test]
    fn a_record_stored_blind_whose_key_another_identity_holds_is_rejected() {
        // A record already in the store holds row 3's identity key, under
        // another decision number.
        let key = records::identity("penalty", "11220800MB1B00029G", "白环罚〔2025〕7号");
        let held = format!(
            "INSERT INTO subject (id, kind, name, created_on) VALUES (1, 'legal', '某公司', '2026-01-01'); \
             INSERT INTO record (id, identity, kind, authority_uscc, decision_no, subject_id, authority, \
             decision_date, fields, content_hash, received_on) VALUES (1, {key}, 'penalty', \
             '11220800MB1B00029G', '白环罚〔2025〕999号', 1, '白城市生态环境局', '2025-01-01', '', '', '2026-01-01');"
        );
        let csv = delivered_again();
        let plain = import_text(&csv, &held, i64::MAX);
        let collision = (
            3,
            "its identity key equals that of record 1, a different record; it cannot be stored (please report this)"
                .to_string(),
        );
        assert!(plain.rejected.contains(&collision), "{:?}", plain.rejected);
        for defer_after in [1, 2] {
            let deferred = import_text(&csv, &held, defer_after);
            assert_eq!(deferred.counts, plain.counts);
            assert_eq!(deferred.records, plain.records);
            assert_eq!(deferred.history, plain.history);
            // Reported once the index is built again: after the rows checked.
            let mut rejected = deferred.rejected.clone();
            rejected.sort();
            let mut expected = plain.rejected.clone();
            expected.sort();
            assert_eq!(rejected, expected);
        }
    }

    /// Runs `import` in an import transaction on a store where `trigger`
    /// takes away a subject that rows already written name, as only a bug
    /// could; returns the import's error, which must name a missing subject.
    fn losing_a_subject(
        trigger: &str,
        import: impl FnOnce(&Connection) -> Result<Counts, ImportError>,
    ) -> ImportError {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::init(&dir.path().join("l.db")).unwrap();
        store
            .conn()
            .execute_batch(&format!("CREATE TEMP TRIGGER lose_subject {trigger}"))
            .unwrap();
        let tx = store.import_transaction().unwrap();
        let err = import(&tx).expect_err("the import checks the subjects its rows name");
        assert!(
            matches!(
                err,
                ImportError::Reference(ReferenceError::Missing {
                    table: "subject",
                    ..
                })
            ),
            "{err}"
        );
        err
    }

    #[test]
    fn an_import_whose_rows_name_a_subject_no_longer_there_fails() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        // Row 8 is the last valid one; no valid row after row 3 names its subject.
        let err = losing_a_subject(
            "AFTER INSERT ON record WHEN NEW.decision_no = '洮北市监处罚〔2025〕88号' BEGIN \
             DELETE FROM subject WHERE id = \
             (SELECT subject_id FROM record WHERE decision_no = '白环罚〔2025〕7号'); END",
            |conn| {
                let mut rows = super::testing::penalties();
                import_records(
                    conn,
                    rows.as_mut(),
                    None,
                    RecordKind::Penalty,
                    today,
                    &mut Quiet,
                )
            },
        );
        assert!(
            err.to_string()
                .ends_with("which does not exist; nothing was imported"),
            "{err}"
        );
        // Row 7 is the register's last valid row, row 6 the one before.
        losing_a_subject(
            "AFTER INSERT ON subject WHEN NEW.name = '洮北区康宁养老服务中心' BEGIN \
             DELETE FROM subject WHERE name = '白城市绿野农业发展有限公司'; END",
            |conn| {
                let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/subjects.csv");
                let source = Source::Path(path.into());
                let mut rows =
                    reader::open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
                import_subjects(conn, rows.as_mut(), today, &mut Quiet)
            },
        );
    }

    /// Rows 2, 3, … of one cell each holding the row's number; the rows in
    /// `unreadable` fail to be read, and reading stops at `stop`.
    struct Numbered {
        headers: Vec<String>,
        next: u64,
        last: u64,
        unreadable: Vec<u64>,
        stop: Option<u64>,
    }

    impl Numbered {
        fn new(rows: u64) -> Numbered {
            Numbered {
                headers: vec!["n".into()],
                next: 2,
                last: rows + 1,
                unreadable: Vec::new(),
                stop: None,
            }
        }
    }

    impl RowSource for Numbered {
        fn headers(&self) -> &[String] {
            &self.headers
        }

        fn next_row(&mut self, row: &mut Row) -> Result<bool, ReadError> {
            let number = self.next;
            if number > self.last {
                return Ok(false);
            }
            self.next += 1;
            let file = "numbered.csv".to_string();
            if self.stop == Some(number) {
                return Err(ReadError::UnclosedQuote {
                    file,
                    row: number,
                    last_line: self.last,
                });
            }
            *row = Row::from_cells(number, &[&number.to_string()]);
            if self.unreadable.contains(&number) {
                return Err(ReadError::NotUtf8 {
                    file,
                    row: number,
                    why: "asked for",
                });
            }
            Ok(true)
        }

        fn encoding_used(&self) -> &'static str {
            "utf-8"
        }

        fn sha256(&self) -> String {
            String::new()
        }
    }

    /// What the observer heard: rejected rows by number, and how many
    /// times that the file was not read ahead.
    #[derive(Default)]
    struct Heard {
        rejected: Vec<(u64, String)>,
        not_read_ahead: u32,
    }

    impl Observer for Heard {
        fn unknown_column(&mut self, _: &str) {}
        fn repeated_column(&mut self, _: &str, _: &str) {}
        fn reject(&mut self, row: &Row, problems: &[Problem]) {
            self.rejected.push((row.number, problems[0].reason.clone()));
        }
        fn conflict(&mut self, _: u64, _: &str) {}
        fn progress(&mut self, _: u64) {}
        fn not_read_ahead(&mut self) {
            self.not_read_ahead += 1;
        }
    }

    /// Checks each row slowly, noting the thread; stores in a list.
    fn run(
        rows: &mut Numbered,
        fail_at: Option<u64>,
    ) -> (
        Result<Counts, ImportError>,
        Vec<u64>,
        Heard,
        Vec<std::thread::ThreadId>,
    ) {
        let checked_on = Mutex::new(Vec::new());
        let mut stored = Vec::new();
        let mut heard = Heard::default();
        let result = pipeline(
            rows,
            &mut heard,
            |row| {
                checked_on.lock().unwrap().push(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_micros(20));
                let n: u64 = row.get(0).parse().unwrap();
                if n % 1000 == 7 {
                    return Err(vec![Problem {
                        column: "n".into(),
                        value: row.get(0).into(),
                        reason: "ends in 007".into(),
                    }]);
                }
                Ok(n)
            },
            &mut EachRow(|&n: &u64| {
                if Some(n) == fail_at {
                    return Err(ImportError::Store(rusqlite::Error::InvalidQuery));
                }
                stored.push(n);
                Ok(Outcome::stored(Stored::Inserted, false))
            }),
        );
        (result, stored, heard, checked_on.into_inner().unwrap())
    }

    /// What the storing side was asked to do, in order: `true` for a row
    /// prepared, `false` for a row stored; rows come by window or not.
    struct Asked {
        by_window: bool,
        events: Vec<(bool, u64)>,
    }

    impl Storing<u64> for Asked {
        fn by_window(&self) -> bool {
            self.by_window
        }

        fn prepare(&mut self, window: &[&u64]) -> Result<(), ImportError> {
            self.events.extend(window.iter().map(|&&n| (true, n)));
            Ok(())
        }

        fn store(&mut self, _: u64, &n: &u64) -> Result<Outcome, ImportError> {
            self.events.push((false, n));
            Ok(Outcome::stored(Stored::Inserted, false))
        }
    }

    /// The sizes of the windows the storing side was given, after checking
    /// that each was prepared before any of its rows was stored, and every
    /// valid row stored once, in file order.
    fn windows_of_5000_rows(by_window: bool) -> Vec<usize> {
        let mut rows = Numbered::new(5000);
        let mut asked = Asked {
            by_window,
            events: Vec::new(),
        };
        let counts = pipeline(
            &mut rows,
            &mut Heard::default(),
            |row| {
                let n: u64 = row.get(0).parse().unwrap();
                if n % 1000 == 7 {
                    return Err(vec![Problem::of_row("ends in 007".into())]);
                }
                Ok(n)
            },
            &mut asked,
        )
        .unwrap();
        assert_eq!((counts.inserted, counts.rejected), (4995, 5));

        let mut events = asked.events.as_slice();
        let mut stored = Vec::new();
        let mut sizes = Vec::new();
        while !events.is_empty() {
            let prepared = events.iter().take_while(|(prepare, _)| *prepare).count();
            let (window, rest) = events.split_at(prepared);
            let kept = rest.iter().take_while(|(prepare, _)| !*prepare).count();
            let (then, rest) = rest.split_at(kept);
            let numbers = |events: &[(bool, u64)]| events.iter().map(|e| e.1).collect::<Vec<_>>();
            assert_eq!(numbers(window), numbers(then), "window {}", sizes.len());
            stored.extend(numbers(then));
            sizes.push(window.len());
            events = rest;
        }
        let valid: Vec<u64> = (2..=5001).filter(|n| n % 1000 != 7).collect();
        assert_eq!(stored, valid);
        sizes
    }

    #[test]
    fn each_window_of_rows_is_prepared_before_any_of_them_is_stored() {
        // Rows 2 to 5001: two full windows, then 904 rows; the first holds
        // the rejects 7, 1007 and 2007, the second 3007 and 4007.
        let sizes = windows_of_5000_rows(true);
        assert_eq!(sizes, [WINDOW - 3, WINDOW - 2, 904]);
        // Not by window: a batch at a time.
        let sizes = windows_of_5000_rows(false);
        assert_eq!(sizes.len(), 5000_usize.div_ceil(BATCH));
        assert!(sizes.iter().all(|&n| n <= BATCH));
    }

    #[test]
    fn rows_are_stored_in_file_order_though_both_threads_check() {
        let mut rows = Numbered::new(5000);
        rows.unreadable = vec![300, 2600];
        let (result, stored, heard, checked_on) = run(&mut rows, None);
        let counts = result.unwrap();
        assert_eq!(
            (counts.rows, counts.inserted, counts.rejected),
            (5000, 4993, 7)
        );
        let expected: Vec<u64> = (2..=5001)
            .filter(|n| n % 1000 != 7 && *n != 300 && *n != 2600)
            .collect();
        assert_eq!(stored, expected);
        let rejected: Vec<u64> = heard.rejected.iter().map(|(n, _)| *n).collect();
        assert_eq!(rejected, [7, 300, 1007, 2007, 2600, 3007, 4007]);
        assert!(
            heard.rejected[1].1.contains("not valid UTF-8"),
            "{:?}",
            heard.rejected[1]
        );
        // Checking a row takes longer than storing it, so the storing
        // thread checks some batches itself.
        let here = std::thread::current().id();
        assert!(checked_on.contains(&here));
        assert!(checked_on.iter().any(|id| *id != here));
    }

    #[test]
    fn an_error_that_stops_reading_ends_the_import_after_the_rows_before() {
        let mut rows = Numbered::new(5000);
        rows.stop = Some(3000);
        let (result, stored, _, _) = run(&mut rows, None);
        let err = result.unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::Read(ReadError::UnclosedQuote { row: 3000, .. })
            ),
            "{err}"
        );
        // Every batch before the one the error is in was stored, in order.
        let before_that_batch = 2 + (3000 - 2) / BATCH as u64 * BATCH as u64;
        let expected: Vec<u64> = (2..before_that_batch).filter(|n| n % 1000 != 7).collect();
        assert_eq!(stored, expected);
    }

    #[test]
    fn a_store_error_ends_the_import_and_the_reading_thread() {
        let mut rows = Numbered::new(20_000);
        let (result, stored, _, _) = run(&mut rows, Some(1500));
        assert!(matches!(result, Err(ImportError::Store(_))));
        assert_eq!(stored.last(), Some(&1499));
        // Reading stopped with the store, well before the end of the file.
        assert!(
            rows.next < 1500 + (BATCHES_IN_FLIGHT + READ_AHEAD + 2) as u64 * BATCH as u64,
            "{}",
            rows.next
        );
    }
}
