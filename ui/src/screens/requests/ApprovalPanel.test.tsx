import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApproveInput } from '../../bindings/ApproveInput';
import type { RequestView } from '../../bindings/RequestView';
import type { UserView } from '../../bindings/UserView';
import { HASH, OTHER_HASH, approval, users, usersAsViewer, usersWithoutPassphrase } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { requestView } from '../../test/requestFixtures';
import { ApprovalPanel } from './ApprovalPanel';

/** The shared fixture request, as version 3 of DR-12 with a known hash, and the changes a test needs. */
function view(over: Partial<RequestView> = {}): RequestView {
  const base = requestView();
  return {
    ...base,
    id: 12,
    status: 'awaiting_approval',
    content_hash: HASH,
    approval: null,
    history: [],
    ...over,
    content: { ...base.content, reference: 'DR-12', version: 3, ...over.content },
  };
}

/** The panel inside a holder that takes the changed request, as the request screen does. */
function setup(request: RequestView, handlers: Record<string, Handler> = {}, list: UserView[] = users) {
  const calls = mockBackend({ users_list: () => list, ...handlers });
  const changed: RequestView[] = [];
  function Holder() {
    const [r, setR] = useState(request);
    return (
      <ApprovalPanel
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

const approveCalls = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === 'request_approve').map((c) => c.args.input as ApproveInput);

describe('the medical director approves', () => {
  it('shows on one page what is asked, the shifts, and the exact version and hash to approve', async () => {
    const r = view();
    setup(r);
    const asked = screen.getByRole('heading', { name: 'What is asked (DR-12, version 3)' }).closest('section') as HTMLElement;
    const list = document.getElementById('approval-asked') as HTMLElement;
    expect(asked).toContainElement(list);
    for (const key of [
      'Trust',
      'Walkout',
      'Site',
      'Department or service',
      'Grade or role',
      'Number of doctors',
      'Duration',
      'Trigger',
      'Clinical risk',
      'Internal or critical incident declared',
      "Consultants' view",
      'Elective work continuing in the service',
      'Exceptional pre-emptive request',
      'Decision needed by',
      'Requesting clinician',
      'Contact number',
    ]) {
      expect(within(list).getByText(key)).toBeInTheDocument();
    }
    expect(list).toHaveTextContent(r.content.trust);
    expect(list).toHaveTextContent(r.content.department);
    expect(list).toHaveTextContent(r.content.clinical_risk);
    expect(list).toHaveTextContent(r.content.requesting_clinician);
    const shifts = within(asked).getByRole('table', { name: /Shifts asked for/ });
    expect(within(shifts).getAllByRole('row')).toHaveLength(r.content.shifts.length + 1);
    const first = r.content.shifts[0];
    expect(within(shifts).getAllByRole('row')[1]).toHaveTextContent(`${first.date}`);
    expect(within(shifts).getAllByRole('row')[1]).toHaveTextContent(`${first.start}${first.end}`);

    expect(screen.getByRole('heading', { name: 'Evidence that every other source of staff was tried' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Readiness checks' })).toBeInTheDocument();
    expect(await screen.findByText(/^You are approving version 3, content SHA-256/)).toHaveTextContent(
      `You are approving version 3, content SHA-256 ${HASH}`,
    );
  });

  it('approves exactly the version and hash shown, with the passphrase, then clears it', async () => {
    const approved = view({ status: 'approved', approval: approval() });
    const { calls, changed, user } = setup(view(), { request_approve: () => approved });
    // The only approver with a passphrase is chosen for them.
    const approver = await screen.findByLabelText('Medical director or deputy');
    expect(approver).toHaveValue('mpatel');
    // An approver without a passphrase cannot be chosen.
    expect(within(approver).getByRole('option', { name: /Dr Omar Khan/ })).toBeDisabled();
    const passphrase = screen.getByLabelText('Their passphrase');
    expect(passphrase).toHaveAttribute('type', 'password');
    expect(passphrase).toHaveAttribute('autocomplete', 'off');
    await user.type(passphrase, 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Approve this version' }));

    await waitFor(() => expect(changed).toHaveLength(1));
    expect(approveCalls(calls)).toEqual([
      { request_id: 12, version: 3, content_hash: HASH, approver: 'mpatel', passphrase: 'correct horse battery', approve: true, comment: '' },
    ]);
    expect(await screen.findByText('Dr Mira Patel approved version 3.')).toBeInTheDocument();
    // Past approval: the approval block, and no passphrase field left anywhere.
    const block = document.getElementById('approval-block') as HTMLElement;
    expect(block).toHaveTextContent('Approved byDr Mira Patel');
    expect(block).toHaveTextContent('RoleMedical director');
    expect(block).toHaveTextContent('When04/01/2024 09:12');
    expect(block).toHaveTextContent(HASH);
    expect(screen.queryByLabelText('Their passphrase')).toBeNull();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Approval' })).toHaveFocus());
  });

  it('puts a wrong passphrase on the passphrase field and clears it', async () => {
    const { calls, changed, user } = setup(view(), {
      request_approve: () => Promise.reject({ code: 'invalid', field: 'passphrase', message: "passphrase: that is not Dr Mira Patel's passphrase" }),
    });
    await user.type(await screen.findByLabelText('Their passphrase'), 'wrong passphrase');
    await user.click(screen.getByRole('button', { name: 'Approve this version' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: "That is not Dr Mira Patel's passphrase" });
    expect(link).toHaveAttribute('href', '#approval-passphrase');
    const field = screen.getByLabelText('Their passphrase');
    expect(field).toHaveValue('');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/That is not Dr Mira Patel's passphrase/);
    await user.click(link);
    expect(field).toHaveFocus();
    expect(approveCalls(calls)).toHaveLength(1);
    expect(changed).toHaveLength(0);
  });

  it('needs a passphrase before anything is sent', async () => {
    const { calls, user } = setup(view());
    await user.click(await screen.findByRole('button', { name: 'Approve this version' }));
    expect(await screen.findByRole('link', { name: 'Enter the passphrase of the medical director or deputy chosen' })).toBeInTheDocument();
    expect(approveCalls(calls)).toHaveLength(0);
  });

  it('returns the request only with a comment', async () => {
    const returned = view({ status: 'draft' });
    const { calls, changed, user } = setup(view(), { request_approve: () => returned });
    await user.type(await screen.findByLabelText('Their passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Return to the coordinator' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Enter a comment for the coordinator: what needs to change' }));
    expect(screen.getByLabelText('Comment for the coordinator')).toHaveFocus();
    expect(approveCalls(calls)).toHaveLength(0);
    // Refused before sending: the passphrase typed is kept for the second try.
    expect(screen.getByLabelText('Their passphrase')).toHaveValue('correct horse battery');

    await user.type(screen.getByLabelText('Comment for the coordinator'), '  Add who among the consultants said it is unsafe.  ');
    await user.click(screen.getByRole('button', { name: 'Return to the coordinator' }));
    await waitFor(() => expect(changed).toHaveLength(1));
    expect(approveCalls(calls)).toEqual([
      {
        request_id: 12,
        version: 3,
        content_hash: HASH,
        approver: 'mpatel',
        passphrase: 'correct horse battery',
        approve: false,
        comment: 'Add who among the consultants said it is unsafe.',
      },
    ]);
    expect(await screen.findByText('Dr Mira Patel returned the request to the coordinator with a comment. It is a draft again.')).toBeInTheDocument();
    expect(screen.getByText(/The coordinator must send it for approval first/)).toBeInTheDocument();
  });

  it('says when the request changed since it was opened, and reloads it', async () => {
    const newer = view({ content_hash: OTHER_HASH, content: { ...requestView().content, reference: 'DR-12', version: 4 } });
    const { calls, changed, user } = setup(view(), {
      request_approve: () =>
        Promise.reject({
          code: 'invalid',
          field: 'content_hash',
          message: 'content_hash: the request changed since you opened it (it is now version 4); reload it and read it again',
        }),
      request_get: () => newer,
    });
    await user.type(await screen.findByLabelText('Their passphrase'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Approve this version' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The request has changed since you opened it');
    expect(summary).toHaveTextContent('The request changed since you opened it (it is now version 4)');
    expect(screen.getByLabelText('Their passphrase')).toHaveValue('');
    await user.click(within(summary).getByRole('button', { name: 'Reload the request' }));
    await waitFor(() => expect(changed).toEqual([newer]));
    expect(calls.find((c) => c.cmd === 'request_get')?.args).toEqual({ requestId: 12 });
    expect(await screen.findByText(/^You are approving version 4, content SHA-256/)).toHaveTextContent(`You are approving version 4, content SHA-256 ${OTHER_HASH}`);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains how to set up a passphrase when no approver has one', async () => {
    setup(view(), {}, usersWithoutPassphrase);
    expect(await screen.findByText('No approver has a passphrase yet')).toBeInTheDocument();
    expect(screen.getByText(/In Settings → People and roles, choose “Set passphrase…” next to Dr Mira Patel or Dr Omar Khan/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve this version' })).toBeNull();
  });

  it('explains that a viewer cannot approve, and offers nothing to press', async () => {
    setup(view(), {}, usersAsViewer);
    expect(await screen.findByText(/You are using a viewer profile \(Ann Lee\), which can read requests but not approve or return them/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve this version' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Return to the coordinator' })).toBeNull();
  });
});

describe('the approval when the request is not awaiting it', () => {
  const ev = (kind: string, version: number, text: string, comment = '', at = 1_704_300_000) => ({
    at,
    at_local: '03/01/2024 17:00',
    by: 'mpatel',
    kind,
    text,
    version,
    comment,
  });

  it('asks the coordinator to send a draft for approval, with the last return and earlier approvals', () => {
    setup(
      view({
        status: 'draft',
        history: [
          ev('approved', 2, 'Dr Mira Patel approved version 2', '', 1_704_200_000),
          ev('returned', 3, 'Dr Mira Patel returned version 3', 'Say which electives continue.', 1_704_300_000),
        ],
      }),
    );
    expect(screen.getByText('This version has not been approved.')).toBeInTheDocument();
    expect(screen.getByText(/The coordinator must send it for approval first\./)).toBeInTheDocument();
    expect(document.getElementById('approval-returned')).toHaveTextContent('Dr Mira Patel returned version 3 on 03/01/2024 17:00:Say which electives continue.');
    const earlier = screen.getByRole('heading', { name: 'Earlier approvals' }).closest('section') as HTMLElement;
    expect(earlier).toHaveTextContent('Dr Mira Patel approved version 2');
    expect(screen.queryByLabelText('Their passphrase')).toBeNull();
  });

  it('shows who approved, in what role, when and the hash', () => {
    setup(view({ status: 'sent', approval: approval({ approver: 'Dr Omar Khan', role: 'deputy_medical_director' }) }));
    const block = document.getElementById('approval-block') as HTMLElement;
    expect(block).toHaveTextContent('Version 3 was approved by Dr Omar Khan.');
    expect(block).toHaveTextContent('RoleDeputy medical director');
    expect(block).toHaveTextContent(`Content SHA-256${HASH}`);
    expect(block).toHaveTextContent('Contact020 7946 0001, mira.patel@nhs.net');
    expect(document.getElementById('approval-status')).toHaveTextContent('Status: Sent, version 3.');
  });

  it('says a version past approval without one has not been approved', () => {
    setup(view({ status: 'withdrawn', history: [ev('approved', 1, 'Dr Mira Patel approved version 1')] }));
    expect(screen.getByText('This version has not been approved.')).toBeInTheDocument();
    expect(screen.queryByText(/The coordinator must send it for approval first/)).toBeNull();
    expect(screen.getByText('Dr Mira Patel approved version 1 (03/01/2024 17:00)')).toBeInTheDocument();
  });
});
