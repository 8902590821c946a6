//! The audit chain: one event per mutating command, each hashed together with
//! the previous event's hash so that an edited, deleted or reordered event is
//! detected by `verify`.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The hash the first event chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An input file and the SHA-256 of the bytes read from it.
#[derive(Debug, Clone, Serialize)]
pub struct InputDigest {
    pub file: String,
    pub sha256: String,
}

/// What a mutating command tells the audit chain about itself.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub at: DateTime<Utc>,
    pub operator: String,
    pub command: String,
    pub arguments: Vec<String>,
    pub counts: Map<String, Value>,
    pub inputs: Vec<InputDigest>,
}

/// A stored event, as `credit audit log` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub command: String,
    pub arguments: Value,
    pub counts: Value,
    pub inputs: Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The outcome of `credit audit verify`.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub events: i64,
    pub intact: bool,
    /// The first event found edited, deleted or out of order.
    pub first_bad_event: Option<i64>,
    pub problem: Option<String>,
}

/// Appends one event inside the caller's transaction and returns its id.
pub fn append(conn: &Connection, event: &NewEvent) -> rusqlite::Result<i64> {
    let prev_hash: String = conn
        .query_row(
            "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let id: i64 = conn.query_row(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'), 0) + 1",
        [],
        |r| r.get(0),
    )?;
    let at = event.at.to_rfc3339_opts(SecondsFormat::Millis, true);
    let arguments = serde_json::to_string(&event.arguments).expect("strings serialise");
    let counts = Value::Object(event.counts.clone()).to_string();
    let inputs = serde_json::to_string(&event.inputs).expect("digests serialise");
    let hash = event_hash(
        id,
        &at,
        &event.operator,
        &event.command,
        &arguments,
        &counts,
        &inputs,
        &prev_hash,
    );
    conn.execute(
        "INSERT INTO audit_event (id, at, operator, command, arguments, counts, inputs, prev_hash, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            at,
            event.operator,
            event.command,
            arguments,
            counts,
            inputs,
            prev_hash,
            hash
        ],
    )?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn event_hash(
    id: i64,
    at: &str,
    operator: &str,
    command: &str,
    arguments: &str,
    counts: &str,
    inputs: &str,
    prev_hash: &str,
) -> String {
    let mut hasher = Sha256::new();
    // Length-prefixed fields, so that moving text from one field to the next
    // changes the hash.
    for field in [
        id.to_string().as_str(),
        at,
        operator,
        command,
        arguments,
        counts,
        inputs,
        prev_hash,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

/// Lower-case hexadecimal of a digest.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = vec![0; bytes.len() * 2];
    hex_into(bytes, &mut out);
    String::from_utf8(out).expect("hex digits")
}

/// Writes `bytes` in lower-case hex into `out`, two digits a byte.
pub fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    debug_assert_eq!(out.len(), bytes.len() * 2);
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 15)];
    }
}

struct Row {
    id: i64,
    at: String,
    operator: String,
    command: String,
    arguments: String,
    counts: String,
    inputs: String,
    prev_hash: String,
    hash: String,
}

const SELECT: &str =
    "SELECT id, at, operator, command, arguments, counts, inputs, prev_hash, hash FROM audit_event";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        command: r.get(3)?,
        arguments: r.get(4)?,
        counts: r.get(5)?,
        inputs: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
    })
}

/// Events, newest last; `limit` keeps the newest N.
pub fn log(conn: &Connection, limit: Option<usize>) -> rusqlite::Result<Vec<Event>> {
    let sql = format!(
        "SELECT * FROM ({SELECT} ORDER BY id DESC LIMIT {}) ORDER BY id",
        limit.map_or(-1, |n| n as i64)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], read_row)?;
    rows.map(|row| {
        let row = row?;
        let json = |text: &str| serde_json::from_str(text).unwrap_or(Value::String(text.into()));
        Ok(Event {
            id: row.id,
            arguments: json(&row.arguments),
            counts: json(&row.counts),
            inputs: json(&row.inputs),
            at: row.at,
            operator: row.operator,
            command: row.command,
            prev_hash: row.prev_hash,
            hash: row.hash,
        })
    })
    .collect()
}

/// Walks the chain from the first event and reports the first one that does
/// not hold: content edited, an event deleted (a gap in ids or a broken link),
/// or events reordered.
pub fn verify(conn: &Connection) -> rusqlite::Result<Verification> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut events = 0;
    let bad = |id: i64, problem: String, events: i64| Verification {
        events,
        intact: false,
        first_bad_event: Some(id),
        problem: Some(problem),
    };
    while let Some(r) = rows.next()? {
        let row = read_row(r)?;
        events += 1;
        if row.id != expected_id {
            return Ok(bad(
                expected_id,
                format!("event {expected_id} is missing (next event is {})", row.id),
                events,
            ));
        }
        if row.prev_hash != expected_prev {
            return Ok(bad(
                row.id,
                format!(
                    "event {} does not follow event {}: deleted or reordered",
                    row.id,
                    row.id - 1
                ),
                events,
            ));
        }
        let hash = event_hash(
            row.id,
            &row.at,
            &row.operator,
            &row.command,
            &row.arguments,
            &row.counts,
            &row.inputs,
            &row.prev_hash,
        );
        if hash != row.hash {
            return Ok(bad(
                row.id,
                format!("event {} was edited after it was written", row.id),
                events,
            ));
        }
        expected_prev = row.hash;
        expected_id += 1;
    }
    let issued: i64 = conn
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    if issued >= expected_id {
        return Ok(bad(
            expected_id,
            format!(
                "event {expected_id} is missing (the last {} events were deleted)",
                issued - expected_id + 1
            ),
            events,
        ));
    }
    Ok(Verification {
        events,
        intact: true,
        first_bad_event: None,
        problem: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn event(command: &str) -> NewEvent {
        NewEvent {
            at: DateTime::parse_from_rfc3339("2026-11-21T08:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            operator: "zhang".into(),
            command: command.into(),
            arguments: vec![command.into()],
            counts: Map::new(),
            inputs: vec![],
        }
    }

    fn store_with_three_events() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::init(&dir.path().join("a.db")).unwrap();
        for c in ["one", "two", "three"] {
            append(store.conn(), &event(c)).unwrap();
        }
        (dir, store)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let (_dir, store) = store_with_three_events();
        let v = verify(store.conn()).unwrap();
        assert!(v.intact);
        assert_eq!(v.events, 3);
        let log = log(store.conn(), None).unwrap();
        assert_eq!(log[0].prev_hash, GENESIS);
        assert_eq!(log[1].prev_hash, log[0].hash);
    }

    #[test]
    fn an_edited_event_is_named() {
        let (_dir, store) = store_with_three_events();
        store
            .conn()
            .execute("UPDATE audit_event SET operator = 'li' WHERE id = 2", [])
            .unwrap();
        let v = verify(store.conn()).unwrap();
        assert_eq!(v.first_bad_event, Some(2));
        assert_eq!(
            v.problem.as_deref(),
            Some("event 2 was edited after it was written")
        );
    }

    #[test]
    fn a_deleted_event_is_named() {
        let (_dir, store) = store_with_three_events();
        store
            .conn()
            .execute("DELETE FROM audit_event WHERE id = 2", [])
            .unwrap();
        assert_eq!(verify(store.conn()).unwrap().first_bad_event, Some(2));
    }

    #[test]
    fn a_deleted_last_event_is_named() {
        let (_dir, store) = store_with_three_events();
        store
            .conn()
            .execute("DELETE FROM audit_event WHERE id = 3", [])
            .unwrap();
        let v = verify(store.conn()).unwrap();
        assert_eq!(v.first_bad_event, Some(3));
    }

    #[test]
    fn swapped_events_are_named() {
        let (_dir, store) = store_with_three_events();
        // Swap the content of events 2 and 3, keeping their ids in place.
        store
            .conn()
            .execute_batch(
                "UPDATE audit_event SET id = 100 WHERE id = 2;
                 UPDATE audit_event SET id = 2 WHERE id = 3;
                 UPDATE audit_event SET id = 3 WHERE id = 100;",
            )
            .unwrap();
        assert_eq!(verify(store.conn()).unwrap().first_bad_event, Some(2));
    }
}
