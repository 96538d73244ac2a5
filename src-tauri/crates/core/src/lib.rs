//! Strike Cover core: the domain, its rules, storage and use cases. No Tauri, no window.
//!
//! Layout (see ARCHITECTURE.md):
//! - [`model`]: domain enums (staff groups, shift types).
//! - [`time`]: Europe/London wall-clock <-> UTC instants, clock changes.
//! - [`import`]: reading rota exports (CSV/xlsx, encodings, header synonyms), all-or-nothing validation.
//! - [`store`]: SQLite: opening, migrations, every SQL statement.
//! - [`usecases`]: what a user can do; each is one transaction with its audit row.
//! - [`demo`]: the built-in demo trust and the large synthetic trust generator.
//! - [`views`]: read models for the window and the CLI.
//! - [`sourcing`]: the ladder of staffing sources, rung states, attempts and fills (pure), wire types.
//! - [`rules`]: the working-time rules (2016 TCS, Working Time Regulations) for who may cover a duty (pure).
//! - [`requests`]: derogation requests: canonical content and hash, readiness checks, lifecycle (pure), wire types.
//! - [`audit`]: the tamper-evident audit trail: hashes, the chain walk, plain-English entries (pure).
//! - [`incidents`]: patient safety incidents during a walkout: harm, checks, append-only versions (pure), wire types.
//! - [`impact`]: the impact report of a walkout and its spreadsheet-safe CSV (pure).
//! - [`rounds`]: starting a walkout from a previous one: what is carried over (wire types).
//! - [`walkouts`]: the gap rules of a walkout (pure), its dashboard and situation report.

#[macro_use]
mod macros;

pub mod audit;
pub mod demo;
pub mod error;
pub mod impact;
pub mod import;
pub mod incidents;
pub mod model;
pub mod requests;
pub mod rounds;
pub mod rules;
pub mod sourcing;
pub mod store;
pub mod time;
pub mod usecases;
pub mod views;
pub mod walkouts;

pub use error::{Error, Result};
