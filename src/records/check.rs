//! Stored records checked against themselves. A record's values, read back
//! together with its columns, hash to its content hash, and its identity
//! key is the one its kind, authority and decision number give; a former
//! version's values hash to the hash kept with it. A difference means the
//! store was edited by hand or damaged: an import would otherwise take an
//! edited record for a new version of itself, or a corrupted one for
//! unchanged.

use rusqlite::Connection;

use super::{COLUMNS, OwnedColumns, content_hash, identity};
use crate::ingest::layout::RecordKind;

/// Problems described at most; the rest are counted.
pub const SHOWN: usize = 10;

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct RecordCheck {
    /// Records read.
    pub records: i64,
    /// Former versions read.
    pub versions: i64,
    /// Records and versions that failed, all of them.
    pub failed: i64,
    /// The first [`SHOWN`] failures, described.
    pub problems: Vec<String>,
}

impl RecordCheck {
    pub fn intact(&self) -> bool {
        self.failed == 0
    }

    fn fail(&mut self, problem: impl FnOnce() -> String) {
        self.failed += 1;
        if self.problems.len() < SHOWN {
            self.problems.push(problem());
        }
    }
}

/// Reads every record and former version once, in the order stored.
pub fn verify(conn: &Connection) -> rusqlite::Result<RecordCheck> {
    let mut check = RecordCheck::default();
    let mut records = conn.prepare(&format!(
        "SELECT id, identity, kind, fields, content_hash, {COLUMNS} FROM record ORDER BY id"
    ))?;
    let mut rows = records.query([])?;
    while let Some(r) = rows.next()? {
        check.records += 1;
        let id: i64 = r.get(0)?;
        let kind_text = r.get_ref(2)?.as_str()?;
        let columns = OwnedColumns::read(r, 5)?;
        let name = || format!("record {id} ({kind_text} {})", columns.decision_no);
        let Ok(kind) = kind_text.parse::<RecordKind>() else {
            check.fail(|| format!("{}: unknown kind", name()));
            continue;
        };
        if r.get::<_, i64>(1)?
            != identity(kind.as_str(), &columns.authority_uscc, &columns.decision_no)
        {
            check.fail(|| {
                format!(
                    "{}: its identity key is not the one its kind, authority USCC and decision number give",
                    name()
                )
            });
            continue;
        }
        match columns.full_fields(kind.layout(), r.get_ref(3)?.as_str()?) {
            Err(e) => check.fail(|| format!("{}: its values cannot be read: {e}", name())),
            Ok(full) if content_hash(&full).as_str() != r.get_ref(4)?.as_str()? => {
                check.fail(|| format!("{}: its values do not match its content hash", name()))
            }
            Ok(_) => {}
        }
    }

    let mut versions = conn.prepare(
        "SELECT rowid, record_id, replaced_on, fields, content_hash FROM record_history ORDER BY rowid",
    )?;
    let mut rows = versions.query([])?;
    while let Some(r) = rows.next()? {
        check.versions += 1;
        if content_hash(r.get_ref(3)?.as_str()?).as_str() != r.get_ref(4)?.as_str()? {
            let (record, replaced_on): (i64, String) = (r.get(1)?, r.get(2)?);
            check.fail(|| {
                format!(
                    "record {record}, the version replaced on {replaced_on}: its values do not match its content hash"
                )
            });
        }
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::ingest::import::{import_records, testing};
    use crate::store::Store;

    fn store_with_records() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::init(&dir.path().join("c.db")).unwrap();
        let tx = store.transaction().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let rows = testing::penalties;
        import_records(
            &tx,
            rows().as_mut(),
            None,
            RecordKind::Penalty,
            today,
            &mut testing::Quiet,
        )
        .unwrap();
        tx.commit().unwrap();
        (dir, store)
    }

    #[test]
    fn an_empty_store_is_intact() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::init(&dir.path().join("c.db")).unwrap();
        let check = verify(store.conn()).unwrap();
        assert_eq!(
            (check.records, check.versions, check.intact()),
            (0, 0, true)
        );
    }

    #[test]
    fn imported_records_are_intact_and_every_edit_is_found() {
        let (_dir, store) = store_with_records();
        let conn = store.conn();
        let check = verify(conn).unwrap();
        assert!(check.records > 3, "{check:?}");
        assert!(check.intact(), "{check:?}");

        // A value in `fields`, a value kept in a column, a key, a column's
        // mark where no column holds the value, and a former version whose values are not
        // the ones its hash was taken over.
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM record ORDER BY id LIMIT 4")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        conn.execute_batch(&format!(
            "UPDATE record SET fields = replace(fields, '公司', '企业') WHERE id = {a};
             UPDATE record SET fine_fen = coalesce(fine_fen, 0) + 1 WHERE id = {b};
             UPDATE record SET identity = identity + 1 WHERE id = {c};
             UPDATE record SET fields = char(29) WHERE id = {d};
             INSERT INTO record_history (record_id, replaced_on, subject_id, fields, content_hash, received_on)
                 SELECT id, '2026-11-20', subject_id, fields, content_hash, received_on FROM record WHERE id = {b};",
            a = ids[0],
            b = ids[1],
            c = ids[2],
            d = ids[3],
        ))
        .unwrap();
        let decision = |id: i64| -> String {
            conn.query_row("SELECT decision_no FROM record WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
        };
        let check = verify(conn).unwrap();
        assert_eq!((check.versions, check.failed), (1, 5), "{check:?}");
        assert_eq!(
            check.problems,
            [
                format!(
                    "record {} (penalty {}): its values do not match its content hash",
                    ids[0],
                    decision(ids[0])
                ),
                format!(
                    "record {} (penalty {}): its values do not match its content hash",
                    ids[1],
                    decision(ids[1])
                ),
                format!(
                    "record {} (penalty {}): its identity key is not the one its kind, authority USCC and decision number give",
                    ids[2],
                    decision(ids[2])
                ),
                format!(
                    "record {} (penalty {}): its values cannot be read: fields: subject_name: \
                     marked as its column's value, but no column holds one",
                    ids[3],
                    decision(ids[3]),
                ),
                format!(
                    "record {}, the version replaced on 2026-11-20: its values do not match its content hash",
                    ids[1]
                ),
            ]
        );
    }
}
