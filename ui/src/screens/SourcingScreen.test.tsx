import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AttemptInput } from '../bindings/AttemptInput';
import type { FillInput } from '../bindings/FillInput';
import type { RungMarkInput } from '../bindings/RungMarkInput';
import type { SourcingView } from '../bindings/SourcingView';
import { type Call, type Handler, mockBackend } from '../test/backend';
import { type FakeSourcing, attempt, fakeSourcing, ladder } from '../test/sourcingFixtures';
import { SourcingScreen, mergeSourcing } from './SourcingScreen';

function setup(
  dutyIds: number[],
  options: Parameters<typeof fakeSourcing>[0] = {},
  handlers: Record<string, Handler> = {},
  prepare: (fake: FakeSourcing) => void = () => {},
) {
  const fake = fakeSourcing(options);
  prepare(fake);
  const calls = mockBackend({ ...fake.handlers, ...handlers });
  const onBack = vi.fn();
  const onChanged = vi.fn();
  const user = userEvent.setup();
  render(<SourcingScreen walkoutId={7} dutyIds={dutyIds} onBack={onBack} onChanged={onChanged} />);
  return { fake, calls, user, onBack, onChanged };
}

const inputsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args.input);

function ladderRow(name: string): HTMLElement {
  const row = screen.getAllByTestId('ladder-row').find((r) => within(r).queryByRole('rowheader')?.textContent?.startsWith(name));
  if (!row) throw new Error(`no ladder row ${name}`);
  return row;
}

function candidateRow(name: string): HTMLElement {
  const row = screen.getAllByTestId('candidate-row').find((r) => r.textContent?.includes(name));
  if (!row) throw new Error(`no candidate row ${name}`);
  return row;
}

async function ready() {
  await screen.findAllByTestId('ladder-row');
  await screen.findAllByTestId('candidate-row');
}

describe('sourcing screen: the gaps and the ladder', () => {
  it('names the gap, shows every rung with its state and what is still to do', async () => {
    const { calls } = setup([2], {}, {}, (fake) => {
      fake.marks.push({ code: 'elective', dutyIds: [2], notApplicable: true, reason: 'No elective lists on strike days' });
      fake.attempts.push(attempt({ id: 3, duty_ids: [2] }));
    });
    await ready();
    expect(screen.getByRole('heading', { level: 2, name: 'Source cover for 1 gap' })).toHaveFocus();
    expect(calls.find((c) => c.cmd === 'sourcing_get')?.args).toEqual({ walkoutId: 7, dutyIds: [2] });

    const gap = screen.getByTestId('sourcing-gap');
    expect(gap).toHaveTextContent('Wed 03/01/2024, 08:00–17:00, Day, ST3, General Surgery (Northgate General), Asha Patel (1234567)');
    expect(within(gap).getByText('Sourcing')).toHaveClass('nhsuk-tag');
    expect(gap).toHaveTextContent(
      'Still to do: Move urgent cases to the days either side, Incentives for doctors who are not striking, Redeploy non-striking doctors, Consultants acting down or extra shifts, SAS doctors, Mutual aid and other staff groups',
    );

    const rows = screen.getAllByTestId('ladder-row');
    expect(rows).toHaveLength(9);
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('Cancel or move non-urgent elective work');
    expect(within(ladderRow('Cancel or move')).getByText('Not applicable')).toHaveClass('nhsuk-tag');
    expect(ladderRow('Cancel or move')).toHaveTextContent('No elective lists on strike days');
    expect(within(ladderRow('Bank and agency')).getByText('Exhausted')).toBeInTheDocument();
    expect(ladderRow('Bank and agency')).toHaveTextContent('Agency Medics4U declined 1 shift (phone, £95.00/h)');
    expect(ladderRow('Bank and agency')).toHaveTextContent('Internal bank first');
    expect(within(ladderRow('Move urgent')).getByText('Not started')).toBeInTheDocument();
    expect(ladderRow('Internal or critical incident')).toHaveTextContent('(optional)');
    // A rung marked not applicable can be made applicable again.
    expect(within(ladderRow('Cancel or move')).getByRole('button', { name: 'Applicable again…' })).toBeInTheDocument();
    expect(within(ladderRow('Cancel or move')).queryByRole('button', { name: 'Not applicable…' })).toBeNull();
  });

  it('says when the alternatives are exhausted, and lists the states on each gap of a group', async () => {
    setup([2, 4], {}, {}, (fake) => {
      for (const r of ladder.rungs) fake.marks.push({ code: r.code, dutyIds: [2], notApplicable: true, reason: 'Not for this service' });
    });
    await ready();
    expect(screen.getByRole('heading', { level: 2, name: 'Source cover for 2 gaps' })).toBeInTheDocument();
    const [first, second] = screen.getAllByTestId('sourcing-gap');
    expect(within(first).getByText('Alternatives exhausted')).toHaveClass('nhsuk-tag--green');
    expect(second).toHaveTextContent('Still to do: Cancel or move non-urgent elective work');
    const row = ladderRow('Move urgent');
    expect(row).toHaveTextContent('Wed 03/01 08:00 ST3: Not applicable');
    expect(row).toHaveTextContent('Thu 04/01 08:00 CT1: Not started');
    // The reason shows with the state.
    expect(ladderRow('Cancel or move')).toHaveTextContent('Wed 03/01 08:00 ST3: Not applicable Not for this service');
  });

  it('needs a reason to mark a rung not applicable, and marks it for every gap on the screen', async () => {
    const { calls, user } = setup([2, 4]);
    await ready();
    await user.click(within(ladderRow('Cancel or move')).getByRole('button', { name: 'Not applicable…' }));
    const reason = screen.getByLabelText('Why does “Cancel or move non-urgent elective work” not apply to these 2 gaps?');
    expect(reason).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Mark not applicable' }));
    expect(screen.getByText('Enter why this rung does not apply')).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.cmd === 'rung_mark')).toBe(false);

    await user.type(reason, 'No elective lists in neonates on these days');
    await user.click(screen.getByRole('button', { name: 'Mark not applicable' }));
    await waitFor(() => expect(inputsOf(calls, 'rung_mark')).toHaveLength(1));
    expect(inputsOf(calls, 'rung_mark')[0]).toEqual({
      duty_ids: [2, 4],
      rung_code: 'elective',
      not_applicable: true,
      reason: 'No elective lists in neonates on these days',
    } satisfies RungMarkInput);
    expect(await screen.findByText(/marked not applicable for 2 gaps/)).toBeInTheDocument();
    expect(ladderRow('Cancel or move')).toHaveTextContent('All 2 gaps: Not applicable No elective lists in neonates on these days');

    // And back again, with a reason too.
    await user.click(within(ladderRow('Cancel or move')).getByRole('button', { name: 'Applicable again…' }));
    await user.type(screen.getByLabelText(/apply after all/), 'A list was added on Thursday');
    await user.click(screen.getByRole('button', { name: 'Mark applicable again' }));
    await waitFor(() => expect(inputsOf(calls, 'rung_mark')).toHaveLength(2));
    expect((inputsOf(calls, 'rung_mark')[1] as RungMarkInput).not_applicable).toBe(false);
  });

  it('goes back to the gaps', async () => {
    const { user, onBack } = setup([2]);
    await ready();
    await user.click(screen.getByRole('button', { name: 'Back to gaps' }));
    expect(onBack).toHaveBeenCalled();
  });
});

describe('sourcing screen: the attempt form', () => {
  it('logs an attempt from the keyboard and says what was logged; the form clears but keeps rung, channel and kind', async () => {
    const { calls, user, onChanged } = setup([2]);
    await ready();
    await user.click(within(ladderRow('Bank and agency')).getByRole('button', { name: 'Log attempt' }));
    const rung = screen.getByLabelText('Rung');
    expect(rung).toHaveValue('locum');
    expect(rung).toHaveFocus();

    await user.selectOptions(screen.getByLabelText('Who was asked'), 'agency');
    await user.type(screen.getByLabelText('Name'), 'Medics4U');
    await user.selectOptions(screen.getByLabelText('How'), 'email');
    await user.type(screen.getByLabelText('Rate offered, £ an hour (optional)'), '95.50');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'declined');
    fireEvent.change(screen.getByLabelText('When asked'), { target: { value: '2024-01-03T09:15' } });
    await user.type(screen.getByLabelText('Notes (optional)'), 'Nobody free on nights');
    // Enter in a field sends the form.
    await user.type(screen.getByLabelText('Name'), '{Enter}');

    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toEqual({
      duty_ids: [2],
      rung_code: 'locum',
      contact_kind: 'agency',
      asked: 'Medics4U',
      staff_id: null,
      asked_at: '2024-01-03T09:15',
      channel: 'email',
      rate: '95.50',
      outcome: 'declined',
      reply_by: '',
      accepted_duty_ids: [],
      notes: 'Nobody free on nights',
      supersedes: null,
    } satisfies AttemptInput);
    const status = document.getElementById('attempt-message') as HTMLElement;
    expect(status).toHaveAttribute('role', 'status');
    await waitFor(() => expect(status).toHaveTextContent('Logged #11: Medics4U: declined (email, £95.50/h).'));
    expect(screen.getByLabelText('Rung')).toHaveFocus();
    expect(screen.getByLabelText('Rung')).toHaveValue('locum');
    expect(screen.getByLabelText('How')).toHaveValue('email');
    expect(screen.getByLabelText('Who was asked')).toHaveValue('agency');
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(screen.getByLabelText('Rate offered, £ an hour (optional)')).toHaveValue('');
    expect(screen.getByLabelText('Outcome')).toHaveValue('');
    expect(screen.getByLabelText('Notes (optional)')).toHaveValue('');
    // The history shows it, and the board is told.
    expect(within(screen.getByRole('table', { name: /Attempts to find cover/ })).getByText('Medics4U: declined (email, £95.50/h)')).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
    expect(within(ladderRow('Bank and agency')).getByText('Exhausted')).toBeInTheDocument();
  });

  it('sends "now" when the time is left alone, and checks the form before sending', async () => {
    const { calls, user } = setup([2]);
    await ready();
    await user.click(screen.getByRole('button', { name: 'Save attempt' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose the rung of the ladder' })).toHaveAttribute('href', '#attempt-rung');
    expect(within(summary).getByRole('link', { name: 'Enter who was asked' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Choose what came of it' })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'attempt_add')).toBe(false);

    await user.selectOptions(screen.getByLabelText('Rung'), 'mutual_aid');
    await user.selectOptions(screen.getByLabelText('Who was asked'), 'trust');
    await user.type(screen.getByLabelText('Name'), 'Eastbridge Hospitals');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'unavailable');
    await user.click(screen.getByRole('button', { name: 'Save attempt' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    const sent = inputsOf(calls, 'attempt_add')[0] as AttemptInput;
    expect(sent.asked_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(sent).toMatchObject({ contact_kind: 'trust', asked: 'Eastbridge Hospitals', rate: '', outcome: 'unavailable' });
  });

  it('asks for the reply-by time only for "No reply", and requires it', async () => {
    const { calls, user } = setup([2]);
    await ready();
    expect(screen.queryByLabelText('Answer needed by')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Rung'), 'locum');
    await user.type(screen.getByLabelText('Name'), 'Locums Direct');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'no_reply');
    const replyBy = screen.getByLabelText('Answer needed by');
    await user.click(screen.getByRole('button', { name: 'Save attempt' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the time an answer was needed by' })).toHaveAttribute('href', '#attempt-reply-by');
    expect(calls.some((c) => c.cmd === 'attempt_add')).toBe(false);

    fireEvent.change(replyBy, { target: { value: '2024-01-03T12:00' } });
    await user.click(screen.getByRole('button', { name: 'Save attempt' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toMatchObject({ outcome: 'no_reply', reply_by: '2024-01-03T12:00' });
    await user.selectOptions(screen.getByLabelText('Outcome'), 'declined');
    expect(screen.queryByLabelText('Answer needed by')).toBeNull();
  });

  it('records the answer to an "asked" attempt, superseding it, and marks the old one', async () => {
    const { calls, user } = setup([2], {}, {}, (fake) => {
      fake.attempts.push(
        attempt({
          id: 5,
          rung_code: 'consultant',
          rung_name: 'Consultants acting down or extra shifts',
          contact_kind: 'doctor',
          asked: 'Farid Khan (6666666, Consultant)',
          staff_id: 2,
          staff_number: '6666666',
          outcome: 'asked',
          rate_pence_per_hour: 12000,
          summary: 'Asked Farid Khan (6666666, Consultant) (phone, £120.00/h)',
        }),
      );
    });
    await ready();
    const history = screen.getByRole('table', { name: /Attempts to find cover/ });
    const row = within(history).getAllByTestId('attempt-row')[0];
    await user.click(within(row).getByRole('button', { name: 'Record answer' }));
    expect(screen.getByLabelText('Rung')).toHaveFocus();
    expect(screen.getByLabelText('Rung')).toHaveValue('consultant');
    expect(screen.getByLabelText('Who was asked')).toHaveValue('doctor');
    expect(screen.getByLabelText('Rate offered, £ an hour (optional)')).toHaveValue('120.00');
    expect(screen.getByLabelText('Outcome')).toHaveValue('');
    expect(screen.getByText(/Recording the answer to #5/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Or a doctor from the list/)).toHaveValue('2');

    await user.selectOptions(screen.getByLabelText('Outcome'), 'declined');
    await user.type(screen.getByLabelText('Notes (optional)'), 'Already on call that night{Control>}{Enter}{/Control}');
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toMatchObject({
      duty_ids: [2],
      rung_code: 'consultant',
      contact_kind: 'doctor',
      staff_id: 2,
      rate: '120.00',
      outcome: 'declined',
      notes: 'Already on call that night',
      supersedes: 5,
    });
    // The old attempt stays, marked.
    await waitFor(() => expect(within(history).getAllByTestId('attempt-row')).toHaveLength(2));
    const old = within(history).getAllByTestId('attempt-row')[1];
    expect(old).toHaveClass('sc-superseded');
    expect(old).toHaveTextContent('Superseded by #11');
    expect(within(old).queryByRole('button')).toBeNull();
    expect(within(history).getAllByTestId('attempt-row')[0]).toHaveTextContent('Replaces #5');
    expect(screen.queryByText(/Recording the answer/)).toBeNull();
  });

  it('corrects an attempt with everything prefilled', async () => {
    const { calls, user } = setup([2], {}, {}, (fake) => {
      fake.attempts.push(attempt({ id: 7, outcome: 'no_reply', reply_by_local: '02/01/2024 20:00', notes: 'Left a message' }));
    });
    await ready();
    await user.click(screen.getByRole('button', { name: 'Correct' }));
    expect(screen.getByText(/Correcting #7/)).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Medics4U');
    expect(screen.getByLabelText('When asked')).toHaveValue('2024-01-02T17:30');
    expect(screen.getByLabelText('Answer needed by')).toHaveValue('2024-01-02T20:00');
    expect(screen.getByLabelText('Notes (optional)')).toHaveValue('Left a message');
    await user.clear(screen.getByLabelText('Rate offered, £ an hour (optional)'));
    await user.type(screen.getByLabelText('Rate offered, £ an hour (optional)'), '£99');
    await user.click(screen.getByRole('button', { name: 'Save attempt' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toMatchObject({
      rung_code: 'locum',
      asked: 'Medics4U',
      asked_at: '2024-01-02T17:30',
      reply_by: '2024-01-02T20:00',
      rate: '£99',
      outcome: 'no_reply',
      supersedes: 7,
    });
  });

  it('covers every gap of a group, with the shifts accepted for "Accepted some shifts"', async () => {
    const { calls, user } = setup([2, 4]);
    await ready();
    await user.selectOptions(screen.getByLabelText('Rung'), 'locum');
    await user.selectOptions(screen.getByLabelText('Who was asked'), 'bank');
    await user.type(screen.getByLabelText('Name'), 'Staff bank');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'partly');
    const shifts = screen.getByRole('group', { name: 'Shifts accepted' });
    await user.click(screen.getByRole('button', { name: 'Save attempt for 2 gaps' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the shifts that were accepted');
    await user.click(within(shifts).getByLabelText('Thu 04/01/2024 08:00–17:00 CT1 General Surgery'));
    await user.click(screen.getByRole('button', { name: 'Save attempt for 2 gaps' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toMatchObject({ duty_ids: [2, 4], outcome: 'partly', accepted_duty_ids: [4] });
    expect(await screen.findByText(/Logged #11 for 2 gaps/)).toBeInTheDocument();
  });

  it('shows a refusal from the backend by its field', async () => {
    const { user } = setup([2], {}, {
      attempt_add: () => Promise.reject({ code: 'invalid', field: 'rate', message: "rate: 'abc' is not a rate in pounds an hour: write it like 45 or 45.50" }),
    });
    await ready();
    await user.selectOptions(screen.getByLabelText('Rung'), 'locum');
    await user.type(screen.getByLabelText('Name'), 'Medics4U');
    await user.type(screen.getByLabelText('Rate offered, £ an hour (optional)'), 'abc');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'declined');
    await user.click(screen.getByRole('button', { name: 'Save attempt' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: "'abc' is not a rate in pounds an hour: write it like 45 or 45.50" });
    expect(link).toHaveAttribute('href', '#attempt-rate');
    expect(screen.getByLabelText('Rate offered, £ an hour (optional)')).toHaveAttribute('aria-invalid', 'true');
    // Nothing is lost.
    expect(screen.getByLabelText('Name')).toHaveValue('Medics4U');
  });
});

describe('sourcing screen: candidates, fill, override and release', () => {
  it('lists eligible doctors ranked with why, and the doctors left out with every reason', async () => {
    const { calls, user } = setup([2]);
    await ready();
    expect(calls.find((c) => c.cmd === 'candidates_get')?.args).toEqual({ walkoutId: 7, dutyId: 2 });
    expect(document.getElementById('candidate-counts')).toHaveTextContent(
      '2 doctors could take this duty; 2 doctors left out (rules version 0, the built-in defaults).',
    );
    const table = screen.getByRole('table', { name: 'Eligible doctors, best placed first' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Rank',
      'Doctor',
      'Grade',
      'Works in',
      'Why here',
      'Hours, past 7 days',
      'Rest before',
      'Actions',
    ]);
    const dana = candidateRow('Dana Ellis');
    expect(dana).toHaveTextContent('1');
    expect(dana).toHaveTextContent('5555555');
    expect(dana).toHaveTextContent('same department; 22.5 h in the past 7 days; 35.0 h rest before');
    expect(dana).toHaveTextContent('22.5 h');
    expect(dana).toHaveTextContent('35.0 h');
    const farid = candidateRow('Farid Khan');
    expect(farid).toHaveTextContent('Already asked: Declined 02/01/2024 18:00');
    expect(farid).toHaveTextContent('No duty before');

    // Left out: hidden until asked for, then searchable, with every reason.
    expect(screen.queryByTestId('excluded-row')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Show the 2 doctors left out, with the reasons' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const rows = screen.getAllByTestId('excluded-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Grace Lowe');
    expect(within(rows[0]).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'would reach 79.0 h in 7 days (limit 72 h)',
      '46 h rest needed after nights; 24.0 h available',
    ]);
    expect(rows[1]).toHaveTextContent('FY1 (cover level 1) cannot cover a ST3 duty (level 4)');
    await user.type(screen.getByLabelText('Name or staff number'), '8888');
    expect(screen.getAllByTestId('excluded-row')).toHaveLength(1);
    expect(document.getElementById('excluded-count')).toHaveTextContent('Showing 1 of 2 doctors');
  });

  it('"Asked", then "Accepted", then "Fill with this doctor" call the backend in that order', async () => {
    const { calls, user } = setup([2]);
    await ready();
    expect(document.getElementById('candidate-ask-hint')).toHaveTextContent('by the doctor\'s group');
    await user.click(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Asked' }));
    await waitFor(() => expect(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Accepted' })).toHaveFocus());
    expect(candidateRow('Dana Ellis')).toHaveTextContent('Asked, waiting for an answer');
    expect(document.getElementById('candidates-message')).toHaveTextContent('Logged #11: Dana Ellis (5555555, ST4): asked, waiting for an answer (phone).');

    await user.click(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Accepted' }));
    await waitFor(() => expect(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Fill with this doctor' })).toHaveFocus());
    expect(within(candidateRow('Dana Ellis')).queryByRole('button', { name: 'Asked' })).toBeNull();

    await user.click(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Fill with this doctor' }));
    expect(await within(screen.getByTestId('sourcing-gap')).findByText(/Covered by Dana Ellis \(5555555, ST4\)/)).toBeInTheDocument();

    const order = calls.filter((c) => ['attempt_add', 'gap_fill'].includes(c.cmd));
    expect(order.map((c) => c.cmd)).toEqual(['attempt_add', 'attempt_add', 'gap_fill']);
    expect(order[0].args).toEqual({
      walkoutId: 7,
      input: {
        duty_ids: [2],
        rung_code: 'incentive',
        contact_kind: 'doctor',
        asked: '',
        staff_id: 1,
        asked_at: '',
        channel: 'phone',
        rate: '',
        outcome: 'asked',
        reply_by: '',
        accepted_duty_ids: [],
        notes: '',
        supersedes: null,
      } satisfies AttemptInput,
    });
    expect(order[1].args.input).toMatchObject({ outcome: 'accepted', staff_id: 1, rung_code: 'incentive', supersedes: 11, duty_ids: [2] });
    expect(order[2].args).toEqual({
      walkoutId: 7,
      input: {
        duty_id: 2,
        rung_code: 'incentive',
        staff_id: 1,
        external_name: '',
        external_org: '',
        attempt_id: 12,
        override_reason: '',
      } satisfies FillInput,
    });
    // Covered: the gap says by whom, from which rung, who recorded it; no more fill buttons.
    const gap = screen.getByTestId('sourcing-gap');
    expect(gap).toHaveTextContent('from “Incentives for doctors who are not striking”. Recorded by jsmith on 03/01/2024 10:05.');
    expect(within(gap).getByText('Covered')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Fill with this doctor' })).toBeNull();
    expect(document.getElementById('fill-info-2')).toHaveFocus();
  });

  it('logs asks of a consultant under the consultant rung, or under the rung chosen in the form', async () => {
    const { calls, user } = setup([2]);
    await ready();
    await user.click(within(candidateRow('Farid Khan')).getByRole('button', { name: 'Asked' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toMatchObject({ rung_code: 'consultant', staff_id: 2 });
    await user.selectOptions(screen.getByLabelText('Rung'), 'redeploy');
    await user.click(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Asked' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(2));
    expect(inputsOf(calls, 'attempt_add')[1]).toMatchObject({ rung_code: 'redeploy', staff_id: 1 });
  });

  it('asks for a reason to override when the doctor breaks a rule, and sends it', async () => {
    const violation = { rule: 'tcs_min_rest_between_shifts', message: '11 h rest needed before the duty; 9.5 h available', value: 9.5, limit: 11 };
    const { calls, user } = setup([2], { breaks: { 1: [violation] } });
    await ready();
    await user.click(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Fill with this doctor' }));
    const box = await screen.findByText('Dana Ellis breaks a working-time rule');
    const callout = box.closest('.nhsuk-warning-callout') as HTMLElement;
    expect(callout).toHaveTextContent('Dana Ellis cannot take this duty: 11 h rest needed before the duty; 9.5 h available.');
    const reason = within(callout).getByLabelText('Reason for overriding');
    expect(reason).toHaveFocus();
    await user.click(within(callout).getByRole('button', { name: 'Fill with Dana Ellis anyway' }));
    expect(within(callout).getByText('Enter the reason for overriding the rules')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'gap_fill')).toHaveLength(1);

    await user.type(reason, 'Only neonatal-trained doctor available; agreed with the medical director');
    await user.click(within(callout).getByRole('button', { name: 'Fill with Dana Ellis anyway' }));
    await waitFor(() => expect(inputsOf(calls, 'gap_fill')).toHaveLength(2));
    const [first, second] = inputsOf(calls, 'gap_fill') as FillInput[];
    expect(first.override_reason).toBe('');
    expect(second).toEqual({ ...first, override_reason: 'Only neonatal-trained doctor available; agreed with the medical director' });
    // Covered, with the rule overridden shown as a warning.
    const gap = screen.getByTestId('sourcing-gap');
    await waitFor(() => expect(within(gap).getByText('Rules overridden')).toBeInTheDocument());
    expect(gap).toHaveTextContent('11 h rest needed before the duty; 9.5 h available');
    expect(gap).toHaveTextContent('Reason given: Only neonatal-trained doctor available');
    expect(screen.queryByText('Dana Ellis breaks a working-time rule')).toBeNull();
  });

  it('records cover from outside the rota, then that it fell through', async () => {
    const { calls, user } = setup([2]);
    await ready();
    await user.click(screen.getByRole('button', { name: 'Cover from outside the rota…' }));
    expect(screen.getByLabelText('Name', { selector: '#fill-external-name' })).toHaveFocus();
    expect(screen.getByLabelText('From the rung')).toHaveValue('locum');
    await user.click(screen.getByRole('button', { name: 'Record the cover' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the name of who covers the shift');
    await user.type(screen.getByLabelText('Name', { selector: '#fill-external-name' }), 'Dr Ola Brown');
    await user.type(screen.getByLabelText('Organisation (optional)'), 'Medics4U');
    await user.click(screen.getByRole('button', { name: 'Record the cover' }));
    await waitFor(() => expect(inputsOf(calls, 'gap_fill')).toHaveLength(1));
    expect(inputsOf(calls, 'gap_fill')[0]).toEqual({
      duty_id: 2,
      rung_code: 'locum',
      staff_id: null,
      external_name: 'Dr Ola Brown',
      external_org: 'Medics4U',
      attempt_id: null,
      override_reason: '',
    } satisfies FillInput);
    expect(await within(screen.getByTestId('sourcing-gap')).findByText(/Covered by Dr Ola Brown \(Medics4U\)/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cover fell through…' }));
    const reason = screen.getByLabelText('Why did the cover fall through?');
    expect(reason).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Record that the cover fell through' }));
    expect(screen.getByText('Enter why the cover fell through')).toBeInTheDocument();
    await user.type(reason, 'The locum cancelled at 18:00');
    await user.click(screen.getByRole('button', { name: 'Record that the cover fell through' }));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'gap_release')?.args).toEqual({ walkoutId: 7, input: { duty_id: 2, reason: 'The locum cancelled at 18:00' } }));
    expect(await screen.findByText(/Cover fell through for .*: the gap is open again/)).toBeInTheDocument();
    expect(within(screen.getByTestId('sourcing-gap')).queryByText(/Covered by Dr Ola Brown/)).toBeNull();
  });

  it('shows the candidates of the gap chosen when several are on the screen', async () => {
    const { calls, user } = setup([2, 4]);
    await ready();
    await user.selectOptions(screen.getByLabelText('For the gap'), '4');
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'candidates_get').map((c) => c.args.dutyId)).toEqual([2, 4]));
    await screen.findAllByTestId('candidate-row');
    await user.click(within(candidateRow('Dana Ellis')).getByRole('button', { name: 'Asked' }));
    await waitFor(() => expect(inputsOf(calls, 'attempt_add')).toHaveLength(1));
    expect(inputsOf(calls, 'attempt_add')[0]).toMatchObject({ duty_ids: [4] });
    // The screen still shows both gaps (their views are reloaded together).
    await waitFor(() => expect(screen.getAllByTestId('sourcing-gap')).toHaveLength(2));
  });
});

describe('mergeSourcing', () => {
  it('replaces the gaps the action answered for and joins the attempts, newest first', () => {
    const fake = fakeSourcing();
    const both = fake.handlers.sourcing_get({ dutyIds: [2, 4] }) as SourcingView;
    fake.attempts.push(attempt({ id: 9, duty_ids: [4] }));
    const one = fake.handlers.sourcing_get({ dutyIds: [4] }) as SourcingView;
    const merged = mergeSourcing({ ...both, attempts: [attempt({ id: 3, duty_ids: [2] })] }, one);
    expect(merged.gaps.map((g) => g.gap.duty_id)).toEqual([2, 4]);
    expect(merged.gaps[1].gap.status).toBe('sourcing');
    expect(merged.attempts.map((a) => a.id)).toEqual([9, 3]);
  });
});
