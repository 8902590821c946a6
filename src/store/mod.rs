//! The store: one SQLite file holding subjects, records and the audit chain.

mod borrowing;
mod deferred;
mod import_transaction;
mod migrations;
mod references;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use serde::Serialize;

pub use borrowing::BorrowingStatement;
#[cfg(test)]
pub(crate) use deferred::index_definitions;
pub use deferred::{DeferredIndexes, Sorting, with_sort_memory};
pub use import_transaction::ImportTransaction;
pub use migrations::latest as latest_version;
pub use references::{ReferenceError, ReferredSubjects};

/// Why a store could not be opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store at {0}; run 'credit init'")]
    Missing(PathBuf),
    #[error("{0} is not an initialised credit store; run 'credit init'")]
    Uninitialised(PathBuf),
    #[error("{0} is not a credit store, nor any SQLite database; check --db or $CREDIT_DB")]
    NotADatabase(PathBuf),
    #[error(
        "store {0} is busy: another command is writing to it and did not finish within {secs} s; run again once it has finished",
        secs = BUSY_TIMEOUT.as_secs()
    )]
    Busy(PathBuf),
    #[error(
        "store {path} has schema version {found}, newer than this binary knows ({known}); use a newer credit"
    )]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error(
        "store {path} has schema version {found}, older than this binary's {known}; run 'credit db upgrade' (back up the file first)"
    )]
    TooOld {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error("cannot create store at {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("migrating {path}: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("store {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// An SQLite error on the store at `path`, named for what it means to
    /// the user when SQLite's code says more than its message.
    fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.into()),
            Some(rusqlite::ErrorCode::DatabaseBusy) => StoreError::Busy(path.into()),
            _ => StoreError::Sqlite {
                path: path.into(),
                source,
            },
        }
    }
}

/// How long a command waits for another one writing to the store.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open store whose schema matches this binary.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What `credit init` did.
#[derive(Debug, Serialize)]
pub struct InitReport {
    pub path: String,
    pub created: bool,
    pub schema_version: usize,
}

/// What `credit db upgrade` did.
#[derive(Debug, Serialize)]
pub struct UpgradeReport {
    pub path: String,
    pub from_version: usize,
    pub to_version: usize,
}

/// `credit db status`.
#[derive(Debug, Serialize)]
pub struct Status {
    pub path: String,
    pub schema_version: usize,
    pub latest_version: usize,
    pub tables: Vec<TableCount>,
}

/// Rows in one table.
#[derive(Debug, Serialize)]
pub struct TableCount {
    pub table: String,
    pub rows: i64,
}

impl Store {
    /// Creates the store (mode 0600) if absent and brings its schema up to date
    /// only when it was just created; an existing store is left exactly as it is.
    pub fn init(path: &Path) -> Result<(Store, InitReport), StoreError> {
        let created = !path.exists();
        if created {
            create_private_file(path)?;
        }
        let mut conn = connect_new(path, created)?;
        let version = schema_version(&conn, path)?;
        if version > latest_version() {
            return Err(StoreError::TooNew {
                path: path.into(),
                found: version,
                known: latest_version(),
            });
        }
        if created || version == 0 {
            migrations::all()
                .to_latest(&mut conn)
                .map_err(|source| StoreError::Migration {
                    path: path.into(),
                    source,
                })?;
        } else if version < latest_version() {
            return Err(StoreError::TooOld {
                path: path.into(),
                found: version,
                known: latest_version(),
            });
        }
        let report = InitReport {
            path: path.display().to_string(),
            created,
            schema_version: latest_version(),
        };
        Ok((
            Store {
                conn,
                path: path.into(),
            },
            report,
        ))
    }

    /// Opens an existing store whose schema is exactly the one this binary knows.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let store = Self::open_any_version(path)?;
        let version = schema_version(&store.conn, path)?;
        check_version(path, version)?;
        Ok(store)
    }

    fn open_any_version(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.into()));
        }
        let conn = connect(path)?;
        Ok(Store {
            conn,
            path: path.into(),
        })
    }

    /// Applies the migrations this binary has and the store lacks.
    pub fn upgrade(path: &Path) -> Result<(Store, UpgradeReport), StoreError> {
        let mut store = Self::open_any_version(path)?;
        let from = schema_version(&store.conn, path)?;
        if from > latest_version() {
            return Err(StoreError::TooNew {
                path: path.into(),
                found: from,
                known: latest_version(),
            });
        }
        migrations::all()
            .to_latest(&mut store.conn)
            .map_err(|source| StoreError::Migration {
                path: path.into(),
                source,
            })?;
        let report = UpgradeReport {
            path: path.display().to_string(),
            from_version: from,
            to_version: latest_version(),
        };
        Ok((store, report))
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Reads the first GiB of the file through mapped pages: for reads by
    /// key all over a large store, which would otherwise copy a whole
    /// 64 KiB page out of the file for each row. RSS then counts the
    /// mapped pages, which are the system's page cache.
    pub fn map_pages(&self) -> rusqlite::Result<()> {
        self.conn.pragma_update(None, "mmap_size", 1i64 << 30)
    }

    /// Starts the one transaction a mutating command runs in. It takes the
    /// store's write lock at once, so that a command which reads before it
    /// writes waits (up to [`BUSY_TIMEOUT`]) for another writer to finish,
    /// rather than failing when it comes to write.
    pub fn transaction(&mut self) -> Result<Transaction<'_>, StoreError> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::sqlite(&self.path, source))
    }

    /// Starts the transaction of an import, which checks the references it
    /// writes itself (see [`ImportTransaction`]).
    pub fn import_transaction(&mut self) -> Result<ImportTransaction<'_>, StoreError> {
        ImportTransaction::begin(&self.conn)
            .map_err(|source| StoreError::sqlite(&self.path, source))
    }

    /// Starts a transaction that only reads: one snapshot of the store for
    /// all its reads, which writers do not wait for.
    pub fn read_transaction(&mut self) -> rusqlite::Result<Transaction<'_>> {
        self.conn.transaction()
    }

    /// Path, schema version and row counts per table.
    pub fn status(&self) -> rusqlite::Result<Status> {
        let mut tables = Vec::new();
        let mut names = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let names: Vec<String> = names
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in names {
            let rows =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                        r.get(0)
                    })?;
            tables.push(TableCount { table, rows });
        }
        Ok(Status {
            path: self.path.display().to_string(),
            schema_version: self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))?
                as usize,
            latest_version: latest_version(),
            tables,
        })
    }

    /// `PRAGMA integrity_check`, then every reference to a row that does not
    /// exist (`PRAGMA foreign_key_check`: the sqlite3 shell, for one, does
    /// not enforce foreign keys): the problems found, empty when the file is
    /// sound. The first [`SHOWN_REFERENCE_PROBLEMS`] references are named,
    /// the rest counted.
    pub fn integrity_problems(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut problems: Vec<String> = rows.into_iter().filter(|r| r != "ok").collect();

        let mut stmt = self.conn.prepare(
            "SELECT c.\"table\", c.rowid, c.parent, f.\"from\" \
             FROM pragma_foreign_key_check c \
             JOIN pragma_foreign_key_list(c.\"table\") f ON f.id = c.fkid",
        )?;
        let mut rows = stmt.query([])?;
        let mut dangling = 0;
        while let Some(r) = rows.next()? {
            dangling += 1;
            if dangling > SHOWN_REFERENCE_PROBLEMS {
                continue;
            }
            let (table, rowid, parent, column): (String, Option<i64>, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let row = match rowid {
                Some(rowid) => format!("{table} row {rowid}: its"),
                // WITHOUT ROWID tables have no row number to give.
                None => format!("{table}: a row's"),
            };
            problems.push(format!(
                "{row} {column} names a {parent} that does not exist"
            ));
        }
        if dangling > SHOWN_REFERENCE_PROBLEMS {
            problems.push(format!(
                "{} more rows name a row that does not exist",
                dangling - SHOWN_REFERENCE_PROBLEMS
            ));
        }
        Ok(problems)
    }
}

/// References to missing rows named one by one by [`Store::integrity_problems`].
pub const SHOWN_REFERENCE_PROBLEMS: usize = 10;

fn check_version(path: &Path, found: usize) -> Result<(), StoreError> {
    let known = latest_version();
    if found == 0 {
        return Err(StoreError::Uninitialised(path.into()));
    }
    match found.cmp(&known) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(StoreError::TooNew {
            path: path.into(),
            found,
            known,
        }),
        std::cmp::Ordering::Less => Err(StoreError::TooOld {
            path: path.into(),
            found,
            known,
        }),
    }
}

fn schema_version(conn: &Connection, path: &Path) -> Result<usize, StoreError> {
    conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .map(|v| v.max(0) as usize)
        .map_err(|source| StoreError::sqlite(path, source))
}

/// The file is created by us, not by SQLite, so that it is private from its
/// first byte: it holds identity numbers.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(|source| StoreError::Create {
            path: path.into(),
            source,
        })
}

/// Tells SQLite, before its first connection, to keep no statistics of its
/// memory: it would otherwise take a lock around every allocation and
/// release, several for each row an import stores, for figures nothing
/// here reads. Once SQLite has started, it refuses the setting and keeps
/// them, which changes only the speed.
fn without_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int; SQLite checks
        // that it has not started yet and returns SQLITE_MISUSE if it has.
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
}

/// Pages of a new store: SQLite's largest. Fewer, larger pages mean fewer
/// splits and fewer WAL frames: an import of 1M penalty rows runs about 16%
/// faster than with 16 KiB pages (and 16 KiB about a quarter faster than the
/// 4 KiB default), and `resolve`'s point look-ups are no slower. A store
/// keeps the page size it was created with.
const PAGE_SIZE: i64 = 64 * 1024;

/// The store's journal: readers go on beside a writer (but see
/// [`ImportTransaction`]).
const JOURNAL_MODE: &str = "WAL";
/// Safe from a power cut in WAL mode; syncs only at checkpoints.
const SYNCHRONOUS: &str = "NORMAL";

fn connect(path: &Path) -> Result<Connection, StoreError> {
    connect_new(path, false)
}

/// Opens a connection; `fresh` for a file with nothing in it yet, whose page
/// size can still be chosen (it is fixed once WAL mode is on).
fn connect_new(path: &Path, fresh: bool) -> Result<Connection, StoreError> {
    let sqlite = |source| StoreError::sqlite(path, source);
    without_memory_statistics();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    if fresh {
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(sqlite)?;
    }
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    conn.pragma_update(None, "journal_mode", JOURNAL_MODE)
        .map_err(sqlite)?;
    conn.pragma_update(None, "synchronous", SYNCHRONOUS)
        .map_err(sqlite)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(sqlite)?;
    // 40 MiB of page cache (negative: KiB): an import's index pages stay in
    // memory instead of spilling to the WAL and being read back (those of a
    // million rows' subjects take about 23 MiB), and the process stays under
    // 100 MiB with the codes a large import reads ahead.
    conn.pragma_update(None, "cache_size", -40960)
        .map_err(sqlite)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_creates_a_private_store_at_the_latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let (store, report) = Store::init(&path).unwrap();
        assert!(report.created);
        assert_eq!(report.schema_version, latest_version());
        assert_eq!(store.status().unwrap().schema_version, latest_version());
        let page_size: i64 = store
            .conn()
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        assert_eq!(page_size, PAGE_SIZE);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(store);
        let (_, again) = Store::init(&path).unwrap();
        assert!(!again.created);
    }

    #[test]
    fn a_write_transaction_takes_the_lock_at_once_and_a_read_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let (mut writer, _) = Store::init(&path).unwrap();
        let mut other = Store::open(&path).unwrap();
        other
            .conn()
            .busy_timeout(Duration::from_millis(20))
            .unwrap();
        let held = writer.transaction().unwrap();
        // A second writer is refused at its start, before it reads anything.
        match other.transaction() {
            Err(StoreError::Busy(p)) => assert_eq!(p, path),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("two write transactions at once"),
        }
        let said = StoreError::Busy(path.clone()).to_string();
        assert!(
            said.contains("did not finish within 10 s; run again"),
            "{said}"
        );
        // A reader goes on beside the writer.
        let read = other.read_transaction().unwrap();
        let n: i64 = read
            .query_row("SELECT count(*) FROM record", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        drop(read);
        held.commit().unwrap();
        other.transaction().unwrap().commit().unwrap();
    }

    #[test]
    fn integrity_names_rows_whose_parent_is_gone_the_first_few_and_a_count() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::init(&dir.path().join("c.db")).unwrap();
        let conn = store.conn();
        assert_eq!(store.integrity_problems().unwrap(), Vec::<String>::new());
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
             INSERT INTO subject (id, kind, name, created_on, merged_into)
             SELECT i, 'legal', 'n' || i, '2026-11-21', 99 FROM n;",
        )
        .unwrap();
        let problems = store.integrity_problems().unwrap();
        let mut expected: Vec<String> = (1..=SHOWN_REFERENCE_PROBLEMS)
            .map(|i| {
                format!("subject row {i}: its merged_into names a subject that does not exist")
            })
            .collect();
        expected.push(format!(
            "{} more rows name a row that does not exist",
            12 - SHOWN_REFERENCE_PROBLEMS
        ));
        assert_eq!(problems, expected);
    }

    #[test]
    fn open_refuses_a_missing_store_without_creating_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent.db");
        let err = Store::open(&path).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!("no store at {}; run 'credit init'", path.display())
        );
        assert!(!path.exists());
    }

    #[test]
    fn open_refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        drop(Store::init(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    }
}
