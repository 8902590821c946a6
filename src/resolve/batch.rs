//! `resolve --input`: a file of old codes resolved row by row, written back
//! with `uscc`, `resolve_status`, `resolve_via` and `candidates` appended.

use serde::Serialize;
use serde_json::Value;

use super::{Resolution, Resolver, Status};
use crate::ingest::reader::{ReadError, Row, RowSource};
use crate::ingest::writer::{TableWriter, WriteError};

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

/// Resolves the code in column `code_col` (and the name in `name_col`) of every row.
/// `structured` keeps candidates as JSON (JSON lines output); otherwise they
/// become text like `USCC 名称 (mapping); ...`.
pub fn run(
    resolver: &Resolver<'_>,
    rows: &mut dyn RowSource,
    code_col: usize,
    name_col: Option<usize>,
    out: &mut dyn TableWriter,
    structured: bool,
) -> Result<Tally, BatchError> {
    let mut tally = Tally::default();
    let mut row = Row::new();
    let mut cells: Vec<Value> = Vec::new();
    let width = rows.headers().len();
    while rows.next_row(&mut row)? {
        let name = name_col.map(|c| row.get(c));
        let r = resolver.resolve(row.get(code_col), name)?;
        tally.add(r.status);
        cells.clear();
        cells.extend((0..width).map(|c| Value::String(row.get(c).to_string())));
        cells.push(r.uscc.clone().map_or(Value::Null, Value::String));
        cells.push(Value::String(r.status.as_str().into()));
        cells.push(
            r.via
                .map_or(Value::Null, |v| Value::String(v.as_str().into())),
        );
        cells.push(candidates(&r, structured));
        out.write_row(&cells)?;
    }
    Ok(tally)
}

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
