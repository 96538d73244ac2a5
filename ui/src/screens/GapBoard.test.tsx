import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { type Handler, mockBackend } from '../test/backend';
import { grades, sites, status } from '../test/fixtures';
import { fakeSourcing } from '../test/sourcingFixtures';
import { dashboard, gaps, intents, walkout } from '../test/walkoutFixtures';

async function openGaps(handlers: Record<string, Handler> = {}) {
  const fake = fakeSourcing();
  const calls = mockBackend({
    app_status: () => status,
    sites_list: () => sites,
    rota_query: () => [],
    grades_list: () => grades,
    walkout_list: () => [walkout],
    walkout_dashboard: () => dashboard,
    gap_list: () => gaps,
    intent_list: () => intents,
    ...fake.handlers,
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

describe('gap board: choosing gaps to source', () => {
  it('opens sourcing for the gaps ticked, in time order, and comes back to the board with focus where it was', async () => {
    const { calls, user } = await openGaps();
    const source = screen.getByRole('button', { name: 'Source cover' });
    expect(source).toBeDisabled();
    expect(document.getElementById('gap-selected-count')).toHaveTextContent('0 gaps selected');

    // Chloe Smith's day (04/01) and Asha Patel's (03/01): sent earliest first.
    await user.click(within(rowOf('Chloe Smith')).getByRole('checkbox'));
    await user.click(within(rowOf('Asha Patel')).getByRole('checkbox', { name: /^Select General Surgery, Wednesday 03\/01\/2024/ }));
    expect(document.getElementById('gap-selected-count')).toHaveTextContent('2 gaps selected');
    await user.click(source);

    expect(await screen.findByRole('heading', { level: 2, name: 'Source cover for 2 gaps' })).toHaveFocus();
    expect(calls.find((c) => c.cmd === 'sourcing_get')?.args).toEqual({ walkoutId: 7, dutyIds: [2, 4] });
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(await screen.findAllByTestId('sourcing-gap')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Back to gaps' }));
    expect(await screen.findByRole('tab', { name: /Gaps/ })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Source cover' })).toHaveFocus());
    // The selection is kept.
    expect(within(rowOf('Chloe Smith')).getByRole('checkbox')).toBeChecked();
    expect(document.getElementById('gap-selected-count')).toHaveTextContent('2 gaps selected');
  });

  it('selects every gap shown (after a filter), and clears the selection', async () => {
    const { calls, user } = await openGaps();
    await user.selectOptions(screen.getByLabelText('Criticality'), 'critical');
    const all = screen.getByRole('checkbox', { name: 'Select all gaps shown' });
    await user.click(all);
    expect(all).toBeChecked();
    expect(document.getElementById('gap-selected-count')).toHaveTextContent('2 gaps selected');
    await user.click(screen.getByRole('button', { name: 'Source cover' }));
    await screen.findByRole('heading', { level: 2, name: 'Source cover for 2 gaps' });
    expect(calls.find((c) => c.cmd === 'sourcing_get')?.args).toEqual({ walkoutId: 7, dutyIds: [1, 3] });
    await user.click(screen.getByRole('button', { name: 'Back to gaps' }));
    await user.click(await screen.findByRole('button', { name: 'Clear selection' }));
    expect(document.getElementById('gap-selected-count')).toHaveTextContent('0 gaps selected');
    expect(screen.getByRole('checkbox', { name: 'Select all gaps shown' })).not.toBeChecked();
  });

  it('sources one gap from its row, showing its status', async () => {
    const { calls, user } = await openGaps();
    const row = rowOf('Ben Okafor');
    expect(within(row).getByText('Uncovered')).toHaveClass('nhsuk-tag');
    await user.click(within(row).getByRole('button', { name: 'Source…' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Source cover for 1 gap' })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'sourcing_get')?.args).toEqual({ walkoutId: 7, dutyIds: [1] });
    expect(await screen.findByTestId('sourcing-gap')).toHaveTextContent('Ben Okafor (2222222)');
    await user.click(screen.getByRole('button', { name: 'Back to gaps' }));
    await waitFor(() => expect(document.getElementById('gap-source-1')).toHaveFocus());
  });
});

describe('gap board: where each gap stands on the ladder', () => {
  it('says how many rungs are left, that alternatives are exhausted, or who covers it', async () => {
    const [first, second, third] = gaps;
    const board = [
      { ...first, rungs_to_do: 3, covered_by: null },
      { ...second, rungs_to_do: 0, covered_by: null },
      { ...third, status: 'covered' as const, rungs_to_do: 0, covered_by: 'Jo Locum (Medics4U)' },
    ];
    await openGaps({ gap_list: () => board });
    const rows = screen.getAllByTestId('gap-row');
    const text = (id: number) => rows.find((r) => r.querySelector(`#gap-source-${id}`))?.textContent ?? '';
    expect(text(first.duty_id)).toContain('3 rungs to do');
    expect(text(second.duty_id)).toContain('Alternatives exhausted');
    expect(text(third.duty_id)).toContain('Covered by Jo Locum (Medics4U)');
  });
});
