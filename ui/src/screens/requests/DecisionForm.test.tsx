import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DecisionInput } from '../../bindings/DecisionInput';
import type { DecisionKind } from '../../bindings/DecisionKind';
import type { RequestView } from '../../bindings/RequestView';
import { allowedDecisions } from '../../lib/approval';
import { HASH, shiftLines } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { requestView } from '../../test/requestFixtures';
import { DecisionForm, shiftLabel } from './DecisionForm';

function view(over: Partial<RequestView> = {}): RequestView {
  const base = requestView();
  return {
    ...base,
    id: 12,
    status: 'sent',
    content_hash: HASH,
    ...over,
    content: { ...base.content, reference: 'DR-12', version: 3, doctors: 2, shifts: shiftLines, ...over.content },
  };
}

function setup(kinds: DecisionKind[], handlers: Record<string, Handler> = {}, request = view()) {
  const calls = mockBackend(handlers);
  const decided: { view: RequestView; message: string }[] = [];
  const user = userEvent.setup();
  render(<DecisionForm request={request} kinds={kinds} onDecided={(v, message) => decided.push({ view: v, message })} />);
  const sent = () => calls.filter((c) => c.cmd === 'request_decide').map((c) => c.args.input as DecisionInput);
  return { calls, decided, sent, user };
}

const radios = () => within(screen.getByRole('group', { name: 'What happened?' })).getAllByRole('radio') as HTMLInputElement[];

describe('recording a decision', () => {
  it('offers the choices the status allows, each explained', () => {
    setup(allowedDecisions('not_decided'));
    expect(radios().map((r) => r.value)).toEqual(['granted', 'declined', 'withdrawn']);
    expect(screen.getByLabelText('Withdrawn')).toHaveAccessibleDescription('The trust withdrew the request, for example because cover was found.');
  });

  it('chooses the only step there is, and needs a reason to revoke', async () => {
    const { sent, decided, user } = setup(['revoked'], {
      request_decide: () => view({ status: 'revoked' }),
    });
    expect(screen.getByLabelText('Revoked')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Enter the reason the BMA gave' }));
    expect(screen.getByLabelText('Reason given')).toHaveFocus();
    expect(sent()).toHaveLength(0);

    await user.type(screen.getByLabelText('Reason given'), 'Information about elective lists surfaced');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(decided).toHaveLength(1));
    expect(sent()).toEqual([
      { request_id: 12, kind: 'revoked', at: '', reason: 'Information about elective lists surfaced', granted_doctors: null, granted_duty_ids: [] },
    ]);
    expect(decided[0].message).toBe('Recorded as revoked.');
  });

  it('asks what happened before anything else', async () => {
    const { sent, user } = setup(allowedDecisions('sent'));
    expect(screen.queryByLabelText('Reason given')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Choose what happened' }));
    expect(screen.getByLabelText('Granted')).toHaveFocus();
    expect(sent()).toHaveLength(0);
  });

  it('grants all the shifts asked by default, and a narrower grant sends the shifts still ticked', async () => {
    const { sent, decided, user } = setup(allowedDecisions('sent'), { request_decide: () => view({ status: 'granted' }) });
    await user.click(screen.getByLabelText('Granted'));
    const shifts = within(screen.getByRole('group', { name: 'Shifts granted' })).getAllByRole('checkbox');
    expect(shifts).toHaveLength(3);
    for (const s of shifts) expect(s).toBeChecked();
    expect(screen.getByLabelText('How many doctors were granted')).toHaveValue('2');
    expect(screen.getByLabelText(shiftLabel(shiftLines[0]))).toBe(shifts[0]);

    await user.click(screen.getByLabelText('Wednesday 03/01/2024, Night, 20:00–08:00'));
    await user.clear(screen.getByLabelText('How many doctors were granted'));
    await user.type(screen.getByLabelText('How many doctors were granted'), '1');
    await user.type(screen.getByLabelText('Conditions or notes from the BMA (optional)'), 'Nights only');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(decided).toHaveLength(1));
    expect(sent()).toEqual([{ request_id: 12, kind: 'granted', at: '', reason: 'Nights only', granted_doctors: 1, granted_duty_ids: [502, 503] }]);
    expect(decided[0].message).toBe('Recorded as granted for 1 doctor and 2 shifts of 3.');
  });

  it('refuses a grant of no shift or of more doctors than asked', async () => {
    const { sent, user } = setup(['granted'], {});
    for (const s of within(screen.getByRole('group', { name: 'Shifts granted' })).getAllByRole('checkbox')) await user.click(s);
    await user.clear(screen.getByLabelText('How many doctors were granted'));
    await user.type(screen.getByLabelText('How many doctors were granted'), '3');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'The grant cannot be for more doctors than asked (2)',
      'Tick at least one shift that was granted',
    ]);
    await user.click(within(summary).getByRole('link', { name: 'Tick at least one shift that was granted' }));
    expect(screen.getByLabelText('Wednesday 03/01/2024, Night, 20:00–08:00')).toHaveFocus();
    expect(sent()).toHaveLength(0);
  });

  it('records "not decided" without a reason, at the time typed', async () => {
    const { sent, decided, user } = setup(['not_decided', 'withdrawn'], { request_decide: () => view({ status: 'not_decided' }) });
    await user.click(screen.getByLabelText('Not decided by the deadline'));
    expect(screen.getByLabelText('Notes (optional)')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('When'), { target: { value: '2024-01-03T14:05' } });
    expect(screen.getByLabelText('When')).toHaveValue('2024-01-03T14:05');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(decided).toHaveLength(1));
    expect(sent()).toEqual([{ request_id: 12, kind: 'not_decided', at: '2024-01-03T14:05', reason: '', granted_doctors: null, granted_duty_ids: [] }]);
    expect(decided[0].message).toBe('Recorded as not decided by the deadline at 03/01/2024 14:05.');
  });

  it('shows the backend refusing a time on the time field', async () => {
    const { user } = setup(['withdrawn'], {
      request_decide: () => Promise.reject({ code: 'invalid', field: 'at', message: 'at: 03/01/2024 09:00 is before the request was sent (03/01/2024 12:00)' }),
    });
    expect(screen.getByRole('heading', { name: 'Withdraw the request' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Why the trust withdrew it'), 'Cover found: a locum accepted');
    await user.click(screen.getByRole('button', { name: 'Withdraw the request' }));
    const link = await screen.findByRole('link', { name: '03/01/2024 09:00 is before the request was sent (03/01/2024 12:00)' });
    expect(link).toHaveAttribute('href', '#decision-at');
    expect(screen.getByLabelText('When')).toHaveAttribute('aria-invalid', 'true');
  });
});
