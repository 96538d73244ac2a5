//! Thin commands: translate arguments, call a use case, translate the result. No domain
//! decisions here. Names are noun_verb.

pub mod audit;
pub mod impact;
pub mod import;
pub mod incidents;
pub mod requests;
pub mod rota;
pub mod rounds;
pub mod sourcing;
pub mod walkouts;
