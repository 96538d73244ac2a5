//! Rounds: start a walkout from a previous one (one transaction: the walkout, its ladder pin,
//! its contacts, its criticality snapshot and its carried request wording, one audit row), the
//! contact list of a walkout, and the carried wording the request builder pre-fills.

use super::walkouts::{check_input, dept_label};
use super::Ctx;
use crate::error::{Error, Result};
use crate::requests::RequestInput;
use crate::rounds::{
    contact_key, role_key, CarriedWording, CarryPreview, ContactInput, ContactListKind,
    ContactPreview, ContactView, WordingFields,
};
use crate::sourcing::LadderView;
use crate::store::{self, append_audit, Db, WalkoutRow};
use crate::time::fmt_instant;
use crate::walkouts::{DeptInfo, WalkoutInput, WalkoutView};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// A contact to carry: from the previous list (all its details) or from its attempts (a name).
struct CarriedContact {
    kind: ContactListKind,
    name: String,
    phone: String,
    email: String,
    notes: String,
    rung_code: Option<String>,
    from_attempts: bool,
}

/// Everything a new walkout would carry from `previous_id`.
struct Plan {
    previous: WalkoutRow,
    ladder: LadderView,
    contacts: Vec<CarriedContact>,
    departments: HashMap<i64, DeptInfo>,
    /// (department id, role as typed, wording, the request it came from)
    wordings: Vec<(i64, String, WordingFields, i64)>,
}

fn plan(db: &Db, previous_id: i64) -> Result<Plan> {
    let conn = db.conn();
    let previous = match store::walkout(conn, previous_id) {
        Ok(w) => w,
        Err(Error::NotFound { .. }) => {
            return Err(Error::invalid(
                "previous_id",
                format!("there is no walkout {previous_id} to start from"),
            ))
        }
        Err(e) => return Err(e),
    };
    let ladder = store::ladder_for_walkout(conn, previous_id)?;

    let mut seen = HashSet::new();
    let mut contacts = Vec::new();
    for c in store::contacts(conn, previous_id)? {
        if seen.insert(contact_key(c.kind, &c.name)) {
            contacts.push(CarriedContact {
                kind: c.kind,
                name: c.name,
                phone: c.phone,
                email: c.email,
                notes: c.notes,
                rung_code: c.rung_code,
                from_attempts: false,
            });
        }
    }
    for (kind, name) in store::attempt_contacts(conn, previous_id)? {
        if seen.insert(contact_key(kind, &name)) {
            contacts.push(CarriedContact {
                kind,
                name,
                phone: String::new(),
                email: String::new(),
                notes: String::new(),
                rung_code: None,
                from_attempts: true,
            });
        }
    }

    let departments = store::walkout_departments(conn, previous_id)?;

    // The newest request of each department and role gives its wording.
    let mut wordings = Vec::new();
    let mut keys = HashSet::new();
    for r in store::requests(conn, Some(previous_id))? {
        if r.version == 0 {
            continue;
        }
        let v = store::version(conn, r.id, r.version)?;
        let input: RequestInput = serde_json::from_str(&v.input)?;
        let fields = WordingFields {
            trigger: input.trigger.trim().to_string(),
            clinical_risk: input.clinical_risk.trim().to_string(),
            consultants_who: input.consultants_who.trim().to_string(),
        };
        if fields == WordingFields::default() {
            continue;
        }
        if keys.insert((r.department_id, role_key(&input.role))) {
            wordings.push((r.department_id, input.role.trim().to_string(), fields, r.id));
        }
    }
    wordings.sort_by_key(|a| (a.0, role_key(&a.1)));
    Ok(Plan {
        previous,
        ladder,
        contacts,
        departments,
        wordings,
    })
}

fn critical_labels(departments: &HashMap<i64, DeptInfo>) -> Vec<String> {
    let mut out: Vec<String> = departments
        .iter()
        .filter(|(_, d)| d.critical)
        .map(|(id, _)| dept_label(departments, *id).unwrap_or_default())
        .collect();
    out.sort_by_key(|s| s.to_lowercase());
    out
}

/// What starting a walkout from `previous_id` would carry over.
pub fn walkout_carry_preview(db: &Db, previous_id: i64) -> Result<CarryPreview> {
    let p = plan(db, previous_id)?;
    Ok(CarryPreview {
        previous_id,
        previous_title: p.previous.title.clone(),
        ladder_version: p.ladder.version,
        ladder_rungs: p.ladder.rungs.clone(),
        contacts: p
            .contacts
            .iter()
            .map(|c| ContactPreview {
                kind: c.kind,
                name: c.name.clone(),
                from_attempts: c.from_attempts,
            })
            .collect(),
        critical_departments: critical_labels(&p.departments),
        departments: p.departments.len() as i64,
        wordings: p
            .wordings
            .iter()
            .map(|(d, role, _, _)| {
                format!(
                    "{} · {role}",
                    dept_label(&p.departments, *d).unwrap_or_default()
                )
            })
            .collect(),
    })
}

/// Creates a walkout from a previous one: the new walkout uses the previous one's ladder
/// version, gets its contacts (plus the agencies, banks and trusts asked in its attempts),
/// a snapshot of its department criticality and its request wording. Never its attempts,
/// not-applicable marks, fills, intents, gap records, requests or incidents.
pub fn walkout_create_from(
    db: &mut Db,
    ctx: &Ctx,
    previous_id: i64,
    input: &WalkoutInput,
) -> Result<WalkoutView> {
    let p = plan(db, previous_id)?;
    let (body, title, rule) = check_input(db, input)?;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let id = store::insert_walkout(
        &tx,
        &store::NewWalkout {
            body: &body,
            title: &title,
            rule: &rule,
            notice_date: input.notice_date,
            user_id,
            now: &now,
        },
    )?;
    store::set_walkout_round(&tx, id, previous_id, p.ladder.version)?;
    for c in &p.contacts {
        store::insert_contact(
            &tx,
            &store::NewContact {
                walkout_id: id,
                kind: c.kind,
                name: &c.name,
                phone: &c.phone,
                email: &c.email,
                notes: &c.notes,
                rung_code: c.rung_code.as_deref(),
            },
            user_id,
            &now,
        )?;
    }
    for (dept, d) in &p.departments {
        store::put_walkout_department(&tx, id, *dept, d.critical)?;
    }
    for (dept, role, fields, request_id) in &p.wordings {
        store::insert_wording(&tx, id, *dept, role, fields, *request_id)?;
    }
    append_audit(
        &tx,
        user_id,
        &now,
        "walkout.create_from",
        "walkout",
        Some(&id.to_string()),
        &json!({
            "from": previous_id,
            "from_title": p.previous.title,
            "body": body,
            "title": title,
            "start": fmt_instant(rule.start),
            "end": fmt_instant(rule.end),
            "staff_groups": rule.staff_groups,
            "grades": rule.grades,
            "notice_date": input.notice_date,
            "undeclared_uncovered": rule.undeclared_uncovered,
            "carried": {
                "ladder_version": p.ladder.version,
                "contacts": p.contacts.len(),
                "contacts_from_attempts": p.contacts.iter().filter(|c| c.from_attempts).count(),
                "departments": p.departments.len(),
                "critical_departments": p.departments.values().filter(|d| d.critical).count(),
                "wordings": p.wordings.len(),
            },
        }),
    )?;
    tx.commit()?;
    super::walkout(db, id)
}

// ---------------------------------------------------------------------------------------------
// The contact list

/// A walkout's contacts (not removed), by kind then name.
pub fn contacts(db: &Db, walkout_id: i64) -> Result<Vec<ContactView>> {
    store::walkout(db.conn(), walkout_id)?;
    store::contacts(db.conn(), walkout_id)
}

fn check_len(field: &str, what: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{what} is too long (at most {max} characters)"),
        ));
    }
    Ok(())
}

/// Adds a contact to a walkout's list. Returns the list.
pub fn contact_add(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    input: &ContactInput,
) -> Result<Vec<ContactView>> {
    store::walkout(db.conn(), walkout_id)?;
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            "say who the contact is (an agency, the bank, a neighbouring trust)",
        ));
    }
    check_len("name", "the name", &name, 200)?;
    let phone = input.phone.trim();
    check_len("phone", "the phone number", phone, 50)?;
    if !phone.is_empty()
        && !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-".contains(c))
    {
        return Err(Error::invalid(
            "phone",
            "a phone number has digits, spaces, +, ( ) and - only",
        ));
    }
    let email = input.email.trim();
    check_len("email", "the email address", email, 200)?;
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        return Err(Error::invalid(
            "email",
            "an email address looks like name@example.nhs.uk",
        ));
    }
    let notes = input.notes.trim();
    check_len("notes", "the notes", notes, 1000)?;
    let rung_code = input.rung_code.trim();
    let rung_code = if rung_code.is_empty() {
        None
    } else {
        let ladder = store::ladder_for_walkout(db.conn(), walkout_id)?;
        if !ladder.rungs.iter().any(|r| r.code == rung_code) {
            return Err(Error::invalid(
                "rung_code",
                format!(
                    "'{rung_code}' is not a rung of this walkout's ladder ({})",
                    ladder
                        .rungs
                        .iter()
                        .map(|r| r.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        Some(rung_code)
    };
    let key = contact_key(input.kind, &name);
    if store::contacts(db.conn(), walkout_id)?
        .iter()
        .any(|c| contact_key(c.kind, &c.name) == key)
    {
        return Err(Error::invalid(
            "name",
            format!(
                "{} '{name}' is already on this walkout's contact list",
                input.kind.label()
            ),
        ));
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let id = store::insert_contact(
        &tx,
        &store::NewContact {
            walkout_id,
            kind: input.kind,
            name: &name,
            phone,
            email,
            notes,
            rung_code,
        },
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "contact.add",
        "contact",
        Some(&id.to_string()),
        &json!({
            "walkout_id": walkout_id,
            "kind": input.kind,
            "name": name,
            "phone": phone,
            "email": email,
            "rung_code": rung_code,
        }),
    )?;
    tx.commit()?;
    store::contacts(db.conn(), walkout_id)
}

/// Removes a contact from a walkout's list (the row stays, marked removed). Returns the list.
pub fn contact_remove(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    contact_id: i64,
) -> Result<Vec<ContactView>> {
    store::walkout(db.conn(), walkout_id)?;
    let (c, removed) = match store::contact(db.conn(), contact_id) {
        Ok(c) => c,
        Err(Error::NotFound { .. }) => {
            return Err(Error::invalid(
                "contact_id",
                format!("there is no contact {contact_id}"),
            ))
        }
        Err(e) => return Err(e),
    };
    if c.walkout_id != walkout_id {
        return Err(Error::invalid(
            "contact_id",
            format!("contact {contact_id} is not on walkout {walkout_id}'s list"),
        ));
    }
    if removed {
        return Err(Error::invalid(
            "contact_id",
            format!("contact {contact_id} ({}) was already removed", c.name),
        ));
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    store::remove_contact(&tx, contact_id, user_id, &now)?;
    append_audit(
        &tx,
        user_id,
        &now,
        "contact.remove",
        "contact",
        Some(&contact_id.to_string()),
        &json!({ "walkout_id": walkout_id, "kind": c.kind, "name": c.name }),
    )?;
    tx.commit()?;
    store::contacts(db.conn(), walkout_id)
}

// ---------------------------------------------------------------------------------------------
// Carried wording

/// The wording carried into a walkout for a department and role (role matched ignoring case
/// and spacing), if it was started from a previous walkout that had a request for them.
pub fn request_wording(
    db: &Db,
    walkout_id: i64,
    department_id: i64,
    role: &str,
) -> Result<Option<CarriedWording>> {
    let w = store::walkout(db.conn(), walkout_id)?;
    let Some((from_id, from_title)) = w.previous else {
        return Ok(None);
    };
    let key = role_key(role);
    let Some((dept, role, fields)) = store::wordings(db.conn(), walkout_id)?
        .into_iter()
        .find(|(d, r, _)| *d == department_id && role_key(r) == key)
    else {
        return Ok(None);
    };
    let departments = store::walkout_departments(db.conn(), walkout_id)?;
    Ok(Some(CarriedWording {
        department_id: dept,
        department: dept_label(&departments, dept).unwrap_or_default(),
        role,
        fields,
        from_walkout_id: from_id,
        from_walkout: from_title,
    }))
}
