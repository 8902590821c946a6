//! `resolve --input`: a file of old codes resolved row by row, written back
//! with `uscc`, `resolve_status`, `resolve_via` and `candidates` appended.
//!
//! One thread reads and checks the codes, look-up threads (one connection
//! each: WAL lets readers run side by side) resolve them, and this one
//! writes the output, each handing the next small batches.

use std::sync::mpsc::sync_channel;

use serde::Serialize;
use serde_json::Value;

use super::{Checked, Resolution, Resolver, Status, check};
use crate::ingest::reader::{ReadError, Row, RowSource};
use crate::ingest::writer::{TableWriter, WriteError};
use crate::store::Store;

/// How many inputs ended in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub resolved: u64,
    pub suggested: u64,
    pub ambiguous: u64,
    pub unresolved: u64,
    pub invalid: u64,
}

impl Tally {
    pub fn add(&mut self, status: Status) {
        *match status {
            Status::Resolved => &mut self.resolved,
            Status::Suggested => &mut self.suggested,
            Status::Ambiguous => &mut self.ambiguous,
            Status::Unresolved => &mut self.unresolved,
            Status::Invalid => &mut self.invalid,
        } += 1;
    }
}

/// The columns a batch appends to each input row.
pub const APPENDED: [&str; 4] = ["uscc", "resolve_status", "resolve_via", "candidates"];

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("cannot write the output: {0}")]
    Write(#[from] WriteError),
    #[error("store: {0}")]
    Store(#[from] rusqlite::Error),
}

/// An input row on its way through: its cells, its checked code, its name.
struct Pending {
    cells: Vec<String>,
    code: Checked,
    name: Option<String>,
}

const BATCH: usize = 512;
const BATCHES_IN_FLIGHT: usize = 8;

/// Resolves the code in column `code_col` (and the name in `name_col`) of every row.
/// Each store is a connection to the same file: one look-up thread per
/// connection, batches handed out in turn and written back in input order.
/// `structured` keeps candidates as JSON (JSON lines output); otherwise they
/// become text like `USCC 名称 (mapping); ...`.
pub fn run(
    stores: Vec<Store>,
    rows: &mut (dyn RowSource + Send),
    code_col: usize,
    name_col: Option<usize>,
    out: &mut (dyn TableWriter + Send),
    structured: bool,
) -> Result<Tally, BatchError> {
    let width = rows.headers().len();
    let workers = stores.len().max(1);
    let mut to_workers = Vec::new();
    let mut from_workers = Vec::new();
    let mut lookups = Vec::new();
    for _ in 0..workers {
        let (to, from) = sync_channel::<Vec<Pending>>(BATCHES_IN_FLIGHT);
        to_workers.push(to);
        lookups.push(from);
    }
    std::thread::scope(|scope| {
        // Read and check, handing batches to the workers in turn.
        let reader = scope.spawn(move || -> Result<(), ReadError> {
            let mut row = Row::new();
            let mut batch = Vec::with_capacity(BATCH);
            let mut next = 0;
            loop {
                let more = rows.next_row(&mut row)?;
                if more {
                    batch.push(Pending {
                        cells: (0..width).map(|c| row.get(c).to_string()).collect(),
                        code: check(row.get(code_col)),
                        name: name_col.map(|c| row.get(c).to_string()),
                    });
                }
                // A batch shorter than BATCH, possibly empty, is the last.
                if batch.len() == BATCH || !more {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if to_workers[next % workers].send(full).is_err() || !more {
                        return Ok(());
                    }
                    next += 1;
                }
            }
        });
        // Look up, one worker per connection.
        let mut handles = Vec::new();
        for (mut store, pending) in stores.into_iter().zip(lookups) {
            let (to_writer, from_worker) =
                sync_channel::<Result<Batch, rusqlite::Error>>(BATCHES_IN_FLIGHT);
            from_workers.push(from_worker);
            handles.push(scope.spawn(move || -> rusqlite::Result<()> {
                let read = store.read_transaction()?;
                let resolver = Resolver::new(&read)?;
                for batch in pending {
                    let mut done = Vec::with_capacity(batch.len());
                    for p in batch {
                        match resolver.resolve_checked(p.code, p.name.as_deref()) {
                            Ok(r) => done.push((p.cells, r)),
                            Err(e) => {
                                let _ = to_writer.send(Err(e));
                                return Ok(());
                            }
                        }
                    }
                    if to_writer.send(Ok(done)).is_err() {
                        return Ok(());
                    }
                }
                Ok(())
            }));
        }
        // Write, taking batches back in the order they were handed out.
        let mut tally = Tally::default();
        let mut cells: Vec<Value> = Vec::new();
        let written = (|| -> Result<(), BatchError> {
            for turn in 0.. {
                let Ok(batch) = from_workers[turn % workers].recv() else {
                    return Ok(());
                };
                let batch = batch?;
                let last = batch.len() < BATCH;
                for (input, r) in batch {
                    tally.add(r.status);
                    cells.clear();
                    cells.extend(input.into_iter().map(Value::String));
                    cells.push(r.uscc.clone().map_or(Value::Null, Value::String));
                    cells.push(Value::String(r.status.as_str().into()));
                    cells.push(
                        r.via
                            .map_or(Value::Null, |v| Value::String(v.as_str().into())),
                    );
                    cells.push(candidates(&r, structured));
                    out.write_row(&cells)?;
                }
                if last {
                    return Ok(());
                }
            }
            Ok(())
        })();
        drop(from_workers);
        for handle in handles {
            handle.join().expect("a look-up worker does not panic")?;
        }
        reader.join().expect("the reader does not panic")?;
        written?;
        Ok(tally)
    })
}

type Batch = Vec<(Vec<String>, Resolution)>;

fn candidates(r: &Resolution, structured: bool) -> Value {
    if structured {
        return serde_json::to_value(&r.candidates).expect("candidates serialise");
    }
    Value::String(
        r.candidates
            .iter()
            .map(|c| match &c.name {
                Some(name) => format!("{} {} ({})", c.uscc, name, c.via.as_str()),
                None => format!("{} ({})", c.uscc, c.via.as_str()),
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}
