//! Indexes set aside while a large import loads, and built once at its end.
//!
//! Inserting keys one at a time into an index whose pages no longer fit the
//! page cache costs a disk read per key, and more the larger the store grows.
//! Building the same index at the end sorts the keys first and writes its
//! pages in order. Both happen inside the import's transaction, so readers
//! and a killed process never see the store without its indexes.

use rusqlite::{Connection, OptionalExtension};

/// The page cache while indexes are built (negative: KiB). SQLite sorts an
/// index's keys in runs of this size, each run on a helper thread while the
/// table scan goes on filling the next.
const SORT_CACHE_KIB: i64 = -4096;
/// Helper threads SQLite may sort with: an import builds indexes after its
/// reading thread has ended, so the second core is free.
const SORT_THREADS: i64 = 2;

/// Indexes dropped in the current transaction, kept as the SQL that made them.
#[derive(Debug)]
pub struct DeferredIndexes {
    dropped: Vec<String>,
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
                dropped.push(sql);
            }
        }
        Ok(DeferredIndexes { dropped })
    }

    /// Recreates every index set aside, exactly as it was defined.
    pub fn rebuild(self, conn: &Connection) -> rusqlite::Result<()> {
        // SQLite sorts an index's keys in as much memory as its page cache
        // may hold; the cache gives that memory up for the time being, so
        // the process does not need both at once.
        let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let threads: i64 = conn.pragma_query_value(None, "threads", |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", SORT_CACHE_KIB)?;
        conn.pragma_update(None, "threads", SORT_THREADS)?;
        conn.cache_flush()?;
        conn.release_memory()?;
        let built = self
            .dropped
            .iter()
            .try_for_each(|sql| conn.execute_batch(sql));
        conn.pragma_update(None, "threads", threads)?;
        conn.pragma_update(None, "cache_size", cache)?;
        built
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
