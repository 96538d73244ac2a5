use super::*;

fn ev(attempts: &[(Outcome, bool)], na: Option<bool>, filled: bool) -> RungEvidence {
    RungEvidence {
        attempts: attempts
            .iter()
            .map(|(outcome, accepted)| AttemptFact {
                outcome: *outcome,
                accepted: *accepted,
            })
            .collect(),
        not_applicable: na,
        filled,
    }
}

#[test]
fn rung_states() {
    assert_eq!(rung_state(&ev(&[], None, false)), RungState::NotStarted);
    assert_eq!(
        rung_state(&ev(&[(Outcome::Declined, false)], None, false)),
        RungState::Exhausted
    );
    assert_eq!(
        rung_state(&ev(&[(Outcome::NoReply, false)], None, false)),
        RungState::Exhausted
    );
    assert_eq!(
        rung_state(&ev(&[(Outcome::Unavailable, false)], None, false)),
        RungState::Exhausted
    );
    // Partly, without this gap: a "no" for it.
    assert_eq!(
        rung_state(&ev(&[(Outcome::Partly, false)], None, false)),
        RungState::Exhausted
    );
    // Partly, including this gap: waiting for the fill.
    assert_eq!(
        rung_state(&ev(&[(Outcome::Partly, true)], None, false)),
        RungState::InProgress
    );
    // A pending question keeps the rung open even after a refusal.
    assert_eq!(
        rung_state(&ev(
            &[(Outcome::Declined, false), (Outcome::Asked, false)],
            None,
            false
        )),
        RungState::InProgress
    );
    assert_eq!(
        rung_state(&ev(&[(Outcome::Accepted, true)], None, false)),
        RungState::InProgress
    );
    assert_eq!(
        rung_state(&ev(&[(Outcome::Accepted, true)], None, true)),
        RungState::Filled
    );
    assert_eq!(
        rung_state(&ev(&[], Some(true), false)),
        RungState::NotApplicable
    );
    // Marked applicable again: back to what the attempts say.
    assert_eq!(
        rung_state(&ev(&[], Some(false), false)),
        RungState::NotStarted
    );
    assert_eq!(
        rung_state(&ev(&[(Outcome::Declined, false)], Some(false), false)),
        RungState::Exhausted
    );
}

#[test]
fn missing_lists_required_rungs_not_done() {
    let ladder = vec![
        ("elective".to_string(), true),
        ("incentive".to_string(), true),
        ("locum".to_string(), false),
        ("mutual_aid".to_string(), true),
    ];
    let mut states = HashMap::new();
    states.insert("elective", RungState::NotApplicable);
    states.insert("incentive", RungState::InProgress);
    assert_eq!(missing(&ladder, &states), vec!["incentive", "mutual_aid"]);
    states.insert("incentive", RungState::Exhausted);
    states.insert("mutual_aid", RungState::Exhausted);
    assert!(missing(&ladder, &states).is_empty());
    // Optional rungs never block.
    states.insert("locum", RungState::NotStarted);
    assert!(missing(&ladder, &states).is_empty());
}

#[test]
fn rates() {
    assert_eq!(parse_rate("45", 1000), Ok(4500));
    assert_eq!(parse_rate("£45.5", 1000), Ok(4550));
    assert_eq!(parse_rate(" £158.00 ", 1000), Ok(15800));
    assert_eq!(parse_rate("0", 1000), Ok(0));
    assert_eq!(parse_rate("1000", 1000), Ok(100_000));
    assert!(parse_rate("1000.01", 1000).unwrap_err().contains("above"));
    assert!(parse_rate("-5", 1000).unwrap_err().contains("negative"));
    assert!(parse_rate("45.505", 1000).is_err());
    assert!(parse_rate("abc", 1000).is_err());
    assert!(parse_rate("", 1000).is_err());
    assert!(parse_rate("1e3", 1000).is_err());
    assert_eq!(fmt_rate(4550), "£45.50");
}

#[test]
fn enums_parse_loosely_and_round_trip() {
    for o in Outcome::ALL {
        assert_eq!(o.as_str().parse::<Outcome>(), Ok(*o));
    }
    assert_eq!("No reply".parse::<Outcome>(), Ok(Outcome::NoReply));
    assert_eq!("in-person".parse::<Channel>(), Ok(Channel::InPerson));
    assert!("fax".parse::<Channel>().unwrap_err().contains("phone"));
}

#[test]
fn rung_codes_from_names() {
    assert_eq!(
        rung_code("Mutual aid & other staff"),
        "mutual_aid_other_staff"
    );
    assert_eq!(rung_code("  Locums (agency)  "), "locums_agency");
}
