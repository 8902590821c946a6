//! Indexes set aside while a large import loads, and built once at its end.
//!
//! Inserting keys one at a time into an index whose pages no longer fit the
//! page cache costs a disk read per key, and more the larger the store grows.
//! Building the same index at the end sorts the keys first and writes its
//! pages in order. Both happen inside the import's transaction, so readers
//! and a killed process never see the store without its indexes.

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

/// The page cache while indexes are built (negative: KiB). SQLite sorts an
/// index's keys in runs of this size, each run on a helper thread while the
/// table scan goes on filling the next.
const SORT_CACHE_KIB: i64 = -4096;
/// Helper threads SQLite may sort an index's keys with: an import builds
/// indexes after its reading thread has ended, so the second core is free.
const SORT_THREADS: i64 = 2;

/// What SQLite sorts in [`with_sort_memory`], which says how many threads
/// sort it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sorting {
    /// An index's keys, small: on [`SORT_THREADS`] helper threads.
    Keys,
    /// Whole rows, hundreds of bytes each: on the calling thread alone.
    /// Merging many runs, each helper keeps buffers of its own: 1M rows
    /// correcting a 1M-record store peaked at 101 MiB with two helpers and
    /// 73 MiB without, in 38.5 s against 40.2 s.
    Rows,
}

/// Indexes dropped in the current transaction, kept as the SQL that made them.
#[derive(Debug)]
pub struct DeferredIndexes {
    /// Each index's name and the statement that made it.
    dropped: Vec<(String, String)>,
}

impl DeferredIndexes {
    /// Drops the named indexes (those that exist) until [`rebuild`](Self::rebuild).
    /// Only for indexes nothing reads while they are away: other queries
    /// answer correctly without them, but slowly, and a query naming one
    /// (`INDEXED BY`) fails.
    pub fn set_aside(conn: &Connection, names: &[&str]) -> rusqlite::Result<DeferredIndexes> {
        let mut dropped = Vec::new();
        for name in names {
            let sql: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(sql) = sql {
                conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                dropped.push((name.to_string(), sql));
            }
        }
        Ok(DeferredIndexes { dropped })
    }

    /// Recreates the indexes of every set given, as [`rebuild`](Self::rebuild)
    /// does. Meanwhile another thread writes the store's write-ahead log, as
    /// far as it goes, to disk: the commit has to sync it anyway, and finds
    /// little left to write once the disk has done it while the keys were
    /// being sorted. (A first load written out of WAL mode has no log: see
    /// [`super::ImportTransaction`]; its commit found the store itself
    /// mostly on disk already, 0.26 s to sync 663 MB.)
    pub fn rebuild_all(
        conn: &Connection,
        sets: impl IntoIterator<Item = Option<DeferredIndexes>>,
    ) -> rusqlite::Result<()> {
        let sets: Vec<DeferredIndexes> = sets.into_iter().flatten().collect();
        if sets.is_empty() {
            return Ok(());
        }
        std::thread::scope(|scope| {
            if let Some(wal) = wal_path(conn) {
                scope.spawn(move || sync_data(&wal));
            }
            sets.into_iter().try_for_each(|set| set.rebuild(conn))
        })
    }

    /// Recreates every index set aside, exactly as it was defined. When a
    /// unique index cannot be built over the keys the table holds now, the
    /// error says so; once they are mended, a second call builds the
    /// indexes still missing.
    pub fn rebuild(&self, conn: &Connection) -> rusqlite::Result<()> {
        with_sort_memory(conn, Sorting::Keys, || {
            self.dropped.iter().try_for_each(|(name, sql)| {
                let there: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1)",
                    [name],
                    |r| r.get(0),
                )?;
                if there {
                    Ok(())
                } else {
                    conn.execute_batch(sql)
                }
            })
        })
    }
}

/// Runs `build`, which builds indexes or sorts rows as `sorting` says, with
/// the page cache shrunk to [`SORT_CACHE_KIB`]. SQLite sorts in as much
/// memory as its page cache may hold: the cache
/// gives that memory up for the time being, so that the process does not
/// need both at once (with the full cache, an index of 3M keys built after
/// a 3M-row import took the process from about 70 to 102 MiB).
pub fn with_sort_memory<T>(
    conn: &Connection,
    sorting: Sorting,
    build: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    let threads: i64 = conn.pragma_query_value(None, "threads", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", SORT_CACHE_KIB)?;
    let helpers = match sorting {
        Sorting::Keys => SORT_THREADS,
        Sorting::Rows => 0,
    };
    conn.pragma_update(None, "threads", helpers)?;
    conn.cache_flush()?;
    conn.release_memory()?;
    give_back_freed_memory();
    let built = build();
    conn.pragma_update(None, "threads", threads)?;
    conn.pragma_update(None, "cache_size", cache)?;
    built
}

/// Has the C library hand the memory SQLite freed back to the system.
/// SQLite allocates with the C library's `malloc`, which keeps freed
/// memory for later; the index build then sorts on helper threads, whose
/// allocations come from arenas of their own, so the page cache's memory,
/// kept, would only add to theirs.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc's: releases free memory at the top of the heap and
            /// free pages inside it, of every arena.
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: takes no pointers; glibc locks its arenas itself.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The store's write-ahead log, which SQLite names after the database file.
fn wal_path(conn: &Connection) -> Option<PathBuf> {
    conn.path()
        .filter(|path| !path.is_empty())
        .map(|path| PathBuf::from(format!("{path}-wal")))
}

/// Writes what the file at `path` holds to disk (fdatasync), if it exists.
/// The descriptor is one of our own: SQLite takes no locks on its
/// write-ahead log, so closing it gives up none of SQLite's.
fn sync_data(path: &Path) {
    if let Ok(file) = File::open(path) {
        let _ = file.sync_data();
    }
}

/// Every index made by a CREATE INDEX statement, with that statement, by
/// name: for tests comparing a store's indexes before and after.
#[cfg(test)]
pub(crate) fn index_definitions(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn indexes_come_back_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::init(&dir.path().join("d.db")).unwrap();
        let before = index_definitions(store.conn());
        let tx = store.transaction().unwrap();
        let deferred =
            DeferredIndexes::set_aside(&tx, &["record_by_subject", "no_such_index"]).unwrap();
        let without: Vec<_> = before
            .iter()
            .filter(|(name, _)| name != "record_by_subject")
            .cloned()
            .collect();
        assert_eq!(index_definitions(&tx), without);
        deferred.rebuild(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(index_definitions(store.conn()), before);
    }

    #[test]
    fn every_set_comes_back_while_the_log_is_synced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let (mut store, _) = Store::init(&path).unwrap();
        let before = index_definitions(store.conn());
        let tx = store.transaction().unwrap();
        let records = DeferredIndexes::set_aside(&tx, &["record_by_subject"]).unwrap();
        let names = DeferredIndexes::set_aside(&tx, &["subject_name_by_normalized"]).unwrap();
        assert_eq!(index_definitions(&tx).len(), before.len() - 2);
        // The log synced is the store's own, there while it is written.
        let wal = wal_path(&tx).unwrap();
        assert_eq!(wal.file_name().unwrap(), "d.db-wal");
        assert!(wal.exists());
        DeferredIndexes::rebuild_all(&tx, [Some(records), None, Some(names)]).unwrap();
        tx.commit().unwrap();
        assert_eq!(index_definitions(store.conn()), before);
    }

    #[test]
    fn indexes_are_built_in_the_sorting_memory_and_the_cache_comes_back() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "cache_size", -40960).unwrap();
        let pragma =
            |name: &str| -> i64 { conn.pragma_query_value(None, name, |r| r.get(0)).unwrap() };
        let threads_before = pragma("threads");
        let during = with_sort_memory(&conn, Sorting::Keys, || {
            Ok((pragma("cache_size"), pragma("threads")))
        });
        assert_eq!(during.unwrap(), (SORT_CACHE_KIB, SORT_THREADS));
        let during = with_sort_memory(&conn, Sorting::Rows, || {
            Ok((pragma("cache_size"), pragma("threads")))
        });
        assert_eq!(during.unwrap(), (SORT_CACHE_KIB, 0));
        assert_eq!(pragma("cache_size"), -40960);
        assert_eq!(pragma("threads"), threads_before);
        // A failing build gives the cache back too, and its error.
        let failed = with_sort_memory(&conn, Sorting::Keys, || {
            conn.execute_batch("CREATE INDEX x ON nowhere (a)")
        });
        assert!(failed.is_err());
        assert_eq!(pragma("cache_size"), -40960);
    }

    #[test]
    fn a_store_in_memory_has_no_log_to_sync() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a); CREATE INDEX t_a ON t (a);")
            .unwrap();
        assert_eq!(wal_path(&conn), None);
        let set = DeferredIndexes::set_aside(&conn, &["t_a"]).unwrap();
        DeferredIndexes::rebuild_all(&conn, [Some(set)]).unwrap();
        assert_eq!(index_definitions(&conn).len(), 1);
    }

    #[test]
    fn a_unique_index_over_repeated_keys_is_built_once_they_are_mended() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (a, b); CREATE UNIQUE INDEX t_a ON t (a); CREATE INDEX t_b ON t (b);",
        )
        .unwrap();
        let set = DeferredIndexes::set_aside(&conn, &["t_b", "t_a"]).unwrap();
        conn.execute_batch("INSERT INTO t VALUES (1, 1), (1, 2);")
            .unwrap();
        let err = set.rebuild(&conn).unwrap_err();
        assert!(
            err.to_string().contains("UNIQUE constraint failed"),
            "{err}"
        );
        // t_b was built before t_a failed; the second call builds t_a alone.
        assert_eq!(index_definitions(&conn).len(), 1);
        conn.execute_batch("DELETE FROM t WHERE b = 2").unwrap();
        set.rebuild(&conn).unwrap();
        assert_eq!(index_definitions(&conn).len(), 2);
    }

    #[test]
    fn a_rolled_back_transaction_keeps_the_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::init(&dir.path().join("d.db")).unwrap();
        let before = index_definitions(store.conn());
        let tx = store.transaction().unwrap();
        DeferredIndexes::set_aside(&tx, &["record_by_subject"]).unwrap();
        drop(tx);
        assert_eq!(index_definitions(store.conn()), before);
    }
}
