import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import type { DutyView } from '../bindings/DutyView';
import type { RotaQuery } from '../bindings/RotaQuery';
import { mockBackend } from '../test/backend';
import { duty, sites, status, weekDuties } from '../test/fixtures';
import { buildRows, defaultRotaDate } from './RotaScreen';

function setup(answer: (q: RotaQuery) => DutyView[] = () => weekDuties) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-01-08T10:00:00Z')); // a Wednesday
  const queries: RotaQuery[] = [];
  mockBackend({
    app_status: () => status,
    sites_list: () => sites,
    rota_query: (args) => {
      const q = args.query as RotaQuery;
      queries.push(q);
      return answer(q);
    },
  });
  const user = userEvent.setup();
  render(<App />);
  return { queries, user };
}

describe('rota', () => {
  it('shows a week of duties for a department, with vacancies tagged', async () => {
    const { queries, user } = setup();
    // Opens on the whole first site, the week containing today.
    expect(await screen.findAllByTestId('duty-row')).toHaveLength(4);
    expect(queries[0]).toEqual({ site_id: 1, department_id: null, from: '2025-01-06', days: 7 });

    const departments = screen.getByRole('navigation', { name: 'Sites and departments' });
    const ed = within(departments).getByRole('button', { name: /Emergency Department/ });
    expect(within(ed).getByText('Critical')).toBeInTheDocument();
    expect(within(departments).getByRole('button', { name: /General Surgery/ })).not.toHaveTextContent('Critical');
    await user.click(ed);
    await waitFor(() =>
      expect(queries.at(-1)).toEqual({ site_id: null, department_id: 11, from: '2025-01-06', days: 7 }),
    );
    expect(ed).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('heading', { level: 2, name: /Emergency Department, Northgate General/ })).toBeInTheDocument();

    const rows = await screen.findAllByTestId('duty-row');
    expect(rows).toHaveLength(4);
    const view = document.getElementById('rota-view') as HTMLElement;
    expect(view).toContainElement(rows[0]);

    // Grouped by day: Monday's heading comes before its duties.
    expect(within(view).getByText('Monday 06/01/2025')).toBeInTheDocument();
    expect(within(view).getByText('Sunday 12/01/2025')).toBeInTheDocument();

    const night = rows.find((r) => r.textContent?.includes('20:00–08:30 (+1)')) as HTMLElement;
    expect(night).toHaveTextContent('12.5 h');
    expect(night).toHaveTextContent('Night');
    expect(within(night).getByText('VACANT')).toHaveClass('nhsuk-tag', 'nhsuk-tag--red');

    const day = rows[0];
    expect(day).toHaveTextContent('08:00–17:00');
    expect(day).toHaveTextContent('9.0 h');
    expect(day).toHaveTextContent('Asha Patel');
    expect(day).toHaveTextContent('1234567');
    expect(day).toHaveTextContent('ST3');
    expect(day).toHaveTextContent('D1');
  });

  it('renders a malicious name as literal text', async () => {
    setup();
    await screen.findAllByTestId('duty-row');
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('#rota-view img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it('moves by week, to today, to a date, and switches to a day', async () => {
    const { queries, user } = setup();
    await screen.findAllByTestId('duty-row');

    await user.click(screen.getByRole('button', { name: /Next week/ }));
    await waitFor(() => expect(queries.at(-1)?.from).toBe('2025-01-13'));
    expect(screen.getByText(/Week beginning Monday 13\/01\/2025/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Previous week/ }));
    await user.click(screen.getByRole('button', { name: /Previous week/ }));
    await waitFor(() => expect(queries.at(-1)?.from).toBe('2024-12-30'));

    await user.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(queries.at(-1)?.from).toBe('2025-01-06'));

    await user.click(screen.getByRole('button', { name: 'Day' }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ from: '2025-01-08', days: 1 }));
    expect(screen.getByRole('button', { name: 'Day' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /Next day/ })).toBeInTheDocument();

    const date = screen.getByLabelText('Go to date');
    expect(date).toHaveValue('08/01/2025');
    await user.clear(date);
    await user.type(date, '20/13/2025');
    await user.click(screen.getByRole('button', { name: 'Go' }));
    expect(screen.getByText('Enter a date as dd/mm/yyyy')).toBeInTheDocument();
    await user.clear(date);
    await user.type(date, '20/01/2025');
    await user.click(screen.getByRole('button', { name: 'Go' }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ from: '2025-01-20', days: 1 }));

    await user.click(screen.getByRole('button', { name: 'Week' }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ from: '2025-01-20', days: 7 }));
  });

  it('filters by grade, shift type and vacancy', async () => {
    const { user } = setup();
    await screen.findAllByTestId('duty-row');

    await user.click(screen.getByLabelText('Vacant only'));
    let rows = screen.getAllByTestId('duty-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('VACANT');
    expect(screen.getByText('Showing 1 of 4 duties, 1 vacant')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Vacant only'));

    await user.selectOptions(screen.getByLabelText('Grade'), 'CT1');
    rows = screen.getAllByTestId('duty-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('CT1');
    await user.selectOptions(screen.getByLabelText('Grade'), '');

    await user.selectOptions(screen.getByLabelText('Shift type'), 'long_day');
    rows = screen.getAllByTestId('duty-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Long day');
  });

  it('shows real hours across a clock change', async () => {
    // As on the night the clocks go back (e.g. 26/10/2025): printed 20:00–08:00, 13 real hours.
    setup(() => [
      duty({ id: 50, date: '2025-01-07', start_local: '20:00', end_local: '08:00', overnight: true, hours: 13, shift_type: 'night' }),
    ]);
    const [row] = await screen.findAllByTestId('duty-row');
    expect(row).toHaveTextContent('20:00–08:00 (+1)');
    expect(row).toHaveTextContent('13.0 h');
    expect(within(row).getByText('clocks')).toHaveAttribute('title', expect.stringContaining('printed times suggest 12.0 h'));
  });

  it('says so when the week has no duties, and offers the start of the rota', async () => {
    const { queries, user } = setup(() => []);
    expect(await screen.findByText(/No duties for All departments, Northgate General in this week/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to 06/01/2025' }));
    await waitFor(() => expect(queries.at(-1)?.from).toBe('2025-01-06'));
  });

  it('keeps thousands of duties virtualised: only what is visible is in the document', async () => {
    const many = Array.from({ length: 10000 }, (_, i) =>
      duty({ id: i + 1, date: `2025-01-${String(6 + (i % 7)).padStart(2, '0')}`, staff_name: `Doctor ${i}` }),
    );
    setup(() => many);
    const rows = await screen.findAllByTestId('duty-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByText('10,000 duties, 0 vacant')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Duties:/ })).toHaveAttribute('aria-rowcount', String(10000 + 7 + 1));
  });
});

describe('rota helpers', () => {
  it('groups duties under every day of the range, sorted by start', () => {
    const a = duty({ id: 1, date: '2025-01-07', start: 200 });
    const b = duty({ id: 2, date: '2025-01-07', start: 100 });
    const rows = buildRows([a, b], '2025-01-06', 3);
    expect(rows.map((r) => (r.kind === 'day' ? r.date : r.duty.id))).toEqual(['2025-01-06', '2025-01-07', 2, 1, '2025-01-08']);
  });
  it('opens on today, or on the first day of the rota when today is outside it', () => {
    expect(defaultRotaDate(status, '2025-01-08')).toBe('2025-01-08');
    expect(defaultRotaDate(status, '2025-06-01')).toBe('2025-01-06');
    expect(defaultRotaDate(null, '2025-06-01')).toBe('2025-06-01');
  });
});
