import type { Channel } from '@tauri-apps/api/core';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import type { ImportProgress } from '../bindings/ImportProgress';
import type { RowError } from '../bindings/RowError';
import { deferred, mockBackend, type Handler } from '../test/backend';
import { goodPreview, previewMissing, sites, status, summary, weekDuties } from '../test/fixtures';

const PATH = 'C:\\Users\\coordinator\\Downloads\\rota-export.csv';

async function openImport(handlers: Record<string, Handler>) {
  const calls = mockBackend({ app_status: () => status, sites_list: () => sites, rota_query: () => weekDuties, ...handlers });
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Import' }));
  return { calls, user };
}

async function previewPath(user: ReturnType<typeof userEvent.setup>, path = PATH) {
  const input = document.getElementById('import-path') as HTMLInputElement;
  await user.clear(input);
  await user.type(input, path);
  await user.click(document.getElementById('import-preview-button') as HTMLButtonElement);
}

describe('import preview', () => {
  it('shows the file, its encoding, how each column was read and the first rows', async () => {
    const { calls, user } = await openImport({ import_preview: () => goodPreview });
    await previewPath(user);

    expect(await screen.findByRole('heading', { name: 'Preview: rota-export.csv' })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'import_preview')?.args).toEqual({ path: PATH });
    expect(document.getElementById('preview-encoding')).toHaveTextContent('Windows-1252');
    expect(document.getElementById('preview-total-rows')).toHaveTextContent('120,000');

    const columns = screen.getByRole('table', { name: 'Columns found' });
    const mapped = within(columns).getByRole('row', { name: /Assignment Number/ });
    expect(mapped).toHaveTextContent('Staff number (staff_id)');
    expect(within(columns).getByRole('row', { name: /Notes/ })).toHaveTextContent('ignored');

    const sample = screen.getByRole('table', { name: /The first 2 of 120,000 rows/ });
    expect(within(sample).getByText('Asha Patel')).toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Import 120,000 rows' })).toBeEnabled();
    expect(screen.queryByText('This file cannot be imported')).not.toBeInTheDocument();
  });

  it('marks missing required columns as an error and will not import', async () => {
    const { user } = await openImport({ import_preview: () => previewMissing });
    await previewPath(user, 'C:\\old-export.csv');

    expect(await screen.findByRole('heading', { name: 'This file cannot be imported' })).toBeInTheDocument();
    const list = document.getElementById('missing-columns-list') as HTMLElement;
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['site (Site)', 'date (Date)']);
    expect(document.getElementById('preview-encoding')).toHaveTextContent('UTF-8 (BOM)');
    expect(document.getElementById('import-run-button')).toBeDisabled();
    const columns = screen.getByRole('table', { name: 'Columns found' });
    expect(within(columns).getAllByText('missing')).toHaveLength(2);
  });

  it('asks for a path instead of calling the backend with nothing', async () => {
    const { calls, user } = await openImport({});
    await user.click(document.getElementById('import-preview-button') as HTMLButtonElement);
    expect(screen.getByText('Enter the path of a rota export')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'import_preview')).toBe(false);
  });

  it('accepts a path copied with its quotes (File Explorer\'s Copy as path)', async () => {
    const { calls, user } = await openImport({ import_preview: () => goodPreview });
    await previewPath(user, `"${PATH}"`);
    await screen.findByRole('heading', { name: 'Preview: rota-export.csv' });
    expect(calls.find((c) => c.cmd === 'import_preview')?.args).toEqual({ path: PATH });
  });

  it('previews a file chosen in the system dialog', async () => {
    const { calls, user } = await openImport({
      'plugin:dialog|open': () => PATH,
      import_preview: () => goodPreview,
    });
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    expect(await screen.findByRole('heading', { name: 'Preview: rota-export.csv' })).toBeInTheDocument();
    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|open');
    expect(dialog?.args).toMatchObject({
      options: { multiple: false, filters: [{ name: 'Rota export', extensions: ['csv', 'xlsx', 'txt'] }] },
    });
    expect(calls.find((c) => c.cmd === 'import_preview')?.args).toEqual({ path: PATH });
    expect(document.getElementById('import-path')).toHaveValue(PATH);
  });

  it('shows a file that cannot be read as a message', async () => {
    const { user } = await openImport({
      import_preview: () => Promise.reject({ code: 'import_read', message: 'C:\\nope.csv: cannot read the file: not found' }),
    });
    await previewPath(user, 'C:\\nope.csv');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('cannot read the file: not found');
    expect(alert).toHaveTextContent('Check the path');
  });
});

describe('import run', () => {
  it('says "at least" when the backend lists as many bad rows as it keeps', async () => {
    const rows: RowError[] = Array.from({ length: 200 }, (_, i) => ({ row: i + 2, column: 'grade', value: '', message: 'grade is blank' }));
    const { user } = await openImport({
      import_preview: () => goodPreview,
      import_run: () => Promise.reject({ code: 'import_bad_rows', message: 'x.csv: 5000 problem(s) found', rows }),
    });
    await previewPath(user);
    await user.click(await screen.findByRole('button', { name: 'Import 120,000 rows' }));
    const table = await screen.findByRole('table', { name: 'At least 200 problems found; nothing was imported' });
    expect(within(table).getAllByRole('row')).toHaveLength(201);
    expect(screen.getByText('The first 200 problems are listed below.')).toBeInTheDocument();
  });

  it('reports progress from the channel, then the summary, then opens the rota', async () => {
    const run = deferred<typeof summary>();
    let channel: Channel<ImportProgress> | null = null;
    const { calls, user } = await openImport({
      import_preview: () => goodPreview,
      import_run: (args) => {
        channel = args.onProgress as Channel<ImportProgress>;
        return run.promise;
      },
    });
    await previewPath(user);
    await user.click(await screen.findByRole('button', { name: 'Import 120,000 rows' }));

    const args = calls.find((c) => c.cmd === 'import_run')?.args;
    expect(args?.path).toBe(PATH);
    expect(channel).not.toBeNull();

    act(() => channel!.onmessage({ stage: 'reading', rows: 120000 }));
    expect(screen.getByText('Reading 120,000 rows…')).toBeInTheDocument();
    act(() => channel!.onmessage({ stage: 'writing', done: 300000, total: 470000 }));
    expect(screen.getByText('Writing 300,000 of 470,000…')).toBeInTheDocument();
    const bar = document.getElementById('import-progress') as HTMLProgressElement;
    expect(bar.value).toBe(300000);
    expect(bar.max).toBe(470000);

    await act(async () => run.resolve(summary));
    const done = document.getElementById('import-summary') as HTMLElement;
    expect(done).toBeInTheDocument();
    expect(done).toHaveTextContent('Import complete');
    expect(done).toHaveTextContent('06/01/2025–02/02/2025');
    expect(done).toHaveTextContent('2,345'); // doctors
    expect(done).toHaveTextContent('110,000'); // shifts
    expect(done).toHaveTextContent('3,456'); // vacancies
    expect(done).toHaveTextContent('2.4 seconds');
    const counts = within(done).getByRole('table', { name: 'Compared with the rota already held' });
    expect(within(counts).getAllByRole('cell').map((c) => c.textContent)).toEqual(['100,000', '12', '9,988', '3']);
    expect(within(done).getByText('doctor: vacant -> 1234567 A Patel')).toBeInTheDocument();

    await user.click(within(done).getByRole('button', { name: 'View the rota' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Rota' })).toBeInTheDocument();
    expect(await screen.findAllByTestId('duty-row')).toHaveLength(weekDuties.length);
  });

  it('lists every bad row of a refused import, with the count', async () => {
    const rows: RowError[] = Array.from({ length: 37 }, (_, i) => ({
      row: i + 2,
      column: i % 2 ? 'date' : 'start',
      value: i % 2 ? `3${i}/02/2025` : '25:61',
      message: i % 2 ? 'not a date (expected dd/mm/yyyy)' : 'not a time (expected HH:MM)',
    }));
    const { user } = await openImport({
      import_preview: () => goodPreview,
      import_run: () =>
        Promise.reject({
          code: 'import_bad_rows',
          message: 'rota-export.csv: 37 problem(s) found, nothing imported. row 2, start: not a time',
          rows,
        }),
    });
    await previewPath(user);
    await user.click(await screen.findByRole('button', { name: 'Import 120,000 rows' }));

    const table = await screen.findByRole('table', { name: '37 problems found; nothing was imported' });
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows).toHaveLength(37);
    expect(within(bodyRows[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '2',
      'start',
      '25:61',
      'not a time (expected HH:MM)',
    ]);
    expect(within(bodyRows[36]).getAllByRole('cell')[0]).toHaveTextContent('38');
    expect(screen.getByRole('alert')).toHaveTextContent('The file was not imported');
    // Nothing was imported: the preview is still there to try again.
    expect(screen.getByRole('button', { name: 'Import 120,000 rows' })).toBeEnabled();
    expect(document.getElementById('import-summary')).not.toBeInTheDocument();
  });
});
