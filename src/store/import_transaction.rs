//! The transaction an import runs in.
//!
//! It differs from a command's [`Store::transaction`](super::Store::transaction)
//! in two ways:
//!
//! - SQLite does not check the foreign keys of the rows written: the import
//!   checks them itself, once (see [`super::references`]).
//! - A first load writes its pages once. In WAL mode every page is written
//!   twice: to the write-ahead log, then, at the checkpoint after the
//!   commit, into the store. When the store holds no records yet and no
//!   other connection has it open, the import takes it out of WAL mode for
//!   the transaction and writes through a rollback journal instead, where a
//!   page past the store's end when the transaction began is written once,
//!   into the store, and needs no journal: rolling back cuts the file to
//!   its former length. 1M penalty rows into a new store spend 0.7–0.9 s in
//!   the system instead of 2.0–3.5 s, and 10M rows took 76 s instead of
//!   119 s. Meanwhile another command waits for the import (up to
//!   [`BUSY_TIMEOUT`](super::BUSY_TIMEOUT)) instead of reading the store as
//!   it was; a store with records never leaves WAL mode, so that reading
//!   commands go on beside an import of more. An update of records already
//!   held gains nothing from the journal (1M rows each updating a record of
//!   a 1M-record store took as long either way).
//!
//! When the transaction ends, committed or not, the store is in WAL mode
//! again. A killed import leaves a hot journal next to the store, which
//! SQLite rolls back when the next command opens the store, and that
//! command puts the store back in WAL mode as every connection does.

use std::ops::Deref;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::{JOURNAL_MODE, SYNCHRONOUS};

/// The transaction of an import (see the module).
pub struct ImportTransaction<'s> {
    conn: &'s Connection,
    tx: Option<Transaction<'s>>,
    /// Whether the store left WAL mode for this transaction.
    direct: bool,
}

impl<'s> ImportTransaction<'s> {
    /// `conn` must be borrowed for as long as the transaction lives, with no
    /// other transaction open on it (the caller holds the store mutably).
    pub(super) fn begin(conn: &'s Connection) -> rusqlite::Result<ImportTransaction<'s>> {
        // Neither has any effect inside a transaction, so they come first.
        conn.pragma_update(None, "foreign_keys", false)?;
        let direct = first_load(conn).unwrap_or(false) && write_directly(conn);
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Ok(tx) => Ok(ImportTransaction {
                conn,
                tx: Some(tx),
                direct,
            }),
            Err(e) => {
                restore(conn, direct);
                Err(e)
            }
        }
    }

    /// Whether the transaction writes the store directly, out of WAL mode.
    pub fn writes_directly(&self) -> bool {
        self.direct
    }

    pub fn commit(mut self) -> rusqlite::Result<()> {
        self.tx
            .take()
            .expect("a transaction until it ends")
            .commit()
    }
}

impl Deref for ImportTransaction<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for ImportTransaction<'_> {
    fn drop(&mut self) {
        // Rolled back, unless committed.
        drop(self.tx.take());
        restore(self.conn, self.direct);
    }
}

/// Whether the store holds no records yet.
fn first_load(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM record)", [], |r| r.get(0))
}

/// Takes the store out of WAL mode, if no other connection has it open
/// (SQLite then refuses at once, busy); says whether it did. A rollback
/// journal is safe from a power cut only when synced in full.
fn write_directly(conn: &Connection) -> bool {
    let mode: rusqlite::Result<String> =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0));
    if !mode.is_ok_and(|mode| mode.eq_ignore_ascii_case("delete")) {
        return false;
    }
    if conn.pragma_update(None, "synchronous", "FULL").is_err() {
        back_to_wal(conn);
        return false;
    }
    true
}

/// Puts back what [`ImportTransaction::begin`] changed. Failing, it leaves
/// only this connection, which the command is about to close, as it is:
/// the next connection checks foreign keys and puts the store in WAL mode
/// itself.
fn restore(conn: &Connection, direct: bool) {
    if direct {
        back_to_wal(conn);
    }
    let _ = conn.pragma_update(None, "foreign_keys", true);
}

/// Puts the store back in WAL mode, synced as every connection syncs it.
fn back_to_wal(conn: &Connection) {
    let _ = conn.pragma_update(None, "journal_mode", JOURNAL_MODE);
    let _ = conn.pragma_update(None, "synchronous", SYNCHRONOUS);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn journal_mode(conn: &Connection) -> String {
        conn.pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap()
    }

    fn synchronous(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap()
    }

    fn new_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::init(&dir.path().join("i.db")).unwrap();
        (dir, store)
    }

    const A_SUBJECT: &str = "INSERT INTO subject (id, kind, name, created_on) \
                             VALUES (1, 'legal', 'n', '2026-11-21')";
    const A_RECORD: &str = "INSERT INTO record (identity, kind, authority_uscc, decision_no, \
         subject_id, authority, decision_date, fields, content_hash, received_on) \
         VALUES (1, 'penalty', 'A', 'N', 1, 'a', '2026-11-01', '', 'h', '2026-11-21')";

    fn subjects(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM subject", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_first_load_writes_the_store_directly_and_leaves_it_in_wal_mode() {
        let (_dir, mut store) = new_store();
        let tx = store.import_transaction().unwrap();
        assert!(tx.writes_directly());
        assert_eq!(journal_mode(&tx), "delete");
        assert_eq!(synchronous(&tx), 2);
        tx.execute(A_SUBJECT, []).unwrap();
        tx.commit().unwrap();
        assert_eq!(journal_mode(store.conn()), "wal");
        assert_eq!(synchronous(store.conn()), 1);
        assert_eq!(subjects(&store), 1);
    }

    #[test]
    fn a_first_load_rolled_back_leaves_the_store_as_it_was_in_wal_mode() {
        let (_dir, mut store) = new_store();
        {
            let tx = store.import_transaction().unwrap();
            assert!(tx.writes_directly());
            tx.execute(A_SUBJECT, []).unwrap();
        }
        assert_eq!(journal_mode(store.conn()), "wal");
        assert_eq!(subjects(&store), 0);
    }

    #[test]
    fn a_store_with_records_is_written_through_the_log() {
        let (_dir, mut store) = new_store();
        store
            .conn()
            .execute_batch(&format!("{A_SUBJECT}; {A_RECORD};"))
            .unwrap();
        let tx = store.import_transaction().unwrap();
        assert!(!tx.writes_directly());
        assert_eq!(journal_mode(&tx), "wal");
        tx.commit().unwrap();
        assert_eq!(journal_mode(store.conn()), "wal");
    }

    #[test]
    fn a_store_another_command_has_open_is_written_through_the_log() {
        let (dir, mut store) = new_store();
        let other = Store::open(&dir.path().join("i.db")).unwrap();
        assert_eq!(subjects(&other), 0);
        let tx = store.import_transaction().unwrap();
        assert!(!tx.writes_directly());
        assert_eq!(journal_mode(&tx), "wal");
        tx.execute(A_SUBJECT, []).unwrap();
        // The other command reads the store as it was, beside the import.
        assert_eq!(subjects(&other), 0);
        tx.commit().unwrap();
        assert_eq!(subjects(&other), 1);
    }
}
