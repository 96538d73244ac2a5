//! End-to-end tests of the import: bytes in, duties or errors out.

use super::*;
use crate::model::{ShiftType, StaffGroup};
use chrono::{NaiveDate, NaiveTime};

const HEADER: &str = "staff_id,name,grade,department,site,date,start,end,shift_type";

fn csv(rows: &[&str]) -> String {
    let mut s = String::from(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

fn parse(text: &str) -> Result<ParsedRota, ImportError> {
    parse_bytes("rota.csv", text.as_bytes(), &mut |_| {})
}

fn ok(text: &str) -> Vec<DutyRow> {
    match parse(text) {
        Ok(p) => p.rows,
        Err(e) => panic!("{e}"),
    }
}

fn bad(text: &str) -> (Vec<RowError>, usize) {
    bad_bytes(text.as_bytes())
}

fn bad_bytes(bytes: &[u8]) -> (Vec<RowError>, usize) {
    match parse_bytes("rota.csv", bytes, &mut |_| {}) {
        Err(ImportError::BadRows { errors, total, .. }) => (errors, total),
        Err(e) => panic!("unexpected error: {e}"),
        Ok(p) => panic!("accepted {} rows", p.rows.len()),
    }
}

/// (row, column) of each error.
fn where_(errors: &[RowError]) -> Vec<(u32, &str)> {
    errors.iter().map(|e| (e.row, e.column.as_str())).collect()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

const DAY: &str =
    "1234567,Siân O'Brien,ST3,Emergency Medicine,Royal Infirmary,05/01/2024,08:00,17:00,Day";

#[test]
fn a_good_row_in_canonical_form() {
    let rows = ok(&csv(&[DAY]));
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.row, 2);
    assert_eq!(r.staff_number.as_deref(), Some("1234567"));
    assert_eq!(r.name.as_deref(), Some("Siân O'Brien"));
    assert_eq!(&*r.grade, "ST3");
    assert_eq!(&*r.department, "Emergency Medicine");
    assert_eq!(&*r.site, "Royal Infirmary");
    assert_eq!(r.date, ymd(2024, 1, 5));
    assert_eq!((r.start_local, r.end_local), (hm(8, 0), hm(17, 0)));
    assert_eq!(r.end - r.start, 9 * 3600);
    // 05/01/2024 08:00 GMT
    assert_eq!(r.start, 1_704_441_600);
    assert_eq!(r.shift_type, ShiftType::Day);
    assert_eq!(
        (r.shift_code.clone(), r.staff_group, r.wtr_opt_out),
        (None, None, None)
    );
}

#[test]
fn header_synonyms_case_and_extra_columns() {
    let text = "Assignment Number;FULL NAME;Grade Code;Specialty;Hospital;Duty Date;Start Time;\
                End Time;Duty Type;Duty Code;Staff Group;WTR Opt-Out;Notes\n\
                1234567;Zoë Adams;Consultant;Acute Medicine;General;26/10/2024;20:00;08:00;\
                Night;N;consultant;Yes;anything\n";
    let preview = preview_bytes("export.csv", text.as_bytes()).unwrap();
    let fields: Vec<Option<Field>> = preview.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            Some(Field::StaffId),
            Some(Field::Name),
            Some(Field::Grade),
            Some(Field::Department),
            Some(Field::Site),
            Some(Field::Date),
            Some(Field::Start),
            Some(Field::End),
            Some(Field::ShiftType),
            Some(Field::ShiftCode),
            Some(Field::StaffGroup),
            Some(Field::WtrOptOut),
            None,
        ]
    );
    assert_eq!(preview.columns[12].header, "Notes");
    let rows = ok(text);
    let r = &rows[0];
    assert_eq!(r.name.as_deref(), Some("Zoë Adams"));
    assert_eq!(r.shift_code.as_deref(), Some("N"));
    assert_eq!(r.staff_group, Some(StaffGroup::Consultant));
    assert_eq!(r.wtr_opt_out, Some(true));
    assert_eq!(r.shift_type, ShiftType::Night);

    let other = "Staff No,Doctor,Role,Ward,Location,Shift Date,From,To,Type\n\
                 1,A,F1,Ward 3,Site,05/01/2024,0800,1700,LD\n";
    assert_eq!(ok(other)[0].shift_type, ShiftType::LongDay);
}

#[test]
fn missing_columns_lists_found_and_expected() {
    let text = "Staff Number,Name,Grade,Ward,Date,Start,End\n1,A,F1,W,05/01/2024,08:00,17:00\n";
    let err = parse(text).unwrap_err();
    match &err {
        ImportError::MissingColumns {
            file,
            found,
            missing,
            expected,
        } => {
            assert_eq!(file, "rota.csv");
            assert_eq!(
                found,
                &[
                    "Staff Number",
                    "Name",
                    "Grade",
                    "Ward",
                    "Date",
                    "Start",
                    "End"
                ]
            );
            assert_eq!(missing, &["site", "shift_type"]);
            assert_eq!(
                expected,
                &[
                    "staff_id",
                    "name",
                    "grade",
                    "department",
                    "site",
                    "date",
                    "start",
                    "end",
                    "shift_type"
                ]
            );
        }
        e => panic!("{e}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("site, shift_type"), "{msg}");
    assert!(
        msg.contains("Columns found: Staff Number, Name, Grade, Ward"),
        "{msg}"
    );
    assert!(msg.contains("Expected: staff_id, name, grade"), "{msg}");
}

#[test]
fn preview_of_a_file_with_a_missing_column_does_not_fail() {
    let text = "Staff Number,Name,Grade,Ward,Date,Start,End\n1,A,F1,W,05/01/2024,08:00,17:00\n\n2,B,F2,W,06/01/2024,bad,17:00\n";
    let p = preview_bytes("rota.csv", text.as_bytes()).unwrap();
    assert_eq!(p.missing_required, vec!["site", "shift_type"]);
    assert_eq!(p.format, FileFormat::Csv);
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.total_rows, 2);
    assert_eq!(p.sample.len(), 2);
    assert_eq!(
        p.sample[1],
        vec!["2", "B", "F2", "W", "06/01/2024", "bad", "17:00"]
    );
}

#[test]
fn preview_samples_twenty_rows_and_counts_all() {
    let rows: Vec<String> = (0..45)
        .map(|i| format!("{i},N{i},F1,W,S,05/01/2024,08:00,17:00,Day"))
        .collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let p = preview_bytes("rota.csv", csv(&refs).as_bytes()).unwrap();
    assert!(p.missing_required.is_empty());
    assert_eq!(p.sample.len(), 20);
    assert_eq!(p.total_rows, 45);
    assert_eq!(p.columns.len(), 9);
}

fn encodings_file() -> String {
    csv(&[
        "1,Siân O'Brien,ST3,ED,Site,05/01/2024,08:00,17:00,Day",
        "2,Zoë Ló,ST3,ED,Site,05/01/2024,08:00,17:00,Day",
        "3,José Núñez,ST3,ED,Site,05/01/2024,08:00,17:00,Day",
    ])
}

fn names(rows: &[DutyRow]) -> Vec<&str> {
    rows.iter().filter_map(|r| r.name.as_deref()).collect()
}

#[test]
fn encodings_keep_names_intact() {
    let text = encodings_file();
    let want = vec!["Siân O'Brien", "Zoë Ló", "José Núñez"];

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&cp1252).is_err());

    for (bytes, encoding) in [
        (text.as_bytes().to_vec(), "UTF-8"),
        (bom, "UTF-8 (BOM)"),
        (le, "UTF-16LE (BOM)"),
        (be, "UTF-16BE (BOM)"),
        (cp1252.into_owned(), "Windows-1252"),
    ] {
        let p = parse_bytes("rota.csv", &bytes, &mut |_| {}).unwrap();
        assert_eq!(p.encoding, encoding);
        assert_eq!(names(&p.rows), want, "{encoding}");
        let preview = preview_bytes("rota.csv", &bytes).unwrap();
        assert_eq!(preview.encoding, encoding);
        assert_eq!(
            preview.columns[0].header, "staff_id",
            "{encoding}: BOM not in the header"
        );
        assert!(preview.missing_required.is_empty());
    }
}

#[test]
fn dates_day_first_or_iso_never_month_first() {
    let rows = ok(&csv(&[
        "1,A,F1,W,S,05/01/2024,08:00,17:00,Day",
        "1,A,F1,W,S,2024-01-06,08:00,17:00,Day",
        "1,A,F1,W,S,7/1/2024,08:00,17:00,Day",
        "1,A,F1,W,S,08-01-2024,08:00,17:00,Day",
        "1,A,F1,W,S,09.01.2024,08:00,17:00,Day",
        "1,A,F1,W,S,12/01/2024,08:00,17:00,Day",
    ]));
    let dates: Vec<NaiveDate> = rows.iter().map(|r| r.date).collect();
    assert_eq!(
        dates,
        vec![
            ymd(2024, 1, 5),
            ymd(2024, 1, 6),
            ymd(2024, 1, 7),
            ymd(2024, 1, 8),
            ymd(2024, 1, 9),
            ymd(2024, 1, 12),
        ]
    );

    let (errors, total) = bad(&csv(&[
        "1,A,F1,W,S,31/02/2024,08:00,17:00,Day",
        "2,B,F1,W,S,13/25/2024,08:00,17:00,Day",
        "3,C,F1,W,S,Friday,08:00,17:00,Day",
    ]));
    assert_eq!(total, 3);
    assert_eq!(where_(&errors), vec![(2, "date"), (3, "date"), (4, "date")]);
    assert_eq!(errors[0].value, "31/02/2024");
    assert_eq!(errors[0].message, "not a date: February 2024 has no day 31");
    assert!(
        errors[1].message.contains("no month 25"),
        "{}",
        errors[1].message
    );
    assert_eq!(
        errors[2].message,
        "not a date: expected dd/mm/yyyy or yyyy-mm-dd"
    );
}

#[test]
fn times_in_several_forms_and_overnight_ends() {
    let rows = ok(&csv(&[
        "1,A,F1,W,S,05/01/2024,20:00,08:00,Night",
        "1,A,F1,W,S,07/01/2024,0800,2030,LD",
        "1,A,F1,W,S,08/01/2024,9:00:00,17:30:00,Day",
        "1,A,F1,W,S,09/01/2024,16:00,24:00,LE",
    ]));
    assert_eq!(rows[0].end - rows[0].start, 12 * 3600);
    assert_eq!(rows[0].end_local, hm(8, 0));
    assert_eq!(rows[1].end - rows[1].start, 12 * 3600 + 1800);
    assert_eq!(rows[2].end - rows[2].start, 8 * 3600 + 1800);
    assert_eq!(rows[3].end - rows[3].start, 8 * 3600);

    let (errors, _) = bad(&csv(&["1,A,F1,W,S,05/01/2024,25:00,8am,Night"]));
    assert_eq!(where_(&errors), vec![(2, "start"), (2, "end")]);
    assert!(errors[0].message.starts_with("not a time"));
}

#[test]
fn nights_over_the_clock_changes() {
    let rows = ok(&csv(&[
        "1,A,F1,W,S,26/10/2024,20:00,08:00,Night",
        "1,A,F1,W,S,29/03/2025,20:00,08:00,Night",
    ]));
    assert_eq!(rows[0].end - rows[0].start, 46_800);
    assert_eq!(rows[1].end - rows[1].start, 11 * 3600);
}

#[test]
fn a_duty_over_24_hours_is_rejected() {
    let (errors, total) = bad(&csv(&[
        "1,A,F1,W,S,26/10/2024,09:00,09:00,NROC",
        "2,B,F1,W,S,05/01/2024,09:00,09:00,NROC",
    ]));
    assert_eq!(total, 1, "the 24 h on-call on an ordinary day is fine");
    assert_eq!(where_(&errors), vec![(2, "end")]);
    assert_eq!(errors[0].value, "09:00");
    assert_eq!(
        errors[0].message,
        "the duty lasts 25.0 h; a duty may last at most 24 h"
    );
}

#[test]
fn vacant_slots_have_no_staff_and_no_name() {
    let rows = ok(&csv(&[
        ",,ST3,ED,Site,05/01/2024,20:00,08:00,Night",
        ",Vacant - locum needed,ST3,ED,Site,05/01/2024,20:00,08:00,Night",
    ]));
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!((r.staff_number.as_deref(), r.name.as_deref()), (None, None));
    }
}

#[test]
fn a_filled_row_needs_a_name() {
    let (errors, _) = bad(&csv(&["1234567,,ST3,ED,Site,05/01/2024,20:00,08:00,Night"]));
    assert_eq!(where_(&errors), vec![(2, "name")]);
}

#[test]
fn overlapping_duties_for_one_doctor_are_rejected() {
    let (errors, total) = bad(&csv(&[
        "1234567,A,F1,W,S,05/01/2024,20:00,08:00,Night", // row 2
        "7654321,B,F1,W,S,06/01/2024,07:00,17:00,Day",   // another doctor: fine
        "1234567,A,F1,W,S,06/01/2024,07:00,17:00,Day",   // row 4 overlaps row 2
    ]));
    assert_eq!(total, 1);
    assert_eq!(where_(&errors), vec![(4, "start")]);
    assert_eq!(
        errors[0].message,
        "overlaps row 2 (05/01/2024 20:00-08:00) for the same doctor (staff_id 1234567)"
    );
    assert_eq!(errors[0].value, "07:00");

    // The later row in the file is the one reported, even when its duty comes first.
    let (errors, _) = bad(&csv(&[
        "1234567,A,F1,W,S,06/01/2024,07:00,17:00,Day",
        "1234567,A,F1,W,S,05/01/2024,20:00,08:00,Night",
    ]));
    assert_eq!(where_(&errors), vec![(3, "start")]);
    assert!(errors[0]
        .message
        .starts_with("overlaps row 2 (06/01/2024 07:00-17:00)"));

    // One long duty overlapping two others: both reported.
    let (errors, total) = bad(&csv(&[
        "9,A,F1,W,S,05/01/2024,08:00,08:00,NROC",
        "9,A,F1,W,S,05/01/2024,09:00,12:00,Day",
        "9,A,F1,W,S,05/01/2024,13:00,17:00,Day",
    ]));
    assert_eq!(total, 2);
    assert_eq!(where_(&errors), vec![(3, "start"), (4, "start")]);
}

#[test]
fn touching_duties_leave_and_vacant_slots_do_not_overlap() {
    let rows = ok(&csv(&[
        "1234567,A,F1,W,S,05/01/2024,08:00,20:00,LD",
        "1234567,A,F1,W,S,05/01/2024,20:00,08:00,Night",
        "1234567,A,F1,W,S,06/01/2024,00:00,00:00,Rest",
        ",,F1,W,S,05/01/2024,08:00,20:00,LD",
        ",,F1,W,S,05/01/2024,08:00,20:00,LD",
    ]));
    assert_eq!(rows.len(), 5);
}

#[test]
fn one_staff_number_with_two_names_is_rejected() {
    let (errors, total) = bad(&csv(&[
        "123,Ann Smith,F1,W,S,05/01/2024,08:00,17:00,Day",
        "456,Bob Jones,F1,W,S,05/01/2024,08:00,17:00,Day",
        "123,Ann Smith,F2,W,S,06/01/2024,08:00,17:00,Day",
        "123,Anne Smith,F1,W,S,07/01/2024,08:00,17:00,Day",
    ]));
    assert_eq!(total, 1, "a different grade is data, not an error");
    assert_eq!(where_(&errors), vec![(5, "name")]);
    assert_eq!(errors[0].value, "Anne Smith");
    assert_eq!(
        errors[0].message,
        "staff_id 123 is named 'Ann Smith' on row 2"
    );
}

#[test]
fn every_bad_cell_is_listed_with_its_row_and_column() {
    let (errors, total) = bad(&csv(&[
        "1,A,F1,W,S,05/01/2024,08:00,17:00,Day",
        "2,B,,W,S,05/01/2024,08:00,17:00,Day",
        "3,C,F1,W,S,05/01/2024,08:00,17:00,Brunch",
        "4,D,F1,W,S,05/01/2024,08:00,17:00,Day",
        "5,E,F1,,,32/01/2024,8,17:00,",
    ]));
    assert_eq!(total, 7);
    assert_eq!(
        where_(&errors),
        vec![
            (3, "grade"),
            (4, "shift_type"),
            (6, "department"),
            (6, "site"),
            (6, "date"),
            (6, "start"),
            (6, "shift_type"),
        ]
    );
    assert_eq!(
        errors[0].message,
        "the cell is empty; every duty needs a grade"
    );
    assert_eq!(errors[1].value, "Brunch");
    assert!(
        errors[1]
            .message
            .contains("day, long day, long evening, night, on call (non-resident), leave, rest"),
        "{}",
        errors[1].message
    );
    let msg = ImportError::BadRows {
        file: "rota.csv".into(),
        errors: errors.clone(),
        total,
    }
    .to_string();
    assert!(msg.contains("row 3, grade"), "{msg}");
}

#[test]
fn row_errors_are_capped_but_counted() {
    let rows: Vec<String> = (0..500)
        .map(|i| format!("{i},N{i},F1,W,S,99/99/2024,08:00,17:00,Day"))
        .collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let (errors, total) = bad(&csv(&refs));
    assert_eq!(total, 500);
    assert_eq!(errors.len(), MAX_ROW_ERRORS);
    assert_eq!(errors.len(), 200);
    assert_eq!(errors[0].row, 2);
    assert_eq!(errors[199].row, 201);
}

#[test]
fn overlap_errors_merge_in_row_order_under_the_cap() {
    // 300 date errors after an overlap at row 3: the overlap must be among the kept ones.
    let mut rows = vec![
        "1,A,F1,W,S,05/01/2024,08:00,17:00,Day".to_string(),
        "1,A,F1,W,S,05/01/2024,09:00,12:00,Day".to_string(),
    ];
    rows.extend((0..300).map(|i| format!("x{i},N,F1,W,S,bad,08:00,17:00,Day")));
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let (errors, total) = bad(&csv(&refs));
    assert_eq!(total, 301);
    assert_eq!(errors.len(), 200);
    assert_eq!((errors[0].row, errors[0].column.as_str()), (3, "start"));
    assert!(errors.windows(2).all(|w| w[0].row <= w[1].row));
}

#[test]
fn blank_lines_keep_row_numbering() {
    let text = format!(
        "{HEADER}\r\n1,A,F1,W,S,05/01/2024,08:00,17:00,Day\r\n\r\n,,,,,,,,\r\n  \r\n2,B,F1,W,S,bad,08:00,17:00,Day\r\n"
    );
    let (errors, _) = bad(&text);
    assert_eq!(where_(&errors), vec![(6, "date")]);
    let p = preview_bytes("rota.csv", text.as_bytes()).unwrap();
    assert_eq!(p.total_rows, 2);
}

#[test]
fn a_quoted_multi_line_cell_keeps_later_row_numbers() {
    // Row 2 has a name over two lines (one spreadsheet row); the bad date is on row 3, as a
    // spreadsheet shows it.
    let text = csv(&[
        "1,\"Smith, Ann\nknown as Annie\",F1,W,S,05/01/2024,08:00,17:00,Day",
        "2,B,F1,W,S,bad,08:00,17:00,Day",
    ]);
    let (errors, _) = bad(&text);
    assert_eq!(where_(&errors), vec![(3, "date")]);
}

#[test]
fn quoted_fields_with_commas() {
    let rows = ok(&csv(&[
        "1,\"O'Brien, Siân\",ST3,\"Medicine, Acute\",Site,05/01/2024,08:00,17:00,Day",
    ]));
    assert_eq!(rows[0].name.as_deref(), Some("O'Brien, Siân"));
    assert_eq!(&*rows[0].department, "Medicine, Acute");
}

#[test]
fn text_is_data() {
    let evil = "<img src=x onerror=alert(1)>";
    let rows = ok(&csv(&[&format!(
        "1,{evil},F1,=HYPERLINK(\"x\"),S,05/01/2024,08:00,17:00,Day"
    )]));
    assert_eq!(rows[0].name.as_deref(), Some(evil));
    assert_eq!(&*rows[0].department, "=HYPERLINK(\"x\")");
}

#[test]
fn cells_are_trimmed_and_optional_columns_read() {
    let text = "staff_id,name,grade,department,site,date,start,end,shift_type,shift_code,staff_group,wtr_opt_out\n\
                \u{20}1 , A , F1 , W , S , 05/01/2024 , 08:00 , 17:00 , Day , SD , resident , n \n\
                2,B,F1,W,S,05/01/2024,08:00,17:00,Day,,,\n\
                3,C,F1,W,S,05/01/2024,08:00,17:00,Day,,martian,perhaps\n";
    let (errors, _) = bad(text);
    assert_eq!(
        where_(&errors),
        vec![(4, "staff_group"), (4, "wtr_opt_out")]
    );
    let rows = ok(&text[..text.rfind("3,C").unwrap()]);
    assert_eq!(rows[0].staff_number.as_deref(), Some("1"));
    assert_eq!(rows[0].name.as_deref(), Some("A"));
    assert_eq!(rows[0].shift_code.as_deref(), Some("SD"));
    assert_eq!(rows[0].staff_group, Some(StaffGroup::Resident));
    assert_eq!(rows[0].wtr_opt_out, Some(false));
    assert_eq!(
        (
            rows[1].shift_code.as_deref(),
            rows[1].staff_group,
            rows[1].wtr_opt_out
        ),
        (None, None, None)
    );
}

#[test]
fn shift_type_codes_in_the_message_are_accepted() {
    for code in ["SD", "LD", "LE", "N", "NROC", "A/L", "OFF"] {
        assert!(ShiftType::parse_loose(code).is_some(), "{code}");
    }
}

#[test]
fn empty_files() {
    for text in ["", "\n\n", HEADER, &format!("{HEADER}\n\n,,,\n")] {
        match parse(text) {
            Err(ImportError::Empty { file }) => assert_eq!(file, "rota.csv"),
            other => panic!("{text:?}: {other:?}"),
        }
    }
    let p = preview_bytes("rota.csv", b"").unwrap();
    assert_eq!((p.columns.len(), p.total_rows), (0, 0));
    assert_eq!(p.missing_required.len(), 9);
}

#[test]
fn not_a_rota_file() {
    for (bytes, name) in [
        (&b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"[..], "rota.pdf"),
        (
            &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0"[..],
            "rota.xls",
        ),
        (
            &b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0"[..],
            "rota.csv",
        ),
        (&b"PK\x03\x04\x14\0\0\0\0\0garbage"[..], "rota.xlsx"),
    ] {
        match parse_bytes(name, bytes, &mut |_| {}) {
            Err(e @ ImportError::Format { .. }) => {
                assert!(
                    e.to_string()
                        .starts_with(&format!("{name}: not a rota export")),
                    "{e}"
                );
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(matches!(
            preview_bytes(name, bytes),
            Err(ImportError::Format { .. })
        ));
    }
}

#[test]
fn files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rota.csv");
    std::fs::write(&path, csv(&[DAY])).unwrap();
    let mut seen = Vec::new();
    let p = parse_file(&path, &mut |e| seen.push(e)).unwrap();
    assert_eq!(p.file_name, "rota.csv");
    assert_eq!(p.rows.len(), 1);
    assert_eq!(seen, vec![ImportProgress::Reading { rows: 1 }]);
    assert_eq!(preview_file(&path).unwrap().file_name, "rota.csv");

    let missing = dir.path().join("nope.csv");
    match parse_file(&missing, &mut |_| {}) {
        Err(ImportError::Read { file, message }) => {
            assert_eq!(file, "nope.csv");
            assert_eq!(message, "the file does not exist");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        preview_file(&missing),
        Err(ImportError::Read { .. })
    ));
}

#[test]
fn progress_every_20000_rows_and_at_the_end() {
    let rows: Vec<String> = (0..45_000)
        .map(|_| ",,F1,W,S,05/01/2024,08:00,17:00,Day".to_string())
        .collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut seen = Vec::new();
    let p = parse_bytes("rota.csv", csv(&refs).as_bytes(), &mut |e| seen.push(e)).unwrap();
    assert_eq!(p.rows.len(), 45_000);
    let counts: Vec<u64> = seen
        .iter()
        .map(|e| match e {
            ImportProgress::Reading { rows } => *rows,
            ImportProgress::Writing { .. } => panic!("writing"),
        })
        .collect();
    assert_eq!(counts, vec![20_000, 40_000, 45_000]);
}

// ---------------------------------------------------------------------------------------
// xlsx
// ---------------------------------------------------------------------------------------

/// A workbook written the way Excel would: dates and times as numbers with date/time
/// formats, a staff number typed as a number, a time typed as text, and a blank row.
fn workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm");
    let ws = wb.add_worksheet();
    ws.set_name("Rota").unwrap();
    let headers = [
        "Employee Number",
        "Full Name",
        "Grade",
        "Ward",
        "Hospital",
        "Shift Date",
        "Shift Start",
        "Shift End",
        "Shift Type",
        "Opted Out",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2: numbers with formats. 45591 = 26/10/2024.
    ws.write_number(1, 0, 1234567.0).unwrap();
    ws.write_string(1, 1, "Siân O'Brien").unwrap();
    ws.write_string(1, 2, "ST3").unwrap();
    ws.write_string(1, 3, "ED").unwrap();
    ws.write_string(1, 4, "Royal").unwrap();
    ws.write_number_with_format(1, 5, 45591.0, &date).unwrap();
    ws.write_number_with_format(1, 6, 20.0 / 24.0, &time)
        .unwrap();
    ws.write_number_with_format(1, 7, 8.0 / 24.0, &time)
        .unwrap();
    ws.write_string(1, 8, "Night").unwrap();
    ws.write_boolean(1, 9, true).unwrap();
    // Row 3 blank. Row 4: a bare serial date, times as text and as a bare fraction.
    ws.write_string(3, 0, "").unwrap();
    ws.write_number(3, 0, 7654321.0).unwrap();
    ws.write_string(3, 1, "<img src=x onerror=alert(1)>")
        .unwrap();
    ws.write_string(3, 2, "F1").unwrap();
    ws.write_string(3, 3, "ED").unwrap();
    ws.write_string(3, 4, "Royal").unwrap();
    ws.write_number(3, 5, 45745.0).unwrap(); // 29/03/2025
    ws.write_string(3, 6, "20:00").unwrap();
    ws.write_number(3, 7, 0.3333333333333333).unwrap();
    ws.write_string(3, 8, "N").unwrap();
    // Row 5: a vacant slot with a date typed as text.
    ws.write_string(4, 2, "F1").unwrap();
    ws.write_string(4, 3, "ED").unwrap();
    ws.write_string(4, 4, "Royal").unwrap();
    ws.write_string(4, 5, "27/10/2024").unwrap();
    ws.write_number_with_format(4, 6, 0.375, &time).unwrap();
    ws.write_number_with_format(4, 7, 0.875, &time).unwrap();
    ws.write_string(4, 8, "Long day").unwrap();
    // A second sheet that must be ignored.
    let other = wb.add_worksheet();
    other.write_string(0, 0, "ignore me").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_with_date_serials_and_time_fractions() {
    let bytes = workbook();
    // Named .csv on purpose: the content decides.
    let p = parse_bytes("export.csv", &bytes, &mut |_| {}).unwrap();
    assert_eq!((p.format, p.encoding.as_str()), (FileFormat::Xlsx, "xlsx"));
    assert_eq!(p.rows.len(), 3);
    let r = &p.rows[0];
    assert_eq!(r.row, 2);
    assert_eq!(r.staff_number.as_deref(), Some("1234567"));
    assert_eq!(r.name.as_deref(), Some("Siân O'Brien"));
    assert_eq!(r.date, ymd(2024, 10, 26));
    assert_eq!((r.start_local, r.end_local), (hm(20, 0), hm(8, 0)));
    assert_eq!(r.end - r.start, 13 * 3600);
    assert_eq!(r.wtr_opt_out, Some(true));
    let r = &p.rows[1];
    assert_eq!(r.row, 4, "the sheet's row number, blank row 3 included");
    assert_eq!(r.name.as_deref(), Some("<img src=x onerror=alert(1)>"));
    assert_eq!(r.date, ymd(2025, 3, 29));
    assert_eq!(r.end - r.start, 11 * 3600);
    let r = &p.rows[2];
    assert_eq!((r.row, r.staff_number.as_deref()), (5, None));
    assert_eq!(
        (r.date, r.start_local, r.end_local),
        (ymd(2024, 10, 27), hm(9, 0), hm(21, 0))
    );
    assert_eq!(r.shift_type, ShiftType::LongDay);

    let preview = preview_bytes("export.xlsx", &bytes).unwrap();
    assert_eq!(preview.format, FileFormat::Xlsx);
    assert_eq!(preview.total_rows, 3);
    assert!(preview.missing_required.is_empty());
    assert_eq!(preview.columns[9].field, Some(Field::WtrOptOut));
    assert_eq!(
        preview.sample[0],
        vec![
            "1234567",
            "Siân O'Brien",
            "ST3",
            "ED",
            "Royal",
            "26/10/2024",
            "20:00",
            "08:00",
            "Night",
            "TRUE"
        ]
    );
    assert_eq!(preview.sample[1][5], "45745");
    assert_eq!(preview.sample[2][0], "");
}

#[test]
fn xlsx_row_errors_use_sheet_row_numbers() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (c, v) in [
        "1",
        "A",
        "F1",
        "W",
        "S",
        "31/02/2024",
        "08:00",
        "17:00",
        "Day",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(9, c as u16, *v).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let (errors, _) = bad_bytes(&bytes);
    assert_eq!(where_(&errors), vec![(10, "date")]);
}

#[test]
fn xlsx_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rota.xlsx");
    std::fs::write(&path, workbook()).unwrap();
    let p = parse_file(&path, &mut |_| {}).unwrap();
    assert_eq!((p.file_name.as_str(), p.rows.len()), ("rota.xlsx", 3));
}

// ---------------------------------------------------------------------------------------
// Large files are read in pieces on several threads: same result as in one go
// ---------------------------------------------------------------------------------------

/// The outcome of a parse, comparable.
#[derive(Debug, PartialEq)]
enum Outcome {
    Rows(Vec<DutyRow>),
    Bad(Vec<RowError>, usize),
    Other(String),
}

fn outcome(text: &str, threads: usize, min_piece_bytes: usize) -> Outcome {
    match parse_with(
        "rota.csv",
        text.as_bytes(),
        &mut |_| {},
        threads,
        min_piece_bytes,
    ) {
        Ok(p) => Outcome::Rows(p.rows),
        Err(ImportError::BadRows { errors, total, .. }) => Outcome::Bad(errors, total),
        Err(e) => Outcome::Other(e.to_string()),
    }
}

/// A file with a bit of everything that crosses piece boundaries: blank lines, quoted cells
/// over several lines, the same doctor all through, a doctor whose name changes half way.
fn awkward_file(eol: &str, bad: bool) -> String {
    let mut lines = vec![String::new(), HEADER.to_string()];
    for i in 0..400u32 {
        let doctor = i % 7;
        let day = ymd(2024, 1, 1) + chrono::Days::new(u64::from(i / 7));
        let name = if bad && doctor == 3 && i > 200 {
            "Renamed".to_string()
        } else {
            format!("\"Doctor {doctor},{eol}the {doctor}th\"")
        };
        let date = if bad && i % 50 == 17 {
            "31/02/2024".to_string()
        } else {
            day.format("%d/%m/%Y").to_string()
        };
        let start = if bad && i % 90 == 5 { "07:00" } else { "08:00" };
        lines.push(format!("{doctor},{name},F1,W,S,{date},{start},17:00,Day"));
        if bad && i % 90 == 5 {
            // The same doctor again on the same day: an overlap.
            lines.push(format!("{doctor},{name},F1,W,S,{date},09:00,12:00,Day"));
        }
        if i % 13 == 0 {
            lines.push(String::new());
            lines.push(" , ,".to_string());
        }
    }
    lines.join(eol) + eol
}

#[test]
fn pieces_read_on_threads_give_the_same_result() {
    for eol in ["\n", "\r\n", "\r"] {
        for bad in [false, true] {
            let text = awkward_file(eol, bad);
            let whole = outcome(&text, 1, usize::MAX);
            match (&whole, bad) {
                (Outcome::Bad(errors, total), true) => {
                    assert!(*total > 10, "{total}");
                    assert!(errors.iter().any(|e| e.message.contains("is named")));
                    assert!(errors.iter().any(|e| e.message.contains("overlaps row")));
                    assert!(errors.iter().any(|e| e.column == "date"));
                }
                (Outcome::Rows(rows), false) => assert_eq!(rows.len(), 400),
                (other, _) => panic!("{other:?}"),
            }
            for threads in 2..=4 {
                for min in [1, 100, 1000] {
                    assert_eq!(
                        outcome(&text, threads, min),
                        whole,
                        "eol {eol:?}, bad {bad}, {threads} threads, pieces >= {min} bytes"
                    );
                }
            }
        }
    }
}

#[test]
fn pieces_keep_the_error_cap_and_order() {
    let rows: Vec<String> = (0..500)
        .map(|i| {
            format!(
                "{},N{i},F1,W,S,05/01/2024,08:00,17:00,{}",
                i % 3,
                if i % 2 == 0 { "Day" } else { "Brunch" }
            )
        })
        .collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let text = csv(&refs);
    let whole = outcome(&text, 1, usize::MAX);
    let Outcome::Bad(errors, total) = &whole else {
        panic!("{whole:?}")
    };
    assert_eq!(errors.len(), MAX_ROW_ERRORS);
    assert!(*total > MAX_ROW_ERRORS);
    assert_eq!(outcome(&text, 4, 10), whole);
}

#[test]
fn split_cuts_only_between_records() {
    use super::source::split_csv;
    let text = awkward_file("\r\n", false);
    for parts in 2..=4 {
        let pieces = split_csv(&text, b',', parts, 1);
        assert_eq!(pieces.len(), parts);
        assert_eq!(pieces.concat(), text);
        for p in &pieces[1..] {
            // Each piece starts a record: never inside the quoted two-line names.
            assert!(!p.starts_with("the "), "{:?}", &p[..20]);
        }
    }
    let no_quotes = "a,b\n1,2\n3,4\n5,6\n";
    assert_eq!(
        split_csv(no_quotes, b',', 2, 1),
        vec!["a,b\n1,2\n3,4\n", "5,6\n"]
    );
    assert_eq!(split_csv(no_quotes, b',', 4, 100), vec![no_quotes]);
}
