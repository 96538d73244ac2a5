//! The audit trail as pure functions: the hashes of a row, the walk that finds the first place
//! the chain breaks (and says in plain English what kind of break it is), which walkout, shifts
//! and request a row is about, and the plain-English sentence for each action. SQL is in
//! `store/audit.rs`, use cases in `usecases/audit.rs`.
//!
//! Two hashing schemes live in one chain (see ARCHITECTURE.md, "The audit trail"):
//! - scheme 1 (rows written before schema version 6): `hash = SHA-256(prev ‖ at ‖ user ‖ action
//!   ‖ entity ‖ entity_id ‖ detail)`, each part followed by a NUL byte;
//! - scheme 2: `content_hash = SHA-256(length-prefixed at, user, action, entity, entity_id,
//!   detail)` and `hash = SHA-256(id ‖ prev_hash ‖ content_hash)`, so an edited row, a renumbered
//!   or reordered row and an edited hash field each show differently.

mod describe;
mod views;

pub use describe::{describe, document_sha256, sentence};
pub use views::*;

use sha2::{Digest, Sha256};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One audit row as stored, with its hash fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainRow {
    pub id: i64,
    pub at: String,
    pub user_id: i64,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub detail: String,
    pub scheme: i64,
    pub content_hash: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The head record: the last row the app wrote, and its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub last_id: i64,
    pub last_hash: String,
    /// The last row written under scheme 1 (0: none).
    pub legacy_through: i64,
}

/// Scheme 1's hash (rows written before schema version 6).
pub fn legacy_hash(
    prev: &str,
    at: &str,
    user_id: i64,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        at,
        &user_id.to_string(),
        action,
        entity,
        entity_id.unwrap_or(""),
        detail,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

/// Scheme 2's content hash: every field length-prefixed, so no two contents collide by moving
/// text between fields; an absent entity id differs from an empty one.
pub fn content_hash(
    at: &str,
    user_id: i64,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(b"strikecover audit content v2\0");
    let user = user_id.to_string();
    let parts: [Option<&str>; 6] = [
        Some(at),
        Some(&user),
        Some(action),
        Some(entity),
        entity_id,
        Some(detail),
    ];
    for p in parts {
        match p {
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    hex(&h.finalize())
}

/// Scheme 2's chain hash: binds the row's id, the previous row's hash and its content hash.
pub fn link_hash(id: i64, prev_hash: &str, content_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"strikecover audit link v2\0");
    h.update(id.to_be_bytes());
    h.update(prev_hash.as_bytes());
    h.update([0u8]);
    h.update(content_hash.as_bytes());
    hex(&h.finalize())
}

impl ChainRow {
    /// This row's content hash recomputed from its fields.
    pub fn computed_content_hash(&self) -> String {
        content_hash(
            &self.at,
            self.user_id,
            &self.action,
            &self.entity,
            self.entity_id.as_deref(),
            &self.detail,
        )
    }

    /// The chain hash this row should carry if its predecessor's hash were `prev`.
    fn expected_hash(&self, prev: &str) -> String {
        if self.scheme == 1 {
            legacy_hash(
                prev,
                &self.at,
                self.user_id,
                &self.action,
                &self.entity,
                self.entity_id.as_deref(),
                &self.detail,
            )
        } else {
            link_hash(
                self.id,
                prev,
                self.content_hash.as_deref().unwrap_or_default(),
            )
        }
    }

    /// Whether the row is consistent in itself (its content matches its content hash and its
    /// chain hash matches its own prev_hash).
    fn self_consistent(&self) -> bool {
        let content_ok = self.scheme == 1
            || self.content_hash.as_deref() == Some(self.computed_content_hash().as_str());
        content_ok && self.hash == self.expected_hash(&self.prev_hash)
    }
}

/// Walks the chain in id order and stops at the first break.
#[derive(Debug)]
pub struct ChainWalker {
    head: Option<Head>,
    prev_id: i64,
    prev_hash: String,
    prev_scheme: i64,
    rows: u64,
    legacy_rows: u64,
    first_break: Option<AuditBreak>,
}

impl ChainWalker {
    pub fn new(head: Option<Head>) -> ChainWalker {
        ChainWalker {
            head,
            prev_id: 0,
            prev_hash: GENESIS.to_string(),
            prev_scheme: 1,
            rows: 0,
            legacy_rows: 0,
            first_break: None,
        }
    }

    /// Checks the next row (in id order). Returns false once the chain has broken (later rows
    /// need not be read).
    pub fn push(&mut self, r: &ChainRow) -> bool {
        if self.first_break.is_some() {
            return false;
        }
        if let Some(b) = self.check(r) {
            self.first_break = Some(b);
            return false;
        }
        self.prev_id = r.id;
        self.prev_hash = r.hash.clone();
        self.prev_scheme = r.scheme;
        self.rows += 1;
        if r.scheme == 1 {
            self.legacy_rows += 1;
        }
        true
    }

    fn check(&self, r: &ChainRow) -> Option<AuditBreak> {
        let id = r.id;
        let brk = |kind: BreakKind, explanation: String| {
            Some(AuditBreak {
                row_id: id,
                kind,
                explanation,
            })
        };
        if let Some(h) = &self.head {
            if id > h.last_id {
                return brk(
                    BreakKind::RowAdded,
                    format!(
                        "Row {id} was not written by Strike Cover: the last row the app recorded is row {}. It was added outside the app.",
                        h.last_id
                    ),
                );
            }
            let expected = if id <= h.legacy_through { 1 } else { 2 };
            if r.scheme != expected {
                return brk(
                    BreakKind::HashEdited,
                    format!(
                        "Row {id} claims hashing scheme {}, but rows up to {} were written under scheme 1 and later rows under scheme 2: its hash fields were edited.",
                        r.scheme, h.legacy_through
                    ),
                );
            }
        } else if r.scheme < self.prev_scheme || !(1..=2).contains(&r.scheme) {
            return brk(
                BreakKind::HashEdited,
                format!("Row {id} claims hashing scheme {}, which cannot follow the rows before it: its hash fields were edited.", r.scheme),
            );
        }
        if r.prev_hash != self.prev_hash {
            let consistent = r.self_consistent();
            let fits_actual = (r.scheme == 1
                || r.content_hash.as_deref() == Some(r.computed_content_hash().as_str()))
                && r.hash == r.expected_hash(&self.prev_hash);
            if !consistent && fits_actual {
                return brk(
                    BreakKind::HashEdited,
                    format!("Row {id}'s link to the row before it (its previous-row hash) was edited; the row itself is as written."),
                );
            }
            if id > self.prev_id + 1 {
                let first = self.prev_id + 1;
                let last = id - 1;
                let which = if first == last {
                    format!("Row {first} is missing")
                } else {
                    format!("Rows {first} to {last} are missing")
                };
                return brk(
                    BreakKind::RowsMissing,
                    format!("{which}: deleted outside the app. Row {id} was written after them and no longer links to row {}.", self.prev_id),
                );
            }
            let before = if self.prev_id == 0 {
                "the start of the trail".to_string()
            } else {
                format!("row {}", self.prev_id)
            };
            return brk(
                BreakKind::Reordered,
                format!("Row {id} does not follow {before}: rows were reordered or renumbered, or a row before {id} was removed or replaced."),
            );
        }
        if r.scheme == 2 {
            if r.content_hash.as_deref() != Some(r.computed_content_hash().as_str()) {
                return brk(
                    BreakKind::ContentChanged,
                    format!("Row {id}'s content was changed after it was written: its time, user, action, subject or details no longer match the content hash it was written with."),
                );
            }
            if r.hash != r.expected_hash(&r.prev_hash) {
                return brk(
                    BreakKind::HashEdited,
                    format!("Row {id}'s hash fields were edited: its content hash was recomputed or its chain hash changed, so its chain hash no longer matches. Its content was probably changed too."),
                );
            }
        } else if r.hash != r.expected_hash(&r.prev_hash) {
            return brk(
                BreakKind::ContentChanged,
                format!("Row {id} (written before the trail's upgrade) was changed after it was written: its content or its hash no longer matches."),
            );
        }
        None
    }

    /// Compares the end of the chain with the head record, and says what was found.
    pub fn finish(self) -> AuditVerifyView {
        let mut first_break = self.first_break;
        if first_break.is_none() {
            let last = self.prev_id;
            first_break = match &self.head {
                None => Some(AuditBreak {
                    row_id: last,
                    kind: BreakKind::HeadMissing,
                    explanation: "The head record (the last row the app wrote, and its hash) is missing: it was deleted outside the app, so deleted last rows cannot be ruled out.".into(),
                }),
                Some(h) if h.last_id > last => Some(AuditBreak {
                    row_id: last,
                    kind: BreakKind::LastRowsDeleted,
                    explanation: if last == 0 {
                        format!("The trail is empty, but Strike Cover last wrote row {}: every row was deleted outside the app.", h.last_id)
                    } else if h.last_id == last + 1 {
                        format!("The trail ends at row {last}, but Strike Cover last wrote row {}: the last row was deleted outside the app.", h.last_id)
                    } else {
                        format!("The trail ends at row {last}, but Strike Cover last wrote row {}: the last rows after {last} were deleted outside the app.", h.last_id)
                    },
                }),
                Some(h) if h.last_hash != self.prev_hash => Some(AuditBreak {
                    row_id: last,
                    kind: BreakKind::ContentChanged,
                    explanation: format!("Row {last}, the last row, was replaced or rewritten with recomputed hashes: its hash differs from the one the app recorded when it wrote it."),
                }),
                _ => None,
            };
        }
        AuditVerifyView {
            ok: first_break.is_none(),
            rows_checked: self.rows,
            legacy_rows: self.legacy_rows,
            head_id: self.head.as_ref().map(|h| h.last_id),
            head_hash: self.head.as_ref().map(|h| h.last_hash.clone()),
            first_break,
            anchor: None,
        }
    }
}

/// What an audit row is about, for the viewer's filters: walkout ids, duty ids (a gap is a
/// walkout's duty) and request ids named by the row itself. Rows about a request also get the
/// request's walkout and shifts, looked up by the store.
pub fn subjects(
    entity: &str,
    entity_id: Option<&str>,
    detail: &serde_json::Value,
) -> Vec<(SubjectKind, i64)> {
    let mut out = Vec::new();
    let int = |v: &serde_json::Value| v.as_i64();
    for key in ["walkout", "walkout_id"] {
        if let Some(w) = detail.get(key).and_then(int) {
            out.push((SubjectKind::Walkout, w));
        }
    }
    for key in ["duty", "duty_id"] {
        if let Some(d) = detail.get(key).and_then(int) {
            out.push((SubjectKind::Duty, d));
        }
    }
    if let Some(list) = detail.get("duties").and_then(|v| v.as_array()) {
        out.extend(list.iter().filter_map(int).map(|d| (SubjectKind::Duty, d)));
    }
    for key in ["request", "request_id"] {
        if let Some(r) = detail.get(key).and_then(int) {
            out.push((SubjectKind::Request, r));
        }
    }
    let id = entity_id.and_then(|s| s.parse::<i64>().ok());
    match (entity, id) {
        ("walkout", Some(w)) => out.push((SubjectKind::Walkout, w)),
        ("request", Some(r)) => out.push((SubjectKind::Request, r)),
        ("gap", _) => {
            if let Some((w, d)) = entity_id.and_then(|s| s.split_once(':')) {
                if let (Ok(w), Ok(d)) = (w.parse(), d.parse()) {
                    out.push((SubjectKind::Walkout, w));
                    out.push((SubjectKind::Duty, d));
                }
            }
        }
        _ => {}
    }
    out.sort_by_key(|(k, v)| (k.as_str(), *v));
    out.dedup();
    out
}

#[cfg(test)]
mod tests;
