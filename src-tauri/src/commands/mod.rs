//! Thin commands: translate arguments, call a use case, translate the result. No domain
//! decisions here. Names are noun_verb.

pub mod import;
pub mod requests;
pub mod rota;
pub mod sourcing;
pub mod walkouts;
