//! Rounds: a strike comes in rounds, and a new walkout can start from a previous one. It carries
//! over the ladder the previous one used (a pin), its contact list (plus the agencies, banks and
//! trusts asked in its attempts, names only), its department criticality (a snapshot) and its
//! request wording (per department and role). It never carries attempts, not-applicable marks,
//! fills, intents, gap records, requests or incidents: those are the evidence of one walkout.
//!
//! Wire types only; the store and the use cases do the work.

use crate::sourcing::RungView;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// What kind of contact a walkout's contact list holds.
    ContactListKind {
        Agency = "agency" / "Agency",
        Bank = "bank" / "Staff bank",
        Trust = "trust" / "Neighbouring trust",
        Other = "other" / "Other",
    }
);

/// A contact to add to a walkout's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ContactInput {
    pub kind: ContactListKind,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
    /// The ladder rung this contact belongs to (e.g. "locum", "mutual_aid"); empty: none.
    pub rung_code: String,
}

/// A contact on a walkout's list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ContactView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub kind: ContactListKind,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
    pub rung_code: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

/// The wording of a request carried from a previous walkout (wording only: never shifts,
/// numbers of doctors, evidence, approvals, decisions or deadlines).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WordingFields {
    pub trigger: String,
    pub clinical_risk: String,
    pub consultants_who: String,
}

/// Carried wording for one department and role, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CarriedWording {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    pub department: String,
    pub role: String,
    pub fields: WordingFields,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub from_walkout_id: i64,
    pub from_walkout: String,
}

/// What starting a walkout from a previous one would carry over.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CarryPreview {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub previous_id: i64,
    pub previous_title: String,
    /// The ladder version the new walkout will be pinned to, and its rungs.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ladder_version: i64,
    pub ladder_rungs: Vec<RungView>,
    /// The contacts the new walkout gets: the previous list plus agencies, banks and trusts
    /// asked in the previous walkout's attempts (distinct by kind and name).
    pub contacts: Vec<ContactPreview>,
    /// Departments critical in the previous walkout, "Name (Site)".
    pub critical_departments: Vec<String>,
    /// Departments that will be snapshotted (all of the trust's).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub departments: i64,
    /// Request wordings, "Department (Site) · role".
    pub wordings: Vec<String>,
}

/// A contact as the preview lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ContactPreview {
    pub kind: ContactListKind,
    pub name: String,
    /// Whether it came from the previous walkout's attempts rather than its list.
    pub from_attempts: bool,
}

/// The key by which contacts are distinct: kind and name, case and spacing ignored.
pub fn contact_key(kind: ContactListKind, name: &str) -> (ContactListKind, String) {
    (
        kind,
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// The key by which request roles are matched: case and spacing ignored.
pub fn role_key(role: &str) -> String {
    role.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_keys_ignore_case_and_spacing_but_not_kind() {
        assert_eq!(
            contact_key(ContactListKind::Agency, " Medacs  Healthcare"),
            contact_key(ContactListKind::Agency, "medacs healthcare")
        );
        assert_ne!(
            contact_key(ContactListKind::Agency, "NHSP"),
            contact_key(ContactListKind::Bank, "NHSP")
        );
    }

    #[test]
    fn role_keys_ignore_case_and_spacing() {
        assert_eq!(role_key("Registrar "), role_key("registrar"));
        assert_ne!(role_key("Registrar"), role_key("SHO"));
    }
}
