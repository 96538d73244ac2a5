import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PassphraseInput } from '../bindings/PassphraseInput';
import type { UserInput } from '../bindings/UserInput';
import type { UserView } from '../bindings/UserView';
import { users, usersAsViewer, usersWithoutPassphrase } from '../test/approvalFixtures';
import { type Handler, mockBackend } from '../test/backend';
import { PeopleSettings, mergeUser } from './PeopleSettings';

function setup(list: UserView[], handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({ users_list: () => list, ...handlers });
  const user = userEvent.setup();
  render(<PeopleSettings />);
  return { calls, user };
}

const rows = () => screen.getAllByTestId('people-row');

describe('people and roles', () => {
  it('lists every profile with its role, passphrase and who is running the app, and says what roles do', async () => {
    setup(users);
    await screen.findByRole('table', { name: 'Profiles and their roles' });
    expect(rows()).toHaveLength(4);
    expect(rows()[0]).toHaveTextContent('Jo SmithYoujsmithRota coordinatorNot setjo.smith@nhs.net');
    expect(rows()[1]).toHaveTextContent('Dr Mira PatelmpatelMedical directorSet');
    expect(rows()[2]).toHaveTextContent('Deputy medical directorNot set');
    expect(rows()[3]).toHaveTextContent('Viewer (read only)');
    expect(screen.getByText(/A rota coordinator builds requests and sends them; a medical director or deputy approves them/)).toBeInTheDocument();
  });

  it('adds a coordinator without asking for an authoriser', async () => {
    let sent: UserInput | null = null;
    const { user } = setup(users, {
      user_save: (args) => {
        sent = args.input as UserInput;
        return { id: 9, username: sent.username, display_name: sent.display_name, role: sent.role, email: sent.email, phone: sent.phone, has_passphrase: false, is_me: false };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Add a profile' }));
    expect(screen.getByLabelText('Username')).toHaveFocus();
    await user.type(screen.getByLabelText('Username'), 'rgreen');
    await user.type(screen.getByLabelText('Name to show'), 'Rita Green');
    await user.type(screen.getByLabelText('Phone (optional)'), '07700 900123');
    expect(screen.queryByLabelText('Authorising medical director')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    expect(await screen.findByText('Added Rita Green as rota coordinator.')).toBeInTheDocument();
    expect(sent).toEqual({
      username: 'rgreen',
      display_name: 'Rita Green',
      role: 'coordinator',
      email: '',
      phone: '07700 900123',
      authoriser: '',
      authoriser_passphrase: '',
    });
    expect(rows()).toHaveLength(5);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Rita Green' })).toHaveFocus());
  });

  it('asks for an authorising medical director when the deputy role is given, and sends their passphrase', async () => {
    let sent: UserInput | null = null;
    const { calls, user } = setup(users, {
      user_save: (args) => {
        sent = args.input as UserInput;
        if (sent.authoriser_passphrase !== 'the right one here') {
          return Promise.reject({ code: 'invalid', field: 'passphrase', message: "passphrase: that is not Dr Mira Patel's passphrase" });
        }
        return { ...users[3], role: sent.role };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Edit Ann Lee' }));
    expect(screen.getByLabelText('Name to show')).toHaveFocus();
    expect(screen.queryByLabelText('Authorising medical director')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Role'), 'deputy_medical_director');

    const group = screen.getByRole('group', { name: 'A medical director must authorise this' });
    const authoriser = within(group).getByLabelText('Authorising medical director');
    // Only an approver with a passphrase can authorise.
    expect(within(authoriser).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a profile', 'Dr Mira Patel (Medical director)']);

    // Both authoriser fields are needed before anything is sent.
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Choose the medical director who authorises this change',
      'Enter the authorising medical director’s passphrase',
    ]);
    expect(calls.some((c) => c.cmd === 'user_save')).toBe(false);

    await user.selectOptions(authoriser, 'mpatel');
    await user.type(within(group).getByLabelText('Their passphrase'), 'a wrong one here');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    const wrong = await screen.findByRole('link', { name: "That is not Dr Mira Patel's passphrase" });
    expect(wrong).toHaveAttribute('href', '#people-authoriser-passphrase');
    expect(within(group).getByLabelText('Their passphrase')).toHaveValue('');
    expect(sent).toMatchObject({ username: 'alee', role: 'deputy_medical_director', authoriser: 'mpatel', authoriser_passphrase: 'a wrong one here' });

    await user.type(within(group).getByLabelText('Their passphrase'), 'the right one here');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText("Saved Ann Lee's profile.")).toBeInTheDocument();
    expect(rows()[3]).toHaveTextContent('Deputy medical director');
  });

  it('does not ask for an authoriser while no medical director has a passphrase', async () => {
    const { user } = setup(usersWithoutPassphrase);
    await user.click(await screen.findByRole('button', { name: 'Add a profile' }));
    await user.selectOptions(screen.getByLabelText('Role'), 'medical_director');
    expect(screen.queryByLabelText('Authorising medical director')).toBeNull();
  });

  it('shows the authoriser fields when the backend asks for them', async () => {
    const { user } = setup(usersWithoutPassphrase, {
      user_save: () =>
        Promise.reject({
          code: 'invalid',
          field: 'authoriser',
          message: "authoriser: giving or taking the medical director's role needs a medical director or deputy to authorise it with their passphrase",
        }),
    });
    await user.click(await screen.findByRole('button', { name: 'Edit Jo Smith' }));
    await user.selectOptions(screen.getByLabelText('Role'), 'medical_director');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByRole('link', { name: /^Giving or taking the medical director's role needs/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Authorising medical director')).toBeInTheDocument();
  });

  it('refuses a short or mismatched passphrase before sending it, then sets it and clears the fields', async () => {
    let sent: PassphraseInput | null = null;
    const { calls, user } = setup(users, {
      user_passphrase_set: (args) => {
        sent = args.input as PassphraseInput;
        return { ...users[2], has_passphrase: true };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Set passphrase… for Dr Omar Khan' }));
    expect(screen.getByRole('heading', { name: 'Set the passphrase of Dr Omar Khan' })).toBeInTheDocument();
    // No passphrase yet: no "current" field.
    expect(screen.queryByLabelText('Current passphrase')).toBeNull();
    expect(screen.getByLabelText('New passphrase')).toHaveFocus();
    expect(screen.getByLabelText('New passphrase')).toHaveAttribute('type', 'password');

    await user.type(screen.getByLabelText('New passphrase'), 'too short');
    await user.type(screen.getByLabelText('New passphrase again'), 'too short');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'The new passphrase must be at least 10 characters long' }));
    expect(screen.getByLabelText('New passphrase')).toHaveFocus();

    await user.clear(screen.getByLabelText('New passphrase'));
    await user.type(screen.getByLabelText('New passphrase'), 'blue kettle morning');
    await user.type(screen.getByLabelText('New passphrase again'), 'blue kettle mourning');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByRole('link', { name: 'The two new passphrases do not match' })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'user_passphrase_set')).toBe(false);

    await user.type(screen.getByLabelText('New passphrase again'), 'blue kettle morning');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByText('The passphrase of Dr Omar Khan is set.')).toBeInTheDocument();
    expect(sent).toEqual({ username: 'okhan', current: '', new: 'blue kettle morning' });
    expect(rows()[2]).toHaveTextContent('Deputy medical directorSet');
    expect(screen.queryByLabelText('New passphrase')).toBeNull();
  });

  it('needs the current passphrase to change one, and shows the backend refusing it on that field', async () => {
    const { user } = setup(users, {
      user_passphrase_set: () => Promise.reject({ code: 'invalid', field: 'current', message: "current: that is not Dr Mira Patel's current passphrase" }),
    });
    await user.click(await screen.findByRole('button', { name: 'Set passphrase… for Dr Mira Patel' }));
    expect(screen.getByRole('heading', { name: 'Change the passphrase of Dr Mira Patel' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('New passphrase'), 'a new passphrase');
    await user.type(screen.getByLabelText('New passphrase again'), 'a new passphrase');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByRole('link', { name: 'Enter the current passphrase' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Current passphrase'), 'not the one');
    await user.type(screen.getByLabelText('New passphrase'), 'a new passphrase');
    await user.type(screen.getByLabelText('New passphrase again'), 'a new passphrase');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    const link = await screen.findByRole('link', { name: "That is not Dr Mira Patel's current passphrase" });
    expect(link).toHaveAttribute('href', '#people-pass-current');
    // Nothing secret is left in the fields after the attempt.
    expect(screen.getByLabelText('Current passphrase')).toHaveValue('');
    expect(screen.getByLabelText('New passphrase')).toHaveValue('');
  });

  it('lets a viewer read the profiles but change nothing, and says why', async () => {
    setup(usersAsViewer);
    await screen.findByRole('table', { name: 'Profiles and their roles' });
    expect(screen.getByText('You are using a viewer profile (Ann Lee), which can see the profiles but not change them.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('merges a saved profile into the list', () => {
    const saved = { ...users[1], display_name: 'Dr Mira Patel-Jones' };
    expect(mergeUser(users, saved).map((u) => u.display_name)).toEqual(['Jo Smith', 'Dr Mira Patel-Jones', 'Dr Omar Khan', 'Ann Lee']);
  });
});
