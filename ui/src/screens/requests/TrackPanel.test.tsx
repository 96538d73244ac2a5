import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecisionView } from '../../bindings/DecisionView';
import type { ExportResult } from '../../bindings/ExportResult';
import type { IssuedDocView } from '../../bindings/IssuedDocView';
import type { RequestView } from '../../bindings/RequestView';
import type { SendInput } from '../../bindings/SendInput';
import type { UserView } from '../../bindings/UserView';
import { HASH, approval, shiftLines, users, usersAsViewer } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { requestView } from '../../test/requestFixtures';
import { TrackPanel } from './TrackPanel';

const DEADLINE = Date.UTC(2024, 0, 3, 14, 0) / 1000;

function view(over: Partial<RequestView> = {}): RequestView {
  const base = requestView();
  return {
    ...base,
    id: 12,
    status: 'approved',
    content_hash: HASH,
    approval: approval(),
    decision: null,
    sent_at: null,
    sent_at_local: null,
    sent_to: '',
    recalls: [],
    documents: [],
    history: [],
    ...over,
    content: {
      ...base.content,
      reference: 'DR-12',
      version: 3,
      doctors: 2,
      shifts: shiftLines,
      decision_needed_by: { utc: DEADLINE, local: '03/01/2024 14:00' },
      ...over.content,
    },
  };
}

function decision(over: Partial<DecisionView> = {}): DecisionView {
  return {
    kind: 'granted',
    at: DEADLINE - 3600,
    at_local: '03/01/2024 13:00',
    reason: '',
    granted_doctors: 2,
    granted_duty_ids: [501, 502, 503],
    minutes_taken: 185,
    on_time: true,
    ...over,
  };
}

function setup(request: RequestView, handlers: Record<string, Handler> = {}, list: UserView[] = users) {
  const calls = mockBackend({ users_list: () => list, ...handlers });
  const changed: RequestView[] = [];
  function Holder() {
    const [r, setR] = useState(request);
    return (
      <TrackPanel
        request={r}
        onChanged={(next) => {
          changed.push(next);
          setR(next);
        }}
      />
    );
  }
  const user = userEvent.setup();
  render(<Holder />);
  return { calls, changed, user };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('documents', () => {
  it('saves the PDF where chosen, says where with its SHA-256, and lists it as issued', async () => {
    const path = 'C:\\Users\\jsmith\\Documents\\DR-12-v3.pdf';
    const result: ExportResult = { path, kind: 'pdf', sha256: 'ab'.repeat(32), bytes: 48213, text: null };
    const issued: IssuedDocView = { kind: 'pdf', version: 3, sha256: 'ab'.repeat(32), content_hash: HASH, at_local: '03/01/2024 11:02', by: 'jsmith', approved: true };
    const { calls, user } = setup(view(), {
      'plugin:dialog|save': () => path,
      request_export: () => result,
      request_get: () => view({ documents: [issued] }),
    });
    await user.click(await screen.findByRole('button', { name: 'Save PDF…' }));

    expect(await screen.findByText(path)).toBeInTheDocument();
    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|save');
    expect((dialog?.args.options as { defaultPath: string }).defaultPath).toBe('DR-12-v3.pdf');
    expect((dialog?.args.options as { filters: unknown }).filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(calls.find((c) => c.cmd === 'request_export')?.args).toEqual({ requestId: 12, kind: 'pdf', path });
    expect(document.getElementById('track-export-done')).toHaveTextContent(`SHA-256 of the file: ${'ab'.repeat(32)}`);
    expect(document.getElementById('track-export-done')).toHaveTextContent('(48,213 bytes)');
    const table = await screen.findByRole('table', { name: 'Documents issued for this request' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(`PDF303/01/2024 11:02jsmithYes${'ab'.repeat(32)}`);
    // Approved: no draft warning.
    expect(screen.queryByText(/DRAFT — not approved/)).toBeNull();
  });

  it('saves into a typed folder under the suggested name, without the dialog', async () => {
    const result: ExportResult = { path: '/srv/requests/DR-12-v3.json', kind: 'json', sha256: 'cd'.repeat(32), bytes: 900, text: null };
    const { calls, user } = setup(view(), {
      request_export: () => result,
      request_get: () => view(),
    });
    await user.type(await screen.findByLabelText('Save into a folder (optional)'), '/srv/requests/');
    await user.click(screen.getByRole('button', { name: 'Save JSON…' }));
    expect(await screen.findByText('/srv/requests/DR-12-v3.json')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'plugin:dialog|save')).toBe(false);
    expect(calls.find((c) => c.cmd === 'request_export')?.args).toEqual({ requestId: 12, kind: 'json', path: '/srv/requests/DR-12-v3.json' });
  });

  it('shows the email text to copy, and copies it', async () => {
    const text = 'Subject: Derogation request DR-12 (version 3)\n\nDear colleagues, …';
    const { calls, user } = setup(view({ status: 'draft', approval: null }), {
      'plugin:dialog|save': () => '/home/jsmith/DR-12-v3-email.txt',
      request_export: () => ({ path: '/home/jsmith/DR-12-v3-email.txt', kind: 'email', sha256: 'cd'.repeat(32), bytes: 812, text }),
      request_get: () => view({ status: 'draft', approval: null }),
    });
    expect(screen.getByText(/Version 3 is not approved: its documents are marked “DRAFT — not approved”/)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Email text…' }));
    const area = await screen.findByLabelText('Email text');
    expect(area).toHaveValue(text);
    expect(area).toHaveAttribute('readonly');
    expect((calls.find((c) => c.cmd === 'plugin:dialog|save')?.args.options as { defaultPath: string }).defaultPath).toBe('DR-12-v3-email.txt');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('The email text is on the clipboard.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(text);
  });

  it('does nothing when the save dialog is cancelled, and shows a failed export', async () => {
    let answer: string | null = null;
    const { calls, user } = setup(view(), {
      'plugin:dialog|save': () => answer,
      request_export: () => Promise.reject({ code: 'io', message: 'could not write C:\\locked\\DR-12-v3.json: access denied' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Save JSON…' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save JSON…' })).toBeEnabled());
    expect(calls.some((c) => c.cmd === 'request_export')).toBe(false);
    answer = 'C:\\locked\\DR-12-v3.json';
    await user.click(screen.getByRole('button', { name: 'Save JSON…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('could not write C:\\locked\\DR-12-v3.json: access denied');
  });
});

describe('sending', () => {
  it('records an approved request as sent, now unless changed, to whom', async () => {
    const sent = view({ status: 'sent', sent_at: DEADLINE - 7200, sent_at_local: '03/01/2024 12:00', sent_to: 'NHS England London region by email' });
    let input: SendInput | null = null;
    const { calls, changed, user } = setup(view(), {
      request_send: (args) => {
        input = args.input as SendInput;
        return sent;
      },
    });
    const to = await screen.findByLabelText('Sent to, and how');
    await user.click(screen.getByRole('button', { name: 'Record as sent' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Enter who the request was sent to, and how' }));
    expect(to).toHaveFocus();
    expect(calls.some((c) => c.cmd === 'request_send')).toBe(false);

    await user.type(to, 'NHS England London region by email');
    await user.click(screen.getByRole('button', { name: 'Record as sent' }));
    await waitFor(() => expect(changed).toHaveLength(1));
    expect(input).toEqual({ request_id: 12, at: '', to: 'NHS England London region by email' });
    expect(await screen.findByText('Recorded as sent at 03/01/2024 12:00 to NHS England London region by email.')).toBeInTheDocument();
    expect(document.getElementById('track-sent')).toHaveTextContent('03/01/2024 12:00, to NHS England London region by email');
    // Sent: no second "record as sent".
    expect(screen.queryByLabelText('Sent to, and how')).toBeNull();
  });

  it('sends a time typed in the field', async () => {
    const { calls, user } = setup(view(), { request_send: () => view({ status: 'sent' }) });
    fireEvent.change(await screen.findByLabelText('When it was sent'), { target: { value: '2024-01-03T11:45' } });
    await user.type(screen.getByLabelText('Sent to, and how'), 'Regional team');
    await user.click(screen.getByRole('button', { name: 'Record as sent' }));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'request_send')?.args.input).toEqual({ request_id: 12, at: '2024-01-03T11:45', to: 'Regional team' }));
  });

  it('offers sending only for an approved request; a draft can only be withdrawn', async () => {
    setup(view({ status: 'draft', approval: null }));
    await screen.findByRole('button', { name: 'Save PDF…' });
    expect(screen.queryByRole('heading', { name: 'Record as sent' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Withdraw the request' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'What happened?' })).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['withdrawn']);
    expect(screen.queryByRole('heading', { name: 'Doctors recalled' })).toBeNull();
  });
});

describe('deadline and decisions', () => {
  it('counts down to the deadline while waiting', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2024, 0, 3, 10, 55));
    setup(view({ status: 'sent', sent_at: DEADLINE - 7200, sent_at_local: '03/01/2024 12:00', sent_to: 'Regional team' }));
    expect(document.getElementById('track-deadline')).toHaveTextContent('03/01/2024 14:00 3 h 05 min left');
    await screen.findByRole('heading', { name: 'Record what happened' });
    // The deadline has not passed: "not decided" is not offered yet.
    const kinds = screen.getByRole('group', { name: 'What happened?' });
    expect(within(kinds).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['granted', 'declined', 'withdrawn']);
  });

  it('says the deadline has passed and then offers "not decided"', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2024, 0, 3, 14, 20));
    setup(view({ status: 'sent', sent_at: DEADLINE - 7200, sent_at_local: '03/01/2024 12:00', sent_to: 'Regional team' }));
    expect(document.getElementById('track-deadline')).toHaveTextContent('passed 20 min ago');
    const kinds = await screen.findByRole('group', { name: 'What happened?' });
    expect(within(kinds).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['granted', 'declined', 'withdrawn', 'not_decided']);
  });

  it('shows the decision, the time it took and whether it was on time', async () => {
    setup(view({ status: 'declined', sent_at: DEADLINE - 7200, sent_at_local: '03/01/2024 12:00', decision: decision({ kind: 'declined', reason: 'No evidence that incentives were offered', granted_doctors: null, granted_duty_ids: [] }) }));
    const d = document.getElementById('track-decision') as HTMLElement;
    expect(d).toHaveTextContent('Declined, 03/01/2024 13:00: No evidence that incentives were offered');
    expect(d).toHaveTextContent('3 h 05 min from sending to this decision, by the deadline.');
    // Declined is final: nothing more to record, and no countdown.
    await screen.findByRole('button', { name: 'Save PDF…' });
    expect(screen.queryByRole('heading', { name: 'Record what happened' })).toBeNull();
    expect(document.getElementById('track-deadline')).not.toHaveTextContent('left');
  });

  it('shows a narrower grant and offers only revoking it', async () => {
    setup(view({ status: 'granted', decision: decision({ granted_doctors: 1, granted_duty_ids: [502] }) }), { request_recall_choices: () => [] });
    expect(document.getElementById('track-granted')).toHaveTextContent('1 doctor of 2 asked, for 1 of 3 shifts asked:Thursday 04/01/2024, Night, 20:00–08:00');
    const kinds = await screen.findByRole('group', { name: 'What happened?' });
    expect(within(kinds).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['revoked']);
  });

  it('records a decision and shows it', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2024, 0, 3, 13, 0));
    const granted = view({ status: 'granted', decision: decision({ granted_doctors: 1, granted_duty_ids: [501, 503] }) });
    const { calls, user } = setup(view({ status: 'sent', sent_at: DEADLINE - 7200, sent_at_local: '03/01/2024 12:00' }), {
      request_decide: () => granted,
      request_recall_choices: () => [],
    });
    await user.click(await screen.findByLabelText('Granted'));
    await user.clear(screen.getByLabelText('How many doctors were granted'));
    await user.type(screen.getByLabelText('How many doctors were granted'), '1');
    await user.click(screen.getByLabelText('Thursday 04/01/2024, Night, 20:00–08:00'));
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    expect(await screen.findByText('Recorded as granted for 1 doctor and 2 shifts of 3.')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'request_decide')?.args.input).toMatchObject({ kind: 'granted', granted_doctors: 1, granted_duty_ids: [501, 503] });
    expect(screen.getByRole('heading', { name: 'Doctors recalled' })).toBeInTheDocument();
  });
});

describe('recalls', () => {
  it('lists the doctors recalled and saves their calendar', async () => {
    const granted = view({
      status: 'granted',
      decision: decision(),
      recalls: [
        { duty_id: 501, shift: 'Wed 03/01/2024 Night 20:00–08:00', staff_id: 70, doctor: 'Asha Patel', at_local: '03/01/2024 13:30', by: 'jsmith' },
        { duty_id: 502, shift: 'Thu 04/01/2024 Night 20:00–08:00', staff_id: 72, doctor: 'Chris Wood', at_local: '03/01/2024 13:31', by: 'jsmith' },
      ],
    });
    const { calls, user } = setup(granted, {
      request_recall_choices: () => [],
      'plugin:dialog|save': () => '/home/jsmith/DR-12-v3-recalls.ics',
      request_export: () => ({ path: '/home/jsmith/DR-12-v3-recalls.ics', kind: 'ics', sha256: 'ef'.repeat(32), bytes: 1022, text: null }),
      request_get: () => granted,
    });
    const table = screen.getByRole('table', { name: 'Recalled under the grant (2)' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Wed 03/01/2024 Night 20:00–08:00Asha Patel03/01/2024 13:30jsmith');
    await user.click(await screen.findByRole('button', { name: 'Save recall calendar (.ics)…' }));
    expect(await screen.findByText('/home/jsmith/DR-12-v3-recalls.ics')).toBeInTheDocument();
    expect((calls.find((c) => c.cmd === 'plugin:dialog|save')?.args.options as { defaultPath: string }).defaultPath).toBe('DR-12-v3-recalls.ics');
    expect(calls.find((c) => c.cmd === 'request_export')?.args).toEqual({ requestId: 12, kind: 'ics', path: '/home/jsmith/DR-12-v3-recalls.ics' });
  });
});

describe('a viewer', () => {
  it('follows the request but is offered nothing that changes it', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2024, 0, 3, 10, 0));
    setup(view({ status: 'sent', sent_at: DEADLINE - 7200, sent_at_local: '03/01/2024 12:00', sent_to: 'Regional team' }), {}, usersAsViewer);
    expect(await screen.findByText(/You are using a viewer profile \(Ann Lee\): you can follow the request here but not export, send or record anything\./)).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.getElementById('track-deadline')).toHaveTextContent('4 h 00 min left');
  });
});
