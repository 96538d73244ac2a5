import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { IncidentInput } from '../../bindings/IncidentInput';
import type { IncidentVersionView } from '../../bindings/IncidentVersionView';
import type { IncidentView } from '../../bindings/IncidentView';
import { buildIncidentInput, EMPTY_INCIDENT_FORM, excerpt, formFromVersion } from '../../lib/incidents';
import { type Handler, mockBackend } from '../../test/backend';
import { sites } from '../../test/fixtures';
import { requestSummary } from '../../test/requestFixtures';
import { gap } from '../../test/walkoutFixtures';
import { IncidentsScreen } from './IncidentsScreen';

const edGap = gap({ duty_id: 501, department_id: 11, department: 'Emergency Department', date: '2024-01-03', start_local: '20:00', end_local: '08:00' });
const surgeryGap = gap({ duty_id: 502, department_id: 12, department: 'General Surgery' });

function version(over: Partial<IncidentVersionView> = {}): IncidentVersionView {
  return {
    version: 1,
    occurred: 1704326400,
    occurred_local: '04/01/2024 00:00',
    department_id: 11,
    department: 'Emergency Department',
    site: 'Northgate General',
    duty_id: 501,
    shift: '03/01/2024 Night 20:00–08:00 ST3',
    request_id: null,
    request_reference: null,
    reference: 'W12345',
    harm: 'low',
    near_miss: false,
    description: 'Delayed review of a deteriorating patient on the short night shift; escalated to the consultant on call.',
    change_reason: '',
    saved_by: 'coordinator',
    saved_at: '04/01/2024 09:00',
    ...over,
  };
}

function view(versions: IncidentVersionView[] = [version()]): IncidentView {
  return { id: 3, walkout_id: 7, walkout: 'January walkout', created_by: 'coordinator', created_at: '04/01/2024 09:00', versions };
}

function setup(handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({
    incidents_list: () => [{ id: 3, walkout_id: 7, versions: 1, created_by: 'coordinator', created_at: '04/01/2024 09:00', current: version() }],
    gap_list: () => [edGap, surgeryGap],
    requests_list: () => [requestSummary({ id: 12, reference: 'DR-12', status: 'declined' })],
    sites_list: () => sites,
    incident_get: () => view(),
    ...handlers,
  });
  const user = userEvent.setup();
  render(<IncidentsScreen walkoutId={7} />);
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args.input as IncidentInput);
  return { calls, user, sent };
}

describe('the incident form logic', () => {
  it('names each missing field and refuses harm on a near miss', () => {
    const r = buildIncidentInput(7, EMPTY_INCIDENT_FORM, true);
    expect(r.input).toBeNull();
    expect(Object.keys(r.problems).sort()).toEqual(['at', 'department', 'description', 'harm', 'reason']);
    const nm = buildIncidentInput(7, { ...formFromVersion(version()), nearMiss: true }, false);
    expect(nm.problems.harm).toMatch(/near miss/);
  });

  it('round-trips a saved version into the form', () => {
    const f = formFromVersion(version({ request_id: 12 }));
    expect(f).toMatchObject({ at: '2024-01-04T00:00', departmentId: '11', dutyId: '501', requestId: '12', harm: 'low', reason: '' });
    expect(buildIncidentInput(7, f, false).input).toMatchObject({ occurred: '2024-01-04T00:00', department_id: 11, duty_id: 501, request_id: 12 });
    expect(excerpt('abcdef', 4)).toBe('abc…');
  });
});

describe('the incident log', () => {
  it('lists each incident with when, where, reference, harm, link and version', async () => {
    setup();
    const table = await screen.findByRole('table');
    const row = within(table).getAllByRole('row')[1];
    for (const text of ['04/01/2024 00:00', 'Northgate General', 'Emergency Department', 'W12345', 'Low harm', 'No', '03/01/2024 Night 20:00–08:00 ST3']) {
      expect(within(row).getByText(text)).toBeInTheDocument();
    }
    expect(within(row).getByText(/^Delayed review/).textContent).toMatch(/…$/);
  });

  it('logs an incident: checks the form, then sends it, a gap choosing its department', async () => {
    const { user, sent } = setup({ incident_add: () => view() });
    await user.click(await screen.findByRole('button', { name: 'Log an incident' }));
    await user.click(screen.getByRole('button', { name: 'Log incident' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Describe what happened' }));
    expect(screen.getByLabelText('What happened')).toHaveFocus();
    expect(sent('incident_add')).toHaveLength(0);

    await user.type(screen.getByLabelText('When it happened'), '2024-01-04T00:00');
    await user.selectOptions(screen.getByLabelText('The gap it relates to (optional)'), '501');
    expect(screen.getByLabelText('Department')).toHaveValue('11');
    await user.selectOptions(screen.getByLabelText('The derogation request it relates to (optional)'), '12');
    await user.click(screen.getByLabelText('Near miss'));
    expect(screen.getByLabelText('No harm')).toBeChecked();
    await user.type(screen.getByLabelText('What happened'), 'Wrong dose caught by the pharmacist');
    await user.click(screen.getByRole('button', { name: 'Log incident' }));
    await screen.findByText('Logged incident 3.');
    expect(sent('incident_add')).toEqual([
      {
        walkout_id: 7,
        occurred: '2024-01-04T00:00',
        department_id: 11,
        duty_id: 501,
        request_id: 12,
        reference: '',
        harm: 'none',
        near_miss: true,
        description: 'Wrong dose caught by the pharmacist',
        change_reason: '',
      },
    ]);
  });

  it('shows the field the backend refused', async () => {
    const { user } = setup({
      incident_add: () =>
        Promise.reject({ code: 'invalid', field: 'occurred', message: 'occurred: 01/12/2023 10:00 is outside this walkout' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Log an incident' }));
    await user.type(screen.getByLabelText('When it happened'), '2023-12-01T10:00');
    await user.selectOptions(screen.getByLabelText('Department'), '12');
    await user.click(screen.getByLabelText('Low harm'));
    await user.type(screen.getByLabelText('What happened'), 'Something');
    await user.click(screen.getByRole('button', { name: 'Log incident' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: '01/12/2023 10:00 is outside this walkout' }));
    expect(screen.getByLabelText('When it happened')).toHaveFocus();
  });

  it('changes an incident with a reason and shows every version, newest first', async () => {
    const v2 = version({ version: 2, harm: 'moderate', change_reason: 'Harm reviewed', saved_at: '05/01/2024 10:00' });
    const { user, calls, sent } = setup({ incident_update: () => view([version(), v2]) });
    await user.click(await screen.findByRole('button', { name: 'View incident 3' }));
    await user.click(await screen.findByRole('button', { name: 'Change this incident' }));
    expect(screen.getByLabelText('Low harm')).toBeChecked();
    await user.click(screen.getByLabelText('Moderate harm'));
    await user.click(screen.getByRole('button', { name: 'Save a new version' }));
    await screen.findByRole('alert');
    expect(sent('incident_update')).toHaveLength(0);
    await user.type(screen.getByLabelText('Why you are changing it'), 'Harm reviewed');
    await user.click(screen.getByRole('button', { name: 'Save a new version' }));
    await screen.findByText('Saved version 2 of incident 3.');
    expect(calls.find((c) => c.cmd === 'incident_update')?.args.incidentId).toBe(3);
    expect(sent('incident_update')[0]).toMatchObject({ harm: 'moderate', change_reason: 'Harm reviewed', duty_id: 501 });
    const headings = screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);
    expect(headings).toEqual(['Version 2 (current)', 'Version 1']);
    expect(screen.getByText(/Saved by coordinator on 05\/01\/2024 10:00: Harm reviewed/)).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'incidents_list').length).toBe(2));
  });
});
