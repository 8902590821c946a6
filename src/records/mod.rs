//! 双公示 records in the store: insert, correct with history, list.

pub mod check;
pub mod fields;
mod legacy_fields;

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{Connection, OptionalExtension, Statement, params};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::audit::hex_into;
use crate::ingest::layout::{Layout, RecordKind};
use crate::ingest::validate::ValidRecord;
use crate::store::{
    BorrowingStatement, DeferredIndexes, ReferenceError, Sorting, with_sort_memory,
};

/// What storing a delivered record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Inserted,
    /// The record existed with other content; the old version went to history.
    Updated,
    Unchanged,
    /// Another record with a different identity has the same 64-bit key;
    /// this one could not be stored.
    KeyCollision {
        record_id: i64,
    },
}

/// SHA-256 of a record's normalised content.
pub fn content_hash(fields: &str) -> ContentHash {
    let mut hex = [0; 64];
    hex_into(&Sha256::digest(fields.as_bytes()), &mut hex);
    ContentHash(hex)
}

/// A [`content_hash`] in lower-case hex, as the store keeps it; held in
/// place rather than on the heap, one for each row an import checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ContentHash([u8; 64]);

impl ContentHash {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits")
    }
}

impl std::fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The 64-bit key a record's identity (kind, authority USCC, decision
/// number) is found by: the first 8 bytes of the SHA-256 of the three,
/// separated so that no two identities run together.
pub fn identity(kind: &str, authority_uscc: &str, decision_no: &str) -> i64 {
    let mut hasher = Sha256::new();
    for part in [kind, authority_uscc, decision_no] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// Stores validated records, one statement of each kind prepared once for
/// the whole file.
pub struct Writer<'c> {
    conn: &'c Connection,
    /// The last former version kept before this writer's.
    history_before: i64,
    insert: BorrowingStatement<'c>,
    existing: Statement<'c>,
    /// Keeps a delivery that changes a held record until it is settled.
    redeliver: BorrowingStatement<'c>,
    /// The records with deliveries kept in `temp.redelivered`.
    redelivered: Redelivered,
    /// A record's content hash, by id.
    hash_of: Statement<'c>,
    previous: Statement<'c>,
    keep_history: Statement<'c>,
    update: Statement<'c>,
    /// Set while the index of identity keys is set aside.
    blind: Option<Blind<'c>>,
}

/// Records stored while the index of identity keys is set aside (see
/// [`Writer::set_identity_aside`]): each is inserted as new, and the
/// deliveries of one identity are settled when the index is built again.
struct Blind<'c> {
    insert: BorrowingStatement<'c>,
    set_aside: DeferredIndexes,
    /// The id of the first record stored blind, and the row it came from:
    /// each later record's id is as far from it as its row is, so that a
    /// record's row is known again from its id.
    first_id: i64,
    first_row: u64,
}

/// The records a delivery kept aside may change, by id: a bit each, so that
/// 10M records take 1.25 MB. Ids past [`Redelivered::BITS`] share bits with
/// lower ones, so that memory stays bounded whatever the ids (a record given
/// an id far up by hand numbers those after it from there): a false hit
/// only keeps a row aside, to be found unchanged when it is settled.
#[derive(Debug, Default)]
struct Redelivered {
    words: Vec<u64>,
}

impl Redelivered {
    /// At most 8 MiB of bits.
    const BITS: u64 = 1 << 26;

    fn add(&mut self, id: i64) {
        let (word, bit) = Self::place(id);
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= bit;
    }

    fn holds(&self, id: i64) -> bool {
        let (word, bit) = Self::place(id);
        self.words.get(word).is_some_and(|w| w & bit != 0)
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Record ids are rowids, from 1 up; a negative one shares its bit
    /// with its opposite.
    fn place(id: i64) -> (usize, u64) {
        let bit = id.unsigned_abs() % Self::BITS;
        // Below 2^20 words: fits any usize.
        ((bit / 64) as usize, 1 << (bit % 64))
    }
}

/// What settling the records stored blind found, beyond the rows that
/// inserted a record.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Settled {
    /// Rows that corrected a record stored before them.
    pub updated: u64,
    /// Rows that repeated a record stored before them.
    pub unchanged: u64,
    /// Rows whose identity key is that of a different record: (the row,
    /// that record's id). They were not stored.
    pub collisions: Vec<(u64, i64)>,
}

impl Settled {
    /// Adds what a later settling found.
    fn add(&mut self, later: Settled) {
        self.updated += later.updated;
        self.unchanged += later.unchanged;
        self.collisions.extend(later.collisions);
    }
}

/// The columns a new record is inserted with, and their parameters: the
/// inserts of [`Writer::store`], what it keeps aside, and the update that
/// [`Writer::settle_redelivered`] applies bind the same ?1 to ?13.
const INSERTED: &str = "identity, kind, authority_uscc, decision_no, subject_id, authority, \
     decision_date, valid_until, fine_fen, confiscated_fen, fields, content_hash, received_on";
const INSERTED_VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13";
/// The columns a later delivery of a record replaces, with `updated_on`
/// beside them: in the update [`Writer::settle_redelivered`] applies (?5 to
/// ?13 of the insert's parameters) and when [`Writer::settle_repeated`] has a later
/// record take over an earlier one.
const REPLACED: &str = "subject_id, authority, decision_date, valid_until, fine_fen, \
     confiscated_fen, fields, content_hash, received_on";

/// The index of identity keys, which only [`Writer::store`] reads during an import.
const IDENTITY_INDEX: &str = "record_by_identity";
/// Identity keys a query of [`Writer::settle_repeated`] settles at most.
const SETTLE_AT_ONCE: i64 = 1024;

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Writer<'c>> {
        // Deliveries that change a record the store holds, with the
        // record's id (`held`) and the row each came from: appended as they
        // come, and settled in the order of the records (see `store`).
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.redelivered; \
             CREATE TEMP TABLE redelivered (held INTEGER NOT NULL, row INTEGER NOT NULL, {INSERTED})"
        ))?;
        Ok(Writer {
            conn,
            history_before: conn.query_row(
                "SELECT coalesce(max(rowid), 0) FROM record_history",
                [],
                |r| r.get(0),
            )?,
            insert: BorrowingStatement::prepare(conn, &format!(
                "INSERT INTO record ({INSERTED}) VALUES ({INSERTED_VALUES}) ON CONFLICT (identity) DO NOTHING"
            ))?,
            existing: conn.prepare(
                "SELECT id, kind, authority_uscc, decision_no, content_hash FROM record WHERE identity = ?1",
            )?,
            redeliver: BorrowingStatement::prepare(conn, &format!(
                "INSERT INTO temp.redelivered (held, row, {INSERTED}) VALUES (?14, ?15, {INSERTED_VALUES})"
            ))?,
            redelivered: Redelivered::default(),
            hash_of: conn.prepare("SELECT content_hash FROM record WHERE id = ?1")?,
            previous: conn.prepare(&format!(
                "SELECT subject_id, content_hash, received_on, fields, {COLUMNS} FROM record WHERE id = ?1"
            ))?,
            keep_history: conn.prepare(
                "INSERT INTO record_history (record_id, replaced_on, subject_id, fields, content_hash, received_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            update: conn.prepare(&format!(
                "UPDATE record SET ({REPLACED}, updated_on) = \
                 (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13) WHERE id = ?14"
            ))?,
            blind: None,
        })
    }

    /// Stores a validated record under `subject_id`. A record is identified by
    /// kind, authority USCC and decision number: the same content again changes
    /// nothing, other content replaces it and keeps the previous version.
    ///
    /// A new identity is inserted at once, and a record delivered again as
    /// the store holds it is unchanged at once. A delivery that changes a
    /// held record is kept aside, inserted (and reported so) as `row`'s,
    /// and [`settle`] applies it later, with every other such delivery, in
    /// the order of the records' ids: a record is rewritten where it lies,
    /// and one by one, in the order of a file, each would cost a page read
    /// and a page written (64 KiB each) once the records outgrow the page
    /// cache. 1M rows correcting as many records of a 1M-record store took
    /// 85 s that way. Once a record has a delivery kept aside, every later
    /// delivery of it is kept too, to be compared in the order of the rows.
    ///
    /// While the index of identity keys is set aside, every record is
    /// inserted (and reported so) as `row`'s, and [`settle`] settles those
    /// that were not new.
    ///
    /// [`settle`]: Self::settle
    pub fn store(
        &mut self,
        record: &ValidRecord,
        subject_id: i64,
        today: &str,
        row: u64,
    ) -> rusqlite::Result<Stored> {
        let kind = record.kind.as_str();
        let hash = &record.content_hash;
        // ?1 to ?13 in the inserts and in what is kept aside, bound without
        // copying (see [`BorrowingStatement`]); the blind insert adds the
        // id as ?14, what is kept aside the held record's id and the row.
        let integer = |value: Option<i64>| value.map_or(ValueRef::Null, ValueRef::Integer);
        let mut values = [
            ValueRef::Integer(record.identity),
            ValueRef::from(kind),
            ValueRef::from(record.authority_uscc.as_str()),
            ValueRef::from(record.decision_no.as_str()),
            ValueRef::Integer(subject_id),
            ValueRef::from(record.authority.as_str()),
            ValueRef::from(record.decision_date.as_str()),
            ValueRef::from(record.valid_until.as_deref()),
            integer(record.fine_fen),
            integer(record.confiscated_fen),
            ValueRef::from(record.fields.as_str()),
            ValueRef::from(hash.as_str()),
            ValueRef::from(today),
            ValueRef::Null,
            ValueRef::Null,
        ];
        if let Some(blind) = &mut self.blind {
            let id = blind.first_id + to_i64(row.saturating_sub(blind.first_row));
            values[13] = ValueRef::Integer(id);
            blind.insert.execute(&values[..14])?;
            return Ok(Stored::Inserted);
        }
        let inserted = self.insert.execute(&values[..13])?;
        if inserted == 1 {
            return Ok(Stored::Inserted);
        }
        let (id, old_kind, old_authority, old_no, old_hash): (i64, String, String, String, String) =
            self.existing.query_row([record.identity], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        if (old_kind.as_str(), old_authority.as_str(), old_no.as_str())
            != (
                kind,
                record.authority_uscc.as_str(),
                record.decision_no.as_str(),
            )
        {
            return Ok(Stored::KeyCollision { record_id: id });
        }
        // Unless an earlier row corrected the record: the rows are then
        // compared in their order when the correction is settled.
        if old_hash == hash.as_str() && !self.redelivered.holds(id) {
            return Ok(Stored::Unchanged);
        }
        values[13] = ValueRef::Integer(id);
        values[14] = ValueRef::Integer(to_i64(row));
        self.redeliver.execute(&values)?;
        self.redelivered.add(id);
        Ok(Stored::Inserted)
    }

    /// Settles the deliveries of held records kept aside by [`store`](Self::store),
    /// in the order of the records' ids and then of the rows: each record is
    /// read once, and rewritten in place, its pages one after the other.
    /// SQLite sorts them, in the memory an index build sorts in.
    fn settle_redelivered(&mut self, today: &str) -> rusqlite::Result<Settled> {
        let mut settled = Settled::default();
        if self.redelivered.is_empty() {
            return Ok(settled);
        }
        let conn = self.conn;
        with_sort_memory(conn, Sorting::Rows, || {
            let mut sorted = conn.prepare(&format!(
                "SELECT held, {INSERTED} FROM temp.redelivered ORDER BY held, row"
            ))?;
            let mut kept = sorted.query([])?;
            // The record settled last: its id and content hash now.
            let mut record: Option<(i64, String)> = None;
            while let Some(r) = kept.next()? {
                let held: i64 = r.get(0)?;
                let (id, current) = match &mut record {
                    Some(record) if record.0 == held => record,
                    _ => record.insert((held, self.hash_of.query_row([held], |r| r.get(0))?)),
                };
                let hash = r.get_ref(12)?.as_str()?;
                if hash == current.as_str() {
                    settled.unchanged += 1;
                    continue;
                }
                let layout = layout_of(r.get_ref(2)?.as_str()?).map_err(|e| fields_error(2, e))?;
                self.keep_previous(*id, layout, today)?;
                // ?1 to ?13 as the insert's, from the row's columns 1 to 13.
                let mut values: Vec<ToSqlOutput<'_>> = (1..14)
                    .map(|i| r.get_ref(i).map(ToSqlOutput::Borrowed))
                    .collect::<rusqlite::Result<_>>()?;
                values.push(ToSqlOutput::Owned(SqlValue::Integer(*id)));
                self.update.execute(rusqlite::params_from_iter(values))?;
                current.clear();
                current.push_str(hash);
                settled.updated += 1;
            }
            Ok(())
        })?;
        Ok(settled)
    }

    /// Keeps record `id` as it is now in the history, replaced `today`.
    fn keep_previous(&mut self, id: i64, layout: &Layout, today: &str) -> rusqlite::Result<()> {
        let (subject, old_hash, received, full): (i64, String, String, String) =
            self.previous.query_row([id], |r| {
                let stored = r.get_ref(3)?.as_str()?;
                let full = OwnedColumns::read(r, 4)?
                    .full_fields(layout, stored)
                    .map_err(|e| fields_error(3, e))?;
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, full))
            })?;
        self.keep_history
            .execute(params![id, today, subject, full, old_hash, received])?;
        Ok(())
    }

    /// Sets the index of identity keys aside until [`settle`](Self::settle):
    /// records are then
    /// inserted without a look-up each, which past a few million records
    /// costs a random page read and write a row. Records from row
    /// `first_row` on get ids that leave room for the rows not stored
    /// between them.
    pub fn set_identity_aside(&mut self, first_row: u64) -> rusqlite::Result<()> {
        if self.blind.is_some() {
            return Ok(());
        }
        let set_aside = DeferredIndexes::set_aside(self.conn, &[IDENTITY_INDEX])?;
        let first_id =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) + 1 FROM record", [], |r| {
                    r.get(0)
                })?;
        let insert = BorrowingStatement::prepare(
            self.conn,
            &format!("INSERT INTO record ({INSERTED}, id) VALUES ({INSERTED_VALUES}, ?14)"),
        )?;
        self.blind = Some(Blind {
            insert,
            set_aside,
            first_id,
            first_row,
        });
        Ok(())
    }

    /// Settles every delivery counted as inserted that was not new: those
    /// of held records kept aside (see [`store`](Self::store)), then those
    /// stored blind, and builds the index of identity keys again if it was
    /// set aside. Each is settled as the rows came: the earliest record
    /// stays, a later delivery with other content replaces its content and
    /// keeps the previous version, one with the same content changes
    /// nothing, and one whose identity only shares the key is a collision,
    /// not stored.
    pub fn settle(&mut self, today: &str) -> rusqlite::Result<Settled> {
        // All came before the first stored blind, which settle after them.
        let mut settled = self.settle_redelivered(today)?;
        self.conn.execute_batch("DROP TABLE temp.redelivered")?;
        let Some(blind) = self.blind.take() else {
            return Ok(settled);
        };
        match blind.set_aside.rebuild(self.conn) {
            Err(e) if is_unique_violation(&e) => {}
            built => return built.map(|()| settled),
        }
        settled.add(self.settle_repeated(&blind, today)?);
        blind.set_aside.rebuild(self.conn)?;
        Ok(settled)
    }

    /// Settles every identity key held by more than one record, with a
    /// temporary index of the keys.
    fn settle_repeated(&mut self, blind: &Blind<'_>, today: &str) -> rusqlite::Result<Settled> {
        let conn = self.conn;
        with_sort_memory(conn, Sorting::Keys, || {
            conn.execute_batch("CREATE INDEX record_identity_settling ON record (identity)")
        })?;
        let mut settled = Settled::default();
        let mut repeated = conn.prepare(
            "SELECT identity FROM record INDEXED BY record_identity_settling \
             WHERE identity > ?1 GROUP BY identity HAVING count(*) > 1 ORDER BY identity LIMIT ?2",
        )?;
        let mut holders = conn.prepare(
            "SELECT id, kind, authority_uscc, decision_no, content_hash \
             FROM record INDEXED BY record_identity_settling WHERE identity = ?1 ORDER BY id",
        )?;
        let mut take_over = conn.prepare(&format!(
            "UPDATE record SET ({REPLACED}, updated_on) = \
             (SELECT {REPLACED}, ?3 FROM record WHERE id = ?2) WHERE id = ?1"
        ))?;
        let mut drop_record = conn.prepare("DELETE FROM record WHERE id = ?1")?;
        let mut after = i64::MIN;
        loop {
            let keys: Vec<i64> = repeated
                .query_map(params![after, SETTLE_AT_ONCE], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let Some(&last) = keys.last() else { break };
            for key in keys {
                let held: Vec<(i64, String, String, String, String)> = holders
                    .query_map([key], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let ((first, kind, authority, number, hash), later) =
                    held.split_first().expect("a repeated key has records");
                let mut current = hash.clone();
                for (id, other_kind, other_authority, other_number, other_hash) in later {
                    if (other_kind, other_authority, other_number) != (kind, authority, number) {
                        settled.collisions.push((blind.row_of(*id), *first));
                    } else if *other_hash == current {
                        settled.unchanged += 1;
                    } else {
                        self.keep_previous(
                            *first,
                            layout_of(kind).map_err(|e| fields_error(1, e))?,
                            today,
                        )?;
                        take_over.execute(params![first, id, today])?;
                        current.clone_from(other_hash);
                        settled.updated += 1;
                    }
                    drop_record.execute([id])?;
                }
            }
            after = last;
        }
        drop((repeated, holders, take_over, drop_record));
        conn.execute_batch("DROP INDEX record_identity_settling")?;
        Ok(settled)
    }

    /// Checks that each former version this writer kept names a record: in
    /// an [`ImportTransaction`](crate::store::ImportTransaction), SQLite
    /// does not.
    pub fn check_history(&self) -> Result<(), ReferenceError> {
        let dangling: Option<i64> = self
            .conn
            .query_row(
                "SELECT h.record_id FROM record_history h WHERE h.rowid > ?1 \
                 AND NOT EXISTS (SELECT 1 FROM record r WHERE r.id = h.record_id) LIMIT 1",
                [self.history_before],
                |r| r.get(0),
            )
            .optional()?;
        match dangling {
            Some(id) => Err(ReferenceError::Missing {
                table: "record",
                id,
            }),
            None => Ok(()),
        }
    }
}

impl Blind<'_> {
    /// The row record `id`, stored blind, came from.
    fn row_of(&self, id: i64) -> u64 {
        self.first_row + u64::try_from(id - self.first_id).unwrap_or(0)
    }
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether `e` is a UNIQUE constraint failing, as building a unique index
/// over duplicate keys does.
fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// The `record` columns that repeat one of its values, in the order
/// [`OwnedColumns::read`] reads them.
const COLUMNS: &str =
    "decision_no, authority, authority_uscc, decision_date, valid_until, fine_fen, confiscated_fen";

/// The [`COLUMNS`] of one stored record.
struct OwnedColumns {
    decision_no: String,
    authority: String,
    authority_uscc: String,
    decision_date: String,
    valid_until: Option<String>,
    fine_fen: Option<i64>,
    confiscated_fen: Option<i64>,
}

impl OwnedColumns {
    /// Reads [`COLUMNS`] from `row`, starting at column `at`.
    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<OwnedColumns> {
        Ok(OwnedColumns {
            decision_no: row.get(at)?,
            authority: row.get(at + 1)?,
            authority_uscc: row.get(at + 2)?,
            decision_date: row.get(at + 3)?,
            valid_until: row.get(at + 4)?,
            fine_fen: row.get(at + 5)?,
            confiscated_fen: row.get(at + 6)?,
        })
    }

    fn columns(&self) -> fields::Columns<'_> {
        fields::Columns {
            decision_no: &self.decision_no,
            authority: &self.authority,
            authority_uscc: &self.authority_uscc,
            decision_date: &self.decision_date,
            valid_until: self.valid_until.as_deref(),
            fine_fen: self.fine_fen,
            confiscated_fen: self.confiscated_fen,
        }
    }

    /// A stored `record.fields` with every value in place.
    fn full_fields(&self, layout: &Layout, stored: &str) -> Result<String, fields::FieldsError> {
        let columns = self.columns();
        let values = fields::decode(layout, stored, Some(&columns))?;
        Ok(fields::encode(layout, &values, &columns).full)
    }
}

/// The layout of a stored record's kind.
fn layout_of(kind: &str) -> Result<&'static Layout, fields::FieldsError> {
    let kind: RecordKind = kind
        .parse()
        .map_err(|_| fields::FieldsError::Shape(format!("unknown kind {kind}")))?;
    Ok(kind.layout())
}

/// A `fields` value that could not be read, as the store error it is.
fn fields_error(column: usize, e: fields::FieldsError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

/// Schema version 5: `fields` goes from JSON (an array by position, or
/// still an object by field name in a store of version 3) to values
/// separated by marks (see [`fields`]), and every content hash is taken
/// again over the new form. Runs inside the migration's transaction.
pub fn store_fields_separated(conn: &Connection) -> rusqlite::Result<()> {
    /// Rows rewritten per query, so memory does not grow with the store.
    const BATCH: i64 = 1000;

    let mut records = conn.prepare(&format!(
        "SELECT id, kind, fields, {COLUMNS} FROM record WHERE id > ?1 ORDER BY id LIMIT ?2"
    ))?;
    let mut rewrite =
        conn.prepare("UPDATE record SET fields = ?2, content_hash = ?3 WHERE id = ?1")?;
    let mut last = i64::MIN;
    loop {
        let batch = records
            .query_map([last, BATCH], |r| {
                let columns = OwnedColumns::read(r, 3)?;
                let columns = columns.columns();
                let layout = layout_of(r.get_ref(1)?.as_str()?).map_err(|e| fields_error(1, e))?;
                let values = legacy_fields::decode(layout, r.get_ref(2)?.as_str()?, Some(&columns))
                    .map_err(|e| fields_error(2, e))?;
                Ok((
                    r.get::<_, i64>(0)?,
                    fields::encode(layout, &values, &columns),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some((id, _)) = batch.last() else { break };
        last = *id;
        for (id, encoded) in batch {
            rewrite.execute(params![
                id,
                encoded.stored,
                content_hash(&encoded.full).as_str()
            ])?;
        }
    }

    let mut history = conn.prepare(
        "SELECT h.rowid, r.kind, h.fields FROM record_history h JOIN record r ON r.id = h.record_id \
         WHERE h.rowid > ?1 ORDER BY h.rowid LIMIT ?2",
    )?;
    let mut rewrite =
        conn.prepare("UPDATE record_history SET fields = ?2, content_hash = ?3 WHERE rowid = ?1")?;
    let mut last = i64::MIN;
    loop {
        let batch = history
            .query_map([last, BATCH], |r| {
                let layout = layout_of(r.get_ref(1)?.as_str()?).map_err(|e| fields_error(1, e))?;
                let values = legacy_fields::decode(layout, r.get_ref(2)?.as_str()?, None)
                    .map_err(|e| fields_error(2, e))?;
                Ok((r.get::<_, i64>(0)?, fields::full(&values)))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some((rowid, _)) = batch.last() else {
            break;
        };
        last = *rowid;
        for (rowid, full) in batch {
            rewrite.execute(params![rowid, full, content_hash(&full).as_str()])?;
        }
    }
    Ok(())
}

/// A stored record as listings show it.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub id: i64,
    pub kind: String,
    pub decision_no: String,
    pub decision_date: String,
    pub authority: String,
    pub authority_uscc: String,
    pub subject_id: i64,
    pub subject_name: String,
    pub subject_kind: String,
    pub subject_code: Option<String>,
    pub valid_until: Option<String>,
    pub fine_fen: Option<i64>,
    pub confiscated_fen: Option<i64>,
    pub received_on: String,
    pub updated_on: Option<String>,
    pub versions: i64,
    pub fields: Value,
}

impl RecordView {
    /// The record's values by field name, from its stored `fields` and columns.
    fn object(&self, stored: &str) -> Result<Value, fields::FieldsError> {
        let layout = layout_of(&self.kind)?;
        let columns = fields::Columns {
            decision_no: &self.decision_no,
            authority: &self.authority,
            authority_uscc: &self.authority_uscc,
            decision_date: &self.decision_date,
            valid_until: self.valid_until.as_deref(),
            fine_fen: self.fine_fen,
            confiscated_fen: self.confiscated_fen,
        };
        let values = fields::decode(layout, stored, Some(&columns))?;
        Ok(Value::Object(fields::to_object(layout, &values)))
    }
}

/// Which records to list.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    pub kind: Option<String>,
    pub subject_ids: Option<Vec<i64>>,
    pub authority_uscc: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<usize>,
}

/// The ids of the records matching `filter`, newest decision first, as a
/// query and its parameters. Only `record` is read, and only the columns
/// filtered and sorted on: a listing of the ten newest among a million
/// records sorts a million dates, not a million records.
fn matching(filter: &RecordFilter) -> (String, Vec<rusqlite::types::Value>) {
    let mut sql = String::from("SELECT r.id FROM record r WHERE 1 = 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut bind = |sql: &mut String, clause: &str, value: rusqlite::types::Value| {
        args.push(value);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(kind) = &filter.kind {
        bind(&mut sql, " AND r.kind = ?", kind.clone().into());
    }
    if let Some(authority) = &filter.authority_uscc {
        bind(
            &mut sql,
            " AND r.authority_uscc = ?",
            authority.clone().into(),
        );
    }
    if let Some(from) = &filter.from {
        bind(&mut sql, " AND r.decision_date >= ?", from.clone().into());
    }
    if let Some(to) = &filter.to {
        bind(&mut sql, " AND r.decision_date <= ?", to.clone().into());
    }
    if let Some(ids) = &filter.subject_ids {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sql.push_str(&format!(" AND r.subject_id IN ({list})"));
    }
    sql.push_str(" ORDER BY r.decision_date DESC, r.id DESC");
    if let Some(limit) = filter.limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    (sql, args)
}

/// How many records [`each`] would give.
pub fn count(conn: &Connection, filter: &RecordFilter) -> rusqlite::Result<usize> {
    let (sql, args) = matching(filter);
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM ({sql})"),
        rusqlite::params_from_iter(args),
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Hands each record matching `filter` to `f`, newest decision first, one
/// at a time: memory does not grow with the number of records.
pub fn each<E: From<rusqlite::Error>>(
    conn: &Connection,
    filter: &RecordFilter,
    mut f: impl FnMut(RecordView) -> Result<(), E>,
) -> Result<(), E> {
    let (sql, args) = matching(filter);
    let mut ids = conn.prepare(&sql)?;
    let mut ids = ids.query(rusqlite::params_from_iter(args))?;
    let mut record = conn.prepare(
        "SELECT r.id, r.kind, r.decision_no, r.decision_date, r.authority, r.authority_uscc, \
         r.subject_id, s.name, s.kind, \
         (SELECT value FROM subject_identifier i WHERE i.subject_id = s.id \
            ORDER BY CASE kind WHEN 'uscc' THEN 0 WHEN 'resident_id' THEN 1 ELSE 2 END, kind LIMIT 1), \
         r.valid_until, r.fine_fen, r.confiscated_fen, r.received_on, r.updated_on, \
         1 + (SELECT count(*) FROM record_history h WHERE h.record_id = r.id), r.fields \
         FROM record r JOIN subject s ON s.id = r.subject_id WHERE r.id = ?1",
    )?;
    while let Some(id) = ids.next()? {
        let id: i64 = id.get(0)?;
        let view = record.query_row([id], |r| {
            let mut view = RecordView {
                id: r.get(0)?,
                kind: r.get(1)?,
                decision_no: r.get(2)?,
                decision_date: r.get(3)?,
                authority: r.get(4)?,
                authority_uscc: r.get(5)?,
                subject_id: r.get(6)?,
                subject_name: r.get(7)?,
                subject_kind: r.get(8)?,
                subject_code: r.get(9)?,
                valid_until: r.get(10)?,
                fine_fen: r.get(11)?,
                confiscated_fen: r.get(12)?,
                received_on: r.get(13)?,
                updated_on: r.get(14)?,
                versions: r.get(15)?,
                fields: Value::Null,
            };
            view.fields = view
                .object(r.get_ref(16)?.as_str()?)
                .map_err(|e| fields_error(16, e))?;
            Ok(view)
        })?;
        f(view)?;
    }
    Ok(())
}

/// Every record matching `filter`, newest decision first (see [`each`]).
pub fn list(conn: &Connection, filter: &RecordFilter) -> rusqlite::Result<Vec<RecordView>> {
    let mut all = Vec::new();
    each(conn, filter, |view| {
        all.push(view);
        Ok::<_, rusqlite::Error>(())
    })?;
    Ok(all)
}

/// Record fields holding personal identity numbers.
const PERSONAL_FIELDS: &[&str] = &["id_no", "legal_rep_id_no"];

/// Masks the identity numbers in a record view (and its subject code when
/// that is one).
pub fn mask_personal(record: &mut RecordView) {
    if let Value::Object(fields) = &mut record.fields {
        for name in PERSONAL_FIELDS {
            if let Some(Value::String(v)) = fields.get_mut(*name) {
                *v = crate::subjects::mask_identity_number(v);
            }
        }
    }
    if record.subject_kind == "natural_person"
        && let Some(code) = &mut record.subject_code
    {
        *code = crate::subjects::mask_identity_number(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_sha_256_in_lower_case_hex() {
        assert_eq!(
            content_hash("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            format!("{:?}", content_hash("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn redelivered_holds_every_id_added_in_bounded_memory() {
        let mut set = Redelivered::default();
        assert!(set.is_empty());
        let ids = [1, 63, 64, 10_000_000, 1 << 40, i64::MAX, -5, i64::MIN];
        for id in ids {
            set.add(id);
        }
        for id in ids {
            assert!(set.holds(id), "{id}");
        }
        assert!(!set.holds(2) && !set.holds(10_000_001));
        assert!(set.words.len() as u64 * 64 <= Redelivered::BITS);
    }

    #[test]
    fn identity_keys_differ_when_any_part_differs_or_parts_run_together() {
        let base = identity("penalty", "11220802MB1A0001XP", "洮北市监处罚〔2025〕12号");
        assert_eq!(
            base,
            identity("penalty", "11220802MB1A0001XP", "洮北市监处罚〔2025〕12号")
        );
        assert_ne!(
            base,
            identity("license", "11220802MB1A0001XP", "洮北市监处罚〔2025〕12号")
        );
        assert_ne!(
            base,
            identity("penalty", "11220800MB1B00029G", "洮北市监处罚〔2025〕12号")
        );
        assert_ne!(
            base,
            identity("penalty", "11220802MB1A0001XP", "洮北市监处罚〔2025〕13号")
        );
        assert_ne!(
            identity("penalty", "ab", "c"),
            identity("penalty", "a", "bc")
        );
    }

    #[test]
    fn a_former_version_naming_no_record_is_found_and_earlier_ones_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = crate::store::Store::init(&dir.path().join("h.db")).unwrap();
        let keep = |conn: &Connection, record: i64| {
            conn.execute(
                "INSERT INTO record_history (record_id, replaced_on, subject_id, fields, content_hash, received_on) \
                 VALUES (?1, '2026-11-21', 1, '', '', '2026-11-21')",
                [record],
            )
            .unwrap();
        };
        let tx = store.import_transaction().unwrap();
        keep(&tx, 41);
        let writer = Writer::new(&tx).unwrap();
        writer.check_history().unwrap();
        keep(&tx, 42);
        match writer.check_history() {
            Err(ReferenceError::Missing {
                table: "record",
                id: 42,
            }) => {}
            other => panic!("{other:?}"),
        }
    }
}
