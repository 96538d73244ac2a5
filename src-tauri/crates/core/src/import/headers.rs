//! Header row: which column is which field. Headers are matched case-insensitively with
//! spaces, underscores and punctuation ignored, and with the synonyms rostering systems use.

use super::types::{ColumnMapping, Field};

/// Index of a field in canonical column order (`Field::REQUIRED` then `Field::OPTIONAL`).
pub(crate) fn slot(f: Field) -> usize {
    match f {
        Field::StaffId => 0,
        Field::Name => 1,
        Field::Grade => 2,
        Field::Department => 3,
        Field::Site => 4,
        Field::Date => 5,
        Field::Start => 6,
        Field::End => 7,
        Field::ShiftType => 8,
        Field::ShiftCode => 9,
        Field::StaffGroup => 10,
        Field::WtrOptOut => 11,
    }
}

/// Header spellings per field, already normalised (lower case, letters and digits only).
/// The canonical name comes first.
const SYNONYMS: [(Field, &[&str]); 12] = [
    (
        Field::StaffId,
        &[
            "staffid",
            "employeenumber",
            "employeeno",
            "employeeid",
            "assignmentnumber",
            "assignmentno",
            "esrnumber",
            "esrno",
            "esr",
            "staffnumber",
            "staffno",
            "empno",
            "personnumber",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "fullname",
            "employeename",
            "doctor",
            "doctorname",
            "staffname",
        ],
    ),
    (Field::Grade, &["grade", "gradecode", "role"]),
    (
        Field::Department,
        &[
            "department",
            "ward",
            "specialty",
            "speciality",
            "unit",
            "service",
            "dept",
        ],
    ),
    (Field::Site, &["site", "hospital", "location"]),
    (Field::Date, &["date", "shiftdate", "dutydate"]),
    (Field::Start, &["start", "shiftstart", "starttime", "from"]),
    (
        Field::End,
        &["end", "shiftend", "endtime", "to", "finish", "finishtime"],
    ),
    (Field::ShiftType, &["shifttype", "dutytype", "type"]),
    (Field::ShiftCode, &["shiftcode", "dutycode", "code"]),
    (Field::StaffGroup, &["staffgroup"]),
    (
        Field::WtrOptOut,
        &["wtroptout", "wtroptedout", "optedout", "optout"],
    ),
];

/// Lower case, letters and digits only: "Staff No." -> "staffno", "shift_type" -> "shifttype".
pub(crate) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, if any.
pub(crate) fn field_for_header(header: &str) -> Option<Field> {
    let n = normalise(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map(|(f, _)| *f)
}

/// Where each field is in the file.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnIndex {
    pub(crate) at: [Option<usize>; 12],
}

impl ColumnIndex {
    pub(crate) fn get(&self, f: Field) -> Option<usize> {
        self.at[slot(f)]
    }

    /// Canonical names of required fields with no column.
    pub(crate) fn missing_required(&self) -> Vec<String> {
        Field::REQUIRED
            .iter()
            .filter(|f| self.get(**f).is_none())
            .map(|f| f.canonical().to_string())
            .collect()
    }
}

/// Maps the header row. When two columns name the same field the first wins; the later one
/// is reported as ignored (`field: None`).
pub(crate) fn map_headers(headers: &[String]) -> (Vec<ColumnMapping>, ColumnIndex) {
    let mut index = ColumnIndex::default();
    let columns = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let field = field_for_header(h).filter(|f| index.at[slot(*f)].is_none());
            if let Some(f) = field {
                index.at[slot(f)] = Some(i);
            }
            ColumnMapping {
                header: h.clone(),
                field,
            }
        })
        .collect();
    (columns, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_FIELDS: [Field; 12] = [
        Field::StaffId,
        Field::Name,
        Field::Grade,
        Field::Department,
        Field::Site,
        Field::Date,
        Field::Start,
        Field::End,
        Field::ShiftType,
        Field::ShiftCode,
        Field::StaffGroup,
        Field::WtrOptOut,
    ];

    #[test]
    fn slots_match_field_order() {
        for (i, f) in ALL_FIELDS.iter().enumerate() {
            assert_eq!(slot(*f), i);
            assert_eq!(SYNONYMS[i].0, *f);
            assert_eq!(SYNONYMS[i].1[0], normalise(f.canonical()));
        }
    }

    #[test]
    fn synonyms_and_case() {
        let cases = [
            ("Employee Number", Field::StaffId),
            ("Assignment Number", Field::StaffId),
            ("ESR Number", Field::StaffId),
            ("Staff Number", Field::StaffId),
            ("Staff No.", Field::StaffId),
            ("EMP_NO", Field::StaffId),
            ("Person Number", Field::StaffId),
            ("STAFF_ID", Field::StaffId),
            ("Full Name", Field::Name),
            ("Employee Name", Field::Name),
            ("doctor", Field::Name),
            ("Staff Name", Field::Name),
            ("Grade Code", Field::Grade),
            ("Role", Field::Grade),
            ("Ward", Field::Department),
            ("Specialty", Field::Department),
            ("Speciality", Field::Department),
            ("Unit", Field::Department),
            ("Service", Field::Department),
            ("Dept.", Field::Department),
            ("Hospital", Field::Site),
            ("Location", Field::Site),
            ("Shift Date", Field::Date),
            ("Duty-Date", Field::Date),
            ("Shift Start", Field::Start),
            ("Start Time", Field::Start),
            ("From", Field::Start),
            ("Shift End", Field::End),
            ("End Time", Field::End),
            ("To", Field::End),
            ("Shift Type", Field::ShiftType),
            ("Duty Type", Field::ShiftType),
            ("type", Field::ShiftType),
            ("Shift Code", Field::ShiftCode),
            ("Duty Code", Field::ShiftCode),
            ("Code", Field::ShiftCode),
            ("Staff Group", Field::StaffGroup),
            ("WTR Opt Out", Field::WtrOptOut),
            ("Opted Out", Field::WtrOptOut),
            ("opt-out", Field::WtrOptOut),
            (" wtr_opt_out ", Field::WtrOptOut),
        ];
        for (h, f) in cases {
            assert_eq!(field_for_header(h), Some(f), "{h}");
        }
        assert_eq!(field_for_header("Notes"), None);
        assert_eq!(field_for_header(""), None);
    }

    #[test]
    fn first_of_two_columns_for_one_field_wins() {
        let headers: Vec<String> = ["Ward", "Department", "Comments"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (cols, idx) = map_headers(&headers);
        assert_eq!(cols[0].field, Some(Field::Department));
        assert_eq!(cols[1].field, None);
        assert_eq!(cols[2].field, None);
        assert_eq!(idx.get(Field::Department), Some(0));
    }
}
