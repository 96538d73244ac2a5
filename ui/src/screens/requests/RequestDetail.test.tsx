import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RequestInput } from '../../bindings/RequestInput';
import type { RequestView } from '../../bindings/RequestView';
import { users } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { DEADLINE_UTC, REQUEST_HASH, failingChecks, requestView } from '../../test/requestFixtures';
import { RequestDetail } from './RequestDetail';

function setup(request: RequestView, handlers: Record<string, Handler> = {}, level: 1 | 2 = 1) {
  const calls = mockBackend({ request_get: () => request, users_list: () => users, ...handlers });
  const user = userEvent.setup();
  render(<RequestDetail requestId={request.id} level={level} notice={null} />);
  return { calls, user };
}

describe('a request', () => {
  it('opens with its reference, status, version, content hash and deadline, and focus on its title', async () => {
    const { calls } = setup(requestView());
    const heading = await screen.findByRole('heading', { level: 1, name: 'DR-12: Emergency Department, Northgate General' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(calls.find((c) => c.cmd === 'request_get')?.args).toEqual({ requestId: 12 });
    const facts = document.getElementById('request-facts') as HTMLElement;
    expect(within(facts).getByText('Draft')).toHaveClass('nhsuk-tag');
    expect(document.getElementById('request-version')).toHaveTextContent('2');
    const hash = document.getElementById('request-hash') as HTMLElement;
    expect(hash).toHaveAttribute('title', REQUEST_HASH);
    expect(within(hash).getByText(`${REQUEST_HASH.slice(0, 12)}…`)).toHaveAttribute('aria-hidden', 'true');
    // A screen reader hears the whole hash.
    expect(within(hash).getByText(REQUEST_HASH)).toHaveClass('nhsuk-u-visually-hidden');
    expect(screen.getByText(/^ST3\+ emergency medicine registrar: 1 doctor for 2 shifts\./)).toBeInTheDocument();
  });

  it('counts down to the deadline, moving every 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date((DEADLINE_UTC - (2 * 60 + 14) * 60) * 1000));
    setup(requestView());
    await screen.findByRole('heading', { level: 1 });
    // The heading may show before the request has loaded: wait for the deadline itself.
    await waitFor(() => expect(document.getElementById('request-deadline')).not.toBeNull());
    const deadline = document.getElementById('request-deadline') as HTMLElement;
    expect(deadline).toHaveTextContent('03/01/2024 14:00 (2 h 14 min left)');
    act(() => {
      vi.advanceTimersByTime(30 * 60_000);
    });
    expect(deadline).toHaveTextContent('03/01/2024 14:00 (1 h 44 min left)');
    act(() => {
      vi.advanceTimersByTime(2 * 60 * 60_000);
    });
    expect(deadline).toHaveTextContent('03/01/2024 14:00 (overdue by 16 min)');
  });

  it('gives the time a decision took once decided', async () => {
    setup(
      requestView({
        status: 'granted',
        decision: {
          kind: 'granted',
          at: DEADLINE_UTC - 3600,
          at_local: '03/01/2024 13:00',
          reason: '',
          granted_doctors: 1,
          granted_duty_ids: [601],
          minutes_taken: 95,
          on_time: true,
        },
      }),
    );
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(document.getElementById('request-deadline')).not.toBeNull());
    expect(document.getElementById('request-deadline')).toHaveTextContent(
      '03/01/2024 14:00Decided on 03/01/2024 13:00, 1 h 35 min after it was sent, by the deadline.',
    );
  });

  it('shows the request, its checks and its evidence on the first tab, and the other sections on theirs', async () => {
    const { user } = setup(requestView({ checks: failingChecks(), can_submit: false }));
    const requestTab = await screen.findByRole('tab', { name: /^Request/ });
    expect(requestTab).toHaveTextContent('Request (2 checks fail)');
    expect(requestTab).toHaveAttribute('aria-selected', 'true');
    const panel = screen.getByRole('tabpanel', { name: /Request/ });
    expect(within(panel).getByRole('heading', { name: 'Readiness checks' })).toBeInTheDocument();
    expect(within(panel).getByText(/^2 checks fail, 1 warning/)).toBeInTheDocument();
    expect(within(panel).getByRole('heading', { name: 'What is asked' })).toBeInTheDocument();
    expect(await within(panel).findByLabelText('Grade or role')).toBeInTheDocument();
    expect(within(panel).getByRole('heading', { name: 'Alternatives exhausted' })).toBeInTheDocument();
    expect(within(panel).getAllByTestId('evidence-rung')).toHaveLength(9);

    // Arrow keys move between the tabs, as in the rest of the window.
    requestTab.focus();
    await user.keyboard('{ArrowRight}');
    const approvalTab = screen.getByRole('tab', { name: 'Approval' });
    expect(approvalTab).toHaveFocus();
    expect(approvalTab).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { level: 2, name: 'Approval' })).toBeInTheDocument();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: /^History/ })).toHaveFocus();
    expect(screen.getByRole('tab', { name: /^History/ })).toHaveTextContent('History (2)');
    await user.click(screen.getByRole('tab', { name: 'Send and track' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Sending and tracking' })).toBeInTheDocument();
  });

  it('lists the history newest first, with who, when and any comment', async () => {
    const r = requestView();
    const returned = { at: r.history[1].at + 600, at_local: '03/01/2024 09:50', by: 'mpatel', kind: 'returned', text: 'Dr Mira Patel returned version 2', version: 2, comment: 'Name the consultant who said it is unsafe.' };
    const { user } = setup({ ...r, history: [...r.history, returned] });
    const tab = await screen.findByRole('tab', { name: /^History/ });
    expect(tab).toHaveTextContent('History (3)');
    await user.click(tab);
    const events = screen.getAllByTestId('history-event');
    expect(events.map((e) => e.textContent)).toEqual([
      '03/01/2024 09:50Dr Mira Patel returned version 2By mpatel, version 2“Name the consultant who said it is unsafe.”',
      '03/01/2024 09:40jsmith saved version 2By jsmith, version 2',
      '03/01/2024 09:05jsmith built version 1 from 2 gapsBy jsmith, version 1',
    ]);
  });

  it('takes a change from a section: a save shows the new version in the header', async () => {
    const r = requestView();
    const { user } = setup(r, {
      request_update: (a) => ({ ...r, input: a.input as RequestInput, content: { ...r.content, version: 3, contact_phone: (a.input as RequestInput).contact_phone } }),
    });
    const phone = await screen.findByLabelText('Contact number');
    await user.click(phone);
    await user.paste(' ext 2');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved as version 3.')).toBeInTheDocument();
    expect(document.getElementById('request-version')).toHaveTextContent('3');
  });

  it('explains a request that cannot be loaded, and tries again', async () => {
    let fail = true;
    const { user } = setup(requestView(), {
      request_get: () => (fail ? Promise.reject({ code: 'not_found', message: 'request 12 not found' }) : requestView()),
    }, 2);
    expect(await screen.findByRole('alert')).toHaveTextContent('request 12 not found');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'DR-12: Emergency Department, Northgate General' })).toBeInTheDocument();
  });
});
