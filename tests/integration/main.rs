//! The one integration test binary: real SQLite files in temp dirs, the use cases, the CLI.

mod audit;
mod cli;
mod impact;
mod import;
mod incidents;
mod requests;
mod rounds;
mod sourcing;
mod storage;
mod walkouts;
