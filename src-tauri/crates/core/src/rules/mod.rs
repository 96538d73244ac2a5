//! The working-time rules: may this doctor also work this duty? Pure: no database.
//!
//! [`RuleSet`] holds every number (each a [`RuleSetting`] with a label, unit and source the
//! trust can edit); [`History`] holds every doctor's rostered spans, digested once;
//! [`assess`] judges one doctor for one proposed duty and names each rule it would break,
//! with the numbers ([`Violation`]).
//!
//! # Time
//! Every duration is real elapsed time between UTC instants, so a 20:00–08:00 night over
//! the last Sunday of October lasts 13 h and one over the last Sunday of March 11 h. Times
//! of day (23:00, 06:00, 16:00, weekends, Mondays) are Europe/London wall-clock times.
//!
//! # Words used below
//! - **Work span**: a rostered span of any type but leave (rest rows are dropped when the
//!   [`History`] is built). Leave only ever counts as a clash: not hours, not a shift.
//!   The proposed duty is always work.
//! - **Rota day** of a shift: the Europe/London date it starts on, except that a shift
//!   starting between 00:00 and 05:59 belongs to the day before (a night starting at 00:30
//!   is the previous evening's night).
//! - **Consecutive**: days with a shift of a kind are consecutive when their rota days are
//!   consecutive calendar dates; a rota day on which no shift of the kind starts breaks the
//!   run (for "shifts on consecutive days", that is a day off: a day on which no work
//!   starts). A run's length is counted in days, so two shifts on one rota day count once.
//! - **Night**: a shift with at least `tcs_night_min_hours` (3 h) between 23:00 and 06:00
//!   ([`crate::walkouts::night_secs`]). **Long shift**: longer than `tcs_long_shift_hours`
//!   (10 h). **Long evening**: a long shift that starts before 16:00 and ends after 23:00 on
//!   the day it starts. Non-resident on-call periods ([`crate::model::ShiftType::OnCall`])
//!   are not shifts for these three rules (the 2016 TCS treat on-call separately); they
//!   count as work for hours, rest and shifts on consecutive days. Night, long and long
//!   evening are worked out from the times, not from the shift type a rota gives.
//! - **Reference period** (averages): the `reference_weeks` weeks ending at the
//!   proposed duty's end, as long as the span the rota data covers allows
//!   (`data_from..data_to` given to [`History::build`], stretched to include the duty).
//!   When there is less data before the duty than that, the period runs on into the rota
//!   after it, so a doctor early in the data is averaged over as much of the rota as there
//!   is, not over a week or two. The average is the hours worked in it (history and duty)
//!   divided by its length in weeks, at least 1 week: with 3 weeks of rota data in all, a
//!   doctor is averaged over those 3 weeks; with 3 days, over 1 week.
//!
//! Every limit is inclusive: a value exactly at the limit is allowed, anything past it is
//! not. Comparisons are made in whole seconds, so a limit is never missed by rounding; in
//! messages a figure over a limit is rounded up to 0.1 h and rest available is rounded
//! down, so a message never shows a figure equal to its limit. A rest setting of 0 turns
//! that rest rule off. Violations come in a fixed order: clashes, then the rules in the
//! order of [`RuleSet::settings`].
//!
//! # Every doctor
//! - **Clash** (`clash`): the duty shares time with any of the doctor's spans: "already on
//!   duty 08:00–17:00 on 03/01/2024", or "on leave on 03/01/2024".
//!
//! # Resident doctors (2016 TCS, England, as amended in 2019)
//! - `tcs_max_average_hours_week` (48 h), or `tcs_max_average_hours_week_opted_out` (56 h)
//!   for a doctor who has opted out of the Working Time Regulations: the average over the
//!   reference period.
//! - `tcs_max_hours_7_days` (72 h): in every rolling 168 h window that contains any part of
//!   the duty, the worked time inside the window (the part of each shift inside it, the
//!   duty included) is at most the limit.
//! - `tcs_max_shift_hours` (13 h): the duty's length; `tcs_max_on_call_hours` (24 h) instead
//!   when the duty is a non-resident on-call period.
//! - `tcs_min_rest_between_shifts` (11 h): from the latest end of a work span ending at or
//!   before the duty's start, and from the duty's end to the next work span's start.
//! - `tcs_max_consecutive_nights` (4): the run of nights the duty is in.
//!   `tcs_rest_after_nights` (46 h): after any run of nights, even one, every work span on a
//!   later rota day starts at least this long after the run's last night ends (the latest
//!   end on the run's last day). So a night followed by a day shift 24 h later is out, a
//!   duty starting under 46 h after a run of nights is out, and a proposed night ending
//!   under 46 h before a rostered shift (other than the next night of the run) is out.
//! - `tcs_max_consecutive_long_shifts` (4; 5 in the 2016 text, 4 after 2019: unconfirmed,
//!   so a setting), then `tcs_rest_after_long_shifts` (48 h);
//!   `tcs_max_consecutive_long_evenings` (4), then `tcs_rest_after_long_evenings` (48 h);
//!   `tcs_max_consecutive_shifts` (7, shifts on consecutive days), then
//!   `tcs_rest_after_consecutive_shifts` (48 h). For each: the run of days the duty is in is
//!   at most the limit; and after any N consecutive days of the kind (N = the limit), every
//!   work span on a later rota day starts at least the rest after the last of them ends.
//!   A run longer than N therefore breaks both the count and the rest (its (N+1)th day comes
//!   too soon).
//! - `tcs_max_weekend_frequency` (1 in 3): a weekend is worked when any work falls between
//!   00:01 Saturday and 23:59 Sunday. Only when the duty touches a weekend the doctor is not
//!   already working: the weekends worked in the weekend window, with the duty's, times N
//!   must not exceed the weekends in the window (those with any time in it). The weekend
//!   window is as long as the reference period (or the data, if shorter) and ends at the
//!   duty's end, except that when the data before the duty is shorter than that it runs on
//!   into the rota after the duty (rotas are planned ahead; otherwise nobody could take a
//!   weekend duty in the first weeks of the data, where one weekend in one is "1 in 1").
//!
//! # Consultants, SAS and other doctors (Working Time Regulations 1998)
//! - `wtr_max_average_hours_week` (48 h): the average over the reference period, unless
//!   the doctor has opted out (then no average limit).
//! - `wtr_min_daily_rest` (11 h): rest between shifts, measured as for residents.
//! - `wtr_min_weekly_rest_7_days` (24 h) or `wtr_min_weekly_rest_14_days` (48 h): weeks run
//!   from Monday 00:00 (the regulations' default, reg. 11(6)). For every week the duty
//!   touches, the longest stretch without work that lies inside the week is at least 24 h;
//!   if not, the week is still allowed when the fortnight it forms with the week before, or
//!   with the week after, holds a stretch of at least 48 h (the employer may use 14-day
//!   periods instead). Time outside the rota data counts as rest.
//!
//! # Not rules here
//! Breaks (30 minutes for a shift over 5 h, another over 9 h) are taken within a shift and
//! do not decide who may cover one, so they are left out.
//!
//! # Speed
//! [`History::build`] sorts the spans once, works out each distinct (start, end)'s local
//! facts once, and indexes every doctor's spans by week, so [`assess`] touches only the few
//! weeks around the duty (and the start of the reference period): its cost does not grow
//! with the length of the history. What depends only on the duty (its night hours, rota
//! day, weeks and weekends) is worked out once and kept in a one-entry cache per thread, so
//! assessing every doctor for one duty does that time-zone work once.
//!
//! # Monotonicity
//! Adding a span to a doctor's history never removes a violation, with two exceptions that
//! the rules themselves make: a night can join two runs of nights into one (so the rest
//! that was owed between them is no longer owed), and a span on a weekend the duty touches
//! makes it a weekend the doctor is already working.

mod check;
mod history;
mod settings;

pub use check::*;
pub use history::*;
pub use settings::*;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
