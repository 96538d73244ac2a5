import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../bindings/RequestInput';
import type { RequestView } from '../../bindings/RequestView';
import type { UserView } from '../../bindings/UserView';
import { approval, users, usersAsViewer } from '../../test/approvalFixtures';
import { type Call, type Handler, mockBackend } from '../../test/backend';
import { failingChecks, requestInput, requestView } from '../../test/requestFixtures';
import { RequestEditor } from './RequestEditor';

function setup(request: RequestView, handlers: Record<string, Handler> = {}, list: UserView[] = users) {
  const calls = mockBackend({ users_list: () => list, ...handlers });
  const changed: RequestView[] = [];
  function Holder() {
    const [r, setR] = useState(request);
    return (
      <RequestEditor
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

/** Types into a field quickly: focus it, then paste the text (as a user may). */
async function enter(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

const updates = (calls: Call[]) => calls.filter((c) => c.cmd === 'request_update').map((c) => c.args as { requestId: number; input: RequestInput });

/** The request as the backend answers a save: the next version, back in draft. */
const saved = (r: RequestView, input: RequestInput): RequestView => ({
  ...r,
  status: 'draft',
  approval: null,
  input,
  content: { ...r.content, version: r.content.version + 1, role: input.role },
});

describe('the request form', () => {
  it('shows the request as it stands, every field labelled', async () => {
    setup(requestView());
    expect(await screen.findByLabelText('Grade or role')).toHaveValue('ST3+ emergency medicine registrar');
    expect(screen.getByLabelText('Number of doctors')).toHaveValue('1');
    expect(screen.getByLabelText('What triggered the request')).toHaveValue(requestInput().trigger);
    expect(screen.getByLabelText('Clinical risk')).toHaveValue(requestInput().clinical_risk);
    const incident = screen.getByRole('group', { name: 'Has an internal or critical incident been declared?' });
    expect(within(incident).getByLabelText('No')).toBeChecked();
    const consultants = screen.getByRole('group', { name: /consultants agree the service is unsafe/ });
    expect(within(consultants).getByLabelText(/^Yes: they say the service is unsafe/)).toBeChecked();
    expect(screen.getByLabelText('Who gave this view, and when')).toHaveValue('Dr R Evans, clinical lead, 03/01/2024 08:30');
    const elective = screen.getByRole('group', { name: /elective work continue/ });
    expect(within(elective).getByLabelText('No, it has stopped')).toBeChecked();
    expect(screen.getByLabelText('This is an exceptional pre-emptive request')).not.toBeChecked();
    expect(screen.queryByLabelText('Why it cannot wait until the strike has started')).toBeNull();
    expect(screen.getByLabelText('Decision needed by')).toHaveValue('2024-01-03T14:00');
    expect(document.getElementById('req-deadline-shown')).toHaveTextContent('Decision needed by 03/01/2024 14:00');
    expect(screen.getByLabelText('Requesting clinician')).toHaveValue('Dr R Evans, Clinical Lead, Emergency Medicine');
    expect(screen.getByLabelText('Contact number')).toHaveValue('020 7946 0123');

    const shifts = screen.getByRole('table', { name: /Shifts asked for \(2 shifts\)/ });
    const rows = within(shifts).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Wed 03/01/2024NightNight20:00–08:0012.0 hST4');
    expect(within(rows[0]).getByRole('button', { name: 'Remove the shift Wed 03/01/2024 Night 20:00–08:00' })).toBeInTheDocument();
  });

  it('saves exactly what was changed as a new version, and says so', async () => {
    const r = requestView();
    const { calls, user } = setup(r, { request_update: (a) => saved(r, a.input as RequestInput) });
    const role = await screen.findByLabelText('Grade or role');
    await user.clear(role);
    await enter(user, role, 'ST4+ emergency medicine registrar');
    await user.clear(screen.getByLabelText('Number of doctors'));
    await user.type(screen.getByLabelText('Number of doctors'), '2');
    await user.click(within(screen.getByRole('group', { name: 'Has an internal or critical incident been declared?' })).getByLabelText('Yes'));
    await enter(user, screen.getByLabelText('Which incident, when it was declared, and its reference'), 'Critical incident declared 03/01/2024 06:00, ref CI-0412');
    await user.click(screen.getByLabelText('Not recorded yet'));
    expect(screen.queryByLabelText('Who gave this view, and when')).toBeNull();
    const elective = screen.getByRole('group', { name: /elective work continue/ });
    await user.click(within(elective).getByLabelText('Yes'));
    await enter(user, screen.getByLabelText('Why it continues'), 'Two-week-wait cancer lists');
    await user.click(screen.getByLabelText('This is an exceptional pre-emptive request'));
    await enter(user, screen.getByLabelText('Why it cannot wait until the strike has started'), 'Rota gap known now');
    fireEvent.change(screen.getByLabelText('Decision needed by'), { target: { value: '2024-01-03T16:30' } });
    expect(document.getElementById('req-deadline-shown')).toHaveTextContent('Decision needed by 03/01/2024 16:30');
    await user.click(screen.getByRole('button', { name: 'Remove the shift Thu 04/01/2024 Night 20:00–08:00' }));
    expect(screen.getByRole('table', { name: /1 shift; 1 to remove when you save/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Put back the shift Thu 04/01/2024 Night 20:00–08:00' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(updates(calls)).toHaveLength(1));
    expect(updates(calls)[0]).toEqual({
      requestId: 12,
      input: {
        ...requestInput(),
        duty_ids: [601],
        role: 'ST4+ emergency medicine registrar',
        doctors: 2,
        incident_declared: true,
        incident_detail: 'Critical incident declared 03/01/2024 06:00, ref CI-0412',
        consultants_view: 'not_recorded',
        consultants_who: '',
        elective_continuing: true,
        elective_reason: 'Two-week-wait cancer lists',
        pre_emptive_reason: 'Rota gap known now',
        decision_needed_by: '03/01/2024 16:30',
      },
    });
    expect(await screen.findByText('Saved as version 3.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'What is asked' })).toHaveFocus());
  });

  it('says when the attempt log has changed since the version was saved', async () => {
    setup(requestView({ log_changed: true }));
    expect(await screen.findByText(/The attempt log has changed since version \d+ was saved/)).toBeTruthy();
  });

  it('says nothing about the log when it has not changed', async () => {
    setup(requestView());
    await screen.findByLabelText('Grade or role');
    expect(screen.queryByText(/The attempt log has changed/)).toBeNull();
  });

  it('says when nothing changed, without saving', async () => {
    const { calls, user } = setup(requestView());
    await user.click(await screen.findByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Nothing has changed since version 2 was saved.')).toBeInTheDocument();
    expect(updates(calls)).toHaveLength(0);
  });

  it('warns before saving that a change voids the approval, and saves only when confirmed', async () => {
    const r = requestView({ status: 'approved', approval: approval({ version: 2 }) });
    const { calls, user } = setup(r, { request_update: (a) => saved(r, a.input as RequestInput) });
    expect(await screen.findByText(/Version 2 is approved\. Any change you save makes a new version that is no longer approved/)).toBeInTheDocument();
    await enter(user, screen.getByLabelText('Contact number'), ' ext 4410');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const warning = document.getElementById('request-void-warning') as HTMLElement;
    expect(within(warning).getByRole('heading', { name: /Saving voids the approval/ })).toHaveFocus();
    expect(warning).toHaveTextContent(
      'Version 2 was approved by Dr Mira Patel on 04/01/2024 09:12. Saving your changes makes version 3: the approval will no longer apply',
    );
    expect(updates(calls)).toHaveLength(0);
    await user.click(within(warning).getByRole('button', { name: 'Keep editing' }));
    expect(document.getElementById('request-void-warning')).toBeNull();
    expect(screen.getByRole('button', { name: 'Save changes' })).toHaveFocus();
    expect(updates(calls)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await user.click(screen.getByRole('button', { name: 'Save and void the approval' }));
    await waitFor(() => expect(updates(calls)).toHaveLength(1));
    expect(updates(calls)[0].input.contact_phone).toBe('020 7946 0123 ext 4410');
    expect(await screen.findByText('Saved as version 3. The approval of version 2 no longer applies: send the request for approval again.')).toBeInTheDocument();
  });

  it('warns that saving a request awaiting approval puts it back in draft', async () => {
    const r = requestView({ status: 'awaiting_approval' });
    const { calls, user } = setup(r, { request_update: (a) => saved(r, a.input as RequestInput) });
    await enter(user, await screen.findByLabelText('Clinical risk'), ' Paediatric majors too.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('heading', { name: /Saving returns the request to draft/ })).toHaveFocus();
    expect(updates(calls)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save and return it to draft' }));
    expect(await screen.findByText('Saved as version 3. It is back in draft: send it for approval again.')).toBeInTheDocument();
    // No "Send for approval" while it awaits approval; offered again once it is a draft.
    expect(screen.getByRole('button', { name: 'Send for approval' })).toBeEnabled();
  });

  it('finds problems before saving and links each to its field', async () => {
    const { calls, user } = setup(requestView());
    const doctors = await screen.findByLabelText('Number of doctors');
    await user.clear(doctors);
    await user.type(doctors, '0');
    await user.click(screen.getByLabelText('This is an exceptional pre-emptive request'));
    await user.click(screen.getByRole('button', { name: /^Remove the shift Wed/ }));
    await user.click(screen.getByRole('button', { name: /^Remove the shift Thu/ }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const summary = document.getElementById('request-form-errors') as HTMLElement;
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Enter the number of doctors as a whole number, 1 or more',
      'Enter why the request cannot wait until the strike has started',
      'Keep at least one shift. To drop the whole request, withdraw it on the “Send and track” tab',
    ]);
    expect(doctors).toHaveAttribute('aria-invalid', 'true');
    expect(doctors).toHaveAccessibleDescription('Error: Enter the number of doctors as a whole number, 1 or more');
    await user.click(links[1]);
    expect(screen.getByLabelText('Why it cannot wait until the strike has started')).toHaveFocus();
    expect(updates(calls)).toHaveLength(0);
  });

  it('puts a refusal from the backend on the field it names', async () => {
    const { user } = setup(requestView(), {
      request_update: () => Promise.reject({ code: 'invalid', field: 'contact_phone', message: "contact_phone: 'ward 7' is not a telephone number: use digits, spaces, + ( ) and -" }),
    });
    const phone = await screen.findByLabelText('Contact number');
    await user.clear(phone);
    await user.type(phone, 'ward 7');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const summary = await screen.findByRole('link', { name: "'ward 7' is not a telephone number: use digits, spaces, + ( ) and -" });
    await user.click(summary);
    expect(phone).toHaveFocus();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('sending for approval', () => {
  it('is not possible while a check fails, and says why', async () => {
    const { calls } = setup(requestView({ checks: failingChecks(), can_submit: false }));
    const send = await screen.findByRole('button', { name: 'Send for approval' });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription(
      'It cannot be sent for approval while 2 checks fail: Every field filled in; Consultants agree it is unsafe. Put them right first (see the readiness checks).',
    );
    expect(calls.some((c) => c.cmd === 'request_submit')).toBe(false);
  });

  it('waits for unsaved changes to be saved first', async () => {
    const { user } = setup(requestView());
    const send = await screen.findByRole('button', { name: 'Send for approval' });
    expect(send).toBeEnabled();
    await user.type(screen.getByLabelText('Clinical risk'), ' More.');
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription('Save your changes first: what goes for approval is the saved version.');
  });

  it('sends the version shown, and says what happens next', async () => {
    const r = requestView();
    const { calls, changed, user } = setup(r, { request_submit: () => ({ ...r, status: 'awaiting_approval', can_submit: false }) });
    await user.click(await screen.findByRole('button', { name: 'Send for approval' }));
    await waitFor(() => expect(changed).toHaveLength(1));
    expect(calls.find((c) => c.cmd === 'request_submit')?.args).toEqual({ requestId: 12, version: 2 });
    expect(await screen.findByText('Version 2 sent for approval. A medical director or deputy can approve it on the Approval tab.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send for approval' })).toBeNull();
    expect(screen.getByText('Version 2 is awaiting approval by a medical director or deputy (Approval tab).')).toBeInTheDocument();
  });

  it('shows the request as it stands when it changed since it was opened', async () => {
    const newer = requestView({ content: { version: 3, role: 'ST4+ registrar' }, input: requestInput({ role: 'ST4+ registrar' }) });
    const { calls, changed, user } = setup(requestView(), {
      request_submit: () =>
        Promise.reject({ code: 'invalid', field: 'content_hash', message: 'content_hash: the request changed since you opened it (it is now version 3); reload it and read it again' }),
      request_get: () => newer,
    });
    await user.click(await screen.findByRole('button', { name: 'Send for approval' }));
    expect(
      await screen.findByText('The request changed since you opened it: this is version 3 as it stands now. Read it again before sending it for approval.'),
    ).toBeInTheDocument();
    expect(changed).toEqual([newer]);
    expect(calls.find((c) => c.cmd === 'request_get')?.args).toEqual({ requestId: 12 });
    expect(screen.getByLabelText('Grade or role')).toHaveValue('ST4+ registrar');
  });

  it('shows the refusal when a check failed meanwhile', async () => {
    const { user } = setup(requestView(), {
      request_submit: () =>
        Promise.reject({ code: 'invalid', field: 'checks', message: 'checks: 1 check fails: Every shift still uncovered. Put them right before sending the request for approval' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Send for approval' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('1 check fails: Every shift still uncovered. Put them right before sending the request for approval');
    expect(summary).not.toHaveTextContent('checks:');
  });
});

describe('read only', () => {
  it('shows a viewer the values, with nothing to type into or press', async () => {
    setup(requestView(), {}, usersAsViewer);
    expect(await screen.findByText(/You are using a viewer \(read only\) profile \(Ann Lee\)/)).toBeInTheDocument();
    const values = document.getElementById('request-values') as HTMLElement;
    expect(values).toHaveTextContent('Grade or roleST3+ emergency medicine registrar');
    expect(values).toHaveTextContent('Decision needed by03/01/2024 14:00');
    expect(values).toHaveTextContent("Consultants' viewThe consultants agree the service is unsafe without these doctorsGiven by: Dr R Evans");
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getAllByTestId('request-shift')).toHaveLength(2);
  });

  it('shows a request past approval without inputs, whoever looks', async () => {
    setup(requestView({ status: 'sent', content: { elective_continuing: null, requesting_clinician: '' } }));
    expect(await screen.findByText(/This request is sent and can no longer be changed/)).toBeInTheDocument();
    const values = document.getElementById('request-values') as HTMLElement;
    expect(values).toHaveTextContent('Elective work continuing in the serviceNot answered');
    expect(values).toHaveTextContent('Requesting clinicianNot given');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
