//! `credit init`: create the store.

use anyhow::Result;
use credit::store::Store;
use serde_json::json;

use crate::Outcome;
use crate::context::Context;
use crate::output;

/// Create the store file (mode 0600) and its tables. Running it again on an
/// existing store changes nothing and succeeds.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  credit --db county.db init")]
pub struct Args {}

pub fn exec(ctx: &Context, _args: Args) -> Result<Outcome> {
    let (mut store, report) = Store::init(&ctx.args.db)?;
    if report.created {
        let tx = store.transaction()?;
        ctx.audit(
            &tx,
            "init",
            json!({ "schema_version": report.schema_version }),
            vec![],
        )?;
        tx.commit()?;
        ctx.say(format!(
            "created store {} (schema version {})",
            report.path, report.schema_version
        ));
    } else {
        ctx.say(format!(
            "store {} already exists (schema version {}); nothing changed",
            report.path, report.schema_version
        ));
    }
    if ctx.format() != output::Format::Table {
        output::object(ctx.format(), &report)?;
    }
    Ok(Outcome::Done)
}
