//! Plain-English sentences for audit rows: one arm per action the code base writes, and a
//! sensible generic sentence for any other.

use crate::requests::{DecisionKind, DocKind, Role};
use crate::sourcing::{ContactKind, Outcome};
use serde_json::Value;

fn s<'a>(d: &'a Value, key: &str) -> Option<&'a str> {
    d.get(key)
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn n(d: &Value, key: &str) -> Option<i64> {
    d.get(key).and_then(|v| v.as_i64())
}

fn count(d: &Value, key: &str) -> usize {
    d.get(key).and_then(|v| v.as_array()).map_or(0, |a| a.len())
}

fn plural(k: usize, one: &str, many: &str) -> String {
    if k == 1 {
        format!("1 {one}")
    } else {
        format!("{k} {many}")
    }
}

fn shifts(k: usize) -> String {
    plural(k, "shift", "shifts")
}

/// A value of any JSON type as short text ("–" when absent).
fn text(d: &Value, key: &str) -> String {
    match d.get(key) {
        None | Some(Value::Null) => "–".into(),
        Some(Value::String(t)) => t.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(v) => v.to_string(),
    }
}

fn short_hash(h: &str) -> String {
    h.chars().take(16).collect()
}

fn with_reason(base: String, d: &Value, key: &str) -> String {
    match s(d, key) {
        Some(r) => format!("{base}: {r}"),
        None => base,
    }
}

fn walkout_suffix(d: &Value) -> String {
    n(d, "walkout")
        .or_else(|| n(d, "walkout_id"))
        .map(|w| format!(" (walkout {w})"))
        .unwrap_or_default()
}

fn entity_ref(entity: &str, entity_id: Option<&str>) -> String {
    let what = entity.replace('_', " ");
    match entity_id {
        Some(id) if !id.is_empty() => format!("{what} {id}"),
        _ => what,
    }
}

/// The SHA-256 of an issued document recorded by a row (exports record the file's hash).
pub fn document_sha256(action: &str, detail: &Value) -> Option<String> {
    if action.ends_with(".export") {
        s(detail, "sha256").map(str::to_string)
    } else {
        None
    }
}

/// What an audit row says happened, without who or when: e.g. "logged: agency Medics4U
/// declined 3 shifts (walkout 2)".
pub fn describe(action: &str, entity: &str, entity_id: Option<&str>, d: &Value) -> String {
    let id = entity_id.unwrap_or("");
    match action {
        "rota.import" => format!(
            "imported the rota file {}: {} ({} added, {} updated, {} unchanged, {} removed, {})",
            s(d, "file").unwrap_or("(unnamed)"),
            plural(n(d, "rows").unwrap_or(0) as usize, "row", "rows"),
            text(d, "added"),
            text(d, "updated"),
            text(d, "unchanged"),
            text(d, "removed"),
            plural(n(d, "new_staff").unwrap_or(0) as usize, "new doctor", "new doctors"),
        ),
        "demo.load" => format!(
            "loaded the demo trust {} ({})",
            s(d, "trust").unwrap_or(""),
            plural(n(d, "rows").unwrap_or(0) as usize, "row", "rows")
        ),
        "trust.rename" => match s(d, "from") {
            Some(from) => format!(
                "renamed the trust from \"{from}\" to \"{}\"",
                text(d, "to")
            ),
            None => format!("named the trust \"{}\"", text(d, "to")),
        },
        "grade.set_group" => format!(
            "set grade {id} to staff group {} (was {})",
            text(d, "to"),
            text(d, "from")
        ),
        "grade.set_cover_level" => format!(
            "set the cover level of grade {id} to {} (was {})",
            text(d, "to"),
            text(d, "from")
        ),
        "walkout.create" => format!(
            "created walkout {id}: {} ({}), {} to {}",
            s(d, "title").unwrap_or("untitled"),
            text(d, "body"),
            text(d, "start"),
            text(d, "end")
        ),
        "walkout.set_undeclared" => {
            let to = d
                .pointer("/undeclared_uncovered/to")
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            format!(
                "set doctors who have not declared to count as {} in walkout {id}",
                if to { "uncovered" } else { "covered" }
            )
        }
        "intent.set" => {
            let k = count(d, "staff");
            format!(
                "recorded {} as {} in walkout {id} ({} changed)",
                plural(k, "doctor", "doctors"),
                intent_word(s(d, "intent").unwrap_or("")),
                text(d, "changed")
            )
        }
        "intent.import" => format!(
            "imported intents from {} for walkout {id}: {} striking, {} working, {} not declared ({} changed)",
            s(d, "file").unwrap_or("a file"),
            text(d, "striking"),
            text(d, "working"),
            text(d, "undeclared"),
            text(d, "changed")
        ),
        "gap.mark" => {
            let base = format!(
                "marked the shift (duty {}) as {}{}",
                text(d, "duty"),
                if d.get("uncovered").and_then(|v| v.as_bool()) == Some(false) {
                    "not uncovered"
                } else {
                    "uncovered"
                },
                walkout_suffix(d)
            );
            with_reason(base, d, "reason")
        }
        "department.set_critical" => format!(
            "marked {} as {}",
            s(d, "department").unwrap_or("a department"),
            if d.get("to").and_then(|v| v.as_bool()) == Some(true) {
                "critical"
            } else {
                "not critical"
            }
        ),
        "ladder.set" => with_reason(
            format!(
                "changed the ladder of staffing sources to version {id} ({})",
                plural(count(d, "rungs"), "rung", "rungs")
            ),
            d,
            "note",
        ),
        "rules.set" => with_reason(
            format!(
                "changed the working-time rules (version {id}, {} changed)",
                plural(count(d, "changed"), "setting", "settings")
            ),
            d,
            "note",
        ),
        "attempt.add" => attempt(id, d),
        "rung.mark" => {
            let rung = text(d, "rung");
            let k = shifts(count(d, "duties"));
            if d.get("not_applicable").and_then(|v| v.as_bool()) == Some(false) {
                format!(
                    "marked the rung {rung} applicable again for {k}{}",
                    walkout_suffix(d)
                )
            } else {
                with_reason(
                    format!(
                        "marked the rung {rung} not applicable for {k}{}",
                        walkout_suffix(d)
                    ),
                    d,
                    "reason",
                )
            }
        }
        "gap.fill" => {
            let who = match (s(d, "staff"), s(d, "external_name")) {
                (Some(staff), _) => format!("doctor {staff}"),
                (None, Some(name)) => match s(d, "external_org") {
                    Some(org) => format!("{name} ({org})"),
                    None => name.to_string(),
                },
                (None, None) => s(d, "external_org").unwrap_or("someone").to_string(),
            };
            let mut out = format!(
                "filled the shift (duty {}) on {} with {who}, rung {}{}",
                text(d, "duty"),
                text(d, "date"),
                text(d, "rung"),
                walkout_suffix(d)
            );
            let broken = count(d, "override");
            if broken > 0 {
                out = with_reason(
                    format!(
                        "{out}, overriding {}",
                        plural(broken, "working-time rule", "working-time rules")
                    ),
                    d,
                    "override_reason",
                );
            }
            out
        }
        "gap.release" => with_reason(
            format!(
                "released the cover of the shift (duty {}) by {}{}",
                text(d, "duty"),
                s(d, "covered_by").unwrap_or("someone"),
                walkout_suffix(d)
            ),
            d,
            "reason",
        ),
        "request.create" => format!(
            "created request {id} for {}{}",
            shifts(count(d, "duties")),
            walkout_suffix(d)
        ),
        "request.edit" => {
            let mut out = format!("changed request {id}: now version {}", text(d, "version"));
            if d.get("approval_voided").and_then(|v| v.as_bool()) == Some(true) {
                out.push_str("; the approval of the earlier version no longer counts");
            }
            out
        }
        "request.submit" => format!(
            "submitted request {id} (version {}) for approval",
            text(d, "version")
        ),
        "request.approve" => with_reason(
            format!("approved request {id} (version {})", text(d, "version")),
            d,
            "comment",
        ),
        "request.return" => with_reason(
            format!(
                "returned request {id} (version {}) without approving it",
                text(d, "version")
            ),
            d,
            "comment",
        ),
        "request.send" => format!(
            "recorded request {id} (version {}) as sent to {} at {}",
            text(d, "version"),
            s(d, "to").unwrap_or("the BMA"),
            text(d, "at")
        ),
        "request.recall" => format!(
            "recalled {} for request {id}",
            plural(count(d, "recalls"), "doctor", "doctors")
        ),
        "request.export" => {
            let kind = s(d, "kind")
                .and_then(|k| k.parse::<DocKind>().ok())
                .map_or("a document", |k| k.label());
            format!(
                "exported request {id} (version {}) as {kind}{}, SHA-256 {}…",
                text(d, "version"),
                if d.get("approved").and_then(|v| v.as_bool()) == Some(true) {
                    ", approved"
                } else {
                    ", not approved"
                },
                short_hash(s(d, "sha256").unwrap_or(""))
            )
        }
        "user.add" | "user.change" => {
            let role = s(d, "role")
                .and_then(|r| r.parse::<Role>().ok())
                .map_or_else(|| text(d, "role"), |r| r.label().to_lowercase());
            let name = s(d, "username").unwrap_or(id);
            let display = s(d, "display_name").unwrap_or(name);
            if action == "user.add" {
                format!("added the profile {name} ({display}) as {role}")
            } else {
                let was = s(d, "was")
                    .and_then(|r| r.parse::<Role>().ok())
                    .map_or_else(|| text(d, "was"), |r| r.label().to_lowercase());
                format!("changed the profile {name} ({display}): {role}, was {was}")
            }
        }
        "user.passphrase_set" => format!(
            "set the passphrase of {}",
            s(d, "username").unwrap_or("a profile")
        ),
        "user.passphrase_change" => format!(
            "changed the passphrase of {}",
            s(d, "username").unwrap_or("a profile")
        ),
        "impact.export" => {
            let kind = match s(d, "kind") {
                Some("pdf") => "a PDF".to_string(),
                Some("csv") => "CSV".to_string(),
                Some(k) => k.to_uppercase(),
                None => "a file".to_string(),
            };
            let walkout = n(d, "walkout_id")
                .or_else(|| n(d, "walkout"))
                .map_or_else(|| entity_ref("walkout", entity_id), |w| format!("walkout {w}"));
            format!(
                "exported the impact report of {walkout} as {kind}, SHA-256 {}…",
                short_hash(s(d, "sha256").unwrap_or(""))
            )
        }
        "incident.add" | "incident.create" | "incident.edit" => incident(action, id, d),
        "walkout.create_from" => {
            let from = n(d, "from")
                .or_else(|| n(d, "from_walkout"))
                .or_else(|| n(d, "source"))
                .or_else(|| n(d, "source_walkout_id"))
                .or_else(|| n(d, "from_walkout_id"));
            let mut out = match from {
                Some(f) => format!("started walkout {id} from walkout {f}"),
                None => format!("started walkout {id} from a previous walkout"),
            };
            if let Some(t) = s(d, "from_title") {
                out.push_str(&format!(" ({t})"));
            }
            if let Some(t) = s(d, "title") {
                out.push_str(&format!(": {t}"));
            }
            let carried = carried(d);
            if !carried.is_empty() {
                out.push_str(&format!(" (carried over: {})", carried.join(", ")));
            }
            out
        }
        "contact.add" | "contact.remove" => {
            let kind = s(d, "kind")
                .or_else(|| s(d, "contact_kind"))
                .and_then(|k| k.parse::<ContactKind>().ok());
            let fallback = if id.is_empty() {
                "a contact".to_string()
            } else {
                format!("contact {id}")
            };
            let name = s(d, "name")
                .or_else(|| s(d, "contact"))
                .or_else(|| s(d, "org"))
                .unwrap_or(&fallback);
            let who = match kind {
                Some(ContactKind::Agency) => format!("agency {name}"),
                Some(ContactKind::Trust) => format!("neighbouring trust {name}"),
                Some(ContactKind::Bank) => format!("the staff bank ({name})"),
                Some(ContactKind::Manager) => format!("service manager {name}"),
                Some(ContactKind::Doctor) => format!("Dr {name}"),
                Some(ContactKind::Other) | None => name.to_string(),
            };
            if action == "contact.add" {
                format!("added {who} to the contact list{}", walkout_suffix(d))
            } else {
                format!("removed {who} from the contact list{}", walkout_suffix(d))
            }
        }
        _ => {
            if let Some(kind) = action
                .strip_prefix("request.")
                .and_then(|k| k.parse::<DecisionKind>().ok())
            {
                return decision(id, kind, d);
            }
            generic(action, entity, entity_id, d)
        }
    }
}

/// What a new walkout carried over from its previous one: counts as `walkout.create_from`
/// writes them, or a plain list of names.
fn carried(d: &Value) -> Vec<String> {
    match d.get("carried").or_else(|| d.get("carry")) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(|t| t.replace('_', " ")))
            .collect(),
        Some(Value::Object(o)) => o
            .iter()
            .filter_map(|(k, v)| {
                let what = match k.as_str() {
                    "ladder_version" => {
                        return v.as_i64().map(|x| format!("ladder version {x}"));
                    }
                    "ladder" => "ladder",
                    "contacts" => "contacts",
                    "contacts_from_attempts" => return None,
                    "departments" => "department settings",
                    "critical_departments" => "critical departments",
                    "wordings" => "request wordings",
                    other => other,
                };
                match v {
                    Value::Number(x) => x
                        .as_i64()
                        .filter(|x| *x > 0)
                        .map(|x| format!("{x} {}", what.replace('_', " "))),
                    Value::Bool(true) => Some(what.replace('_', " ")),
                    _ => None,
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn harm_word(h: &str) -> &str {
    match h {
        "none" => "no harm",
        "low" => "low harm",
        "moderate" => "moderate harm",
        "severe" => "severe harm",
        "death" => "death",
        other => other,
    }
}

fn incident(action: &str, id: &str, d: &Value) -> String {
    let what = if id.is_empty() {
        "a patient safety incident".to_string()
    } else {
        format!("patient safety incident {id}")
    };
    let mut out = if action == "incident.edit" {
        match n(d, "version") {
            Some(v) => format!("changed {what} (now version {v})"),
            None => format!("changed {what}"),
        }
    } else {
        format!("logged {what}")
    };
    if let Some(dep) = s(d, "department") {
        out.push_str(&format!(" in {dep}"));
    }
    if let Some(t) = n(d, "occurred_utc").and_then(|t| chrono::DateTime::from_timestamp(t, 0)) {
        out.push_str(&format!(
            " at {}",
            t.with_timezone(&chrono_tz::Europe::London)
                .format("%d/%m/%Y %H:%M")
        ));
    }
    let mut facts = Vec::new();
    if let Some(r) = s(d, "reference") {
        facts.push(format!("reference {r}"));
    }
    if let Some(h) = s(d, "harm") {
        facts.push(harm_word(h).to_string());
    }
    if d.get("near_miss")
        .and_then(|v| v.as_bool().or_else(|| v.as_i64().map(|x| x != 0)))
        == Some(true)
    {
        facts.push("near miss".into());
    }
    if let Some(r) = n(d, "request_id").or_else(|| n(d, "request")) {
        facts.push(format!("request {r}"));
    }
    if !facts.is_empty() {
        out.push_str(&format!(": {}", facts.join(", ")));
    }
    out.push_str(&walkout_suffix(d));
    with_reason(out, d, "change_reason")
}

fn intent_word(i: &str) -> &str {
    match i {
        "striking" => "striking",
        "working" => "working",
        "undeclared" => "not declared",
        other => other,
    }
}

fn attempt(id: &str, d: &Value) -> String {
    let asked = s(d, "asked").unwrap_or("someone");
    let who = match s(d, "contact_kind").and_then(|k| k.parse::<ContactKind>().ok()) {
        Some(ContactKind::Doctor) => format!("Dr {asked}"),
        Some(ContactKind::Agency) => format!("agency {asked}"),
        Some(ContactKind::Bank) => format!("the staff bank ({asked})"),
        Some(ContactKind::Trust) => format!("neighbouring trust {asked}"),
        Some(ContactKind::Manager) => format!("service manager {asked}"),
        Some(ContactKind::Other) | None => asked.to_string(),
    };
    let k = count(d, "duties");
    let what = match s(d, "outcome").and_then(|o| o.parse::<Outcome>().ok()) {
        Some(Outcome::Asked) => format!("was asked to cover {}", shifts(k)),
        Some(Outcome::Accepted) => format!("accepted {}", shifts(k)),
        Some(Outcome::Declined) => format!("declined {}", shifts(k)),
        Some(Outcome::NoReply) => format!("did not reply about {}", shifts(k)),
        Some(Outcome::Unavailable) => format!("was unavailable for {}", shifts(k)),
        Some(Outcome::Partly) => format!("accepted {} of {}", count(d, "accepted"), shifts(k)),
        None => format!("was contacted about {}", shifts(k)),
    };
    let mut out = format!("logged: {who} {what}{}", walkout_suffix(d));
    if let Some(old) = n(d, "supersedes") {
        out.push_str(&format!(" (correcting attempt {old})"));
    } else if !id.is_empty() {
        out.push_str(&format!(" (attempt {id})"));
    }
    out
}

fn decision(id: &str, kind: DecisionKind, d: &Value) -> String {
    let base = match kind {
        DecisionKind::Granted => {
            let docs = n(d, "granted_doctors")
                .map(|k| plural(k as usize, "doctor", "doctors"))
                .unwrap_or_else(|| "doctors".into());
            format!(
                "recorded that request {id} was granted: {docs} for {}",
                shifts(count(d, "granted_duties"))
            )
        }
        DecisionKind::Declined => format!("recorded that request {id} was declined"),
        DecisionKind::Withdrawn => format!("recorded that request {id} was withdrawn by the trust"),
        DecisionKind::NotDecided => {
            format!("recorded that request {id} was not decided by the deadline")
        }
        DecisionKind::Revoked => format!("recorded that the grant of request {id} was revoked"),
    };
    with_reason(base, d, "reason")
}

/// For actions this version does not know: "did incident.create on incident 4 (walkout 2)".
fn generic(action: &str, entity: &str, entity_id: Option<&str>, d: &Value) -> String {
    let mut out = format!("recorded {action} on {}", entity_ref(entity, entity_id));
    out.push_str(&walkout_suffix(d));
    if let Some(sha) = document_sha256(action, d) {
        out.push_str(&format!(", SHA-256 {}…", short_hash(&sha)));
    }
    out
}

/// "Jo Smith logged: agency Medics4U declined 3 shifts, 14/03/2025 14:02".
pub fn sentence(who: &str, summary: &str, when: &str) -> String {
    format!("{who} {summary}, {when}")
}
