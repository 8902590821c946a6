//! A prepared statement whose texts and blobs SQLite reads where they lie.
//!
//! rusqlite binds every text as `SQLITE_TRANSIENT`: SQLite allocates and
//! copies each value when it is bound, and builds the row from the copy.
//! An import binds about 600 bytes of text for every record it stores, on
//! the thread every row waits for. Bound as `SQLITE_STATIC`, the values
//! are read once, in place, while the row is built. Alternating five
//! times with the build before on the 1M bench file, the import took
//! 7.57–8.93 s (median 8.13) against 8.13–9.66 s (9.17), the storing
//! thread 4.7–5.9 s of CPU against 5.0–6.3 s.
//!
//! SQLite may read a value bound that way until the statement is reset and
//! its bindings cleared; [`BorrowingStatement::execute`] does both before
//! it returns, so the values need only live as long as the call.

use std::ffi::CStr;
use std::ptr::{NonNull, null_mut};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, ffi};

/// A statement that changes rows and returns none, prepared once and run
/// many times (see the module).
pub struct BorrowingStatement<'c> {
    conn: &'c Connection,
    stmt: NonNull<ffi::sqlite3_stmt>,
    parameters: usize,
}

impl<'c> BorrowingStatement<'c> {
    pub fn prepare(conn: &'c Connection, sql: &str) -> rusqlite::Result<BorrowingStatement<'c>> {
        let len = i32::try_from(sql.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
        let mut stmt = null_mut();
        // SAFETY: the connection is open for 'c; `sql` is valid for `len`
        // bytes (SQLite needs no terminating zero when given the length).
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                conn.handle(),
                sql.as_ptr().cast(),
                len,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                null_mut(),
            )
        };
        if rc != ffi::SQLITE_OK {
            return Err(error(conn, rc));
        }
        // SQL with nothing in it prepares to no statement.
        let stmt = NonNull::new(stmt).ok_or(rusqlite::Error::InvalidQuery)?;
        // SAFETY: `stmt` is a statement just prepared.
        let parameters = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        Ok(BorrowingStatement {
            conn,
            stmt,
            parameters: usize::try_from(parameters).unwrap_or(0),
        })
    }

    /// Runs the statement with `params` as ?1, ?2, …; the number of rows
    /// it changed.
    pub fn execute(&mut self, params: &[ValueRef<'_>]) -> rusqlite::Result<usize> {
        if params.len() != self.parameters {
            return Err(rusqlite::Error::InvalidParameterCount(
                params.len(),
                self.parameters,
            ));
        }
        let stmt = self.stmt.as_ptr();
        let mut rc = ffi::SQLITE_OK;
        for (at, param) in (1..).zip(params) {
            // SAFETY: `stmt` is prepared and not running (every execute
            // resets it); a text or blob is read only by the step below,
            // before the bindings are cleared and `params` can go.
            rc = unsafe {
                match *param {
                    ValueRef::Null => ffi::sqlite3_bind_null(stmt, at),
                    ValueRef::Integer(value) => ffi::sqlite3_bind_int64(stmt, at, value),
                    ValueRef::Real(value) => ffi::sqlite3_bind_double(stmt, at, value),
                    ValueRef::Text(text) => ffi::sqlite3_bind_text64(
                        stmt,
                        at,
                        text.as_ptr().cast(),
                        text.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                    ValueRef::Blob(blob) => ffi::sqlite3_bind_blob64(
                        stmt,
                        at,
                        blob.as_ptr().cast(),
                        blob.len() as u64,
                        ffi::SQLITE_STATIC(),
                    ),
                }
            };
            if rc != ffi::SQLITE_OK {
                break;
            }
        }
        if rc == ffi::SQLITE_OK {
            // SAFETY: as above; every parameter is bound.
            rc = unsafe { ffi::sqlite3_step(stmt) };
        }
        let outcome = match rc {
            // SAFETY: the connection is open; the count is of this step.
            ffi::SQLITE_DONE => Ok(unsafe { ffi::sqlite3_changes64(self.conn.handle()) } as usize),
            ffi::SQLITE_ROW => Err(rusqlite::Error::ExecuteReturnedResults),
            rc => Err(error(self.conn, rc)),
        };
        // SAFETY: `stmt` is prepared; after these SQLite holds no pointer
        // into `params`.
        unsafe {
            ffi::sqlite3_reset(stmt);
            ffi::sqlite3_clear_bindings(stmt);
        }
        outcome
    }
}

impl Drop for BorrowingStatement<'_> {
    fn drop(&mut self) {
        // SAFETY: prepared by `prepare`, finalized once, here, while the
        // connection it was prepared on is still open ('c).
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// The connection's last error, as rusqlite reports one.
fn error(conn: &Connection, rc: i32) -> rusqlite::Error {
    // SAFETY: the connection is open; SQLite's message is a valid C string
    // until the next call on the connection, and is copied at once.
    let message = unsafe {
        let text = ffi::sqlite3_errmsg(conn.handle());
        (!text.is_null()).then(|| CStr::from_ptr(text).to_string_lossy().into_owned())
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, n INTEGER, \
             UNIQUE (name))",
        )
        .unwrap();
        conn
    }

    #[test]
    fn values_are_stored_as_bound_and_the_buffers_may_change_after() {
        let conn = table();
        let mut insert = BorrowingStatement::prepare(
            &conn,
            "INSERT INTO t (name, note, n) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING",
        )
        .unwrap();
        let mut name = String::from("白城市兴方建材有限公司");
        let changed = insert
            .execute(&[
                ValueRef::from(name.as_str()),
                ValueRef::from(None::<&str>),
                ValueRef::Integer(-7),
            ])
            .unwrap();
        assert_eq!(changed, 1);
        // The same buffer, overwritten, for the next row: the first row
        // keeps what was bound.
        name.clear();
        name.push_str("洮北区");
        let empty = String::new();
        assert_eq!(
            insert
                .execute(&[
                    ValueRef::from(name.as_str()),
                    ValueRef::from(empty.as_str()),
                    ValueRef::Null,
                ])
                .unwrap(),
            1
        );
        // A conflict the statement ignores changes nothing.
        assert_eq!(
            insert
                .execute(&[
                    ValueRef::from("洮北区"),
                    ValueRef::Null,
                    ValueRef::Integer(1)
                ])
                .unwrap(),
            0
        );
        // Reals and blobs are bound as they are too.
        let blob = [0u8, 0xff, 7];
        assert_eq!(
            insert
                .execute(&[
                    ValueRef::from("r"),
                    ValueRef::Blob(&blob),
                    ValueRef::Real(0.5)
                ])
                .unwrap(),
            1
        );
        let rows: Vec<(String, Option<String>, Option<i64>)> = conn
            .prepare("SELECT name, note, n FROM t WHERE name != 'r' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("白城市兴方建材有限公司".to_string(), None, Some(-7)),
                ("洮北区".to_string(), Some(String::new()), None),
            ]
        );
        let (note, n): (Vec<u8>, f64) = conn
            .query_row("SELECT note, n FROM t WHERE name = 'r'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((note, n), (blob.to_vec(), 0.5));
    }

    #[test]
    fn failures_are_sqlite_s_errors_and_the_statement_runs_again_after() {
        let conn = table();
        let mut insert =
            BorrowingStatement::prepare(&conn, "INSERT INTO t (name, n) VALUES (?1, ?2)").unwrap();
        insert
            .execute(&[ValueRef::from("a"), ValueRef::Null])
            .unwrap();
        let err = insert
            .execute(&[ValueRef::from("a"), ValueRef::Null])
            .unwrap_err();
        assert_eq!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::ConstraintViolation)
        );
        assert!(
            err.to_string().contains("UNIQUE constraint failed: t.name"),
            "{err}"
        );
        let err = insert
            .execute(&[ValueRef::Null, ValueRef::Null])
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("NOT NULL constraint failed: t.name"),
            "{err}"
        );
        assert!(matches!(
            insert.execute(&[ValueRef::from("c")]),
            Err(rusqlite::Error::InvalidParameterCount(1, 2))
        ));
        assert_eq!(
            insert
                .execute(&[ValueRef::from("c"), ValueRef::Integer(3)])
                .unwrap(),
            1
        );
        let names: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(names, 2);
        assert!(BorrowingStatement::prepare(&conn, "INSERT INTO nowhere VALUES (?1)").is_err());
        assert!(matches!(
            BorrowingStatement::prepare(&conn, "  "),
            Err(rusqlite::Error::InvalidQuery)
        ));
    }
}
