import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../bindings/ImpactReport';
import { users, usersAsViewer } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { ImpactReportScreen, headline, impactFileName } from './ImpactReportScreen';
import { clearMocks } from '@tauri-apps/api/mocks';

const HOUR = 3600;

function report(): ImpactReport {
  return {
    walkout_id: 4,
    title: 'June walkout',
    body: 'BMA',
    trust: 'Northgate NHS Foundation Trust',
    start_local: '02/06/2026 07:00',
    end_local: '04/06/2026 07:00',
    outcomes: { made: 5, granted: 1, declined: 1, withdrawn: 1, not_decided: 1, revoked: 1, awaiting: 0, not_sent: 0, late_answers: 1 },
    timings: [
      {
        request_id: 1,
        reference: 'DR-1',
        department: 'Emergency Department',
        site: 'Northgate',
        status: 'granted',
        sent_at: 0,
        sent_local: '01/06/2026 10:00',
        due: 7 * HOUR,
        due_local: '01/06/2026 17:00',
        decided_at: 2.5 * HOUR,
        decided_local: '01/06/2026 12:30',
        taken_secs: 2.5 * HOUR,
        taken: '2:30',
        allowed_secs: 7 * HOUR,
        timing: 'on_time',
      },
      {
        request_id: 5,
        reference: 'DR-5',
        department: 'Emergency Department',
        site: 'Northgate',
        status: 'revoked',
        sent_at: 0,
        sent_local: '01/06/2026 10:00',
        due: 7 * HOUR,
        due_local: '01/06/2026 17:00',
        decided_at: 8.25 * HOUR,
        decided_local: '01/06/2026 18:15',
        taken_secs: 8.25 * HOUR,
        taken: '8:15',
        allowed_secs: 7 * HOUR,
        timing: 'late',
      },
      {
        request_id: 3,
        reference: 'DR-3',
        department: 'Emergency Department',
        site: 'Northgate',
        status: 'not_decided',
        sent_at: 0,
        sent_local: '01/06/2026 10:00',
        due: 7 * HOUR,
        due_local: '01/06/2026 17:00',
        decided_at: null,
        decided_local: null,
        taken_secs: null,
        taken: null,
        allowed_secs: 7 * HOUR,
        timing: 'no_decision',
      },
    ],
    shortfalls: [
      {
        request_id: 3,
        reference: 'DR-3',
        department: 'Emergency Department',
        site: 'Northgate',
        status: 'not_decided',
        why: 'Not decided by the deadline',
        shifts_asked: 1,
        short_shifts: [
          {
            duty_id: 40,
            date: '02/06/2026',
            start_local: '20:00',
            end_local: '08:00',
            start: 0,
            end: 0,
            grade: 'ST3',
            incidents: [
              { id: 9, occurred: 0, occurred_local: '03/06/2026 02:30', reference: 'LFPSE-77', harm: 'moderate', near_miss: false, description: 'Delayed review in resus' },
            ],
          },
        ],
      },
    ],
    gaps: 8,
    covered: 4,
    short_shifts: 1,
    incidents_in_short_shifts: 1,
    sources: [
      { key: 'incentive', label: 'Incentives for doctors who are not striking', total: 1 },
      { key: 'locum', label: 'Bank and agency locums', total: 2 },
      { key: 'mutual_aid', label: 'Mutual aid', total: 0 },
      { key: 'recall', label: 'Derogation (recall)', total: 1 },
      { key: 'uncovered', label: 'Still uncovered', total: 4 },
    ],
    coverage_days: [
      { date: '02/06/2026', counts: [1, 0, 0, 1, 1] },
      { date: '03/06/2026', counts: [0, 2, 0, 0, 3] },
    ],
    sitrep: [{ date: '2026-06-02', staff_due: 40, staff_taking_action: 31, undeclared: 4, vacant_shifts: 2 }],
  };
}

function setup(handlers: Record<string, Handler> = {}, list = users) {
  const calls = mockBackend({ users_list: () => list, impact_report: () => report(), ...handlers });
  const user = userEvent.setup();
  render(<ImpactReportScreen walkoutId={4} />);
  return { calls, user };
}

afterEach(() => clearMocks());

describe('ImpactReportScreen', () => {
  it('shows the headline figures', async () => {
    const { calls } = setup();
    await screen.findByRole('heading', { name: 'Impact report' });
    const dl = document.getElementById('impact-figures')!;
    expect(calls.find((c) => c.cmd === 'impact_report')?.args).toEqual({ walkoutId: 4 });
    const text = (label: string) => within(dl).getByText(label).parentElement?.querySelector('dd')?.textContent;
    expect(text('Requests made')).toBe('5');
    expect(text('Refused (declined or revoked)')).toBe('2');
    expect(text('Not decided or answered late')).toBe('2');
    expect(text('Gaps covered')).toBe('4 of 8');
    expect(text('Incidents in short shifts')).toBe('1');
    expect(screen.getByText(/Northgate NHS Foundation Trust · June walkout \(BMA\), 02\/06\/2026 07:00 to 04\/06\/2026 07:00/)).toBeInTheDocument();
  });

  it('draws three accessible charts with a title, a description and the figures as a table', async () => {
    setup();
    const charts = await screen.findAllByRole('img');
    const names = charts.map((c) => c.getAttribute('aria-labelledby'));
    expect(names).toEqual(['impact-cover-title impact-cover-desc', 'impact-outcomes-title impact-outcomes-desc', 'impact-times-title impact-times-desc']);
    expect(document.getElementById('impact-cover-desc')?.textContent).toContain('02/06/2026: Incentives for doctors who are not striking 1, Bank and agency locums 0, Derogation (recall) 1, Still uncovered 1');
    // Sources with nothing are left out of the legend.
    const legend = screen.getByRole('list', { name: 'Sources' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Incentives for doctors who are not striking (1)',
      'Bank and agency locums (2)',
      'Derogation (recall) (1)',
      'Still uncovered (4)',
    ]);
    // Day 2 has a locum segment and an uncovered segment (two rects), day 1 three.
    const cover = document.getElementById('impact-chart-cover')!;
    expect(cover.querySelectorAll('svg rect')).toHaveLength(5);
    const table = document.getElementById('impact-cover-table')!;
    expect(within(table).getByRole('row', { name: /03\/06\/2026/ }).textContent).toBe('03/06/20260203' + '5');
    expect(document.getElementById('impact-outcomes-desc')?.textContent).toContain('Declined 1');
    // The axis of the decision times starts where the bars start, and the deadline mark (7 h of a
    // 10 h scale) sits at 7/10 of the plot.
    const times = document.getElementById('impact-chart-times')!;
    const bar = times.querySelector('svg > g rect')!;
    const ticks = [...times.querySelectorAll('line.sc-chart-tick')].map((l) => Number(l.getAttribute('x1')));
    expect(ticks[0]).toBe(Number(bar.getAttribute('x')));
    const deadline = Number(times.querySelector('svg > g > line')!.getAttribute('x1'));
    expect((deadline - ticks[0]) / (ticks[ticks.length - 1] - ticks[0])).toBeCloseTo(0.7);
    expect(document.getElementById('impact-times-desc')?.textContent).toBe(
      'DR-1: 2:30 — on time, deadline after 7:00. DR-5: 8:15 — late, deadline after 7:00. DR-3: No decision, deadline after 7:00.',
    );
  });

  it('lists the refused or late requests with their short shifts and incidents', async () => {
    setup();
    const table = await screen.findByRole('table', { name: /Shifts still uncovered at the end/ });
    const row = within(table).getAllByRole('row')[1];
    expect(row.textContent).toContain('DR-3');
    expect(row.textContent).toContain('Not decided by the deadline');
    expect(row.textContent).toContain('02/06/2026 20:00–08:00 (ST3)');
    expect(row.textContent).toContain('LFPSE-77 03/06/2026 02:30: Moderate harm. Delayed review in resus');
    const timings = document.getElementById('impact-timings')!;
    expect(within(timings).getByText('Late')).toHaveClass('sc-impact-late');
    const sitrep = document.getElementById('impact-sitrep')!;
    expect(within(sitrep).getByRole('row', { name: /02\/06\/2026/ }).textContent).toBe('02/06/2026403142');
  });

  it('saves as PDF into a typed folder and shows the path and SHA-256', async () => {
    const sha = 'ab'.repeat(32);
    const { calls, user } = setup({
      impact_export: (a) => ({ path: a.path, format: a.format, sha256: sha, bytes: 2048 }),
    });
    await user.type(await screen.findByLabelText('Save into a folder (optional)'), '/srv/reports/');
    await user.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect(await screen.findByText('/srv/reports/impact-report-walkout-4.pdf')).toBeInTheDocument();
    expect(screen.getByText(sha)).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'plugin:dialog|save')).toBe(false);
    expect(calls.find((c) => c.cmd === 'impact_export')?.args).toEqual({ walkoutId: 4, format: 'pdf', path: '/srv/reports/impact-report-walkout-4.pdf' });
  });

  it('asks where to save the CSV without a folder, and shows a failure plainly', async () => {
    const { calls, user } = setup({
      'plugin:dialog|save': () => '/home/jo/impact.csv',
      impact_export: () => Promise.reject({ code: 'io', message: '/home/jo/impact.csv: permission denied', field: null }),
    });
    await user.click(await screen.findByRole('button', { name: 'Save as CSV…' }));
    expect(await screen.findByText(/permission denied/)).toBeInTheDocument();
    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|save')?.args.options as { defaultPath: string };
    expect(dialog.defaultPath).toBe('impact-report-walkout-4.csv');
  });

  it('offers no saving to a viewer', async () => {
    setup({}, usersAsViewer);
    expect(await screen.findByText(/You are using a viewer profile/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save as PDF…' })).toBeNull();
  });

  it('shows an unknown walkout as an error', async () => {
    setup({ impact_report: () => Promise.reject({ code: 'not_found', message: 'walkout 4 not found', field: null }) });
    expect(await screen.findByText(/walkout 4 not found/)).toBeInTheDocument();
  });
});

describe('helpers', () => {
  it('names files after the walkout', () => {
    expect(impactFileName(4, 'pdf')).toBe('impact-report-walkout-4.pdf');
    expect(impactFileName(12, 'csv')).toBe('impact-report-walkout-12.csv');
  });

  it('marks the figures that mean harm', () => {
    const h = headline(report());
    expect(h.filter((x) => x.tone === 'bad').map((x) => x.label)).toEqual([
      'Refused (declined or revoked)',
      'Not decided or answered late',
      'Shifts short after refusals',
      'Incidents in short shifts',
    ]);
  });
});
