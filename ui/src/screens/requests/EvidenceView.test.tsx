import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EvidenceAttempt } from '../../bindings/EvidenceAttempt';
import { evidence, evidenceAttempt, overrideLine, requestContent } from '../../test/requestFixtures';
import { EvidenceView, evidenceSummary } from './EvidenceView';

describe('the evidence that alternatives were exhausted', () => {
  it('says it is generated from the attempt log, and shows each rung with its state, attempts and reasons', () => {
    render(<EvidenceView content={requestContent()} />);
    expect(screen.getByText(/Generated from the attempt log/).closest('p')).toHaveTextContent(
      'Generated from the attempt log — edit the log on the Sourcing screen, not here.',
    );
    expect(document.getElementById('request-evidence-summary')).toHaveTextContent(
      '9 rungs: 6 exhausted, 2 not applicable, 1 not started. 8 attempts logged.',
    );
    // Nothing here can be typed into.
    expect(screen.queryByRole('textbox')).toBeNull();

    const rungs = screen.getAllByTestId('evidence-rung');
    expect(rungs).toHaveLength(9);
    // Rungs with attempts start open; the others are folded.
    const elective = rungs[0].querySelector('details') as HTMLDetailsElement;
    const incentive = rungs[2].querySelector('details') as HTMLDetailsElement;
    expect(elective.open).toBe(false);
    expect(incentive.open).toBe(true);
    expect(within(rungs[0]).getByText('1. Cancel or move non-urgent elective work')).toBeInTheDocument();
    expect(rungs[0]).toHaveTextContent('Not applicable Required, no attempts');
    expect(rungs[0]).toHaveTextContent('Not applicable because:The Emergency Department has no elective work');
    expect(rungs[8]).toHaveTextContent('Optional, no attempts');
    expect(rungs[8]).toHaveTextContent('Nothing logged on this rung.');

    const table = within(rungs[2]).getByRole('table', { name: 'Attempts on “Incentives for doctors who are not striking”' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['When', 'By', 'Asked', 'Channel', 'Terms', 'Result', 'Shifts', 'Notes']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '02/01/2024 09:20',
      'jsmith',
      'Dr L Moreno (Clinical Fellow, Emergency medicine)',
      'Text',
      '£120.00 an hour',
      'Unavailable',
      'all 2 shifts',
      'On leave until 08/01',
    ]);
    // An empty cell is said as "none", not left silent.
    const redeploy = within(rungs[3]).getByRole('table');
    expect(within(redeploy).getAllByRole('cell')[4]).toHaveTextContent('–none');
    expect(screen.queryByText(/overridden/)).toBeNull();
  });

  it('shows overrides as a warning, including cover that later fell through', () => {
    const content = requestContent({ overrides: [overrideLine(), overrideLine({ doctor: 'Dr B Ross', released: true, rules: ['Most hours in any 7 days (72 h)', 'Least rest between shifts (11 h)'] })] });
    render(<EvidenceView content={content} />);
    const block = document.getElementById('request-evidence-overrides') as HTMLElement;
    expect(within(block).getByRole('heading', { name: /^Important:\s*Working-time rules were overridden$/ })).toBeInTheDocument();
    const items = within(block).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Dr A Shah, 04/01/2024 Night 20:00–08:00');
    expect(items[0]).toHaveTextContent('Rules broken: Least rest between shifts (11 h)');
    expect(items[0]).toHaveTextContent('Reason: Only registrar with resuscitation competence available');
    expect(items[0]).toHaveTextContent('Recorded by mjones at 03/01/2024 18:30');
    expect(items[0]).not.toHaveTextContent('fell through');
    expect(items[1]).toHaveTextContent('Rules broken: Most hours in any 7 days (72 h); Least rest between shifts (11 h)');
    expect(items[1]).toHaveTextContent('The cover later fell through: the shift is uncovered again.');
  });

  it('stays usable with 300 attempts: every one listed, under rungs that fold', () => {
    const many: EvidenceAttempt[] = Array.from({ length: 300 }, (_, i) =>
      evidenceAttempt({ attempt_id: 1000 + i, asked: `Doctor ${i}`, at: `02/01/2024 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}` }),
    );
    const rungs = evidence().map((r) => (r.code === 'locum' ? { ...r, attempts: many } : r));
    render(<EvidenceView content={{ evidence: rungs, overrides: [] }} />);
    // The other rungs with attempts stay open; those without are folded away.
    const open = screen.getAllByTestId('evidence-rung').map((li) => (li.querySelector('details') as HTMLDetailsElement).open);
    expect(open).toEqual(rungs.map((r) => r.attempts.length > 0));
    const locum = screen.getByRole('table', { name: 'Attempts on “Bank and agency locums”' });
    expect(within(locum).getAllByRole('row')).toHaveLength(301);
    expect(screen.getByText('Doctor 299')).toBeInTheDocument();
    expect(evidenceSummary(rungs)).toBe('9 rungs: 6 exhausted, 2 not applicable, 1 not started. 306 attempts logged.');
  });

  it('renders text from the log as text', () => {
    const rungs = evidence().map((r) => (r.code === 'sas' ? { ...r, attempts: [evidenceAttempt({ asked: '<img src=x onerror=alert(1)>' })] } : r));
    render(<EvidenceView content={{ evidence: rungs, overrides: [] }} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});
