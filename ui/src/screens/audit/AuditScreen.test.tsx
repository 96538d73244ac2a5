import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../bindings/AuditEntryView';
import type { AuditPage } from '../../bindings/AuditPage';
import type { AuditVerifyView } from '../../bindings/AuditVerifyView';
import type { UserView } from '../../bindings/UserView';
import type { WalkoutView } from '../../bindings/WalkoutView';
import { type Handler, mockBackend } from '../../test/backend';
import { AuditScreen } from './AuditScreen';

const HEAD = '3f'.repeat(32);
const DOC = 'ab'.repeat(32);

function entry(id: number, over: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id,
    at: '2025-03-14T14:02:00Z',
    when: '14/03/2025 14:02',
    username: 'jsmith',
    user_name: 'Jo Smith',
    action: 'attempt.add',
    entity: 'attempt',
    entity_id: String(id),
    summary: 'logged: agency Medics4U declined 3 shifts (walkout 2) (attempt 9)',
    sentence: 'Jo Smith logged: agency Medics4U declined 3 shifts (walkout 2) (attempt 9), 14/03/2025 14:02',
    document_sha256: null,
    detail: '{"asked":"Medics4U","outcome":"declined"}',
    ...over,
  };
}

const WALKOUT = {
  id: 2,
  title: 'March action',
  start_local: '14/03/2025 07:00',
  end_local: '19/03/2025 07:00',
} as WalkoutView;

const USERS = [
  { id: 1, username: 'jsmith', display_name: 'Jo Smith', is_me: true },
  { id: 2, username: 'mdirector', display_name: 'Dr Mira Patel', is_me: false },
] as UserView[];

function page(entries: AuditEntryView[], next: number | null = null): AuditPage {
  return { entries, next_before: next };
}

function intact(): AuditVerifyView {
  return { ok: true, rows_checked: 1234, legacy_rows: 0, head_id: 1234, head_hash: HEAD, first_break: null, anchor: null };
}

function setup(handlers: Record<string, Handler>) {
  const calls = mockBackend({
    walkout_list: () => [WALKOUT],
    users_list: () => USERS,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<AuditScreen />);
  return { calls, user };
}

const listCalls = (calls: { cmd: string; args: Record<string, unknown> }[]) => calls.filter((c) => c.cmd === 'audit_list');

describe('the audit screen', () => {
  it('lists entries in plain English, newest first, with the raw entry and document hash at hand', async () => {
    const { calls, user } = setup({
      audit_list: () =>
        page([
          entry(12, {
            action: 'request.export',
            summary: 'exported request 5 (version 2) as PDF, approved, SHA-256 abababababababab…',
            document_sha256: DOC,
            user_name: 'Dr Mira Patel',
          }),
          entry(11),
        ]),
    });
    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('14/03/2025 14:02');
    expect(rows[1]).toHaveTextContent('Dr Mira Patel');
    expect(rows[1]).toHaveTextContent('Exported request 5 (version 2) as PDF, approved');
    expect(rows[1]).toHaveTextContent(`Document SHA-256: ${DOC}`);
    expect(rows[2]).toHaveTextContent('Logged: agency Medics4U declined 3 shifts');
    await user.click(within(rows[2]).getByText('Entry 11 as recorded'));
    expect(rows[2]).toHaveTextContent('attempt.add');
    expect(rows[2]).toHaveTextContent('"outcome":"declined"');
    expect(screen.getByText('Showing the 2 most recent entries.')).toBeInTheDocument();
    expect(listCalls(calls)[0].args).toEqual({
      filter: { walkout_id: null, duty_id: null, request_id: null, user: null, from: null, to: null, limit: 100, before_id: null },
    });
  });

  it('sends every filter, and pages to older entries', async () => {
    let n = 0;
    const { calls, user } = setup({
      audit_list: () => {
        n += 1;
        return n === 2 ? page([entry(40), entry(39)], 39) : n === 3 ? page([entry(38)]) : page([entry(50)]);
      },
    });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Walkout'), 'March action (14/03/2025 07:00 to 19/03/2025 07:00)');
    await user.selectOptions(screen.getByLabelText('Who'), 'Dr Mira Patel (mdirector)');
    await user.type(screen.getByLabelText('Request number'), '5');
    await user.type(screen.getByLabelText(/Shift \(duty number\)/), '4512');
    await user.type(screen.getByLabelText(/^From/), '14/3/25');
    await user.type(screen.getByLabelText(/^To/), '18/03/2025');
    await user.click(screen.getByRole('button', { name: 'Show entries' }));
    await waitFor(() => expect(listCalls(calls)).toHaveLength(2));
    expect(listCalls(calls)[1].args).toEqual({
      filter: { walkout_id: 2, duty_id: 4512, request_id: 5, user: 'mdirector', from: '14/03/2025', to: '18/03/2025', limit: 100, before_id: null },
    });
    await user.click(await screen.findByRole('button', { name: 'Show 100 older entries' }));
    await waitFor(() => expect(listCalls(calls)).toHaveLength(3));
    expect((listCalls(calls)[2].args.filter as { before_id: number }).before_id).toBe(39);
    expect(await screen.findByText('Showing the 3 most recent entries.')).toBeInTheDocument();
    await waitFor(() => expect(document.getElementById('audit-row-38')).toHaveFocus());
    expect(screen.queryByRole('button', { name: /older entries/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(listCalls(calls)).toHaveLength(4));
    expect((listCalls(calls)[3].args.filter as { walkout_id: number | null }).walkout_id).toBeNull();
    expect(screen.getByLabelText('Request number')).toHaveValue('');
  });

  it('names the fields it cannot read and asks nothing of the backend', async () => {
    const { calls, user } = setup({ audit_list: () => page([]) });
    expect(await screen.findByText('No entries match.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Request number'), 'five');
    await user.type(screen.getByLabelText(/^From/), '31/02/2025');
    await user.click(screen.getByRole('button', { name: 'Show entries' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Enter the request’s number, like 12');
    await user.click(within(summary).getByRole('link', { name: 'Enter the first day as a real date, like 14/03/2025' }));
    expect(screen.getByLabelText(/^From/)).toHaveFocus();
    expect(listCalls(calls)).toHaveLength(1);
  });

  it('shows an intact trail in green with its head hash', async () => {
    const { calls, user } = setup({ audit_list: () => page([]), audit_verify: () => intact() });
    await user.click(screen.getByRole('button', { name: 'Check the audit trail' }));
    const result = await screen.findByRole('region', { name: /The audit trail is intact: 1,234 entries checked/ });
    expect(result).toHaveClass('sc-verdict--good');
    expect(within(result).getByText('Intact')).toHaveClass('nhsuk-tag--green');
    expect(result).toHaveTextContent(HEAD);
    expect(calls.find((c) => c.cmd === 'audit_verify')?.args).toEqual({ anchor: null });
    await waitFor(() => expect(result).toHaveFocus());
  });

  it('shows a broken trail in red, naming the first broken entry and what it means', async () => {
    const { user } = setup({
      audit_list: () => page([]),
      audit_verify: () => ({
        ...intact(),
        ok: false,
        rows_checked: 3,
        first_break: {
          row_id: 5,
          kind: 'rows_missing',
          explanation: 'Row 4 is missing: deleted outside the app. Row 5 was written after it and no longer links to row 3.',
        },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Check the audit trail' }));
    const result = await screen.findByRole('region', { name: /The audit trail is broken at entry 5: rows are missing/ });
    expect(result).toHaveClass('sc-verdict--bad');
    expect(within(result).getByText('Broken')).toHaveClass('nhsuk-tag--red');
    expect(result).toHaveTextContent('Row 4 is missing: deleted outside the app.');
    expect(result).toHaveTextContent('3 entries verified before the break.');
  });

  it('checks a hash printed on a document', async () => {
    const { calls, user } = setup({
      audit_list: () => page([]),
      audit_verify: () => ({
        ...intact(),
        ok: false,
        anchor: { hash: DOC, row_id: null, ok: false, explanation: 'This hash is not in the audit trail.' },
      }),
    });
    await user.type(screen.getByLabelText(/A hash printed on a document/), 'not a hash');
    await user.click(screen.getByRole('button', { name: 'Check the audit trail' }));
    expect(await screen.findByRole('link', { name: /Enter the hash as printed/ })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'audit_verify')).toBe(false);

    await user.clear(screen.getByLabelText(/A hash printed on a document/));
    await user.type(screen.getByLabelText(/A hash printed on a document/), DOC);
    await user.click(screen.getByRole('button', { name: 'Check the audit trail' }));
    const result = await screen.findByRole('region', { name: /the hash from the document is not confirmed/ });
    expect(calls.find((c) => c.cmd === 'audit_verify')?.args).toEqual({ anchor: DOC });
    expect(result).toHaveClass('sc-verdict--bad');
    expect(within(result).getByText('Not confirmed')).toHaveClass('nhsuk-tag--red');
    expect(result).toHaveTextContent('This hash is not in the audit trail.');
  });

  it('shows a backend failure in words', async () => {
    setup({ audit_list: () => Promise.reject({ code: 'db_corrupt', message: 'The database is damaged.' }) });
    expect(await screen.findByText(/The database is damaged\./)).toBeInTheDocument();
  });
});
