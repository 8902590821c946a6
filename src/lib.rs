//! `credit`: the domain and the store of a local public credit platform.
//! Every rule lives here; the `credit` binary parses arguments and renders.

pub mod audit;
pub mod codes;
pub mod ingest;
pub mod records;
pub mod resolve;
pub mod store;
pub mod subjects;
