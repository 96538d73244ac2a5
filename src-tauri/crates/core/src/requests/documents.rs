//! The plain-text documents of a request (pure): the email body and the recall calendar. The
//! PDF is made by the `strikecover-docs` crate; the JSON is the [`RequestDocument`] itself.

use super::{ConsultantsView, RequestDocument};
use crate::time::{london_to_utc, utc_to_london};
use chrono::DateTime;

/// The plain-text email body: every field, the evidence rung by rung, the approval block.
pub fn email_body(doc: &RequestDocument) -> String {
    let c = &doc.content;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "Derogation request (patient safety mitigation) {} version {}",
        c.reference, c.version
    ));
    line(match &doc.approval {
        Some(a) => format!(
            "Approved by {} ({}) at {}",
            a.approver,
            a.role.label(),
            a.at
        ),
        None => "DRAFT: NOT APPROVED. Do not send.".to_string(),
    });
    line(String::new());
    line(format!("Trust: {}", c.trust));
    line(format!("Site: {}", c.site));
    line(format!("Department or service: {}", c.department));
    line(format!("Grade or role: {}", c.role));
    line(format!("Number of doctors: {}", c.doctors));
    line(format!(
        "Walkout: {} ({}), {} to {}",
        c.walkout.name, c.walkout.group, c.walkout.starts, c.walkout.ends
    ));
    line(format!("Duration: {}", c.duration));
    line(format!(
        "Decision needed by: {}",
        c.decision_needed_by
            .as_ref()
            .map_or("not given", |t| t.local.as_str())
    ));
    line(String::new());
    line("Shifts:".into());
    for s in &c.shifts {
        line(format!(
            "  - {} {} ({}), {} to {}, {:.1} h, {}",
            s.date, s.day_or_night, s.shift_type, s.start, s.end, s.hours, s.grade
        ));
    }
    line(String::new());
    line(format!("Trigger: {}", c.trigger));
    line(format!("Clinical risk: {}", c.clinical_risk));
    line(format!(
        "Internal or critical incident declared: {}",
        if c.incident_declared {
            format!("yes, {}", c.incident_detail)
        } else {
            "no".into()
        }
    ));
    line(format!(
        "Consultants' view: {}{}",
        c.consultants_view.label(),
        if c.consultants_view == ConsultantsView::NotRecorded || c.consultants_who.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.consultants_who)
        }
    ));
    line(format!(
        "Elective work continuing in the service: {}",
        match c.elective_continuing {
            Some(true) => format!("yes, because {}", c.elective_reason),
            Some(false) => "no".into(),
            None => "not stated".into(),
        }
    ));
    if let Some(r) = &c.pre_emptive_reason {
        line(format!(
            "Exceptional pre-emptive request (before the strike starts): {r}"
        ));
    }
    line(format!(
        "Requesting clinician: {}, {}",
        c.requesting_clinician, c.contact_phone
    ));
    line(String::new());
    line("Alternatives exhausted (from the attempt log):".into());
    for r in &c.evidence {
        line(format!(
            "* {}{}: {}",
            r.name,
            if r.required { "" } else { " (optional)" },
            r.state
        ));
        for reason in &r.not_applicable {
            line(format!("    Not applicable: {reason}"));
        }
        for a in &r.attempts {
            let mut parts = vec![a.at.clone(), a.asked.clone(), a.channel.clone()];
            if !a.terms.is_empty() {
                parts.push(a.terms.clone());
            }
            parts.push(a.result.clone());
            parts.push(a.shifts.clone());
            line(format!("    - {}", parts.join("; ")));
            if !a.notes.is_empty() {
                line(format!("      Notes: {}", a.notes));
            }
        }
    }
    if !c.overrides.is_empty() {
        line(String::new());
        line("Working-time rules overridden in the evidence:".into());
        for o in &c.overrides {
            line(format!(
                "  - {} on {}: {}. Reason: {}{}",
                o.doctor,
                o.shift,
                o.rules.join("; "),
                o.reason,
                if o.released {
                    " (cover later fell through)"
                } else {
                    ""
                }
            ));
        }
    }
    line(String::new());
    if let Some(a) = &doc.approval {
        let contact: Vec<&str> = [a.phone.as_str(), a.email.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        line(format!(
            "Approved by {} ({}){} at {}.",
            a.approver,
            a.role.label(),
            if contact.is_empty() {
                String::new()
            } else {
                format!(", {}", contact.join(", "))
            },
            a.at
        ));
    }
    line(format!("Content SHA-256: {}", doc.content_hash));
    line(format!(
        "Produced by Strike Cover at {} by {}.",
        doc.generated_at, doc.generated_by
    ));
    out
}

/// One event of a recall calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct IcsEvent {
    pub uid: String,
    /// UTC unix seconds.
    pub start: i64,
    pub end: i64,
    pub summary: String,
    pub description: String,
    pub location: String,
}

/// Escapes text for an iCalendar TEXT value (RFC 5545 3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

/// `;TZID=Europe/London:<local>` for the instant, or `:<utc>Z` when the local time is the
/// repeated hour of the October clock change (a local time would be ambiguous there).
fn when(ts: i64) -> String {
    let l = utc_to_london(ts);
    if london_to_utc(l.date_naive(), l.time()) == ts {
        format!(";TZID=Europe/London:{}", l.format("%Y%m%dT%H%M%S"))
    } else {
        let u = DateTime::from_timestamp(ts, 0).unwrap_or_default();
        format!(":{}", u.format("%Y%m%dT%H%M%SZ"))
    }
}

/// A calendar of events in Europe/London with its VTIMEZONE (GMT/BST rules).
pub fn ics(events: &[IcsEvent], now: i64) -> String {
    let stamp = DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Strike Cover//Recalled duties//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VTIMEZONE".into(),
        "TZID:Europe/London".into(),
        "BEGIN:DAYLIGHT".into(),
        "TZOFFSETFROM:+0000".into(),
        "TZOFFSETTO:+0100".into(),
        "TZNAME:BST".into(),
        "DTSTART:19700329T010000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".into(),
        "END:DAYLIGHT".into(),
        "BEGIN:STANDARD".into(),
        "TZOFFSETFROM:+0100".into(),
        "TZOFFSETTO:+0000".into(),
        "TZNAME:GMT".into(),
        "DTSTART:19701025T020000".into(),
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART{}", when(e.start)));
        lines.push(format!("DTEND{}", when(e.end)));
        lines.push(format!("SUMMARY:{}", ics_text(&e.summary)));
        lines.push(format!("DESCRIPTION:{}", ics_text(&e.description)));
        lines.push(format!("LOCATION:{}", ics_text(&e.location)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    out
}
