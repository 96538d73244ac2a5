import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RecallInput } from '../../bindings/RecallInput';
import type { RequestView } from '../../bindings/RequestView';
import { HASH, recallChoices, shiftLines } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { requestView } from '../../test/requestFixtures';
import { RecallForm, recallDoctorLabel, rosteredFirst } from './RecallForm';

function granted(over: Partial<RequestView> = {}): RequestView {
  const base = requestView();
  return {
    ...base,
    id: 12,
    status: 'granted',
    content_hash: HASH,
    decision: {
      kind: 'granted',
      at: 1_704_286_800,
      at_local: '03/01/2024 13:00',
      reason: '',
      granted_doctors: 2,
      granted_duty_ids: [501, 502],
      minutes_taken: 60,
      on_time: true,
    },
    recalls: [],
    ...over,
    content: { ...base.content, reference: 'DR-12', version: 3, doctors: 2, shifts: shiftLines },
  };
}

function setup(request: RequestView, handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({ request_recall_choices: () => recallChoices, ...handlers });
  const recalled: { view: RequestView; message: string }[] = [];
  const user = userEvent.setup();
  render(<RecallForm request={request} onRecalled={(v, message) => recalled.push({ view: v, message })} />);
  const sent = () => calls.filter((c) => c.cmd === 'request_recall').map((c) => c.args.input as RecallInput);
  return { calls, recalled, sent, user };
}

describe('recalling doctors under a grant', () => {
  it('lists for each granted shift the rostered doctor first, and sends the doctors chosen', async () => {
    const { calls, recalled, sent, user } = setup(granted(), { request_recall: () => granted() });
    const first = await screen.findByLabelText('Doctor recalled for Wed 03/01/2024 Night 20:00–08:00');
    expect(calls.find((c) => c.cmd === 'request_recall_choices')?.args).toEqual({ requestId: 12 });
    expect(within(first).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Nobody yet',
      'Asha Patel (7000070, ST3), rostered on this shift',
      'Ben Ross (7000071, ST4)',
    ]);
    expect(first).toHaveValue('');
    const second = screen.getByLabelText('Doctor recalled for Thu 04/01/2024 Night 20:00–08:00');
    expect(screen.getByText(/The grant is for 2 doctors\./)).toBeInTheDocument();

    await user.selectOptions(first, '70');
    await user.selectOptions(second, '71');
    await user.click(screen.getByRole('button', { name: 'Record recalls' }));
    await waitFor(() => expect(recalled).toHaveLength(1));
    expect(sent()).toEqual([
      {
        request_id: 12,
        recalls: [
          { duty_id: 501, staff_id: 70 },
          { duty_id: 502, staff_id: 71 },
        ],
      },
    ]);
    expect(recalled[0].message).toBe('Recorded 2 recalls. Those shifts are now covered by derogation.');
  });

  it('sends only the shifts with a doctor chosen, and needs at least one', async () => {
    const { sent, user } = setup(granted(), { request_recall: () => granted() });
    await user.click(await screen.findByRole('button', { name: 'Record recalls' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Choose the doctor recalled for at least one shift' }));
    expect(screen.getByLabelText('Doctor recalled for Wed 03/01/2024 Night 20:00–08:00')).toHaveFocus();
    expect(sent()).toHaveLength(0);

    await user.selectOptions(screen.getByLabelText('Doctor recalled for Thu 04/01/2024 Night 20:00–08:00'), '72');
    await user.click(screen.getByRole('button', { name: 'Record recalls' }));
    await waitFor(() => expect(sent()).toEqual([{ request_id: 12, recalls: [{ duty_id: 502, staff_id: 72 }] }]));
  });

  it('leaves out shifts already recalled, and says when every shift has its doctor', async () => {
    const one = { duty_id: 501, shift: 'Wed 03/01/2024 Night 20:00–08:00', staff_id: 70, doctor: 'Asha Patel', at_local: '03/01/2024 13:30', by: 'jsmith' };
    setup(granted({ recalls: [one] }));
    await screen.findByLabelText('Doctor recalled for Thu 04/01/2024 Night 20:00–08:00');
    expect(screen.queryByLabelText('Doctor recalled for Wed 03/01/2024 Night 20:00–08:00')).toBeNull();
  });

  it('has nothing to ask once every granted shift has a recalled doctor', async () => {
    const lines = recallChoices.map((c, i) => ({ duty_id: c.duty_id, shift: c.shift, staff_id: 70 + i, doctor: 'x', at_local: '', by: '' }));
    setup(granted({ recalls: lines }));
    expect(await screen.findByText('Every granted shift has a recalled doctor.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record recalls' })).toBeNull();
  });

  it('shows the backend refusing the recalls on the first choice', async () => {
    const { user } = setup(granted(), {
      request_recall: () => Promise.reject({ code: 'invalid', field: 'recalls', message: 'recalls: duty 501 is listed twice; recall one doctor per shift' }),
    });
    await user.selectOptions(await screen.findByLabelText('Doctor recalled for Wed 03/01/2024 Night 20:00–08:00'), '71');
    await user.click(screen.getByRole('button', { name: 'Record recalls' }));
    expect(await screen.findByRole('link', { name: 'Duty 501 is listed twice; recall one doctor per shift' })).toHaveAttribute('href', '#recall-doctor-501');
  });

  it('orders and names the doctors', () => {
    expect(rosteredFirst(recallChoices[0].doctors).map((d) => d.staff_id)).toEqual([70, 71]);
    expect(recallDoctorLabel(recallChoices[1].doctors[1])).toBe('Ben Ross (7000071, ST4)');
  });
});
