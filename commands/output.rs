//! Rendering results: `--format table|csv|json|jsonl`, data to stdout only.

use std::io::{self, BufWriter, Stdout, Write};

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::Value;

/// How results are printed.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// Comma-separated with a header row.
    Csv,
    /// One JSON array (a single result: one object).
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// The text of one JSON value in a CSV or table cell.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// A people-facing table with the project's look.
pub fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().copied());
    t
}

type TableRow<'a, T> = Box<dyn Fn(&T) -> Vec<String> + 'a>;

/// Rows a table holds before it is printed and the next one started: a
/// table measures its columns over all its rows, so a list of a million
/// records comes as tables of this many, each with its headers, rather
/// than as one held whole in memory.
const TABLE_ROWS: usize = 1000;

/// Streams a list of results: json and jsonl are written as they come, csv
/// row by row, and the table (which must measure its columns) once it has
/// [`TABLE_ROWS`] rows, and at the end.
pub struct ListWriter<'a, T> {
    format: Format,
    columns: Vec<&'a str>,
    out: BufWriter<Stdout>,
    csv: Option<csv::Writer<BufWriter<Stdout>>>,
    table: Option<(Vec<&'a str>, TableRow<'a, T>, Table)>,
    written: usize,
}

impl<'a, T: Serialize> ListWriter<'a, T> {
    /// `columns` are the keys of each item for csv (in order) and the default table.
    pub fn new(format: Format, columns: &[&'a str]) -> Self {
        ListWriter {
            format,
            columns: columns.to_vec(),
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
            csv: None,
            table: None,
            written: 0,
        }
    }

    /// A table made for people rather than the raw columns.
    pub fn table_view(mut self, headers: &[&'a str], row: impl Fn(&T) -> Vec<String> + 'a) -> Self {
        self.table = Some((headers.to_vec(), Box::new(row), table(headers)));
        self
    }

    /// Writes one item.
    pub fn write(&mut self, item: &T) -> Result<()> {
        match self.format {
            Format::Json => {
                self.out
                    .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer(&mut self.out, item)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, item)?;
                self.out.write_all(b"\n")?;
            }
            Format::Csv => {
                let csv = self.csv.get_or_insert_with(|| {
                    csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, io::stdout()))
                });
                if self.written == 0 {
                    csv.write_record(&self.columns)?;
                }
                let value = serde_json::to_value(item)?;
                csv.write_record(self.columns.iter().map(|c| cell(&value[*c])))?;
            }
            Format::Table => {
                if self.table.is_none() {
                    let columns = self.columns.clone();
                    self.table = Some((
                        columns.clone(),
                        Box::new(move |item: &T| {
                            let value = serde_json::to_value(item).unwrap_or(Value::Null);
                            columns.iter().map(|c| cell(&value[*c])).collect()
                        }),
                        table(&self.columns),
                    ));
                }
                let (headers, row, rows) = self.table.as_mut().expect("set above");
                rows.add_row(row(item));
                if rows.row_count() == TABLE_ROWS {
                    writeln!(self.out, "{rows}")?;
                    *rows = table(headers);
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the list; an empty list prints `[]` in json, a header in csv.
    pub fn finish(mut self) -> Result<()> {
        match self.format {
            Format::Json => {
                self.out
                    .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
            }
            Format::Jsonl => {}
            Format::Csv => {
                let mut csv = self.csv.take().unwrap_or_else(|| {
                    csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, io::stdout()))
                });
                if self.written == 0 {
                    csv.write_record(&self.columns)?;
                }
                csv.flush()?;
            }
            Format::Table => {
                let rest = match self.table.take() {
                    Some((_, _, rest)) => rest,
                    None => table(&self.columns),
                };
                // An empty list still shows its headers; a list that filled
                // its last table exactly has nothing more to show.
                if rest.row_count() > 0 || self.written == 0 {
                    writeln!(self.out, "{rest}")?;
                }
            }
        }
        self.out.flush()?;
        Ok(())
    }
}

/// Prints a single result: an object in json/jsonl, `field,value` rows in
/// csv, a two-column table for people.
pub fn object<T: Serialize>(format: Format, item: &T) -> Result<()> {
    let value = serde_json::to_value(item)?;
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut out, &value)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(["field", "value"])?;
            if let Value::Object(map) = &value {
                for (k, v) in map {
                    csv.write_record([k.as_str(), &cell(v)])?;
                }
            }
            csv.flush()?;
        }
        Format::Table => {
            let mut t = table(&["field", "value"]);
            if let Value::Object(map) = &value {
                for (k, v) in map {
                    t.add_row([k.clone(), cell(v)]);
                }
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}
