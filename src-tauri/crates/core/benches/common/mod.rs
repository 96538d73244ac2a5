//! Shared by the benchmarks: the 6-day resident walkout they time.

use chrono::{Duration, NaiveDate};
use strikecover_core::model::StaffGroup;
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::{WalkoutInput, WalkoutView};

/// Resident doctors, 07:00 on `first` to 07:00 six days later, notice 14 days before,
/// doctors who have not declared counted as uncovered.
pub fn six_day_walkout(db: &mut Db, ctx: &Ctx, first: NaiveDate) -> WalkoutView {
    usecases::walkout_create(
        db,
        ctx,
        &WalkoutInput {
            body: "BMA".into(),
            title: "Resident doctors, 6 days".into(),
            staff_groups: vec![StaffGroup::Resident],
            grades: vec![],
            start_date: first,
            start_time: "07:00".into(),
            end_date: first + Duration::days(6),
            end_time: "07:00".into(),
            notice_date: Some(first - Duration::days(14)),
            undeclared_uncovered: true,
        },
    )
    .expect("walkout")
}
