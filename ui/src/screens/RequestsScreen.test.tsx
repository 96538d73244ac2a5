import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import type { RequestSummary } from '../bindings/RequestSummary';
import type { UserView } from '../bindings/UserView';
import { users } from '../test/approvalFixtures';
import { type Handler, mockBackend } from '../test/backend';
import { sites, status } from '../test/fixtures';
import { DEADLINE_UTC, requestSummary, requestView } from '../test/requestFixtures';
import { RequestsScreen } from './RequestsScreen';

const SENT = DEADLINE_UTC - 5 * 3600;

/** Four requests over two walkouts: a draft with failing checks, one awaiting approval, one granted, one with no deadline. */
const list: RequestSummary[] = [
  requestSummary({ id: 12, failing: 2 }),
  requestSummary({
    id: 14,
    reference: 'DR-14',
    status: 'awaiting_approval',
    department: 'Neonatal Unit',
    site: 'Southfield Hospital',
    role: 'CT1 doctor',
    doctors: 2,
    shifts: 3,
    decision_needed_by: DEADLINE_UTC - 3600,
    decision_needed_by_local: '03/01/2024 13:00',
  }),
  requestSummary({
    id: 9,
    reference: 'DR-9',
    walkout_id: 5,
    walkout: 'Resident doctors, December',
    status: 'granted',
    version: 3,
    sent_at: SENT,
    decided_at: SENT + 185 * 60,
  }),
  requestSummary({ id: 15, reference: 'DR-15', status: 'draft', version: 1, decision_needed_by: null, decision_needed_by_local: null, role: '' }),
];

const meAs = (username: string): UserView[] => users.map((u) => ({ ...u, is_me: u.username === username }));

async function openRequests(handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({
    app_status: () => status,
    sites_list: () => sites,
    rota_query: () => [],
    requests_list: () => list,
    users_list: () => users,
    request_get: (a) => requestView({ id: a.requestId as number }),
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Requests' }));
  return { calls, user };
}

const rows = () => screen.getAllByTestId('request-row');
const rowOf = (ref: string) => rows().find((r) => within(r).queryByRole('button', { name: ref })) as HTMLElement;

describe('the Requests screen', () => {
  it('lists every walkout’s requests with the deadline counting down, and the check of an exported document', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date((DEADLINE_UTC - (2 * 60 + 14) * 60) * 1000));
    const { calls } = await openRequests();
    const heading = screen.getByRole('heading', { level: 1, name: 'Requests' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await screen.findAllByTestId('request-row')).toHaveLength(4);
    expect(calls.find((c) => c.cmd === 'requests_list')?.args).toEqual({ walkoutId: null });

    const table = screen.getByRole('table', { name: 'Requests' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Reference',
      'Walkout',
      'Site and department',
      'Grade or role',
      'Doctors',
      'Shifts',
      'Status',
      'Decision needed by',
      'Failing checks',
    ]);
    expect(within(rowOf('DR-12')).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Resident doctors, January',
      'Emergency DepartmentNorthgate General',
      'ST3+ emergency medicine registrar',
      '1',
      '2',
      'Draft',
      '03/01/2024 14:002 h 14 min left',
      '2 fail',
    ]);
    expect(within(rowOf('DR-12')).getByText('2 fail')).toHaveClass('nhsuk-tag--red');
    expect(rowOf('DR-14')).toHaveTextContent('03/01/2024 13:001 h 14 min left');
    expect(within(rowOf('DR-14')).getByText('Awaiting approval')).toHaveClass('nhsuk-tag');
    // A decided request gives the time the decision took instead.
    expect(rowOf('DR-9')).toHaveTextContent('03/01/2024 14:00decided in 3 h 05 min, by the deadline');
    expect(rowOf('DR-9')).toHaveTextContent('Resident doctors, December');
    expect(rowOf('DR-15')).toHaveTextContent('Not given');

    act(() => {
      vi.advanceTimersByTime(90 * 60_000);
    });
    expect(rowOf('DR-12')).toHaveTextContent('44 min left');
    expect(rowOf('DR-14')).toHaveTextContent('overdue by 16 min');
    expect(within(rowOf('DR-14')).getByText('overdue by 16 min')).toHaveClass('sc-deadline--overdue');
    expect(rowOf('DR-9')).toHaveTextContent('decided in 3 h 05 min');

    const verify = screen.getByRole('region', { name: 'Check an exported request' });
    expect(within(verify).getByRole('button', { name: 'Choose a file…' })).toBeInTheDocument();
  });

  it('filters by status', async () => {
    const { user } = await openRequests();
    await screen.findAllByTestId('request-row');
    const filter = screen.getByLabelText('Status');
    expect(filter).toHaveValue('all');
    expect(within(filter).getByRole('option', { name: 'Draft (2)' })).toBeInTheDocument();
    await user.selectOptions(filter, 'awaiting_approval');
    expect(rows().map((r) => within(r).getAllByRole('button')[0].textContent)).toEqual(['DR-14']);
    expect(document.getElementById('requests-count')).toHaveTextContent('Showing 1 of 4 requests: awaiting approval');
    await user.selectOptions(filter, 'revoked');
    expect(screen.queryAllByTestId('request-row')).toHaveLength(0);
    expect(screen.getByText('No requests are “Revoked”.')).toBeInTheDocument();
  });

  it('shows a medical director what awaits their approval first', async () => {
    const { user } = await openRequests({ users_list: () => meAs('mpatel') });
    await waitFor(() => expect(screen.getByLabelText('Status')).toHaveValue('awaiting_approval'));
    expect(rows()).toHaveLength(1);
    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    expect(rows()).toHaveLength(4);
  });

  it('opens a request from its row, and comes back to the list with focus on that row', async () => {
    let listed = 0;
    const { calls, user } = await openRequests({
      requests_list: () => {
        listed++;
        return list;
      },
    });
    await user.click(await screen.findByRole('button', { name: 'DR-14' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^DR-12: Emergency Department/ })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'request_get')?.args).toEqual({ requestId: 14 });
    expect(screen.queryByRole('region', { name: 'Check an exported request' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'All requests' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'DR-14' })).toHaveFocus());
    // The list is read again: the request may have changed.
    expect(listed).toBe(2);
  });

  it('explains a list that cannot be loaded', async () => {
    await openRequests({ requests_list: () => Promise.reject({ code: 'internal', message: 'The database is locked by another program.' }) });
    expect(await screen.findByRole('alert')).toHaveTextContent('The database is locked by another program.');
  });
});

describe('a walkout’s requests', () => {
  it('lists only that walkout’s requests, without a walkout column or the document check', async () => {
    const calls = mockBackend({ requests_list: () => list.filter((r) => r.walkout_id === 7), users_list: () => users });
    render(<RequestsScreen walkoutId={7} />);
    expect(await screen.findAllByTestId('request-row')).toHaveLength(3);
    expect(calls.find((c) => c.cmd === 'requests_list')?.args).toEqual({ walkoutId: 7 });
    expect(screen.getByRole('heading', { level: 2, name: 'Requests for this walkout' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Walkout' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Check an exported request' })).toBeNull();
    expect(rowOf('DR-15')).toHaveTextContent('Not given');
  });

  it('says how to build the first one', async () => {
    mockBackend({ requests_list: () => [], users_list: () => users });
    render(<RequestsScreen walkoutId={7} />);
    expect(await screen.findByText(/^No requests for this walkout yet\. On the Gaps tab, tick the gaps whose alternatives are exhausted/)).toBeInTheDocument();
  });

  it('opens the request it is given at once, with its notice, at heading level 2', async () => {
    mockBackend({ request_get: (a) => requestView({ id: a.requestId as number }), users_list: () => users });
    render(<RequestsScreen walkoutId={7} open={12} notice="Created 1 draft request: DR-12." />);
    expect(await screen.findByRole('heading', { level: 2, name: /^DR-12/ })).toBeInTheDocument();
    expect(document.getElementById('request-notice')).toHaveTextContent('Created 1 draft request: DR-12.');
    expect(screen.getByRole('button', { name: 'Requests for this walkout' })).toBeInTheDocument();
  });
});
