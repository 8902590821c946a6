//! In-process throughput of USCC validation: `Uscc::parse` (the check alone)
//! and `codes::check` (normalise, detect, validate, describe) over 1M
//! generated valid codes, best of 5 runs each.
//!
//! `cargo bench --bench codes`. Environment:
//! - `CODES_N`: how many codes (default 1000000);
//! - `CODES_SEED`: the generator's seed (default 1);
//! - `CODES_OUT=FILE`: also write the codes to FILE, one per line, so that
//!   another validator can be timed on exactly the same input
//!   (`benches/run.sh` does this for python-stdnum).
//!
//! Besides the human-readable lines it prints `RESULT <name> <codes/s>` lines
//! for scripts.

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use credit::codes::{self, Uscc, org_code, uscc};

const RUNS: usize = 5;

/// splitmix64, as in `examples/gen.rs`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const DIVISIONS: [&[u8; 6]; 8] = [
    b"110105", b"310115", b"440305", b"330106", b"510107", b"420106", b"220802", b"430424",
];
/// Registration authority and entity type: all digits, so that validators
/// which (wrongly) demand digits in positions 1-2 accept every code too.
const TYPES: [&[u8; 2]; 7] = [b"91", b"91", b"91", b"92", b"12", b"11", b"51"];

/// A valid USCC: both the embedded organization code check and the final check.
fn valid_uscc(r: &mut Rng) -> String {
    let mut b = [0u8; 18];
    b[..2].copy_from_slice(TYPES[r.below(TYPES.len() as u64) as usize]);
    b[2..8].copy_from_slice(DIVISIONS[r.below(DIVISIONS.len() as u64) as usize]);
    if r.below(2) == 0 {
        // Issued since 2015: MA and 6 characters of the alphabet.
        b[8] = b'M';
        b[9] = b'A';
        for c in &mut b[10..16] {
            *c = ALPHABET[r.below(31) as usize];
        }
    } else {
        for c in &mut b[8..16] {
            *c = b'0' + r.below(10) as u8;
        }
    }
    b[16] = org_code::check_char(&b[8..16]).expect("alphabet");
    b[17] = uscc::check_char(&b[..17]).expect("alphabet");
    String::from_utf8(b.to_vec()).expect("ASCII")
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .replace('_', "")
            .parse()
            .unwrap_or_else(|e| panic!("{name}={v}: {e}")),
        Err(_) => default,
    }
}

/// Runs `f` over all codes `RUNS` times; returns the best time.
fn best_of(codes: &[String], mut f: impl FnMut(&str) -> bool) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut valid = 0usize;
        for c in codes {
            valid += usize::from(f(black_box(c.as_str())));
        }
        let elapsed = start.elapsed();
        assert_eq!(
            black_box(valid),
            codes.len(),
            "every generated code is valid"
        );
        best = best.min(elapsed);
    }
    best
}

fn report(name: &str, what: &str, n: usize, best: Duration) {
    let rate = n as f64 / best.as_secs_f64();
    println!(
        "{what}: {n} codes, best of {RUNS}: {:.4} s, {:.0} codes/s ({:.1} ns/code)",
        best.as_secs_f64(),
        rate,
        best.as_nanos() as f64 / n as f64
    );
    println!("RESULT {name} {rate:.0}");
}

fn main() {
    let n = env_u64("CODES_N", 1_000_000) as usize;
    let mut r = Rng(env_u64("CODES_SEED", 1));
    let codes: Vec<String> = (0..n).map(|_| valid_uscc(&mut r)).collect();
    if let Ok(path) = std::env::var("CODES_OUT") {
        let mut out = BufWriter::new(std::fs::File::create(&path).expect("create CODES_OUT"));
        for c in &codes {
            writeln!(out, "{c}").expect("write CODES_OUT");
        }
        out.flush().expect("write CODES_OUT");
    }

    let parse = best_of(&codes, |c| Uscc::parse(c).is_ok());
    report("uscc_parse", "Uscc::parse", n, parse);

    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date");
    let check = best_of(&codes, |c| black_box(codes::check(c, None, today)).valid);
    report("codes_check", "codes::check", n, check);
}
