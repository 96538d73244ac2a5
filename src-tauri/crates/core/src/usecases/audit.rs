//! The audit viewer and `audit verify`: reading only, so a viewer's profile may use both.

use crate::audit::{
    describe, document_sha256, sentence, AnchorCheck, AuditEntryView, AuditFilter, AuditPage,
    AuditVerifyView, BreakKind,
};
use crate::error::{Error, Result};
use crate::store::{self, AuditQuery, Db};
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};

/// Default and largest page of the audit viewer.
pub const AUDIT_PAGE: u32 = 100;
pub const AUDIT_PAGE_MAX: u32 = 1000;

fn day_start_utc(d: NaiveDate) -> String {
    let ts = crate::time::london_to_utc(d, NaiveTime::MIN);
    Utc.timestamp_opt(ts, 0)
        .single()
        .expect("timestamp in range")
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_day(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>> {
    match s.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
            .map(Some)
            .map_err(|_| Error::invalid(field, format!("'{t}' is not a date: use dd/mm/yyyy"))),
    }
}

/// "dd/mm/yyyy HH:MM" in Europe/London for a stored ISO 8601 UTC time.
pub fn audit_local_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::London)
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// A page of the audit trail in plain English, newest first, filtered by walkout, gap (duty),
/// request, user and dates (Europe/London days, both included).
pub fn audit_list(db: &Db, filter: &AuditFilter) -> Result<AuditPage> {
    let from = parse_day("from", &filter.from)?;
    let to = parse_day("to", &filter.to)?;
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            return Err(Error::invalid(
                "to",
                format!(
                    "the end date {} is before the start date {}",
                    b.format("%d/%m/%Y"),
                    a.format("%d/%m/%Y")
                ),
            ));
        }
    }
    let limit = filter.limit.unwrap_or(AUDIT_PAGE);
    if limit == 0 || limit > AUDIT_PAGE_MAX {
        return Err(Error::invalid(
            "limit",
            format!("the page size must be between 1 and {AUDIT_PAGE_MAX}"),
        ));
    }
    let q = AuditQuery {
        walkout: filter.walkout_id,
        duty: filter.duty_id,
        request: filter.request_id,
        user: filter
            .user
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string),
        from_at: from.map(day_start_utc),
        to_at: to.map(|d| day_start_utc(d + chrono::Days::new(1))),
        before_id: filter.before_id,
        limit: limit + 1,
    };
    let mut rows = store::audit_list(db.conn(), &q)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let entries: Vec<AuditEntryView> = rows
        .into_iter()
        .map(|r| {
            let detail: serde_json::Value =
                serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::Null);
            let summary = describe(&r.action, &r.entity, r.entity_id.as_deref(), &detail);
            let when = audit_local_time(&r.at);
            let who = if r.display_name.trim().is_empty() {
                r.username.clone()
            } else {
                r.display_name.clone()
            };
            AuditEntryView {
                id: r.id,
                sentence: sentence(&who, &summary, &when),
                document_sha256: document_sha256(&r.action, &detail),
                at: r.at,
                when,
                username: r.username,
                user_name: who,
                action: r.action,
                entity: r.entity,
                entity_id: r.entity_id,
                summary,
                detail: r.detail,
            }
        })
        .collect();
    let next_before = if more {
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        next_before,
    })
}

/// Walks the audit chain and reports the first break. With `anchor` (a hash printed on an
/// issued document, or a head hash written down from an earlier check), also says whether that
/// hash is still in the trail, in a row the chain verifies up to.
pub fn audit_verify(db: &Db, anchor: Option<&str>) -> Result<AuditVerifyView> {
    let anchor = match anchor.map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => {
            let a = a.to_ascii_lowercase();
            if a.len() != 64 || !a.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Error::invalid(
                    "anchor",
                    format!("'{a}' is not a SHA-256 hash: 64 hexadecimal characters"),
                ));
            }
            Some(a)
        }
    };
    let mut v = store::audit_verify(db.conn())?;
    if let Some(hash) = anchor {
        let row = store::audit_find_hash(db.conn(), &hash)?;
        let check = match row {
            None => AnchorCheck {
                hash,
                row_id: None,
                ok: false,
                explanation: "This hash is not in the audit trail: the row that recorded it was removed or rewritten, or it is not a hash Strike Cover recorded.".into(),
            },
            Some(r) => {
                let intact = match &v.first_break {
                    None => true,
                    Some(b)
                        if matches!(
                            b.kind,
                            BreakKind::LastRowsDeleted | BreakKind::HeadMissing
                        ) =>
                    {
                        r <= b.row_id
                    }
                    Some(b) => r < b.row_id,
                };
                AnchorCheck {
                    hash,
                    row_id: Some(r),
                    ok: intact,
                    explanation: if intact {
                        format!("Row {r} holds this hash and the trail verifies up to and including it.")
                    } else {
                        format!("Row {r} holds this hash, but the trail is broken at or before it, so the row cannot be trusted.")
                    },
                }
            }
        };
        v.ok = v.ok && check.ok;
        v.anchor = Some(check);
    }
    Ok(v)
}
