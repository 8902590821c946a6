//! A CSV file read for a few cells of each row only: for reading a file
//! ahead of its import (see [`super::scout`]), which wants the columns of a
//! row's codes and nothing else.
//!
//! The import's own reader parses every byte of every row; this one parses
//! the cells up to the last column wanted, then finds where the row ends
//! with a byte search, which on a 30-column penalty file is most of the
//! row; only the cells wanted are checked for UTF-8 and copied. Rows come numbered
//! as [`super::reader`] numbers them (the line of a row's first character;
//! CR, LF and CRLF each end a line, inside a quoted cell too; blank lines
//! are no rows), and cells as the CSV parser reads them (a cell that starts
//! with a quote runs to the quote that closes it, a doubled quote standing
//! for one; a quote further into a cell is a character like any other). A
//! row whose cells read are all blank is passed over, and a cell that is
//! not UTF-8 comes as empty: what the scout sends is a hint.

use std::io::{self, Read};

use super::reader::{ReadError, Row, RowSource, Source, Text};

/// Bytes read at a time; a row longer than what is left is read whole
/// into a buffer grown for it.
const READ_BYTES: usize = 256 * 1024;

/// The rows of a CSV file, each with the cells of a few columns.
pub(super) struct LeadingCells {
    reader: Box<dyn Read + Send>,
    delimiter: u8,
    /// Whether each column up to the last wanted is; the others come empty.
    wanted: Vec<bool>,
    headers: Vec<String>,
    label: &'static str,
    file: String,
    /// Bytes read and not yet taken: `buf[at..end]`.
    buf: Vec<u8>,
    at: usize,
    end: usize,
    /// Whether the file has been read to its end.
    ended: bool,
    /// Line breaks before `buf[at]`.
    breaks: u64,
}

/// Where a row's bytes end.
struct Found {
    /// Bytes from the row's first to the line break ending it (or the end
    /// of the file).
    len: usize,
    /// Whether a quoted cell may hold line breaks of its own.
    quoted: bool,
}

impl LeadingCells {
    /// The rows of `text`, each with the cells of `columns` (counted from
    /// 0) and an empty cell for every other column before the last of them.
    pub(super) fn open(
        source: &Source,
        text: Text,
        columns: &[usize],
    ) -> Result<LeadingCells, ReadError> {
        let mut wanted = vec![false; columns.iter().max().map_or(0, |last| last + 1)];
        for &column in columns {
            wanted[column] = true;
        }
        let mut rows = LeadingCells {
            reader: text.reader,
            delimiter: text.delimiter,
            wanted,
            headers: Vec::new(),
            label: text.label,
            file: source.to_string(),
            buf: vec![0; READ_BYTES],
            at: 0,
            end: 0,
            ended: false,
            breaks: 0,
        };
        let mut first = Row::new();
        if !rows.next_row(&mut first)? {
            return Err(ReadError::Empty { file: rows.file });
        }
        rows.headers = first.cells().map(str::to_string).collect();
        Ok(rows)
    }

    /// Reads more of the file after what is left; false at its end.
    fn fill(&mut self) -> Result<bool, ReadError> {
        if self.ended {
            return Ok(false);
        }
        self.buf.copy_within(self.at..self.end, 0);
        self.end -= self.at;
        self.at = 0;
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.ended = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(ReadError::Io {
                        file: self.file.clone(),
                        source: e,
                    });
                }
            }
        }
    }

    /// Passes over the line breaks before the next row, counting them;
    /// false at the end of the file.
    fn skip_breaks(&mut self) -> Result<bool, ReadError> {
        loop {
            while self.at < self.end {
                match self.buf[self.at] {
                    b'\n' => {}
                    // A CR followed by an LF is one break with it, counted
                    // at the LF: the byte after it has to be there.
                    b'\r' if self.at + 1 == self.end && !self.ended => break,
                    b'\r' if self.at + 1 < self.end && self.buf[self.at + 1] == b'\n' => {
                        self.at += 1;
                        continue;
                    }
                    b'\r' => {}
                    _ => return Ok(true),
                }
                self.breaks += 1;
                self.at += 1;
            }
            if !self.fill()? {
                // The end: a CR left last is a break of its own.
                if self.at < self.end {
                    self.breaks += 1;
                    self.at += 1;
                }
                return Ok(false);
            }
        }
    }
}

impl RowSource for LeadingCells {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_row(&mut self, row: &mut Row) -> Result<bool, ReadError> {
        loop {
            if !self.skip_breaks()? {
                return Ok(false);
            }
            let number = self.breaks + 1;
            let found = loop {
                row.start(number);
                let bytes = &self.buf[self.at..self.end];
                match read_row(bytes, self.ended, self.delimiter, &self.wanted, row) {
                    Some(found) => break found,
                    None => {
                        self.fill()?;
                    }
                }
            };
            let bytes = &self.buf[self.at..self.at + found.len];
            if found.quoted {
                self.breaks += line_breaks(bytes);
            }
            self.at += found.len;
            if !row.is_blank() {
                return Ok(true);
            }
        }
    }

    fn encoding_used(&self) -> &'static str {
        self.label
    }

    /// The import's own reading hashes the file; this one does not.
    fn sha256(&self) -> String {
        String::new()
    }
}

/// Reads the row at the start of `bytes` into `row`: a cell for each of
/// `wanted`, empty where it is false; `None` when the row may go on past
/// `bytes` and the file has not `ended`.
fn read_row(
    bytes: &[u8],
    ended: bool,
    delimiter: u8,
    wanted: &[bool],
    row: &mut Row,
) -> Option<Found> {
    let more = |len: usize| ended.then_some(len);
    let mut quoted = false;
    let mut at = 0;
    let mut text = Vec::new();
    for &want in wanted {
        // A cell that starts with a quote: its quoted text, then what
        // follows the closing quote up to the cell's end, quotes included.
        let opens = bytes.get(at) == Some(&b'"');
        let from = if opens {
            quoted = true;
            text.clear();
            past_quoted(bytes, at + 1, ended, want.then_some(&mut text))?
        } else {
            at
        };
        let end = match memchr::memchr3(delimiter, b'\n', b'\r', &bytes[from..]) {
            Some(end) => from + end,
            None => more(bytes.len())?,
        };
        if !want {
            row.push("");
        } else if opens {
            text.extend_from_slice(&bytes[from..end]);
            push(row, &text);
        } else {
            push(row, &bytes[at..end]);
        }
        if bytes.get(end) != Some(&delimiter) {
            return Some(Found { len: end, quoted });
        }
        at = end + 1;
    }
    // The rest of the row: only a quote opening a cell can hide a line break.
    loop {
        let Some(next) = memchr::memchr3(b'"', b'\n', b'\r', &bytes[at..]).map(|n| at + n) else {
            return more(bytes.len()).map(|len| Found { len, quoted });
        };
        if bytes[next] != b'"' {
            return Some(Found { len: next, quoted });
        }
        let opens = next == 0 || bytes[next - 1] == delimiter;
        at = next + 1;
        if !opens {
            continue;
        }
        quoted = true;
        at = past_quoted(bytes, at, ended, None)?;
        // After a closing quote, quotes are characters until the next cell.
        let Some(end) = memchr::memchr3(delimiter, b'\n', b'\r', &bytes[at..]).map(|e| at + e)
        else {
            return more(bytes.len()).map(|len| Found { len, quoted });
        };
        if bytes[end] != delimiter {
            return Some(Found { len: end, quoted });
        }
        at = end + 1;
    }
}

/// Where quoted text starting at `from`, just after its opening quote,
/// ends: just past its closing quote, or at the end of `bytes` for a quote
/// never closed in a file that has ended; `None` when more bytes are
/// needed. Its text, a doubled quote as one, goes to `text` if given.
fn past_quoted(
    bytes: &[u8],
    mut from: usize,
    ended: bool,
    mut text: Option<&mut Vec<u8>>,
) -> Option<usize> {
    let mut keep = |part: &[u8]| {
        if let Some(text) = text.as_deref_mut() {
            text.extend_from_slice(part);
        }
    };
    loop {
        let Some(quote) = memchr::memchr(b'"', &bytes[from..]).map(|q| from + q) else {
            keep(&bytes[from..]);
            return ended.then_some(bytes.len());
        };
        match bytes.get(quote + 1) {
            Some(b'"') => {
                keep(&bytes[from..=quote]);
                from = quote + 2;
            }
            Some(_) => {
                keep(&bytes[from..quote]);
                return Some(quote + 1);
            }
            None => {
                keep(&bytes[from..quote]);
                return ended.then_some(quote + 1);
            }
        }
    }
}

/// Appends a cell: its text, or nothing when it is not UTF-8.
fn push(row: &mut Row, cell: &[u8]) {
    row.push(std::str::from_utf8(cell).unwrap_or(""));
}

/// The line breaks in `bytes`, as [`super::reader`] counts them: each LF,
/// and each CR not followed by an LF.
fn line_breaks(bytes: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let lone_cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&at| bytes.get(at + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::reader::{Encoding, InputFormat, open, open_again, read_all};

    /// Gives its bytes a few at a time, as a pipe might: rows and cells
    /// cut at every place.
    struct Trickle {
        bytes: Vec<u8>,
        at: usize,
        step: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.step).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn trickled(text: &str, step: usize, columns: &[usize]) -> LeadingCells {
        let text = Text {
            reader: Box::new(Trickle {
                bytes: text.as_bytes().to_vec(),
                at: 0,
                step,
            }),
            label: "utf-8",
            utf8_why: None,
            delimiter: if text.contains('\t') { b'\t' } else { b',' },
        };
        LeadingCells::open(&Source::Stdin, text, columns).unwrap()
    }

    /// What the import's reader gives for `text`: each row numbered, with
    /// the cells of `columns` and empty ones beside them up to the last,
    /// those left blank passed over.
    fn as_the_reader_reads(
        text: &str,
        columns: &[usize],
    ) -> (Vec<String>, Vec<(u64, Vec<String>)>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        let mut rows = open(&Source::Path(path), InputFormat::Csv, Encoding::Utf8, None).unwrap();
        let last = columns.iter().max().unwrap();
        let cut = |cells: &[String]| {
            (0..=*last)
                .map(|c| match cells.get(c) {
                    Some(cell) if columns.contains(&c) => cell.clone(),
                    _ => String::new(),
                })
                .collect::<Vec<_>>()
        };
        let headers = cut(rows.headers());
        let rows = read_all(rows.as_mut())
            .into_iter()
            .map(|(number, cells)| (number, cut(&cells)))
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        (headers, rows)
    }

    /// Every non-empty set of the first four columns.
    fn column_sets() -> impl Iterator<Item = Vec<usize>> {
        (1..16u32).map(|set| (0..4).filter(|c| set & (1 << c) != 0).collect())
    }

    const TEXTS: &[&str] = &[
        "a,b,c\n1,x,p\n2,y,q\n",
        "a,b\n1,\"line one\nline two\nline three\"\n2,x\n,\n\n3,y\n",
        "\r\na,b\r\n1,x\r\n\r\n\r\n2,\"p\r\nq\"\r\n3,y\r4,z\n\n5,w",
        // Quotes: doubled, after a closing quote, inside an unquoted cell,
        // opening a skipped cell with breaks and delimiters in it.
        "a,b,c\n\"x\"\"y\",\"p\"q\"r,z\n1,a\"b,\"c\nd,e\"\"f\"\n2,\"\",\"\"\"\"\n3,x,\"\r\"\n4,y,z",
        "a,b,c,d\n1,2,\"3\n,\"\"x\"\"\n\",4\n\n5,\"\n\n\",6,7\r\n8,9,10,11\r\r12,13,14,15\n",
        "a\tb\tc\n1\t\"x\ty\"\tz\n2\t\"q\nr\"\t\"s\nt\"\n",
        // Blank leading cells, blank rows, a last row without a break, a
        // lone CR at the end.
        "a,b,c\n,,x\n ,\u{3000},\n1,2,3\r",
        "名称,代码,备注\n某公司,91110000MA01ABCD1X,\"说明，含\n换行\"\n某个体,  92110000MA01ABCD2Y  ,x\n",
    ];

    #[test]
    fn rows_come_numbered_and_cut_as_the_reader_reads_them() {
        for text in TEXTS {
            // The columns named in the header, as an import's are.
            let named = text
                .lines()
                .find(|l| !l.is_empty())
                .unwrap()
                .split([',', '\t'])
                .count();
            for columns in column_sets().filter(|set| set.iter().all(|c| *c < named)) {
                let (headers, expected) = as_the_reader_reads(text, &columns);
                for step in [1, 2, 3, 7, 64, READ_BYTES] {
                    let mut rows = trickled(text, step, &columns);
                    assert_eq!(rows.headers(), headers, "{text:?} {columns:?} {step}");
                    assert_eq!(read_all(&mut rows), expected, "{text:?} {columns:?} {step}");
                }
            }
        }
    }

    #[test]
    fn rows_longer_than_a_read_are_read_whole() {
        let long = "长".repeat(READ_BYTES);
        let text = format!("a,b,c\n1,\"{long}\n\",{long}\n2,x,\"{long}\"\n3,y,z\n");
        for columns in [&[0][..], &[1], &[0, 2], &[1, 2]] {
            let (_, expected) = as_the_reader_reads(&text, columns);
            let mut rows = trickled(&text, READ_BYTES, columns);
            assert_eq!(read_all(&mut rows), expected);
        }
    }

    #[test]
    fn a_quote_never_closed_runs_to_the_end() {
        let mut rows = trickled("a,b\n1,\"x\n2,y\n", 3, &[0, 1]);
        assert_eq!(
            read_all(&mut rows),
            [(2, vec!["1".to_string(), "x\n2,y\n".into()])]
        );
        let mut rows = trickled("a,b\n1,x,\"y\n2,z\n", 3, &[0, 1]);
        assert_eq!(
            read_all(&mut rows),
            [(2, vec!["1".to_string(), "x".into()])]
        );
    }

    #[test]
    fn a_cell_that_is_not_utf8_comes_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, b"a,b\n1,\xff\xfe\n2,x\n").unwrap();
        let source = Source::Path(path);
        let mut rows = open_again(&source, InputFormat::Csv, Encoding::Utf8, &[0, 1]).unwrap();
        assert_eq!(rows.sha256(), "");
        assert_eq!(
            read_all(rows.as_mut()),
            [
                (2, vec!["1".to_string(), String::new()]),
                (3, vec!["2".to_string(), "x".into()])
            ]
        );
    }

    #[test]
    fn gb18030_is_read_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let text = "名称,代码,说明\n某公司,91110000MA01ABCD1X,\"一，二\n三\"\n另一公司,x,y\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        std::fs::write(&path, &bytes).unwrap();
        let source = Source::Path(path);
        let mut rows = open_again(&source, InputFormat::Csv, Encoding::Auto, &[1]).unwrap();
        assert_eq!(rows.encoding_used(), "gb18030");
        assert_eq!(rows.headers(), ["", "代码"]);
        assert_eq!(
            read_all(rows.as_mut()),
            [
                (2, vec![String::new(), "91110000MA01ABCD1X".into()]),
                (4, vec![String::new(), "x".into()])
            ]
        );
    }
}
