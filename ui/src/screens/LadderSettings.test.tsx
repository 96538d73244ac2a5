import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LadderView } from '../bindings/LadderView';
import type { RungInput } from '../bindings/RungInput';
import { type Handler, mockBackend } from '../test/backend';
import { ladder } from '../test/sourcingFixtures';
import { LadderSettings, ladderVersionText } from './LadderSettings';

function setup(handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({ ladder_get: () => ladder, ...handlers });
  const user = userEvent.setup();
  render(<LadderSettings />);
  return { calls, user };
}

const names = () => screen.getAllByTestId('ladder-edit-row').map((r) => (within(r).getAllByRole('textbox')[0] as HTMLInputElement).value);

describe('ladder settings', () => {
  it('shows the version and every rung, and saves a reordered ladder as a new version', async () => {
    let sent: { rungs: RungInput[]; note: string } | null = null;
    const { user } = setup({
      ladder_set: (args) => {
        sent = { rungs: args.rungs as RungInput[], note: args.note as string };
        const view: LadderView = {
          version: 3,
          note: sent.note,
          created_by: 'jsmith',
          created_at: '2024-01-02T11:00:00Z',
          rungs: sent.rungs.map((r, i) => ({ id: 200 + i, position: i + 1, code: r.code || 'new_rung', name: r.name, description: r.description, required: r.required })),
        };
        return view;
      },
    });
    expect(await screen.findByText('Version 2, saved by mdirector on 21/12/2023: Agreed at the planning meeting.')).toBeInTheDocument();
    expect(names()).toHaveLength(9);
    expect(names()[6]).toBe('Bank and agency locums');

    // Bank and agency locums moves up two places; focus stays on its button.
    const up = screen.getByRole('button', { name: 'Move up Bank and agency locums' });
    await user.click(up);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Move up Bank and agency locums' })).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Move up Bank and agency locums' }));
    expect(names().slice(3, 7)).toEqual([
      'Redeploy non-striking doctors',
      'Bank and agency locums',
      'Consultants acting down or extra shifts',
      'SAS doctors',
    ]);
    // The first rung cannot move up, the last cannot move down.
    expect(screen.getByRole('button', { name: 'Move up Cancel or move non-urgent elective work' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move down Internal or critical incident declared' })).toBeDisabled();
    // The incident rung, optional until now, becomes required.
    expect(screen.getByLabelText('Rung 9 is required')).not.toBeChecked();
    await user.click(screen.getByLabelText('Rung 9 is required'));
    // A new rung, named, and one removed.
    await user.click(screen.getByRole('button', { name: 'Add a rung' }));
    const added = screen.getByLabelText('Name of rung 10');
    expect(added).toHaveFocus();
    await user.type(added, 'Physician associates');
    await user.click(screen.getByRole('button', { name: 'Remove Move urgent cases to the days either side' }));
    expect(screen.getByText('Changes not saved yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Note for this version (optional)'), 'Locums before consultants');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    await waitFor(() => expect(sent).not.toBeNull());
    const s = sent as unknown as { rungs: RungInput[]; note: string };
    expect(s.note).toBe('Locums before consultants');
    expect(s.rungs.map((r) => r.code)).toEqual(['elective', 'incentive', 'redeploy', 'locum', 'consultant', 'sas', 'mutual_aid', 'incident', '']);
    expect(s.rungs[3]).toEqual({ code: 'locum', name: 'Bank and agency locums', description: 'Internal bank first; agency within the price cap.', required: true });
    expect(s.rungs[7]).toMatchObject({ code: 'incident', required: true });
    expect(s.rungs[8]).toEqual({ code: '', name: 'Physician associates', description: '', required: true });
    expect(await screen.findByText('Saved as version 3, with 9 rungs.')).toBeInTheDocument();
    expect(screen.getByText(/^Version 3, saved by jsmith on 02\/01\/2024/)).toBeInTheDocument();
    expect(screen.queryByText('Changes not saved yet.')).toBeNull();
  });

  it('needs a name for every rung, and shows a refusal from the backend', async () => {
    const { calls, user } = setup({
      ladder_set: () => Promise.reject({ code: 'invalid', field: 'rungs', message: "rungs: rung 2 ('!!') needs a name with letters or digits" }),
    });
    await screen.findAllByTestId('ladder-edit-row');
    await user.clear(screen.getByLabelText('Name of rung 2'));
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Enter a name for rung 2' }));
    expect(screen.getByLabelText('Name of rung 2')).toHaveFocus();
    expect(calls.some((c) => c.cmd === 'ladder_set')).toBe(false);
    await user.type(screen.getByLabelText('Name of rung 2'), '!!');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("rung 2 ('!!') needs a name with letters or digits");
  });

  it('words the built-in ladder', () => {
    expect(ladderVersionText({ version: 1, created_by: null, created_at: '2024-01-01T00:00:00Z', note: '' })).toBe('Version 1, the built-in default');
  });
});
