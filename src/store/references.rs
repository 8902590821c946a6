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

/// Ids from 0 to this (16.7M) are held in a bitset of at most 2 MiB,
/// grown as far as the highest id noted: subjects' rowids are handed out in
/// order from 1, so a store's subjects fall here, a bit each.
const DENSE_WORDS: usize = 1 << 18;
/// Past this many 64-id words of ids outside the bitset, those ids are
/// checked and forgotten, so memory stays bounded whatever the ids.
const WORDS_HELD: usize = 1 << 15;

/// The subjects that rows written in this transaction refer to.
#[derive(Debug, Default)]
pub struct ReferredSubjects {
    /// Word `i` holds ids `64 * i` to `64 * i + 63`.
    dense: Vec<u64>,
    /// Ids outside `dense` (another system may have handed out any rowid),
    /// as words keyed by `id / 64`.
    sparse: HashMap<i64, u64, RandomState>,
}

impl ReferredSubjects {
    /// Notes that a row written refers to `id`.
    pub fn add(&mut self, conn: &Connection, id: i64) -> Result<(), ReferenceError> {
        let word = id.div_euclid(64);
        let bit = 1 << id.rem_euclid(64);
        if let Ok(word) = usize::try_from(word)
            && word < DENSE_WORDS
        {
            if word >= self.dense.len() {
                self.dense.resize(word + 1, 0);
            }
            self.dense[word] |= bit;
            return Ok(());
        }
        *self.sparse.entry(word).or_default() |= bit;
        if self.sparse.len() > WORDS_HELD {
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
        let mut sparse: Vec<(i64, u64)> = self.sparse.iter().map(|(k, w)| (*k, *w)).collect();
        sparse.sort_unstable();
        // In ascending order: the sparse words below the bitset, the
        // bitset's, and the sparse words above it.
        let below = sparse.partition_point(|(key, _)| *key < 0);
        let dense = (0..).zip(self.dense.iter().copied());
        let words = sparse[..below]
            .iter()
            .copied()
            .chain(dense)
            .chain(sparse[below..].iter().copied());
        let mut run: Option<(i64, i64)> = None;
        for (key, mut bits) in words {
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
        self.sparse.clear();
        self.dense.clear();
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
        // One id a word, far apart and past the bitset: the check runs
        // once the words held are full.
        let past = DENSE_WORDS as i64 * 64;
        let far = (2..).map(|i| past + i * 64).take(WORDS_HELD + 1);
        let err = far
            .map(|id| refs.add(store.conn(), id))
            .find_map(Result::err)
            .expect("a missing id found before the end");
        assert!(
            matches!(err, ReferenceError::Missing { id, .. } if id == past + 128),
            "{err}"
        );
    }

    #[test]
    fn a_store_s_own_ids_are_held_in_a_bitset_of_bounded_size() {
        let edge = DENSE_WORDS as i64 * 64;
        let held = [
            1,
            63,
            64,
            100_000,
            edge - 1,
            edge,
            edge + 64,
            -7,
            i64::MIN,
            i64::MAX,
        ];
        let (_dir, store) = store_with_subjects(&held);
        let mut refs = ReferredSubjects::default();
        for id in held {
            refs.add(store.conn(), id).unwrap();
        }
        assert_eq!(
            refs.dense.len(),
            DENSE_WORDS,
            "grown to the highest id held"
        );
        // Past the bitset and below zero: one word each.
        assert_eq!(refs.sparse.len(), 5);
        refs.check(store.conn()).unwrap();
        // Ids a store does not hold are found missing wherever they fall,
        // and ids in the bitset are held there without a check on the way.
        for missing in [2, edge - 2, edge + 1, -8, i64::MIN + 1, i64::MAX - 1] {
            let mut ids = held.to_vec();
            ids.push(missing);
            match check(&store, &ids) {
                Err(ReferenceError::Missing { id, .. }) => assert_eq!(id, missing),
                other => panic!("{missing}: {other:?}"),
            }
        }
        let mut refs = ReferredSubjects::default();
        for id in 1..=(WORDS_HELD as i64 + 2) * 64 {
            refs.add(store.conn(), id).unwrap();
        }
        assert!(refs.sparse.is_empty());
        assert!(refs.check(store.conn()).is_err());
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
