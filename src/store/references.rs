//! Foreign keys checked once per import instead of on every row.
//!
//! With `foreign_keys=ON`, SQLite looks up a record's subject each time it
//! writes the record: a B-tree descent in `subject` that costs about as much
//! as a quarter of the record's own insert. An import knows every subject id
//! it writes (each comes from `Linker::link`), so it runs in an
//! [`ImportTransaction`](super::ImportTransaction), without SQLite's check,
//! collects those ids in [`ReferredSubjects`] and checks them against
//! `subject` before it commits; the former versions it keeps are checked
//! against `record` by `records::Writer::check_history`. A reference to a
//! missing row fails the import, and nothing of it is committed, as
//! SQLite's check would have done.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use rusqlite::Connection;

/// Why references could not be checked, or what they lack.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a row written refers to {table} {id}, which does not exist")]
    Missing { table: &'static str, id: i64 },
}

/// Past this many 64-id words the ids are checked and forgotten, so memory
/// stays under a megabyte whatever the file size.
const WORDS_HELD: usize = 1 << 15;

/// The subjects that rows written in this transaction refer to.
///
/// Kept as 64-bit words of a bitset by `id / 64`: rowids are handed out in
/// order, so a province's subjects take a few bits each.
#[derive(Debug, Default)]
pub struct ReferredSubjects {
    words: HashMap<i64, u64, RandomState>,
}

impl ReferredSubjects {
    /// Notes that a row written refers to `id`.
    pub fn add(&mut self, conn: &Connection, id: i64) -> Result<(), ReferenceError> {
        *self.words.entry(id.div_euclid(64)).or_default() |= 1 << id.rem_euclid(64);
        if self.words.len() > WORDS_HELD {
            // Nothing an import writes removes a row referred to, so a
            // reference found now is still there at the commit.
            self.check(conn)?;
        }
        Ok(())
    }

    /// Checks that every id noted names a subject, then forgets them.
    pub fn check(&mut self, conn: &Connection) -> Result<(), ReferenceError> {
        let mut count =
            conn.prepare_cached("SELECT count(*) FROM subject WHERE id BETWEEN ?1 AND ?2")?;
        let mut exists = conn.prepare_cached("SELECT 1 FROM subject WHERE id = ?1")?;
        // Consecutive ids are checked at once: their run is whole when the
        // table holds as many rows in its range as the run has ids.
        let mut check_run = |first: i64, last: i64| -> Result<(), ReferenceError> {
            let held: i64 = count.query_row([first, last], |r| r.get(0))?;
            if held == last - first + 1 {
                return Ok(());
            }
            for id in first..=last {
                if !exists.exists([id])? {
                    return Err(ReferenceError::Missing {
                        table: "subject",
                        id,
                    });
                }
            }
            Ok(())
        };
        let mut keys: Vec<i64> = self.words.keys().copied().collect();
        keys.sort_unstable();
        let mut run: Option<(i64, i64)> = None;
        for key in keys {
            let mut bits = self.words[&key];
            while bits != 0 {
                let id = key * 64 + i64::from(bits.trailing_zeros());
                bits &= bits - 1;
                run = match run {
                    Some((first, last)) if id == last + 1 => Some((first, id)),
                    Some((first, last)) => {
                        check_run(first, last)?;
                        Some((id, id))
                    }
                    None => Some((id, id)),
                };
            }
        }
        if let Some((first, last)) = run {
            check_run(first, last)?;
        }
        self.words.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store_with_subjects(ids: &[i64]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::init(&dir.path().join("r.db")).unwrap();
        let mut insert = store
            .conn()
            .prepare("INSERT INTO subject (id, kind, name, created_on) VALUES (?1, 'legal', 'n', '2026-11-21')")
            .unwrap();
        for id in ids {
            insert.execute([id]).unwrap();
        }
        drop(insert);
        (dir, store)
    }

    fn check(store: &Store, ids: &[i64]) -> Result<(), ReferenceError> {
        let mut refs = ReferredSubjects::default();
        for id in ids {
            refs.add(store.conn(), *id)?;
        }
        refs.check(store.conn())
    }

    #[test]
    fn ids_that_exist_pass_in_runs_or_alone() {
        let held: Vec<i64> = (1..=300).chain([1000, 5000, -7]).collect();
        let (_dir, store) = store_with_subjects(&held);
        check(&store, &held).unwrap();
        check(&store, &[5000, 1, 2, 3, 64, 65, 127, 128, -7, 1, 1]).unwrap();
        check(&store, &[]).unwrap();
    }

    #[test]
    fn the_first_missing_id_is_named() {
        let (_dir, store) = store_with_subjects(&[1, 2, 3, 5, 6, 200]);
        for (ids, missing) in [
            (vec![1, 2, 3, 4, 5, 6], 4),
            (vec![200, 199], 199),
            (vec![7], 7),
            (vec![-1, 1], -1),
            (vec![5, 6, 7], 7),
        ] {
            match check(&store, &ids) {
                Err(ReferenceError::Missing {
                    table: "subject",
                    id,
                }) => {
                    assert_eq!(id, missing, "{ids:?}")
                }
                other => panic!("{ids:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn ids_past_the_words_held_are_checked_on_the_way() {
        let (_dir, store) = store_with_subjects(&[1]);
        let mut refs = ReferredSubjects::default();
        refs.add(store.conn(), 1).unwrap();
        // One id a word, far apart: the check runs once the set is full.
        let far = (2..).map(|i| i * 64).take(WORDS_HELD);
        let err = far
            .map(|id| refs.add(store.conn(), id))
            .find_map(Result::err)
            .expect("a missing id found before the end");
        assert!(
            matches!(err, ReferenceError::Missing { id: 128, .. }),
            "{err}"
        );
    }

    #[test]
    fn an_import_transaction_checks_no_keys_and_restores_the_check() {
        let (_dir, mut store) = store_with_subjects(&[1]);
        let dangling = "INSERT INTO subject_name (subject_id, name, normalized, first_seen) \
                        VALUES (42, 'n', 'n', '2026-11-21')";
        {
            let tx = store.import_transaction().unwrap();
            tx.execute(dangling, []).unwrap();
            // Not committed: rolled back, and the check is back.
        }
        let tx = store.transaction().unwrap();
        assert!(tx.execute(dangling, []).is_err());
        drop(tx);
        let tx = store.import_transaction().unwrap();
        tx.execute(dangling, []).unwrap();
        tx.commit().unwrap();
        let on: bool = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(on);
        assert_eq!(store.integrity_problems().unwrap().len(), 1);
    }
}
