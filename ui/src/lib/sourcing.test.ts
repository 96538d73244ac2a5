import { describe, expect, it } from 'vitest';
import { attempt, ladder } from '../test/sourcingFixtures';
import { gap } from '../test/walkoutFixtures';
import { formatTimestampDate } from './dates';
import {
  EMPTY_ATTEMPT_FORM,
  answerForm,
  buildAttemptInput,
  clearedForm,
  correctionForm,
  defaultRungForGroup,
  doctorStanding,
  formatInputStamp,
  formatRate,
  gapHeadline,
  londonInputStamp,
  localStampToInput,
  rateText,
} from './sourcing';

describe('money and times', () => {
  it('shows a rate in pence as pounds', () => {
    expect(formatRate(4550)).toBe('£45.50');
    expect(formatRate(9500)).toBe('£95.00');
    expect(formatRate(5)).toBe('£0.05');
    expect(formatRate(120000)).toBe('£1,200.00');
    expect(rateText(4550)).toBe('45.50');
    expect(rateText(null)).toBe('');
  });

  it('gives now in London as a datetime-local value, over both clock changes', () => {
    expect(londonInputStamp(new Date('2024-01-03T10:15:30Z'))).toBe('2024-01-03T10:15');
    expect(londonInputStamp(new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01T00:30');
    expect(londonInputStamp(new Date('2024-03-31T01:30:00Z'))).toBe('2024-03-31T02:30');
    expect(londonInputStamp(new Date('2024-10-27T01:30:00Z'))).toBe('2024-10-27T01:30');
  });

  it('reads the backend stamps into the form and back into words', () => {
    expect(localStampToInput('03/01/2024 20:05')).toBe('2024-01-03T20:05');
    expect(localStampToInput(null)).toBe('');
    expect(localStampToInput('soon')).toBe('');
    expect(formatInputStamp('2024-01-03T20:05')).toBe('03/01/2024 20:05');
    expect(formatTimestampDate('2024-06-30T23:30:00Z')).toBe('01/07/2024');
    expect(formatTimestampDate('not a time')).toBe('not a time');
  });
});

describe('naming gaps', () => {
  it('names the date, times, shift, grade, department, site and doctor, or vacant', () => {
    expect(gapHeadline(gap({ shift_type: 'night', start_local: '20:00', end_local: '08:00', staff_number: null, staff_name: null }))).toBe(
      'Wed 03/01/2024, 20:00–08:00, Night, ST3, General Surgery (Northgate General), vacant',
    );
  });
});

describe('the rung an ask from the list goes under', () => {
  it('follows the doctor’s group, when the ladder has that rung', () => {
    expect(defaultRungForGroup('consultant', ladder.rungs)).toBe('consultant');
    expect(defaultRungForGroup('sas', ladder.rungs)).toBe('sas');
    expect(defaultRungForGroup('resident', ladder.rungs)).toBe('incentive');
    expect(defaultRungForGroup('other', ladder.rungs)).toBe('incentive');
    expect(defaultRungForGroup('resident', ladder.rungs.filter((r) => r.code !== 'incentive'))).toBeNull();
  });
});

describe('where a doctor stands on a gap', () => {
  const asked = attempt({ id: 5, staff_id: 9, outcome: 'asked', duty_ids: [2, 4] });
  it('goes by the latest current attempt naming the gap', () => {
    expect(doctorStanding([], 9, 2)).toEqual({ kind: 'none' });
    expect(doctorStanding([asked], 9, 2)).toEqual({ kind: 'waiting', attempt: asked });
    const partly = attempt({ id: 6, staff_id: 9, outcome: 'partly', duty_ids: [2, 4], accepted_duty_ids: [4], supersedes: 5 });
    const history = [partly, { ...asked, superseded_by: 6 }];
    expect(doctorStanding(history, 9, 4)).toEqual({ kind: 'accepted', attempt: partly });
    expect(doctorStanding(history, 9, 2)).toEqual({ kind: 'answered', attempt: partly });
    expect(doctorStanding(history, 10, 2)).toEqual({ kind: 'none' });
  });
});

describe('the attempt form', () => {
  it('builds the input, sending "now" when the time was left alone', () => {
    const form = { ...EMPTY_ATTEMPT_FORM, rung: 'locum', kind: 'agency' as const, asked: ' Medics4U ', rate: ' 95 ', outcome: 'declined' as const };
    expect(buildAttemptInput(form, [2, 4], '2024-01-03T10:15')).toEqual({
      problems: {},
      input: {
        duty_ids: [2, 4],
        rung_code: 'locum',
        contact_kind: 'agency',
        asked: 'Medics4U',
        staff_id: null,
        asked_at: '2024-01-03T10:15',
        channel: 'phone',
        rate: '95',
        outcome: 'declined',
        reply_by: '',
        accepted_duty_ids: [],
        notes: '',
        supersedes: null,
      },
    });
  });

  it('lists what is missing', () => {
    expect(buildAttemptInput(EMPTY_ATTEMPT_FORM, [2], 'x').problems).toEqual({
      rung: 'Choose the rung of the ladder',
      asked: 'Enter who was asked',
      outcome: 'Choose what came of it',
    });
    const noReply = { ...EMPTY_ATTEMPT_FORM, rung: 'locum', asked: 'A', outcome: 'no_reply' as const };
    expect(buildAttemptInput(noReply, [2], 'x').problems).toEqual({ replyBy: 'Enter the time an answer was needed by' });
    const partly = { ...EMPTY_ATTEMPT_FORM, rung: 'locum', asked: 'A', outcome: 'partly' as const, accepted: [2, 4] };
    expect(buildAttemptInput(partly, [2, 4], 'x').problems.accepted).toMatch(/Every shift was accepted/);
    expect(buildAttemptInput({ ...partly, accepted: [] }, [2, 4], 'x').problems.accepted).toBe('Choose the shifts that were accepted');
    // A doctor from the list needs no typed name.
    expect(buildAttemptInput({ ...EMPTY_ATTEMPT_FORM, rung: 'sas', kind: 'doctor', staffId: 3, outcome: 'asked' }, [2], 'x').input).toMatchObject({
      contact_kind: 'doctor',
      staff_id: 3,
      asked: '',
    });
  });

  it('prefills an answer and a correction, each naming the gaps of the attempt it supersedes', () => {
    const a = attempt({ id: 8, rate_pence_per_hour: 4550, duty_ids: [4], outcome: 'partly', accepted_duty_ids: [4], notes: 'n' });
    expect(answerForm(a)).toMatchObject({ rung: 'locum', asked: 'Medics4U', rate: '45.50', outcome: '', supersedes: 8, dutyIds: [4] });
    expect(correctionForm(a)).toMatchObject({ outcome: 'partly', accepted: [4], when: '2024-01-02T17:30', notes: 'n', supersedes: 8 });
    expect(clearedForm(correctionForm(a))).toEqual({ ...EMPTY_ATTEMPT_FORM, rung: 'locum', kind: 'agency', channel: 'phone' });
  });
});
