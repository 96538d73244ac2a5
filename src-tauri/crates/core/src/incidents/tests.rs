use super::*;

fn input() -> IncidentInput {
    IncidentInput {
        walkout_id: 1,
        occurred: "03/01/2024 14:05".into(),
        department_id: 1,
        duty_id: None,
        request_id: None,
        reference: "W12345".into(),
        harm: Harm::Low,
        near_miss: false,
        description: "Delayed review of a deteriorating patient".into(),
        change_reason: String::new(),
    }
}

fn field(r: Result<()>) -> String {
    r.unwrap_err().field().unwrap().to_string()
}

#[test]
fn harm_reads_and_labels() {
    assert_eq!("none".parse::<Harm>().unwrap(), Harm::None);
    assert_eq!("Severe".parse::<Harm>().unwrap(), Harm::Severe);
    assert_eq!(Harm::Low.label(), "Low harm");
    assert!("bad".parse::<Harm>().unwrap_err().contains("none, low"));
}

#[test]
fn a_good_input_passes_and_each_bad_field_is_named() {
    check_text(&input(), false).unwrap();
    let mut i = input();
    i.description = "  ".into();
    assert_eq!(field(check_text(&i, false)), "description");
    let mut i = input();
    i.description = "x".repeat(4001);
    assert_eq!(field(check_text(&i, false)), "description");
    let mut i = input();
    i.reference = "W1; DROP".into();
    assert_eq!(field(check_text(&i, false)), "reference");
    let mut i = input();
    i.near_miss = true;
    assert_eq!(field(check_text(&i, false)), "harm");
    i.harm = Harm::None;
    check_text(&i, false).unwrap();
    assert_eq!(field(check_text(&i, true)), "change_reason");
    i.change_reason = "Datix number added".into();
    check_text(&i, true).unwrap();
}

#[test]
fn the_window_runs_from_a_day_before_to_a_week_after() {
    let (start, end) = (1_000_000, 1_000_000 + 48 * 3600);
    let now = end + 30 * 86_400;
    check_occurred(start - WINDOW_BEFORE_SECS, start, end, now).unwrap();
    check_occurred(end + WINDOW_AFTER_SECS, start, end, now).unwrap();
    assert_eq!(
        field(check_occurred(
            start - WINDOW_BEFORE_SECS - 60,
            start,
            end,
            now
        )),
        "occurred"
    );
    assert_eq!(
        field(check_occurred(
            end + WINDOW_AFTER_SECS + 60,
            start,
            end,
            now
        )),
        "occurred"
    );
    // Not in the future, even inside the window.
    assert_eq!(
        field(check_occurred(start + 3600, start, end, start + 60)),
        "occurred"
    );
    check_occurred(start + 200, start, end, start).unwrap();
}
