import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App';
import type { GapView } from '../../bindings/GapView';
import type { RequestInput } from '../../bindings/RequestInput';
import type { RequestProposal } from '../../bindings/RequestProposal';
import type { RequestView } from '../../bindings/RequestView';
import { users } from '../../test/approvalFixtures';
import { type Call, type Handler, mockBackend } from '../../test/backend';
import { grades, sites, status } from '../../test/fixtures';
import { nightShift, proposals, requestContent, requestView } from '../../test/requestFixtures';
import { dashboard, gap, gaps as boardGaps, intents, walkout } from '../../test/walkoutFixtures';
import { RequestBuilder } from './RequestBuilder';

const NIGHT = 12 * 3600;
const night = (dutyId: number, day: number, over: Partial<GapView> = {}) => {
  const start = Date.UTC(2024, 0, day, 20, 0) / 1000;
  return gap({
    duty_id: dutyId,
    date: `2024-01-0${day}`,
    start_local: '20:00',
    end_local: '08:00',
    start,
    end: start + NIGHT,
    hours: 12,
    overlap_hours: 12,
    night: true,
    shift_type: 'night',
    ...over,
  });
};

const ed = { department_id: 11, department: 'Emergency Department', critical: true, grade: 'ST4', rungs_to_do: 0 };
const neo = { site_id: 2, site: 'Southfield Hospital', department_id: 21, department: 'Neonatal Unit', grade: 'CT1', rungs_to_do: 0 };
/** Duties 601 to 603: ED registrar nights (601 and 603 at the same time, 603 not exhausted); 604 and 605: neonatal nights. */
const gaps: GapView[] = [
  night(601, 3, { ...ed, staff_name: 'Asha Patel' }),
  night(602, 4, { ...ed, staff_name: 'Ben Ross' }),
  night(603, 3, { ...ed, staff_name: 'Chris Wood', rungs_to_do: 3 }),
  night(604, 4, { ...neo, staff_name: null, staff_number: null }),
  night(605, 5, { ...neo, staff_name: 'Dev Sharma' }),
];

/** What the backend answers a create with: a draft DR-<n>, numbered from 13. */
function creator() {
  let next = 13;
  return (args: Record<string, unknown>): RequestView => {
    const input = args.input as RequestInput;
    const id = next++;
    return requestView({
      id,
      input,
      can_submit: false,
      content: { reference: `DR-${id}`, version: 1, role: input.role, doctors: input.doctors, shifts: input.duty_ids.map((d, i) => nightShift(d, 3 + i)) },
    });
  };
}

function setup(handlers: Record<string, Handler> = {}, list: RequestProposal[] = proposals()) {
  const calls = mockBackend({ requests_propose: () => list, request_create: creator(), ...handlers });
  const created: RequestView[][] = [];
  let backs = 0;
  const user = userEvent.setup();
  render(
    <RequestBuilder
      walkoutId={7}
      dutyIds={[601, 602, 603, 604, 605]}
      gaps={gaps}
      onBack={() => backs++}
      onCreated={(views) => created.push(views)}
    />,
  );
  return { calls, created, user, backs: () => backs };
}

const creates = (calls: Call[]) => calls.filter((c) => c.cmd === 'request_create').map((c) => c.args.input as RequestInput);
const card = (name: RegExp) => screen.getByRole('region', { name }) as HTMLElement;

describe('building requests from gaps', () => {
  it('proposes one request per department and grade, with the shifts, doctors and a warning for gaps not exhausted', async () => {
    const { calls } = setup();
    const heading = screen.getByRole('heading', { level: 2, name: 'Build requests from 5 gaps' });
    expect(heading).toHaveFocus();
    expect(await screen.findAllByTestId('proposal')).toHaveLength(2);
    expect(calls.find((c) => c.cmd === 'requests_propose')?.args).toEqual({ walkoutId: 7, dutyIds: [601, 602, 603, 604, 605] });
    expect(document.getElementById('builder-lede')).toHaveTextContent(/^The 5 gaps split into 2 requests: a request is narrow/);

    const first = card(/^Emergency Department, Northgate General: ST4$/);
    expect(within(first).getByLabelText('Grade or role, as the request will say it')).toHaveValue('ST4 (Emergency Department)');
    expect(within(first).getByLabelText('Number of doctors')).toHaveValue('2');
    expect(within(first).getByLabelText('Number of doctors')).toHaveAccessibleDescription('Suggested: 2, the most of these shifts running at once.');
    const shifts = within(first).getByRole('group', { name: 'Shifts (3 of 3 ticked)' });
    const boxes = within(shifts).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, true, true]);
    expect(within(shifts).getByLabelText(/^Wed 03\/01\/2024 20:00–08:00 \(\+1\), night, Asha Patel$/)).toBeInTheDocument();
    expect(within(shifts).getByLabelText(/Chris Wood Alternatives not exhausted$/)).toBeInTheDocument();
    const warning = document.getElementById('build-0-not-exhausted') as HTMLElement;
    expect(within(warning).getByRole('heading', { name: /Alternatives not yet exhausted for 1 shift/ })).toBeInTheDocument();
    expect(warning).toHaveTextContent('Wed 03/01/2024 20:00–08:00 (+1), night, Chris Wood (3 rungs to do)');
    expect(warning).toHaveTextContent('the request will fail its evidence check, and cannot be sent for approval');

    const second = card(/^Neonatal Unit, Southfield Hospital: CT1$/);
    expect(within(second).getByLabelText(/night, vacant post$/)).toBeChecked();
    expect(document.getElementById('build-1-not-exhausted')).toBeNull();
    expect(screen.getByRole('button', { name: 'Create draft requests' })).toHaveAccessibleDescription(/^Creates 2 draft requests\. Nothing is sent anywhere/);
  });

  it('creates the drafts as adjusted: shifts unticked, role reworded, doctors changed, a proposal dropped', async () => {
    const { calls, created, user } = setup();
    await screen.findAllByTestId('proposal');
    const first = card(/^Emergency Department/);
    await user.click(within(first).getByLabelText(/Chris Wood/));
    // The gap not exhausted is out: no warning left, and the doctors needed now are fewer.
    expect(document.getElementById('build-0-not-exhausted')).toBeNull();
    expect(within(first).getByRole('group', { name: 'Shifts (2 of 3 ticked)' })).toBeInTheDocument();
    expect(within(first).getByLabelText('Number of doctors')).toHaveAccessibleDescription(
      'Suggested: 2, the most of these shifts running at once. The shifts ticked now need at most 1 at once.',
    );
    const role = within(first).getByLabelText('Grade or role, as the request will say it');
    await user.clear(role);
    await user.type(role, 'ST3+ emergency medicine registrar');
    await user.clear(within(first).getByLabelText('Number of doctors'));
    await user.type(within(first).getByLabelText('Number of doctors'), '1');

    const second = card(/^Neonatal Unit/);
    await user.click(within(second).getByRole('button', { name: 'Drop this request' }));
    expect(within(second).getByText('Dropped: no request will be built for these 2 shifts.')).toBeInTheDocument();
    await waitFor(() => expect(within(second).getByRole('button', { name: 'Put back' })).toHaveFocus());
    expect(within(second).queryByRole('checkbox')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Create draft requests' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(creates(calls)).toEqual([
      {
        walkout_id: 7,
        duty_ids: [601, 602],
        role: 'ST3+ emergency medicine registrar',
        doctors: 1,
        trigger: '',
        clinical_risk: '',
        incident_declared: false,
        incident_detail: '',
        consultants_view: 'not_recorded',
        consultants_who: '',
        elective_continuing: null,
        elective_reason: '',
        pre_emptive_reason: '',
        decision_needed_by: '',
        requesting_clinician: '',
        contact_phone: '',
      },
    ]);
    expect(created[0].map((v) => v.content.reference)).toEqual(['DR-13']);
  });

  it('creates one draft for each proposal kept, in order, with the proposal unchanged', async () => {
    const { calls, created, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Create draft requests' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(creates(calls).map((i) => [i.duty_ids, i.role, i.doctors])).toEqual([
      [[601, 602, 603], 'ST4 (Emergency Department)', 2],
      [[604, 605], 'CT1 (Neonatal Unit)', 1],
    ]);
    expect(created[0].map((v) => v.content.reference)).toEqual(['DR-13', 'DR-14']);
  });

  it('checks each proposal before creating anything, and links the problems to their fields', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('proposal');
    const first = card(/^Emergency Department/);
    for (const box of within(first).getAllByRole('checkbox')) await user.click(box);
    const doctors = within(card(/^Neonatal Unit/)).getByLabelText('Number of doctors');
    await user.clear(doctors);
    await user.click(screen.getByRole('button', { name: 'Create draft requests' }));

    const summary = document.getElementById('builder-errors') as HTMLElement;
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Emergency Department (Northgate General), ST4: tick at least one shift, or drop this request',
      'Neonatal Unit (Southfield Hospital), CT1: enter the number of doctors as a whole number, 1 or more',
    ]);
    await user.click(links[1]);
    expect(doctors).toHaveFocus();
    expect(doctors).toHaveAttribute('aria-invalid', 'true');
    expect(creates(calls)).toHaveLength(0);
  });

  it('keeps what was created when a later create is refused, and creates only the rest on the next try', async () => {
    const make = creator();
    let refuse = true;
    const { calls, created, user } = setup({
      request_create: (args) => {
        const input = args.input as RequestInput;
        if (refuse && input.duty_ids.includes(604)) {
          return Promise.reject({ code: 'invalid', field: 'doctors', message: 'doctors: 60 doctors is more than one request should ask for (at most 50); split it by shift' });
        }
        return make(args);
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Create draft requests' }));
    const link = await screen.findByRole('link', {
      name: 'Neonatal Unit (Southfield Hospital), CT1: 60 doctors is more than one request should ask for (at most 50); split it by shift 1 request was created before this one: DR-13.',
    });
    expect(created).toHaveLength(0);
    expect(document.getElementById('build-0-created')).toHaveTextContent('Created as DR-13 (draft), with 3 shifts.');
    await user.click(link);
    expect(within(card(/^Neonatal Unit/)).getByLabelText('Number of doctors')).toHaveFocus();

    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Create draft requests' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(creates(calls).map((i) => i.duty_ids)).toEqual([[601, 602, 603], [604, 605], [604, 605]]);
    expect(created[0].map((v) => v.content.reference)).toEqual(['DR-13', 'DR-14']);
  });

  it('offers nothing to create once every proposal is dropped', async () => {
    const { user } = setup({}, [proposals()[1]]);
    await user.click(await screen.findByRole('button', { name: 'Drop this request' }));
    const create = screen.getByRole('button', { name: 'Create draft requests' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription('Every proposal is dropped: put one back to create a request.');
    await user.click(screen.getByRole('button', { name: 'Put back' }));
    expect(create).toBeEnabled();
  });

  it('explains a proposal that fails, and tries again', async () => {
    let fail = true;
    const { user, backs } = setup({
      requests_propose: () => (fail ? Promise.reject({ code: 'invalid', field: 'duty_ids', message: 'duty_ids: duty 605 is not a gap of this walkout' }) : proposals()),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('duty 605 is not a gap of this walkout');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('proposal')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Back to gaps' }));
    expect(backs()).toBe(1);
  });
});

describe('from the gap board to a draft request', () => {
  async function openGaps(handlers: Record<string, Handler> = {}) {
    const make = creator();
    const calls = mockBackend({
      app_status: () => status,
      sites_list: () => sites,
      rota_query: () => [],
      grades_list: () => grades,
      walkout_list: () => [walkout],
      walkout_dashboard: () => dashboard,
      gap_list: () => boardGaps,
      intent_list: () => intents,
      users_list: () => users,
      requests_propose: (a) => [
        {
          department_id: 12,
          site: 'Northgate General',
          department: 'General Surgery',
          grade: 'ST3',
          role: 'ST3 (General Surgery)',
          duty_ids: a.dutyIds as number[],
          doctors: 1,
          not_exhausted: a.dutyIds as number[],
        },
      ],
      request_create: (a) => {
        const view = make(a);
        return { ...view, content: requestContent({ ...view.content, department: 'General Surgery' }) };
      },
      request_get: (a) => requestView({ id: a.requestId as number, content: { reference: `DR-${a.requestId}`, department: 'General Surgery' } }),
      requests_list: () => [],
      ...handlers,
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
    await user.click(await screen.findByRole('button', { name: walkout.title }));
    await user.click(await screen.findByRole('tab', { name: /Gaps/ }));
    await screen.findAllByTestId('gap-row');
    return { calls, user };
  }

  const rowOf = (name: string) => screen.getAllByTestId('gap-row').find((r) => r.textContent?.includes(name)) as HTMLElement;

  it('builds a request from the gaps ticked and opens it on the Requests tab', async () => {
    const { calls, user } = await openGaps();
    const build = screen.getByRole('button', { name: 'Build request' });
    expect(build).toBeDisabled();
    await user.click(within(rowOf('Chloe Smith')).getByRole('checkbox'));
    await user.click(within(rowOf('Asha Patel')).getByRole('checkbox'));
    await user.click(build);

    expect(await screen.findByRole('heading', { level: 2, name: 'Build requests from 2 gaps' })).toHaveFocus();
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(calls.find((c) => c.cmd === 'requests_propose')?.args).toEqual({ walkoutId: 7, dutyIds: [2, 4] });
    await user.click(await screen.findByRole('button', { name: 'Create draft requests' }));

    expect(await screen.findByRole('tab', { name: 'Requests' })).toHaveAttribute('aria-selected', 'true');
    const heading = await screen.findByRole('heading', { level: 2, name: 'DR-13: General Surgery, Northgate General' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(creates(calls)[0]).toMatchObject({ walkout_id: 7, duty_ids: [2, 4], role: 'ST3 (General Surgery)', doctors: 1 });
    expect(calls.find((c) => c.cmd === 'request_get')?.args).toEqual({ requestId: 13 });
    expect(document.getElementById('request-notice')).toHaveTextContent(
      'Created 1 draft request: DR-13. Fill in the rest of the request below: its readiness checks say what is still missing before it can be sent for approval.',
    );
    // The gaps are reloaded (now requested) and the selection is cleared.
    await user.click(screen.getByRole('tab', { name: /Gaps/ }));
    expect(await screen.findByText('0 gaps selected')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Requests' }));
    expect(await screen.findByText(/No requests for this walkout yet/)).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'requests_list')?.args).toEqual({ walkoutId: 7 });
  });

  it('goes back to the gaps with focus on "Build request" and the selection kept', async () => {
    const { user } = await openGaps();
    await user.click(within(rowOf('Chloe Smith')).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Build request' }));
    await screen.findByRole('heading', { level: 2, name: 'Build requests from 1 gap' });
    await user.click(screen.getByRole('button', { name: 'Back to gaps' }));
    expect(await screen.findByRole('tab', { name: /Gaps/ })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Build request' })).toHaveFocus());
    expect(within(rowOf('Chloe Smith')).getByRole('checkbox')).toBeChecked();
  });
});

describe('wording carried from a previous walkout', () => {
  it('says the wording is carried and pre-fills the draft for that department and role only', async () => {
    const { calls, user } = setup({
      request_wording: (args) =>
        args.departmentId === 11
          ? {
              department_id: 11,
              department: 'Emergency Department (Northgate General)',
              role: 'ST4 (Emergency Department)',
              fields: { trigger: 'No registrar overnight', clinical_risk: 'Resus without senior review', consultants_who: 'Dr E, clinical director' },
              from_walkout_id: 3,
              from_walkout: 'Resident doctors, round 1',
            }
          : null,
    });
    await screen.findAllByTestId('proposal');
    const first = card(/^Emergency Department/);
    expect(await within(first).findByText(/Wording carried from Resident doctors, round 1 — check it still applies/)).toBeInTheDocument();
    expect(within(card(/^Neonatal Unit/)).queryByText(/Wording carried/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create draft requests' }));
    await waitFor(() => expect(creates(calls)).toHaveLength(2));
    const [edInput, neoInput] = creates(calls);
    expect(edInput).toMatchObject({ trigger: 'No registrar overnight', clinical_risk: 'Resus without senior review', consultants_who: 'Dr E, clinical director' });
    expect(neoInput.trigger).toBe('');
    expect(neoInput.clinical_risk).toBe('');
  });
});
