//! Writing rows back out in the format they came in: CSV, JSON lines or xlsx.

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::{Map, Value};

use super::reader::InputFormat;

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Xlsx(#[from] XlsxError),
    #[error("xlsx output needs a file: pass --output FILE")]
    XlsxNeedsFile,
}

/// A table being written row by row; each row is text cells, except that
/// JSON lines may carry a structured value in a cell.
pub trait TableWriter {
    fn write_row(&mut self, cells: &[Value]) -> Result<(), WriteError>;
    fn finish(self: Box<Self>) -> Result<(), WriteError>;
}

/// Opens a writer for `headers` in `format`, to `path` or (CSV and JSON lines) stdout.
pub fn create(
    format: InputFormat,
    headers: Vec<String>,
    path: Option<&Path>,
) -> Result<Box<dyn TableWriter + Send>, WriteError> {
    let out: Box<dyn Write + Send> = match (format, path) {
        (InputFormat::Xlsx, None) => return Err(WriteError::XlsxNeedsFile),
        (InputFormat::Xlsx, Some(path)) => return Ok(Box::new(XlsxOut::new(headers, path)?)),
        (_, Some(path)) => Box::new(std::fs::File::create(path)?),
        (_, None) => Box::new(std::io::stdout()),
    };
    let out = std::io::BufWriter::with_capacity(1 << 16, out);
    Ok(match format {
        InputFormat::Jsonl => Box::new(JsonlOut { out, headers }),
        _ => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(&headers)?;
            Box::new(CsvOut { csv })
        }
    })
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

struct CsvOut {
    csv: csv::Writer<std::io::BufWriter<Box<dyn Write + Send>>>,
}

impl TableWriter for CsvOut {
    fn write_row(&mut self, cells: &[Value]) -> Result<(), WriteError> {
        for cell in cells {
            match cell {
                Value::String(s) => self.csv.write_field(s)?,
                other => self.csv.write_field(text(other))?,
            }
        }
        self.csv.write_record(None::<&[u8]>)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), WriteError> {
        self.csv.flush()?;
        Ok(())
    }
}

struct JsonlOut {
    out: std::io::BufWriter<Box<dyn Write + Send>>,
    headers: Vec<String>,
}

impl TableWriter for JsonlOut {
    fn write_row(&mut self, cells: &[Value]) -> Result<(), WriteError> {
        let object: Map<String, Value> = self
            .headers
            .iter()
            .cloned()
            .zip(cells.iter().cloned())
            .collect();
        serde_json::to_writer(&mut self.out, &object)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), WriteError> {
        self.out.flush()?;
        Ok(())
    }
}

/// A workbook written row by row in constant memory.
struct XlsxOut {
    workbook: Workbook,
    path: std::path::PathBuf,
    row: u32,
}

impl XlsxOut {
    fn new(headers: Vec<String>, path: &Path) -> Result<Self, WriteError> {
        let mut out = XlsxOut {
            workbook: Workbook::new(),
            path: path.to_path_buf(),
            row: 0,
        };
        out.workbook.add_worksheet_with_constant_memory()?;
        let headers: Vec<Value> = headers.into_iter().map(Value::String).collect();
        out.write_row(&headers)?;
        Ok(out)
    }
}

impl TableWriter for XlsxOut {
    fn write_row(&mut self, cells: &[Value]) -> Result<(), WriteError> {
        let sheet = self.workbook.worksheet_from_index(0)?;
        for (col, cell) in cells.iter().enumerate() {
            sheet.write_string(self.row, col as u16, text(cell))?;
        }
        self.row += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), WriteError> {
        self.workbook.save(&self.path)?;
        Ok(())
    }
}
