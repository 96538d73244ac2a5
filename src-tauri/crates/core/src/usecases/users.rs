//! Local user profiles: roles and passphrases (Argon2id, salted, slow).
//!
//! Whoever runs the app acts under their operating-system login (a profile made on first use,
//! as a coordinator). Approving a request needs the approver's own passphrase, whatever desktop
//! they sit at. Giving or taking the medical director's (or deputy's) role, once any approver
//! has a passphrase, needs an approver's passphrase: a coordinator cannot make themselves an
//! approver.

use super::Ctx;
use crate::error::{Error, Result};
use crate::requests::{PassphraseInput, Role, UserInput, UserView};
use crate::store::{self, append_audit, Db, UserFields, UserRow};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::OsRng;
use serde_json::json;

/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE: usize = 10;

fn hash_passphrase(p: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(p.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::invalid("new", format!("the passphrase could not be stored: {e}")))
}

fn passphrase_ok(stored: &str, given: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(given.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The approver `username`, if their passphrase is right and their role may approve.
/// `field` names the username field in errors.
pub(super) fn authenticate(
    db: &Db,
    username: &str,
    passphrase: &str,
    field: &str,
) -> Result<UserRow> {
    let name = username.trim();
    let u = store::user_by_name(db.conn(), name)?
        .ok_or_else(|| Error::invalid(field, format!("there is no profile '{name}'")))?;
    if !u.role.may_approve() {
        return Err(Error::invalid(
            field,
            format!(
                "{} is a {}: only the medical director or a named deputy can approve",
                u.display_name,
                u.role.label().to_lowercase()
            ),
        ));
    }
    let Some(stored) = u.passphrase_hash.as_deref() else {
        return Err(Error::invalid(
            field,
            format!(
                "{} has no passphrase yet: set one in Settings, People and roles",
                u.display_name
            ),
        ));
    };
    if !passphrase_ok(stored, passphrase) {
        return Err(Error::invalid(
            "passphrase",
            format!("that is not {}'s passphrase", u.display_name),
        ));
    }
    Ok(u)
}

fn view(u: &UserRow, ctx: &Ctx) -> UserView {
    UserView {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role,
        email: u.email.clone(),
        phone: u.phone.clone(),
        has_passphrase: u.passphrase_hash.is_some(),
        is_me: u.username == ctx.user,
    }
}

/// Every profile (the one running the app included, as a coordinator until changed).
pub fn users_list(db: &Db, ctx: &Ctx) -> Result<Vec<UserView>> {
    let mut out: Vec<UserView> = store::users(db.conn())?
        .iter()
        .map(|u| view(u, ctx))
        .collect();
    if !out.iter().any(|u| u.is_me) {
        out.push(UserView {
            id: 0,
            username: ctx.user.clone(),
            display_name: ctx.user.clone(),
            role: Role::Coordinator,
            email: String::new(),
            phone: String::new(),
            has_passphrase: false,
            is_me: true,
        });
    }
    Ok(out)
}

/// The profile of whoever runs the app, if it exists.
pub fn user_me(db: &Db, ctx: &Ctx) -> Result<Option<UserView>> {
    Ok(store::user_by_name(db.conn(), &ctx.user)?.map(|u| view(&u, ctx)))
}

/// Adds or changes a profile.
pub fn user_save(db: &mut Db, ctx: &Ctx, input: &UserInput) -> Result<UserView> {
    let username = input.username.trim();
    if username.is_empty() {
        return Err(Error::invalid("username", "give the login name"));
    }
    if username.chars().count() > 64 || username.chars().any(char::is_whitespace) {
        return Err(Error::invalid(
            "username",
            "a login name has no spaces and at most 64 characters",
        ));
    }
    let display = input.display_name.trim();
    if display.is_empty() {
        return Err(Error::invalid(
            "display_name",
            "give the person's name as it should appear on requests",
        ));
    }
    if display.chars().count() > 120 {
        return Err(Error::invalid("display_name", "at most 120 characters"));
    }
    let email = input.email.trim();
    if !email.is_empty() && (!email.contains('@') || email.len() > 200) {
        return Err(Error::invalid(
            "email",
            format!("'{email}' is not an email address"),
        ));
    }
    let phone = input.phone.trim();
    if phone.chars().count() > 40
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-".contains(c))
    {
        return Err(Error::invalid(
            "phone",
            format!("'{phone}' is not a telephone number"),
        ));
    }
    let existing = store::user_by_name(db.conn(), username)?;
    let was_approver = existing.as_ref().is_some_and(|u| u.role.may_approve());
    let mut authorised_by = None;
    if (was_approver != input.role.may_approve()) && store::approver_with_passphrase(db.conn())? {
        if input.authoriser.trim().is_empty() {
            return Err(Error::invalid(
                "authoriser",
                "giving or taking the medical director's role needs a medical director or deputy to authorise it with their passphrase",
            ));
        }
        let a = authenticate(
            db,
            &input.authoriser,
            &input.authoriser_passphrase,
            "authoriser",
        )?;
        authorised_by = Some(a.username);
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let actor = store::user_id(&tx, &ctx.user, &now)?;
    let id = store::save_user(
        &tx,
        &UserFields {
            username,
            display_name: display,
            role: input.role,
            email,
            phone,
        },
        &now,
    )?;
    append_audit(
        &tx,
        actor,
        &now,
        if existing.is_some() {
            "user.change"
        } else {
            "user.add"
        },
        "user",
        Some(&id.to_string()),
        &json!({
            "username": username,
            "display_name": display,
            "role": input.role.as_str(),
            "was": existing.as_ref().map(|u| u.role.as_str()),
            "authorised_by": authorised_by,
        }),
    )?;
    tx.commit()?;
    let u = store::user_by_name(db.conn(), username)?.expect("just saved");
    Ok(view(&u, ctx))
}

/// Sets or changes a profile's passphrase (the current one is needed to change it).
pub fn user_passphrase_set(db: &mut Db, ctx: &Ctx, input: &PassphraseInput) -> Result<UserView> {
    let username = input.username.trim();
    let u = store::user_by_name(db.conn(), username)?
        .ok_or_else(|| Error::invalid("username", format!("there is no profile '{username}'")))?;
    if let Some(stored) = &u.passphrase_hash {
        if !passphrase_ok(stored, &input.current) {
            return Err(Error::invalid(
                "current",
                format!("that is not {}'s current passphrase", u.display_name),
            ));
        }
    }
    let n = input.new.chars().count();
    if n < MIN_PASSPHRASE {
        return Err(Error::invalid(
            "new",
            format!(
                "a passphrase needs at least {MIN_PASSPHRASE} characters (a few words is easiest)"
            ),
        ));
    }
    if n > 200 {
        return Err(Error::invalid("new", "at most 200 characters"));
    }
    let hash = hash_passphrase(&input.new)?;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let actor = store::user_id(&tx, &ctx.user, &now)?;
    store::set_passphrase(&tx, u.id, &hash, &now)?;
    append_audit(
        &tx,
        actor,
        &now,
        if u.passphrase_hash.is_some() {
            "user.passphrase_change"
        } else {
            "user.passphrase_set"
        },
        "user",
        Some(&u.id.to_string()),
        &json!({ "username": u.username }),
    )?;
    tx.commit()?;
    let u = store::user_by_name(db.conn(), username)?.expect("exists");
    Ok(view(&u, ctx))
}
