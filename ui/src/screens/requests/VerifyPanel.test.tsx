import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../bindings/Verdict';
import { HASH, verifyResult } from '../../test/approvalFixtures';
import { type Handler, mockBackend } from '../../test/backend';
import { VerifyPanel } from './VerifyPanel';

function setup(handlers: Record<string, Handler>) {
  const calls = mockBackend(handlers);
  const user = userEvent.setup();
  render(<VerifyPanel />);
  return { calls, user };
}

describe('verify a document', () => {
  it('checks a chosen file and says prominently that it is the approved version', async () => {
    const path = 'C:\\Users\\mpatel\\Documents\\DR-12-v3.pdf';
    const { calls, user } = setup({
      'plugin:dialog|open': () => path,
      request_verify: () => verifyResult('approved'),
    });
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));

    const result = await screen.findByRole('region', { name: /This is the approved version/ });
    expect(calls.find((c) => c.cmd === 'request_verify')?.args).toEqual({ path });
    expect(screen.getByLabelText('Or type the file’s path')).toHaveValue(path);
    expect(result).toHaveClass('sc-verdict--good');
    expect(within(result).getByText('Can be relied on')).toHaveClass('nhsuk-tag--green');
    expect(result).toHaveTextContent('DR-12 version 3 as approved by Dr Mira Patel on 04/01/2024 09:12. It may be relied on.');
    expect(result).toHaveTextContent('ReferenceDR-12');
    expect(result).toHaveTextContent('Version3');
    expect(result).toHaveTextContent('a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(result).toHaveTextContent(HASH);
    await waitFor(() => expect(result).toHaveFocus());
  });

  it.each<[Verdict, string, string, string]>([
    ['approved_superseded', 'This version was approved, but the request has changed since', 'sc-verdict--warning', 'nhsuk-tag--orange'],
    ['not_approved', 'This version is not approved', 'sc-verdict--warning', 'nhsuk-tag--orange'],
    ['altered', 'This file was altered after it was exported', 'sc-verdict--bad', 'nhsuk-tag--red'],
    ['unknown', 'This file was not issued from this database', 'sc-verdict--bad', 'nhsuk-tag--red'],
  ])('shows the %s verdict in words and colour', async (verdict, title, box, tag) => {
    const { calls, user } = setup({ request_verify: () => verifyResult(verdict) });
    await user.type(screen.getByLabelText('Or type the file’s path'), '/home/mpatel/DR-12.json');
    await user.click(screen.getByRole('button', { name: 'Check this file' }));
    const result = await screen.findByRole('region', { name: new RegExp(title) });
    expect(calls.find((c) => c.cmd === 'request_verify')?.args).toEqual({ path: '/home/mpatel/DR-12.json' });
    expect(result).toHaveClass(box);
    expect(within(result).getByRole('heading', { level: 3 }).querySelector('.nhsuk-tag')).toHaveClass(tag);
    expect(result).toHaveTextContent(verifyResult(verdict).message);
    if (verdict === 'unknown') expect(result).toHaveTextContent('ReferenceNot found in the file');
  });

  it('asks for a path, and shows the backend refusing a file it cannot read', async () => {
    const { calls, user } = setup({
      request_verify: () => Promise.reject({ code: 'invalid', field: 'path', message: 'The file C:\\x.pdf cannot be read: it does not exist.' }),
    });
    await user.click(screen.getByRole('button', { name: 'Check this file' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Enter the path of a PDF or JSON file, or choose one' }));
    expect(screen.getByLabelText(/Or type the file’s path/)).toHaveFocus();
    expect(calls.some((c) => c.cmd === 'request_verify')).toBe(false);

    await user.type(screen.getByLabelText(/Or type the file’s path/), 'C:\\x.pdf');
    await user.click(screen.getByRole('button', { name: 'Check this file' }));
    expect(await screen.findByRole('link', { name: 'The file C:\\x.pdf cannot be read: it does not exist.' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /version/ })).toBeNull();
  });

  it('does nothing when the file dialog is cancelled', async () => {
    const { calls, user } = setup({ 'plugin:dialog|open': () => null });
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'plugin:dialog|open')).toBe(true));
    expect(calls.some((c) => c.cmd === 'request_verify')).toBe(false);
  });
});
