import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CoverLevelView } from '../bindings/CoverLevelView';
import type { RuleSetView } from '../bindings/RuleSetView';
import type { RuleSetting } from '../bindings/RuleSetting';
import { type Handler, mockBackend } from '../test/backend';
import { coverLevels, rules } from '../test/sourcingFixtures';
import { CoverLevelSettings, RulesSettings, coverLevelLabel, parseRuleValue, rulesVersionText } from './RulesSettings';

function setupRules(handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({ rules_get: () => rules, ...handlers });
  const user = userEvent.setup();
  render(<RulesSettings />);
  return { calls, user };
}

describe('working-time rules', () => {
  it('lists every rule with who it applies to, its unit and source, and saves an edited value as a new version', async () => {
    let sent: { settings: RuleSetting[]; note: string } | null = null;
    const { user } = setupRules({
      rules_set: (args) => {
        sent = { settings: args.settings as RuleSetting[], note: args.note as string };
        const view: RuleSetView = { version: 1, note: sent.note, created_by: 'mdirector', created_at: '2024-01-02T09:00:00Z', settings: sent.settings };
        return view;
      },
    });
    expect(await screen.findByText('Version 0: the built-in defaults, from the published terms and regulations.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Working-time rules and their numbers' });
    const row = within(table).getByRole('row', { name: /Most hours in any 7 days/ });
    expect(row).toHaveTextContent('Resident doctors (2016 terms and conditions)');
    expect(row).toHaveTextContent('h');
    expect(within(table).getByRole('row', { name: /Average weekly hours/ })).toHaveTextContent('Consultants and SAS doctors (Working Time Regulations)');

    const value = screen.getByLabelText('Most hours in any 7 days, in h');
    expect(value).toHaveValue('72');
    await user.clear(value);
    await user.type(value, '70');
    const source = screen.getByLabelText('Source of Most hours in any 7 days');
    await user.clear(source);
    await user.type(source, 'Local agreement, December 2023');
    await user.type(screen.getByLabelText('Note for this version (optional)'), 'Agreed with the LNC');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));

    await waitFor(() => expect(sent).not.toBeNull());
    const s = sent as unknown as { settings: RuleSetting[]; note: string };
    expect(s.note).toBe('Agreed with the LNC');
    expect(s.settings).toHaveLength(3);
    expect(s.settings[0]).toEqual({ ...rules.settings[0], value: 70, source: 'Local agreement, December 2023' });
    expect(s.settings.slice(1)).toEqual(rules.settings.slice(1));
    expect(await screen.findByText('Saved as version 1; 1 rule changed.')).toBeInTheDocument();
    expect(screen.getByText('Version 1, saved by mdirector on 02/01/2024: Agreed with the LNC.')).toBeInTheDocument();
  });

  it('shows a value the backend refuses by its row, and a value that is not a number without sending', async () => {
    const { calls, user } = setupRules({
      rules_set: () => Promise.reject({ code: 'invalid', field: 'tcs_min_rest_between_shifts', message: 'tcs_min_rest_between_shifts: must be between 1 and 48 h' }),
    });
    const rest = await screen.findByLabelText('Least rest between shifts, in h');
    await user.clear(rest);
    await user.type(rest, 'eleven');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Least rest between shifts: enter a number');
    expect(calls.some((c) => c.cmd === 'rules_set')).toBe(false);

    await user.clear(rest);
    await user.type(rest, '60');
    await user.click(screen.getByRole('button', { name: 'Save as a new version' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Least rest between shifts: must be between 1 and 48 h' });
    expect(link).toHaveAttribute('href', '#rule-value-tcs_min_rest_between_shifts');
    expect(rest).toHaveAttribute('aria-invalid', 'true');
    const row = screen.getByRole('row', { name: /Least rest between shifts/ });
    expect(row).toHaveTextContent('Least rest between shifts: must be between 1 and 48 h');
  });

  it('reads numbers and words versions', () => {
    expect(parseRuleValue(' 11.5 ')).toBe(11.5);
    expect(parseRuleValue('1,000')).toBe(1000);
    expect(parseRuleValue('')).toBeNull();
    expect(parseRuleValue('4 nights')).toBeNull();
    expect(rulesVersionText({ version: 2, created_by: 'jsmith', created_at: '2024-06-30T23:30:00Z', note: '' })).toBe('Version 2, saved by jsmith on 01/07/2024');
  });
});

describe('cover levels', () => {
  it('shows each grade with its level, built-in or set by the trust, and sets one', async () => {
    let sent: unknown = null;
    const after: CoverLevelView[] = coverLevels.map((g) => (g.grade === 'ST3' ? { ...g, level: 5, set_by_trust: true } : g));
    const calls = mockBackend({
      cover_levels_list: () => coverLevels,
      cover_level_set: (args) => {
        sent = args;
        return after;
      },
    });
    const user = userEvent.setup();
    render(<CoverLevelSettings />);
    const st3 = await screen.findByLabelText('Cover level for ST3');
    expect(st3).toHaveValue('builtin');
    expect(within(st3).getByRole('option', { name: 'Built-in (4)' })).toBeInTheDocument();
    expect(within(st3).getByRole('option', { name: '4 – registrar or specialty doctor' })).toBeInTheDocument();
    expect(within(st3).getAllByRole('option')).toHaveLength(10);
    expect(screen.getByLabelText('Cover level for Clinical Fellow')).toHaveValue('3');

    await user.selectOptions(st3, '5');
    await waitFor(() => expect(sent).toEqual({ grade: 'ST3', level: 5 }));
    expect(await screen.findByText('ST3 now covers duties up to level 5 – specialist.')).toBeInTheDocument();
    expect(screen.getByLabelText('Cover level for ST3')).toHaveValue('5');
    // The built-in level is still named once the trust has set another.
    expect(within(screen.getByLabelText('Cover level for ST3')).getByRole('option', { name: 'Built-in (4)' })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Cover level for Clinical Fellow'), 'builtin');
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'cover_level_set').at(-1)?.args).toEqual({ grade: 'Clinical Fellow', level: null }));
  });

  it('names the levels', () => {
    expect(coverLevelLabel(1)).toBe('1 – foundation year 1');
    expect(coverLevelLabel(6)).toBe('6 – consultant');
  });
});
