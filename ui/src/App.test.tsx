import { emit } from '@tauri-apps/api/event';
import { mockWindows } from '@tauri-apps/api/mocks';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { deferred, mockBackend } from './test/backend';
import { emptyStatus, goodPreview, sites, status, summary, weekDuties } from './test/fixtures';

describe('first start', () => {
  it('welcomes the user when there are no duties and loads the demo trust on request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-08T10:00:00Z'));
    const demo = deferred<typeof summary>();
    let current = emptyStatus;
    const calls = mockBackend({
      app_status: () => current,
      demo_load: () => demo.promise,
      sites_list: () => sites,
      rota_query: () => weekDuties,
    });
    const user = userEvent.setup();
    render(<App />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Strike Cover' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import a rota export' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load the demo trust' }));
    expect(calls.filter((c) => c.cmd === 'demo_load')).toHaveLength(1);
    // Busy while the backend works: the button says so and cannot be pressed twice.
    const busy = screen.getByRole('button', { name: 'Loading the demo trust…' });
    expect(busy).toBeDisabled();

    current = status;
    demo.resolve(summary);

    // Then the rota, with what was loaded.
    expect(await screen.findByRole('heading', { level: 1, name: 'Rota' })).toHaveFocus();
    expect(screen.getByText('Rota loaded')).toBeInTheDocument();
    expect(await screen.findAllByTestId('duty-row')).toHaveLength(weekDuties.length);
    await waitFor(() => expect(screen.getByText(status.trust_name as string)).toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === 'app_status').length).toBeGreaterThanOrEqual(2);
  });

  it('goes to the import screen from the welcome screen', async () => {
    mockBackend({ app_status: () => emptyStatus });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Import a rota export' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Import a rota export' })).toHaveFocus();
    expect(document.getElementById('import-path')).toBeInTheDocument();
  });

  it('shows a demo_load failure as an error summary, not JSON', async () => {
    mockBackend({
      app_status: () => emptyStatus,
      demo_load: () => Promise.reject({ code: 'db', message: 'database error: disk I/O error' }),
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Load the demo trust' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('There is a problem');
    expect(alert).toHaveTextContent('database error: disk I/O error');
    expect(alert.textContent).not.toContain('"code"');
    expect(screen.getByRole('button', { name: 'Load the demo trust' })).toBeEnabled();
  });
});

describe('the frame', () => {
  it('shows the app name, the trust, the navigation, the database path and the user', async () => {
    mockBackend({ app_status: () => status, sites_list: () => sites, rota_query: () => [], staff_list: () => [] });
    const user = userEvent.setup();
    render(<App />);
    expect(screen.getByText('Strike Cover')).toBeInTheDocument();
    expect(await screen.findByText(status.trust_name as string)).toBeInTheDocument();
    const footer = screen.getByRole('contentinfo');
    expect(footer).toHaveTextContent(status.db_path);
    expect(footer).toHaveTextContent('Acting as: jsmith');
    expect(footer).toHaveTextContent('06/01/2025–02/02/2025');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Rota', 'Staff', 'Import', 'Settings']) {
      expect(within(nav).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(within(nav).getByRole('button', { name: 'Rota' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(nav).getByRole('button', { name: 'Staff' }));
    expect(within(nav).getByRole('button', { name: 'Staff' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 1, name: 'Staff' })).toHaveFocus();
  });

  it('explains a database that cannot be opened', async () => {
    mockBackend({
      app_status: () =>
        Promise.reject({
          code: 'db_newer',
          message: 'the database C:\\x.sqlite3 was written by a newer version of Strike Cover (schema 9; this version knows up to 1)',
        }),
    });
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Strike Cover cannot open its database' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('written by a newer version');
    expect(screen.getByRole('alert')).toHaveTextContent('Contact your IT service desk');
  });
});

describe('drag and drop', () => {
  it('does nothing outside the Tauri window (no crash without its internals)', async () => {
    mockBackend({ app_status: () => status, sites_list: () => sites, rota_query: () => [] });
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Rota' })).toBeInTheDocument();
  });

  it('highlights the window while a file is dragged over it and previews the dropped file', async () => {
    const g = globalThis as { isTauri?: boolean };
    g.isTauri = true;
    try {
      mockWindows('main');
      const calls = mockBackend(
        { app_status: () => status, sites_list: () => sites, rota_query: () => [], import_preview: () => goodPreview },
        { shouldMockEvents: true },
      );
      render(<App />);
      await screen.findByRole('heading', { level: 1, name: 'Rota' });
      const path = 'C:\\Users\\coordinator\\Desktop\\rota-export.csv';

      await act(() => emit('tauri://drag-enter', { paths: [path], position: { x: 10, y: 10 } }));
      expect(screen.getByText('Drop the rota export to preview it')).toBeInTheDocument();
      await act(() => emit('tauri://drag-leave', null));
      expect(screen.queryByText('Drop the rota export to preview it')).not.toBeInTheDocument();

      await act(() => emit('tauri://drag-drop', { paths: [path], position: { x: 10, y: 10 } }));
      expect(screen.getByRole('heading', { level: 1, name: 'Import a rota export' })).toBeInTheDocument();
      expect(await screen.findByRole('heading', { name: 'Preview: rota-export.csv' })).toBeInTheDocument();
      expect(calls.find((c) => c.cmd === 'import_preview')?.args).toEqual({ path });
      expect(document.getElementById('import-path')).toHaveValue(path);
    } finally {
      delete g.isTauri;
    }
  });
});
