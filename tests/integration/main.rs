//! The one integration test binary: real SQLite files in temp dirs, the use cases, the CLI.

mod cli;
mod import;
mod requests;
mod sourcing;
mod storage;
mod walkouts;
