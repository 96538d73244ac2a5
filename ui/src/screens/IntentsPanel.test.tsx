import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import type { Intent } from '../bindings/Intent';
import type { IntentView } from '../bindings/IntentView';
import { type Handler, mockBackend } from '../test/backend';
import { grades, sites, status } from '../test/fixtures';
import { dashboard, gaps, intents, walkout } from '../test/walkoutFixtures';
import { mergeIntents } from './IntentsPanel';

async function openDoctors(handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({
    app_status: () => status,
    sites_list: () => sites,
    rota_query: () => [],
    grades_list: () => grades,
    walkout_list: () => [walkout],
    walkout_dashboard: () => dashboard,
    gap_list: () => gaps,
    intent_list: () => intents,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
  await user.click(await screen.findByRole('button', { name: walkout.title }));
  await user.click(await screen.findByRole('tab', { name: 'Doctors' }));
  await screen.findAllByTestId('intent-row');
  return { calls, user };
}

function setIntent(args: Record<string, unknown>): IntentView[] {
  const ids = args.staffIds as number[];
  return intents.filter((v) => ids.includes(v.staff_id)).map((v) => ({ ...v, intent: args.intent as Intent, set_by: 'jsmith', set_at: '2024-01-03T08:00:00Z' }));
}

describe('doctors and their intents', () => {
  it('lists the affected doctors with their intents and counts', async () => {
    await openDoctors();
    const rows = screen.getAllByTestId('intent-row');
    expect(rows).toHaveLength(4);
    expect(document.getElementById('intent-count')).toHaveTextContent('4 doctors affected: 1 striking, 1 working, 2 not declared.');
    expect(screen.getByLabelText('Intent of Asha Patel')).toHaveValue('striking');
    expect(rows[0]).toHaveTextContent('jsmith, 02/01/2024 09:00');
  });

  it('sets one doctor at a time', async () => {
    const { calls, user } = await openDoctors({ intent_set: setIntent });
    await user.selectOptions(screen.getByLabelText('Intent of Ben Okafor'), 'working');
    expect(calls.find((c) => c.cmd === 'intent_set')?.args).toEqual({ walkoutId: 7, staffIds: [2], intent: 'working' });
    await waitFor(() => expect(screen.getByLabelText('Intent of Ben Okafor')).toHaveValue('working'));
    expect(document.getElementById('intent-count')).toHaveTextContent('2 working');
  });

  it('sets the selected doctors in bulk with intent_set, then reloads the gaps', async () => {
    const { calls, user } = await openDoctors({ intent_set: setIntent });
    await user.click(screen.getByLabelText('Select Ben Okafor'));
    await user.click(screen.getByLabelText('Select Chloe Smith'));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Set selected to'), 'striking');
    const before = calls.filter((c) => c.cmd === 'gap_list').length;
    await user.click(screen.getByRole('button', { name: 'Apply to selected' }));
    expect(calls.find((c) => c.cmd === 'intent_set')?.args).toEqual({ walkoutId: 7, staffIds: [2, 3], intent: 'striking' });
    expect(await screen.findByText('2 doctors now striking.')).toBeInTheDocument();
    expect(screen.getByLabelText('Intent of Chloe Smith')).toHaveValue('striking');
    expect(screen.getByText('0 selected')).toBeInTheDocument();
    expect(document.getElementById('intent-count')).toHaveTextContent('3 striking, 1 working, 0 not declared');
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'gap_list').length).toBeGreaterThan(before));
  });

  it('selects every doctor shown, after a search', async () => {
    const { calls, user } = await openDoctors({ intent_set: setIntent });
    await user.selectOptions(screen.getByLabelText('Intent'), 'undeclared');
    expect(screen.getAllByTestId('intent-row')).toHaveLength(2);
    await user.click(screen.getByLabelText('Select all doctors shown'));
    await user.selectOptions(screen.getByLabelText('Set selected to'), 'working');
    await user.click(screen.getByRole('button', { name: 'Apply to selected' }));
    const args = calls.find((c) => c.cmd === 'intent_set')?.args;
    expect((args?.staffIds as number[]).slice().sort()).toEqual([2, 3]);
  });

  it('refuses an unknown staff id without changing anything', async () => {
    const { user } = await openDoctors({
      intent_set: () => Promise.reject({ code: 'invalid', field: 'staff_id', message: 'staff_id: no doctor with id 99' }),
    });
    await user.selectOptions(screen.getByLabelText('Intent of Ben Okafor'), 'working');
    expect(await screen.findByRole('alert')).toHaveTextContent('no doctor with id 99');
    expect(screen.getByLabelText('Intent of Ben Okafor')).toHaveValue('undeclared');
  });

  it('imports intents from a CSV and shows the summary', async () => {
    const { calls, user } = await openDoctors({ intent_import: () => ({ rows: 3, striking: 2, working: 1, undeclared: 0 }) });
    await user.click(screen.getByText('Import intents from CSV'));
    await user.type(screen.getByLabelText('Choose the file, or paste its full path'), 'C:\\intents.csv');
    await user.click(screen.getByRole('button', { name: 'Import intents' }));
    expect(calls.find((c) => c.cmd === 'intent_import')?.args).toEqual({ walkoutId: 7, path: 'C:\\intents.csv' });
    expect(await screen.findByText('3 rows read: 2 striking, 1 working, 0 not declared.')).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'intent_list').length).toBe(2));
  });

  it('imports intents from a file chosen in the dialog', async () => {
    const { calls, user } = await openDoctors({
      'plugin:dialog|open': () => '/home/me/intents.csv',
      intent_import: () => ({ rows: 1, striking: 1, working: 0, undeclared: 0 }),
    });
    await user.click(screen.getByText('Import intents from CSV'));
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'intent_import')?.args).toEqual({ walkoutId: 7, path: '/home/me/intents.csv' }));
  });

  it('shows every bad row of a refused intents CSV', async () => {
    const { user } = await openDoctors({
      intent_import: () =>
        Promise.reject({
          code: 'import_bad_rows',
          message: '2 rows have problems',
          rows: [
            { row: 3, column: 'staff_id', value: '9999999', message: 'No doctor with this staff number' },
            { row: 5, column: 'intent', value: 'maybe', message: 'Expected striking, working or not declared' },
          ],
          total: 2,
        }),
    });
    await user.click(screen.getByText('Import intents from CSV'));
    await user.type(screen.getByLabelText('Choose the file, or paste its full path'), 'C:\\intents.csv');
    await user.click(screen.getByRole('button', { name: 'Import intents' }));
    const table = await screen.findByRole('table', { name: /2 problems found/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('9999999');
    expect(rows[2]).toHaveTextContent('maybe');
    expect(rows[2]).toHaveTextContent('Expected striking, working or not declared');
  });

  it('asks for a path before importing', async () => {
    const { calls, user } = await openDoctors();
    await user.click(screen.getByText('Import intents from CSV'));
    await user.click(screen.getByRole('button', { name: 'Import intents' }));
    expect(screen.getByText('Enter the path of a CSV of intents')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'intent_import')).toBe(false);
  });
});

describe('mergeIntents', () => {
  it('takes the changed doctors whether the backend answers with all or some', () => {
    const changed = [{ ...intents[1], intent: 'working' as const }];
    const merged = mergeIntents(intents, changed);
    expect(merged).toHaveLength(4);
    expect(merged[1].intent).toBe('working');
    expect(mergeIntents(intents, intents.map((v) => ({ ...v, intent: 'striking' as const }))).every((v) => v.intent === 'striking')).toBe(true);
  });
});
