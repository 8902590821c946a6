//! Subjects (信用主体) and the codes they are known by: finding the subject a
//! delivered row is about, and creating it when it is new.

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::{FixedState, RandomState};

use rusqlite::{Connection, OptionalExtension, params};

use crate::codes::normalize_name;
use crate::ingest::values::SubjectKind;
use crate::resolve::{Resolver, Status};
use crate::store::DeferredIndexes;

mod given;

use given::Given;

/// One code a subject carries: `uscc`, `org_code`, `reg_no`, `tax_no`,
/// `resident_id`, `institution_no`, `social_org_no`, or an identity document
/// kind (`passport`, `hk_macao_permit`, `taiwan_permit`, `foreign_permanent_resident`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub kind: &'static str,
    pub value: String,
}

/// Every identifier kind, most specific first: the order a query by code
/// tries them in.
const IDENTIFIER_KINDS: &[&str] = &[
    "uscc",
    "resident_id",
    "org_code",
    "reg_no",
    "tax_no",
    "institution_no",
    "social_org_no",
    "passport",
    "hk_macao_permit",
    "taiwan_permit",
    "foreign_permanent_resident",
];

/// A subject as a row describes it.
#[derive(Debug, Clone)]
pub struct SubjectFacts<'a> {
    pub kind: SubjectKind,
    pub name: &'a str,
    /// Most authoritative first: the USCC or resident identity number leads.
    pub identifiers: &'a [Identifier],
    pub legal_rep: Option<&'a str>,
    pub division: Option<&'a str>,
}

/// The subject a row was linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked {
    pub id: i64,
    pub created: bool,
    /// Whether linking wrote anything of the subject: created it, renamed
    /// it, or gave it a code it did not carry.
    pub changed: bool,
}

/// What became of a code given to a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gift {
    /// The subject carries it now, and did not before.
    Added,
    /// The subject carried it already.
    Held,
    /// Another subject carries it, and keeps it.
    Elsewhere,
}

impl Gift {
    fn carried(self) -> bool {
        self != Gift::Elsewhere
    }
}

/// Links rows to subjects within one transaction, remembering what it has
/// seen so that a file naming the same subject many times looks it up once.
pub struct Linker<'c> {
    conn: &'c Connection,
    resolver: Resolver<'c>,
    /// Code → (subject id, hash of its current name), or [`ABSENT`] for a
    /// code [`prefetch`](Self::prefetch) found in no subject: 32 bytes a
    /// code, so that a province's subjects fit. A code given to a subject
    /// since is remembered as that subject's in its place.
    known: HashMap<CodeKey, (i64, u64), RandomState>,
    /// Whether `known` holds every code in the store that packs into a key:
    /// then a code it lacks is not in the store, and needs no look-up.
    complete: bool,
    /// [`OCCASIONAL_INDEXES`], while a large import has them set aside.
    set_aside: Option<DeferredIndexes>,
    /// Codes given to subjects and not yet written, while a large import
    /// has indexes set aside: each one known to be in no subject, written
    /// in the index's order before anything reads the store's codes.
    unwritten: Vec<(CodeKey, i64)>,
    /// The day the unwritten codes were given.
    given_on: String,
    /// Buffers [`prefetch`](Self::prefetch) uses again: the codes wanted,
    /// and those found with their subjects.
    keys: Vec<CodeKey>,
    /// The codes wanted, as their places in the index's order, for sorting.
    orders: Vec<u128>,
    /// For each of a window's codes, whether the cache lacks it, then
    /// whether the codes given hold it.
    lacks: Vec<bool>,
    found: Vec<(i64, u32)>,
    /// Every code given since the linker began, with its subject and name,
    /// for [`prefetch`](Self::prefetch) to find after the cache has started
    /// over; and the store's codes before that, when they were few enough
    /// to load.
    given: Given,
    /// Whether `given` holds every code in the store that packs into a key:
    /// then [`prefetch`](Self::prefetch) reads no code from the store.
    given_all: bool,
}

/// Indexes of subject codes that linking reads only now and then: the
/// organization codes inside USCCs, for a row naming its subject by
/// organization code alone, and each subject's codes, for an old code that
/// another subject carries. Every new code goes into both at a random
/// place, which in a large import costs a page read and a page write each
/// time; set aside, they are built once, before the first read of either or
/// at the end.
const OCCASIONAL_INDEXES: &[&str] = &[
    "subject_identifier_embedded_org_code",
    "subject_identifier_by_subject",
];

/// What the cache holds for a code no subject carries: no subject has this id.
const ABSENT: (i64, u64) = (i64::MIN, 0);

/// Past this many cached codes the cache starts over, so memory stays bounded
/// whatever the file size. It is the most a hash table of 2^18 slots holds
/// before it doubles: the table is made that size once (8.7 MB, 33 bytes a
/// slot) and is emptied, never grown, so no second table is ever built
/// beside it.
pub const CACHE_LIMIT: usize = 229_376;
/// A store holding at most this many codes has all of them loaded into the
/// cache up front (half the limit, so that an import has room to add its own).
pub const PRELOAD_LIMIT: usize = CACHE_LIMIT / 2;
/// Codes given and not yet written are written once this many wait.
const UNWRITTEN_LIMIT: usize = 16_384;

/// A code as the cache keeps it: its kind and its characters, when they are
/// at most 20 of 0-9 and A-Z (every USCC, organization code, registration
/// number and resident identity number), packed into 128 bits. Other codes
/// are looked up in the store each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeKey(u128);

/// A code unpacked from its [`CodeKey`], without allocating.
struct Code {
    kind: &'static str,
    len: usize,
    bytes: [u8; 20],
}

impl Code {
    fn value(&self) -> &str {
        // Only 0-9 and A-Z are ever packed.
        std::str::from_utf8(&self.bytes[..self.len]).expect("ASCII")
    }
}

// The kind's position (plus one) leads a key in 4 bits.
const _: () = assert!(IDENTIFIER_KINDS.len() < 16);

impl CodeKey {
    /// The key of a code that packs into one.
    pub fn of(identifier: &Identifier) -> Option<CodeKey> {
        CodeKey::new(identifier.kind, &identifier.value)
    }

    /// The key of a code of `kind`, if it packs into one.
    pub fn new(kind: &str, value: &str) -> Option<CodeKey> {
        let kind = IDENTIFIER_KINDS.iter().position(|k| *k == kind)?;
        let value = value.as_bytes();
        if value.len() > 20 {
            return None;
        }
        // 4 bits of kind, then 6 bits a character, none of them zero: two
        // different codes never share a key.
        let mut key = kind as u128 + 1;
        for &b in value {
            let digit = match b {
                b'0'..=b'9' => b - b'0' + 1,
                b'A'..=b'Z' => b - b'A' + 11,
                _ => return None,
            };
            key = key << 6 | u128::from(digit);
        }
        Some(CodeKey(key))
    }

    /// A key sorting as the store's index of codes does: by kind name, then
    /// by value, a shorter value before the longer ones it begins.
    fn index_order(self) -> u128 {
        // Each character is 6 bits above the kind's 4 or fewer.
        let chars = (127 - self.0.leading_zeros()) / 6;
        let kind = (self.0 >> (6 * chars)) as usize - 1;
        let value = self.0 & ((1u128 << (6 * chars)) - 1);
        // Characters are never zero: padding with zeros sorts a value
        // before those it begins.
        u128::from(KIND_RANKS[kind]) << 120 | value << (6 * (20 - chars))
    }

    /// The key whose [`index_order`](Self::index_order) is `order`.
    fn from_index_order(order: u128) -> CodeKey {
        let rank = (order >> 120) as u8;
        let kind = KIND_RANKS
            .iter()
            .position(|r| *r == rank)
            .expect("a kind's rank");
        let value = order & ((1u128 << 120) - 1);
        // Characters are never zero: the zeros below them are padding.
        let chars = 20 - value.trailing_zeros().min(120) / 6;
        let value = value.checked_shr(6 * (20 - chars)).unwrap_or(0);
        CodeKey((kind as u128 + 1) << (6 * chars) | value)
    }

    /// The code a key was packed from.
    fn code(self) -> Code {
        let mut key = self.0;
        let mut bytes = [0u8; 20];
        let mut len = 0;
        // Each character is 6 bits; what is left below 64 is the kind.
        while key >= 64 {
            let digit = (key & 63) as u8;
            bytes[len] = if digit <= 10 {
                b'0' + digit - 1
            } else {
                b'A' + digit - 11
            };
            len += 1;
            key >>= 6;
        }
        bytes[..len].reverse();
        Code {
            kind: IDENTIFIER_KINDS[key as usize - 1],
            len,
            bytes,
        }
    }
}

/// Where each of [`IDENTIFIER_KINDS`] comes when their names are sorted.
const KIND_RANKS: [u8; IDENTIFIER_KINDS.len()] = {
    const fn before(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let mut i = 0;
        while i < a.len() && i < b.len() {
            if a[i] != b[i] {
                return a[i] < b[i];
            }
            i += 1;
        }
        a.len() < b.len()
    }
    let mut ranks = [0; IDENTIFIER_KINDS.len()];
    let mut i = 0;
    while i < ranks.len() {
        let mut j = 0;
        while j < ranks.len() {
            if before(IDENTIFIER_KINDS[j], IDENTIFIER_KINDS[i]) {
                ranks[i] += 1;
            }
            j += 1;
        }
        i += 1;
    }
    ranks
};

fn name_hash(name: &str) -> u64 {
    FixedState::default().hash_one(name)
}

impl<'c> Linker<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Linker<'c>> {
        Linker::preloading(conn, PRELOAD_LIMIT)
    }

    /// A linker that loads every code of the store into its cache when the
    /// store holds at most `limit` of them.
    pub(crate) fn preloading(conn: &'c Connection, limit: usize) -> rusqlite::Result<Linker<'c>> {
        let mut linker = Linker {
            conn,
            resolver: Resolver::new(conn)?,
            known: HashMap::with_capacity_and_hasher(CACHE_LIMIT, RandomState::default()),
            complete: false,
            set_aside: None,
            unwritten: Vec::new(),
            given_on: String::new(),
            keys: Vec::new(),
            orders: Vec::new(),
            lacks: Vec::new(),
            found: Vec::new(),
            given: Given::default(),
            given_all: false,
        };
        // Counted no further than the limit: a large store is not scanned.
        let over = i64::try_from(limit).unwrap_or(i64::MAX - 1) + 1;
        let held: i64 = conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM subject_identifier LIMIT ?1)",
            [over],
            |r| r.get(0),
        )?;
        if held < over {
            let mut stmt = conn.prepare(
                "SELECT i.kind, i.value, i.subject_id, s.name \
                 FROM subject_identifier i JOIN subject s ON s.id = i.subject_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let kind = row.get_ref(0)?.as_str()?;
                let value = row.get_ref(1)?.as_str()?;
                if let Some(key) = CodeKey::new(kind, value) {
                    let name = name_hash(row.get_ref(3)?.as_str()?);
                    let id = row.get(2)?;
                    linker.known.insert(key, (id, name));
                    linker.given.add(key.index_order(), id, name, false)?;
                }
            }
            linker.complete = true;
            linker.given_all = true;
        }
        Ok(linker)
    }

    /// The subject carrying the first of `facts.identifiers` the store knows,
    /// updated with the row's name and any codes it lacks; else, when the row
    /// has only old codes and one resolves, the subject with that USCC (the
    /// USCC is added to the row's codes); else a new subject.
    pub fn link(&mut self, facts: &SubjectFacts<'_>, today: &str) -> rusqlite::Result<Linked> {
        let conn = self.conn;
        let mut found = None;
        let row_uscc = facts.identifiers.iter().find(|i| i.kind == "uscc");
        for identifier in facts.identifiers {
            if let Some(hit) = self.lookup(conn, identifier)? {
                // An old code shared with a subject that has another USCC
                // does not make them one subject.
                if let Some(uscc) = row_uscc
                    && identifier.kind != "uscc"
                    && self.usccs_of(hit.0)?.iter().any(|u| *u != uscc.value)
                {
                    continue;
                }
                found = Some(hit);
                break;
            }
        }
        let resolved;
        let mut facts = facts.clone();
        if found.is_none()
            && let Some(uscc) = self.resolve_old_codes(facts.identifiers)?
        {
            let identifier = Identifier {
                kind: "uscc",
                value: uscc,
            };
            found = self.lookup(conn, &identifier)?;
            let mut all = vec![identifier];
            all.extend_from_slice(facts.identifiers);
            resolved = all;
            facts.identifiers = &resolved;
        }
        let facts = &facts;
        match found {
            Some((id, current_name)) => {
                let renamed = current_name != name_hash(facts.name);
                let mut name = current_name;
                let mut changed = false;
                if renamed && !facts.name.is_empty() {
                    rename(conn, id, facts.name, today)?;
                    name = name_hash(facts.name);
                    self.given.rename(id, name)?;
                    changed = true;
                }
                let mut new_facts = renamed;
                let mut own = Vec::with_capacity(facts.identifiers.len());
                for identifier in facts.identifiers {
                    if self
                        .cached(identifier)
                        .is_some_and(|(owner, _)| *owner == id)
                    {
                        own.push(identifier);
                        continue;
                    }
                    new_facts = true;
                    // A code another subject already carries stays with it,
                    // and is not remembered as this subject's.
                    let gift = self.give(id, identifier, name, today)?;
                    if gift.carried() {
                        own.push(identifier);
                    }
                    changed |= gift == Gift::Added;
                }
                if new_facts {
                    self.remember(&own, id, facts.name);
                }
                Ok(Linked {
                    id,
                    created: false,
                    changed,
                })
            }
            None => {
                let id = create(conn, facts, today)?;
                let name = name_hash(facts.name);
                let mut own = Vec::with_capacity(facts.identifiers.len());
                for identifier in facts.identifiers {
                    if self.give(id, identifier, name, today)?.carried() {
                        own.push(identifier);
                    }
                }
                self.remember(&own, id, facts.name);
                Ok(Linked {
                    id,
                    created: true,
                    changed: true,
                })
            }
        }
    }

    /// Sets [`OCCASIONAL_INDEXES`] aside until linking reads one of them or
    /// [`into_set_aside`](Self::into_set_aside) hands them back.
    pub fn set_indexes_aside(&mut self) -> rusqlite::Result<()> {
        if self.set_aside.is_none() {
            self.set_aside = Some(DeferredIndexes::set_aside(self.conn, OCCASIONAL_INDEXES)?);
        }
        Ok(())
    }

    /// Ends linking, with every code written; the indexes still set aside,
    /// for the caller to build before the transaction commits.
    pub fn into_set_aside(mut self) -> rusqlite::Result<Option<DeferredIndexes>> {
        self.write_codes()?;
        Ok(self.set_aside)
    }

    /// Builds [`OCCASIONAL_INDEXES`] again if they were set aside.
    fn need_indexes(&mut self) -> rusqlite::Result<()> {
        self.write_codes()?;
        match self.set_aside.take() {
            Some(set_aside) => set_aside.rebuild(self.conn),
            None => Ok(()),
        }
    }

    /// Gives a code to subject `id`, telling what became of it; a code
    /// another subject already carries is left with that subject. While a
    /// large import has indexes set aside, a code the cache knows to be in
    /// no subject is written later, with the others, in the index's order:
    /// inserted where they fall, one at a time, new codes would each read
    /// and dirty a page at random once the codes outgrow the page cache.
    fn give(
        &mut self,
        id: i64,
        identifier: &Identifier,
        name: u64,
        today: &str,
    ) -> rusqlite::Result<Gift> {
        let key = CodeKey::of(identifier);
        if let Some(key) = key {
            let absent = match self.known.get(&key) {
                Some(&ABSENT) => true,
                Some((owner, _)) if *owner == id => return Ok(Gift::Held),
                Some(_) => return Ok(Gift::Elsewhere),
                None => self.complete,
            };
            if self.set_aside.is_some() && absent {
                if self.given_on != today {
                    self.write_codes()?;
                    self.given_on = today.to_string();
                }
                if self.given_all {
                    // Written with the others when something reads the codes.
                    self.given.add(key.index_order(), id, name, true)?;
                } else {
                    if self.unwritten.len() >= UNWRITTEN_LIMIT {
                        self.write_codes()?;
                    }
                    self.unwritten.push((key, id));
                    self.given.add(key.index_order(), id, name, false)?;
                }
                return Ok(Gift::Added);
            }
            // The codes waiting are all such keys: a code that is not one
            // is never among them.
            self.write_codes()?;
        }
        if add_identifier(self.conn, id, identifier, today)? {
            if let Some(key) = key {
                self.given.add(key.index_order(), id, name, false)?;
            }
            return Ok(Gift::Added);
        }
        Ok(
            if find(self.conn, identifier.kind, &identifier.value)? == Some(id) {
                Gift::Held
            } else {
                Gift::Elsewhere
            },
        )
    }

    /// Writes the codes given and not yet written, in the index's order,
    /// so that each page of the index is read and written once for all of
    /// them. Called before anything reads the store's codes.
    fn write_codes(&mut self) -> rusqlite::Result<()> {
        if !self.unwritten.is_empty() {
            write_codes_with(
                self.conn,
                &mut self.unwritten,
                &self.given_on,
                &[],
                |_, _| Ok(()),
            )?;
        }
        if self.given.any_unwritten() {
            let mut insert = insert_new_code(self.conn)?;
            let given_on = &self.given_on;
            self.given.write_unwritten(|order, id| {
                insert(CodeKey::from_index_order(order), id, given_on)
            })?;
        }
        Ok(())
    }

    /// The USCCs a subject carries (one, unless the store was fed
    /// conflicting data).
    fn usccs_of(&mut self, subject_id: i64) -> rusqlite::Result<Vec<String>> {
        self.need_indexes()?;
        self.conn
            .prepare_cached(
                "SELECT value FROM subject_identifier WHERE subject_id = ?1 AND kind = 'uscc'",
            )?
            .query_map([subject_id], |r| r.get(0))?
            .collect()
    }

    /// The one USCC a row's old codes resolve to, when it carries no USCC.
    fn resolve_old_codes(
        &mut self,
        identifiers: &[Identifier],
    ) -> rusqlite::Result<Option<String>> {
        if identifiers.iter().any(|i| i.kind == "uscc") {
            return Ok(None);
        }
        // Of the old codes, only an organization code is looked for inside
        // the store's USCCs (Resolver::resolve_checked), and the indexes
        // that needs are built with every code written. Otherwise the store's
        // codes give the resolver only the names of the USCCs it finds,
        // which linking does not use: codes not yet written change nothing.
        if identifiers.iter().any(|i| i.kind == "org_code") {
            self.need_indexes()?;
        }
        let mut uscc = None;
        for identifier in identifiers {
            if !matches!(identifier.kind, "org_code" | "reg_no" | "tax_no") {
                continue;
            }
            let r = self.resolver.resolve(&identifier.value, None)?;
            match (r.status, r.uscc) {
                (Status::Resolved, Some(found)) => match &uscc {
                    None => uscc = Some(found),
                    Some(earlier) if *earlier == found => {}
                    // The codes disagree: not for an import to decide.
                    Some(_) => return Ok(None),
                },
                (Status::Ambiguous, _) => return Ok(None),
                _ => {}
            }
        }
        Ok(uscc)
    }

    fn lookup(
        &mut self,
        conn: &Connection,
        identifier: &Identifier,
    ) -> rusqlite::Result<Option<(i64, u64)>> {
        if let Some(key) = CodeKey::of(identifier) {
            match self.known.get(&key) {
                Some(&ABSENT) => return Ok(None),
                Some(hit) => return Ok(Some(*hit)),
                None if self.complete => return Ok(None),
                None => {}
            }
            // The codes waiting are all keys: another code is never among them.
            self.write_codes()?;
        }
        conn.prepare_cached(
            "SELECT s.id, s.name FROM subject_identifier i JOIN subject s ON s.id = i.subject_id \
             WHERE i.kind = ?1 AND i.value = ?2",
        )?
        .query_row(params![identifier.kind, identifier.value], |r| {
            Ok((r.get(0)?, name_hash(r.get_ref(1)?.as_str()?)))
        })
        .optional()
    }

    /// Whether every code in the store is in the cache, so that linking
    /// looks none up and [`prefetch`](Self::prefetch) has nothing to do.
    pub fn knows_all(&self) -> bool {
        self.complete
    }

    /// Empties the cache in place (its slots are reused).
    fn forget(&mut self) {
        self.known.clear();
        self.complete = false;
    }

    /// Looks up every code of `rows` the cache lacks, before the rows are
    /// linked one by one: sorted as the store's index of codes is, and the
    /// subjects found by id, so that each page of either is read once for
    /// all the codes on it rather than once for each. A file naming more
    /// subjects than the cache holds would otherwise read a page at random
    /// for almost every row. What it finds, subject or none, is what a
    /// look-up of each code at this point would find, and the rows then
    /// change the store only through [`link`](Self::link), which keeps the
    /// cache up to date: linking gives the same result as without it.
    pub fn prefetch<'r>(
        &mut self,
        rows: impl Iterator<Item = &'r [Identifier]>,
    ) -> rusqlite::Result<()> {
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        keys.extend(rows.flatten().filter_map(CodeKey::of));
        let prefetched = self.prefetch_codes(&mut keys);
        self.keys = keys;
        prefetched
    }

    /// [`prefetch`](Self::prefetch) for codes already packed into keys, as
    /// [`crate::ingest::scout`] reads them ahead of the rows; `keys` is left
    /// sorted and thinned, only for its buffer to be used again.
    pub fn prefetch_codes(&mut self, keys: &mut Vec<CodeKey>) -> rusqlite::Result<()> {
        if self.complete {
            return Ok(());
        }
        // In the index's order (two codes never share a place in it), so
        // that repeats are side by side and the look-ups below go in order;
        // each key's place worked out once rather than at every comparison.
        let mut orders = std::mem::take(&mut self.orders);
        orders.clear();
        orders.extend(keys.iter().map(|key| key.index_order()));
        orders.sort_unstable();
        orders.dedup();
        keys.clear();
        keys.extend(orders.iter().map(|&order| CodeKey::from_index_order(order)));
        self.orders = orders;
        // Each key is looked for in the cache once, and each one lacking
        // is put in it once, found or not.
        let mut lacks = std::mem::take(&mut self.lacks);
        lacks.clear();
        lacks.extend(keys.iter().map(|key| !self.known.contains_key(key)));
        let lacking = lacks.iter().filter(|lacks| **lacks).count();
        // Room for every code of the rows, those found and those the rows
        // will add, so that the cache does not start over among them.
        if self.known.len() + 2 * lacking > CACHE_LIMIT {
            self.forget();
            lacks.fill(true);
        }
        keep_marked(keys, &lacks, true);

        // First among the codes given, which is every code in the store
        // when `given_all`.
        let known = &mut self.known;
        let given = &mut lacks;
        given.clear();
        given.resize(keys.len(), false);
        self.given
            .look_up(keys.iter().map(|key| key.index_order()), |at, id, name| {
                known.insert(keys[at], (id, name));
                given[at] = true;
            })?;
        keep_marked(keys, given, false);
        self.lacks = lacks;
        if self.given_all {
            for &key in keys.iter() {
                self.known.insert(key, ABSENT);
            }
            return Ok(());
        }

        // Then in the store. The codes not yet written are written on the
        // same pass over the index, each before the look-ups that sort after
        // it (none of them is among the keys, all of them being given).
        let conn = self.conn;
        let mut found = std::mem::take(&mut self.found);
        found.clear();
        let known = &mut self.known;
        write_codes_with(
            conn,
            &mut self.unwritten,
            &self.given_on,
            keys,
            |at, key| {
                let code = key.code();
                match find(conn, code.kind, code.value())? {
                    // The key by its place in `keys`: half the room.
                    Some(id) => found.push((id, at as u32)),
                    None => {
                        known.insert(key, ABSENT);
                    }
                }
                Ok(())
            },
        )?;
        found.sort_unstable_by_key(|(id, _)| *id);
        let mut name_of = self
            .conn
            .prepare_cached("SELECT name FROM subject WHERE id = ?1")?;
        let mut last = None;
        for &(id, at) in &found {
            let key = keys[at as usize];
            let name = match last {
                Some((same, name)) if same == id => name,
                _ => name_of
                    .query_row([id], |r| Ok(name_hash(r.get_ref(0)?.as_str()?)))
                    .optional()?,
            };
            last = Some((id, name));
            match name {
                Some(name) => {
                    self.known.insert(key, (id, name));
                }
                // A code whose subject is gone, which only a damaged store
                // holds: as `lookup` joining the two finds no subject.
                None => {
                    self.known.insert(key, ABSENT);
                }
            }
        }
        self.found = found;
        Ok(())
    }

    fn cached(&self, identifier: &Identifier) -> Option<&(i64, u64)> {
        self.known.get(&CodeKey::of(identifier)?)
    }

    fn remember(&mut self, identifiers: &[&Identifier], id: i64, name: &str) {
        if self.known.len() + identifiers.len() > CACHE_LIMIT {
            self.forget();
        }
        let name = name_hash(name);
        for key in identifiers.iter().filter_map(|i| CodeKey::of(i)) {
            self.known.insert(key, (id, name));
        }
    }
}

/// Keeps the keys whose mark is `keep`, `marks` going with `keys` one for one.
fn keep_marked(keys: &mut Vec<CodeKey>, marks: &[bool], keep: bool) {
    let mut marks = marks.iter();
    keys.retain(|_| marks.next() == Some(&keep));
}

/// Writes the codes `unwritten` (given on `given_on`) as
/// [`Linker::write_codes`] does, handing `keys` (sorted in the index's
/// order) to `look_up` on the way, each once every code that sorts before
/// it or with it is written: one pass over the index's pages both reads
/// and writes them.
fn write_codes_with(
    conn: &Connection,
    unwritten: &mut Vec<(CodeKey, i64)>,
    given_on: &str,
    keys: &[CodeKey],
    mut look_up: impl FnMut(usize, CodeKey) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    unwritten.sort_unstable_by_key(|(key, _)| key.index_order());
    let mut insert = insert_new_code(conn)?;
    let mut unwritten = unwritten.drain(..).peekable();
    for at in 0..=keys.len() {
        let before = keys.get(at).map_or(u128::MAX, |key| key.index_order());
        while let Some((key, id)) = unwritten.next_if(|(key, _)| key.index_order() <= before) {
            insert(key, id, given_on)?;
        }
        if let Some(&key) = keys.get(at) {
            look_up(at, key)?;
        }
    }
    Ok(())
}

/// Writes a code known to be new, given to a subject on a day.
fn insert_new_code(
    conn: &Connection,
) -> rusqlite::Result<impl FnMut(CodeKey, i64, &str) -> rusqlite::Result<()>> {
    // OR IGNORE, as a statement that cannot fail needs no journal of
    // its own; but each code was known to be new, and one already there
    // would be a fault in the cache: it fails the import.
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO subject_identifier (kind, value, subject_id, added_on) VALUES (?1, ?2, ?3, ?4)",
    )?;
    Ok(move |key: CodeKey, id: i64, given_on: &str| {
        let code = key.code();
        if insert.execute(params![code.kind, code.value(), id, given_on])? == 0 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
                Some(format!(
                    "{} {} was given to subject {id} as new, but a subject already carries it",
                    code.kind,
                    code.value()
                )),
            ));
        }
        Ok(())
    })
}

/// A failure of the linker's temporary file, as the store's own would be.
fn temporary_file(e: std::io::Error) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
        Some(format!("temporary file of the codes given: {e}")),
    )
}

/// A new subject with its name, and none of its codes yet.
fn create(conn: &Connection, facts: &SubjectFacts<'_>, today: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO subject (kind, name, legal_rep, division, created_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        facts.kind.as_str(),
        facts.name,
        facts.legal_rep,
        facts.division,
        today
    ])?;
    let id = conn.last_insert_rowid();
    add_name(conn, id, facts.name, today)?;
    Ok(id)
}

/// Adds a code to a subject, telling whether it was new; a code another
/// subject already carries is left with that subject.
fn add_identifier(
    conn: &Connection,
    subject_id: i64,
    identifier: &Identifier,
    today: &str,
) -> rusqlite::Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO subject_identifier (kind, value, subject_id, added_on) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![identifier.kind, identifier.value, subject_id, today])?;
    Ok(added == 1)
}

/// Adds a name to a subject's names, telling whether it was new.
fn add_name(conn: &Connection, subject_id: i64, name: &str, today: &str) -> rusqlite::Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO subject_name (subject_id, name, normalized, first_seen) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![subject_id, name, normalize_name(name), today])?;
    Ok(added == 1)
}

/// The latest name delivered becomes the subject's name; every earlier one
/// stays in `subject_name` as a former name.
fn rename(conn: &Connection, subject_id: i64, name: &str, today: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE subject SET name = ?2 WHERE id = ?1")?
        .execute(params![subject_id, name])?;
    add_name(conn, subject_id, name, today)?;
    Ok(())
}

/// Sets the register's legal representative and division on a subject,
/// telling whether either changed.
pub fn update_register_facts(
    conn: &Connection,
    subject_id: i64,
    legal_rep: Option<&str>,
    division: Option<&str>,
) -> rusqlite::Result<bool> {
    let changed = conn
        .prepare_cached(
            "UPDATE subject SET legal_rep = coalesce(?2, legal_rep), division = coalesce(?3, division) \
             WHERE id = ?1 AND (legal_rep IS NOT coalesce(?2, legal_rep) OR division IS NOT coalesce(?3, division))",
        )?
        .execute(params![subject_id, legal_rep, division])?;
    Ok(changed == 1)
}

/// Records a former name delivered by the register, telling whether the
/// subject had not carried it.
pub fn add_former_name(
    conn: &Connection,
    subject_id: i64,
    name: &str,
    today: &str,
) -> rusqlite::Result<bool> {
    add_name(conn, subject_id, name, today)
}

/// The subject carrying this code.
pub fn find(conn: &Connection, kind: &str, value: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT subject_id FROM subject_identifier WHERE kind = ?1 AND value = ?2")?
        .query_row(params![kind, value], |r| r.get(0))
        .optional()
}

/// A subject as `credit subject show` presents it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SubjectView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub legal_rep: Option<String>,
    pub division: Option<String>,
    pub created_on: String,
    pub merged_into: Option<i64>,
    pub identifiers: Vec<IdentifierView>,
    pub former_names: Vec<String>,
}

/// One stored code of a subject.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IdentifierView {
    pub kind: String,
    pub value: String,
}

/// Subjects matching `query`: any code they carry (normalised first), else
/// their current or a former name (full-width, brackets and spaces folded).
pub fn search(conn: &Connection, query: &str) -> rusqlite::Result<Vec<i64>> {
    let code = crate::codes::normalize(query).value;
    let mut ids = Vec::new();
    for kind in IDENTIFIER_KINDS {
        for value in [code.as_str(), query.trim()] {
            if let Some(id) = find(conn, kind, value)?
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
    }
    if ids.is_empty() {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT subject_id FROM subject_name WHERE normalized = ?1 ORDER BY subject_id",
        )?;
        ids = stmt
            .query_map([normalize_name(query)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(ids)
}

/// The subject with this id, its codes and its former names.
pub fn view(conn: &Connection, subject_id: i64) -> rusqlite::Result<SubjectView> {
    let mut subject = conn.query_row(
        "SELECT id, kind, name, legal_rep, division, created_on, merged_into FROM subject WHERE id = ?1",
        [subject_id],
        |r| {
            Ok(SubjectView {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                legal_rep: r.get(3)?,
                division: r.get(4)?,
                created_on: r.get(5)?,
                merged_into: r.get(6)?,
                identifiers: Vec::new(),
                former_names: Vec::new(),
            })
        },
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value FROM subject_identifier WHERE subject_id = ?1 \
         ORDER BY CASE kind WHEN 'uscc' THEN 0 WHEN 'resident_id' THEN 1 ELSE 2 END, kind, value",
    )?;
    subject.identifiers = stmt
        .query_map([subject_id], |r| {
            Ok(IdentifierView {
                kind: r.get(0)?,
                value: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM subject_name WHERE subject_id = ?1 AND name <> ?2 ORDER BY first_seen, name",
    )?;
    subject.former_names = stmt
        .query_map(params![subject_id, subject.name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(subject)
}

/// Identity document kinds of natural persons, whose numbers are masked.
pub const PERSONAL_KINDS: &[&str] = &[
    "resident_id",
    "passport",
    "hk_macao_permit",
    "taiwan_permit",
    "foreign_permanent_resident",
];

/// An identity number with the birth month and day (positions 11–14 of a
/// resident identity number) hidden; other documents keep only their first
/// two and last two characters.
pub fn mask_identity_number(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() == 18 {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if (10..14).contains(&i) { '*' } else { *c })
            .collect()
    } else if chars.len() > 4 {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i < 2 || i >= chars.len() - 2 {
                    *c
                } else {
                    '*'
                }
            })
            .collect()
    } else {
        "*".repeat(chars.len())
    }
}

/// Masks the personal identity numbers of a subject view.
pub fn mask_view(subject: &mut SubjectView) {
    for id in &mut subject.identifiers {
        if PERSONAL_KINDS.contains(&id.kind.as_str()) {
            id.value = mask_identity_number(&id.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(kind: &'static str, value: &str) -> Option<CodeKey> {
        CodeKey::of(&Identifier {
            kind,
            value: value.into(),
        })
    }

    #[test]
    fn cache_keys_tell_every_code_apart() {
        let uscc = key("uscc", "91110108551385082Q").unwrap();
        assert_eq!(key("uscc", "91110108551385082Q"), Some(uscc));
        assert_ne!(key("tax_no", "91110108551385082Q"), Some(uscc));
        assert_ne!(key("uscc", "91110108551385082R"), Some(uscc));
        // Leading zeros and lengths count.
        assert_ne!(key("reg_no", "0123"), key("reg_no", "123"));
        assert_ne!(key("reg_no", "10"), key("reg_no", "1"));
        assert!(
            key("passport", "E12345678901234567890").is_none(),
            "21 characters"
        );
        assert!(
            key("passport", "E1234567890123456789").is_some(),
            "20 characters"
        );
        assert!(key("institution_no", "事证第110000001234号").is_none());
        assert!(key("uscc", "9111010855138508-Q").is_none());
        assert!(key("unknown_kind", "1").is_none());
    }

    #[test]
    fn keys_sort_as_the_store_s_index_of_codes_does() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE c (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID",
        )
        .unwrap();
        let values = [
            "",
            "0",
            "00",
            "01",
            "1",
            "10",
            "9",
            "A",
            "A0",
            "Z",
            "ZZ",
            "9111010855138508",
            "91110108551385082Q",
            "E1234567890123456789",
        ];
        let mut keys = Vec::new();
        for kind in IDENTIFIER_KINDS {
            for value in values {
                conn.execute("INSERT INTO c VALUES (?1, ?2)", [kind, value])
                    .unwrap();
                keys.push(key(kind, value).unwrap());
            }
        }
        keys.reverse();
        keys.sort_unstable_by_key(|k| k.index_order());
        let sorted: Vec<(String, String)> = keys
            .iter()
            .map(|k| {
                let code = k.code();
                (code.kind.to_string(), code.value().to_string())
            })
            .collect();
        let stored: Vec<(String, String)> = pairs(&conn, "SELECT kind, value FROM c");
        assert_eq!(sorted, stored);
    }

    #[test]
    fn a_key_gives_back_the_code_it_was_packed_from() {
        for kind in IDENTIFIER_KINDS {
            for value in ["91110108551385082Q", "0", "Z", "", "E1234567890123456789"] {
                let code = key(kind, value).unwrap().code();
                assert_eq!((code.kind, code.value()), (*kind, value));
            }
        }
    }

    #[test]
    fn a_key_comes_back_from_its_place_in_the_index_s_order() {
        for kind in IDENTIFIER_KINDS {
            for value in [
                "91110108551385082Q",
                "0",
                "1",
                "Z",
                "",
                "10",
                "E1234567890123456789",
            ] {
                let key = key(kind, value).unwrap();
                assert_eq!(
                    CodeKey::from_index_order(key.index_order()),
                    key,
                    "{kind} {value}"
                );
            }
        }
    }

    /// A legal person's name and codes, as a row delivers them.
    fn legal<'a>(name: &'a str, identifiers: &'a [Identifier]) -> SubjectFacts<'a> {
        SubjectFacts {
            kind: SubjectKind::Legal,
            name,
            identifiers,
            legal_rep: None,
            division: None,
        }
    }

    /// The two columns of every row `sql` selects.
    fn pairs<A: rusqlite::types::FromSql, B: rusqlite::types::FromSql>(
        conn: &Connection,
        sql: &str,
    ) -> Vec<(A, B)> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A new store in a directory of its own, which lives as long as it is kept.
    fn new_store() -> (tempfile::TempDir, crate::store::Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = crate::store::Store::init(&dir.path().join("s.db")).unwrap();
        (dir, store)
    }

    fn code(kind: &'static str, value: &str) -> Identifier {
        Identifier {
            kind,
            value: value.into(),
        }
    }

    /// Links `rows` (name, codes) with a cache preloaded up to `limit`
    /// codes, in a store that already holds 甲 (USCC and organization code)
    /// and 乙 (organization code only), after prefetching the codes of
    /// every row when `prefetch`; returns what each row linked to and
    /// whether the cache started complete.
    fn link_after_two(
        limit: usize,
        prefetch: bool,
        rows: &[(&str, Vec<Identifier>)],
    ) -> (Vec<Linked>, bool) {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        let mut before = Linker::preloading(&tx, 0).unwrap();
        let jia = [
            code("uscc", "91220802MA0000001A"),
            code("org_code", "MA0000001"),
        ];
        assert_eq!(before.link(&legal("甲", &jia), "2026-11-21").unwrap().id, 1);
        let yi = [code("org_code", "MA0000002")];
        assert_eq!(before.link(&legal("乙", &yi), "2026-11-21").unwrap().id, 2);
        drop(before);

        let mut linker = Linker::preloading(&tx, limit).unwrap();
        let complete = linker.complete;
        if prefetch {
            linker
                .prefetch(rows.iter().map(|(_, codes)| codes.as_slice()))
                .unwrap();
        }
        let linked = rows
            .iter()
            .map(|(name, codes)| linker.link(&legal(name, codes), "2026-11-21").unwrap())
            .collect();
        (linked, complete)
    }

    #[test]
    fn the_cache_starts_over_in_the_table_it_was_made_with() {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        let mut linker = Linker::new(&tx).unwrap();
        assert!(linker.complete);
        let slots = linker.known.capacity();
        assert_eq!(
            slots, CACHE_LIMIT,
            "one table of 2^18 slots holds the limit"
        );
        for n in 0..CACHE_LIMIT + 10 {
            let code = code("org_code", &format!("{n:09}"));
            linker.remember(&[&code], n as i64 + 1, "某公司");
        }
        assert_eq!(linker.known.len(), 10);
        assert!(!linker.complete, "codes were forgotten");
        assert_eq!(linker.known.capacity(), slots);
    }

    #[test]
    fn a_preloaded_cache_links_every_row_as_look_ups_in_the_store_do() {
        let rows = [
            ("甲", vec![code("uscc", "91220802MA0000001A")]),
            ("乙", vec![code("org_code", "MA0000002")]),
            // 甲 by its organization code, under a new name.
            ("甲新", vec![code("org_code", "MA0000001")]),
            ("丙", vec![code("uscc", "91220802MA0000003C")]),
            ("丙", vec![code("uscc", "91220802MA0000003C")]),
            // 乙's organization code with a USCC the store does not have:
            // 乙 gains the USCC.
            (
                "乙",
                vec![
                    code("uscc", "91220802MA0000002B"),
                    code("org_code", "MA0000002"),
                ],
            ),
            // A code that does not pack into a cache key.
            ("丁", vec![code("institution_no", "事证第1号")]),
            ("丁", vec![code("institution_no", "事证第1号")]),
        ];
        let linked = |id, created, changed| Linked {
            id,
            created,
            changed,
        };
        let expected = vec![
            linked(1, false, false),
            linked(2, false, false),
            // Renamed.
            linked(1, false, true),
            linked(3, true, true),
            linked(3, false, false),
            // Given the USCC.
            linked(2, false, true),
            linked(4, true, true),
            linked(4, false, false),
        ];
        let (preloaded, complete) = link_after_two(usize::MAX, false, &rows);
        assert!(complete);
        assert_eq!(preloaded, expected);
        let (looked_up, complete) = link_after_two(0, false, &rows);
        assert!(!complete);
        assert_eq!(looked_up, expected);
        // 丙 is found absent up front, created by its first row and found
        // by its second; 乙's new USCC likewise.
        let (prefetched, complete) = link_after_two(0, true, &rows);
        assert!(!complete);
        assert_eq!(prefetched, expected);
    }

    #[test]
    fn prefetching_caches_each_code_found_and_marks_the_rest_absent() {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        let jia = [
            code("uscc", "91220802MA0000001A"),
            code("org_code", "MA0000001"),
        ];
        Linker::preloading(&tx, 0)
            .unwrap()
            .link(&legal("甲", &jia), "2026-11-21")
            .unwrap();

        let mut linker = Linker::preloading(&tx, 0).unwrap();
        let new = [code("uscc", "91220802MA0000003C")];
        let odd = [code("institution_no", "事证第1号")];
        let rows: [&[Identifier]; 4] = [&new, &jia[1..], &odd, &jia];
        linker.prefetch(rows.into_iter()).unwrap();
        let jia_name = name_hash("甲");
        assert_eq!(linker.cached(&jia[0]), Some(&(1, jia_name)));
        assert_eq!(linker.cached(&jia[1]), Some(&(1, jia_name)));
        assert_eq!(linker.known.len(), 3);
        let absent = CodeKey::of(&new[0]).unwrap();
        assert_eq!(linker.known.get(&absent), Some(&ABSENT));
        // Answered from what the prefetch found, not from the store, which
        // changed behind the linker's back would answer otherwise.
        tx.execute(
            "INSERT INTO subject_identifier (kind, value, subject_id, added_on) \
             VALUES ('uscc', '91220802MA0000003C', 1, '2026-11-21')",
            [],
        )
        .unwrap();
        assert_eq!(linker.lookup(&tx, &new[0]).unwrap(), None);
        // A code that does not pack into a key is looked up each time.
        assert_eq!(linker.lookup(&tx, &odd[0]).unwrap(), None);

        // Starting over forgets both.
        linker.forget();
        assert!(linker.known.is_empty());
    }

    #[test]
    fn a_prefetch_without_room_starts_the_cache_over_and_looks_up_every_code() {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        let jia = [code("uscc", "91220802MA0000001A")];
        Linker::preloading(&tx, 0)
            .unwrap()
            .link(&legal("甲", &jia), "2026-11-21")
            .unwrap();
        let mut linker = Linker::preloading(&tx, 0).unwrap();
        linker.remember(&[&jia[0]], 1, "甲");
        for n in 1..CACHE_LIMIT {
            let code = code("org_code", &format!("{n:09}"));
            linker.remember(&[&code], n as i64 + 1, "某公司");
        }
        assert_eq!(linker.known.len(), CACHE_LIMIT);
        // 甲 is cached, the new code is not: no room for it and the subject
        // it may get, so the cache starts over with both.
        let new = [code("uscc", "91220802MA0000003C")];
        let rows: [&[Identifier]; 2] = [&jia, &new];
        linker.prefetch(rows.into_iter()).unwrap();
        assert_eq!(linker.known.len(), 2);
        assert_eq!(linker.cached(&jia[0]), Some(&(1, name_hash("甲"))));
        assert_eq!(linker.cached(&new[0]), Some(&ABSENT));
    }

    /// Three subjects 甲 乙 丙 linked with indexes set aside, in a store
    /// holding `before` codes beforehand; the linker, their ids and rows.
    fn three_linked_aside<'c>(
        tx: &'c Connection,
        before: &[Identifier],
    ) -> (Linker<'c>, Vec<i64>, [[Identifier; 1]; 3]) {
        let today = "2026-11-21";
        if !before.is_empty() {
            Linker::preloading(tx, 0)
                .unwrap()
                .link(&legal("戊", before), today)
                .unwrap();
        }
        let mut linker = Linker::preloading(tx, 0).unwrap();
        linker.set_indexes_aside().unwrap();
        // Codes on both sides of the one looked up, in the index's order.
        let rows = [
            [code("uscc", "91220802MA0000009X")],
            [code("uscc", "91220802MA0000003C")],
            [code("uscc", "91220802MA0000001A")],
        ];
        // As an import does before linking rows, when its cache lacks codes.
        linker.prefetch(rows.iter().map(|r| r.as_slice())).unwrap();
        let mut ids = Vec::new();
        for (at, identifiers) in rows.iter().enumerate() {
            let linked = linker
                .link(&legal(["甲", "乙", "丙"][at], identifiers), today)
                .unwrap();
            assert!(linked.created);
            ids.push(linked.id);
        }
        (linker, ids, rows)
    }

    fn codes_written(tx: &Connection) -> i64 {
        tx.query_row("SELECT count(*) FROM subject_identifier", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_store_s_codes_all_given_are_found_without_reading_the_store() {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        let (mut linker, ids, rows) = three_linked_aside(&tx, &[]);
        assert!(linker.given_all, "an empty store's codes are all loaded");
        assert_eq!(codes_written(&tx), 0, "the codes wait");
        // 乙 renamed.
        let renamed = linker.link(&legal("乙新", &rows[1]), "2026-11-21").unwrap();
        assert_eq!(renamed.id, ids[1]);

        linker.forget();
        let wanted = CodeKey::of(&rows[1][0]).unwrap();
        let first = CodeKey::of(&rows[0][0]).unwrap();
        let new = CodeKey::of(&code("uscc", "91220802MA0000005E")).unwrap();
        linker
            .prefetch_codes(&mut vec![new, wanted, first])
            .unwrap();
        assert_eq!(codes_written(&tx), 0, "found among the codes given");
        assert_eq!(
            linker.known.get(&wanted),
            Some(&(ids[1], name_hash("乙新")))
        );
        assert_eq!(linker.known.get(&first), Some(&(ids[0], name_hash("甲"))));
        assert_eq!(linker.known.get(&new), Some(&ABSENT));
        assert_eq!(
            linker.link(&legal("乙新", &rows[1]), "2026-11-21").unwrap(),
            Linked {
                id: ids[1],
                created: false,
                changed: false,
            }
        );
        // A code looked up in the store has every code written first.
        linker.forget();
        assert_eq!(
            linker.lookup(&tx, &rows[2][0]).unwrap(),
            Some((ids[2], name_hash("丙")))
        );
        assert_eq!(codes_written(&tx), 3);
        let added_on: String = tx
            .query_row(
                "SELECT DISTINCT added_on FROM subject_identifier",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(added_on, "2026-11-21");
        assert!(linker.into_set_aside().unwrap().is_some());
        assert_eq!(codes_written(&tx), 3, "each once");
    }

    #[test]
    fn codes_given_wait_until_the_linker_ends() {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        let (mut linker, ids, rows) = three_linked_aside(&tx, &[]);
        // A code that is not a key is written at once, and reads no other.
        let odd = [code("institution_no", "事证第1号")];
        linker.link(&legal("丁", &odd), "2026-11-21").unwrap();
        assert_eq!(codes_written(&tx), 1);
        linker.into_set_aside().unwrap();
        let stored: Vec<(String, i64)> = pairs(
            &tx,
            "SELECT value, subject_id FROM subject_identifier WHERE kind = 'uscc' ORDER BY subject_id",
        );
        let expected: Vec<(String, i64)> = rows
            .iter()
            .zip(&ids)
            .map(|(row, id)| (row[0].value.clone(), *id))
            .collect();
        assert_eq!(stored, expected);
    }

    #[test]
    fn codes_waiting_to_be_written_are_found_by_a_prefetch_in_a_store_of_many_codes() {
        let (_dir, mut store) = new_store();
        let tx = store.transaction().unwrap();
        // One code before: more than the linker loads (none).
        let (mut linker, ids, rows) =
            three_linked_aside(&tx, &[code("uscc", "91220802MA0000007R")]);
        assert!(!linker.given_all);
        assert_eq!(
            codes_written(&tx),
            1,
            "the codes wait while the indexes are set aside"
        );

        linker.forget();
        let wanted = CodeKey::of(&rows[1][0]).unwrap();
        let before = CodeKey::of(&code("uscc", "91220802MA0000007R")).unwrap();
        let new = CodeKey::of(&code("uscc", "91220802MA0000005E")).unwrap();
        linker
            .prefetch_codes(&mut vec![new, wanted, before])
            .unwrap();
        assert_eq!(codes_written(&tx), 4);
        assert_eq!(linker.known.get(&wanted), Some(&(ids[1], name_hash("乙"))));
        assert_eq!(linker.known.get(&before), Some(&(1, name_hash("戊"))));
        assert_eq!(linker.known.get(&new), Some(&ABSENT));
        assert_eq!(
            linker.link(&legal("乙", &rows[1]), "2026-11-21").unwrap(),
            Linked {
                id: ids[1],
                created: false,
                changed: false,
            }
        );
    }

    #[test]
    fn masking_hides_birth_month_and_day() {
        assert_eq!(
            mask_identity_number("11010519491231002X"),
            "1101051949****002X"
        );
        assert_eq!(mask_identity_number("E12345678"), "E1*****78");
        assert_eq!(mask_identity_number("ABC"), "***");
    }
}
