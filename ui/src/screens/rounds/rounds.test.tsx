import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App';
import type { CarryPreview } from '../../bindings/CarryPreview';
import type { ContactInput } from '../../bindings/ContactInput';
import type { ContactView } from '../../bindings/ContactView';
import type { WalkoutView } from '../../bindings/WalkoutView';
import { type Handler, mockBackend } from '../../test/backend';
import { grades, sites, status } from '../../test/fixtures';
import { dashboard, gaps, intents, walkout } from '../../test/walkoutFixtures';

const preview: CarryPreview = {
  previous_id: walkout.id,
  previous_title: walkout.title,
  ladder_version: 2,
  ladder_rungs: [
    { id: 11, position: 1, code: 'elective', name: 'Cancel or move non-urgent elective work', description: '', required: true },
    { id: 12, position: 2, code: 'locum', name: 'Bank and agency locums', description: '', required: true },
  ],
  contacts: [
    { kind: 'agency', name: 'Medics4U', from_attempts: false },
    { kind: 'trust', name: 'Southport NHS FT', from_attempts: true },
  ],
  critical_departments: ['Emergency Department (Northgate)'],
  departments: 12,
  wordings: ['Emergency Department (Northgate) · ST3+ registrar'],
};

const round2: WalkoutView = {
  ...walkout,
  id: walkout.id + 1,
  title: 'Resident doctors, round 2',
  previous_id: walkout.id,
  previous_title: walkout.title,
  ladder_version: 2,
};

function contact(id: number, over: Partial<ContactView> = {}): ContactView {
  return {
    id,
    walkout_id: walkout.id,
    kind: 'agency',
    name: 'Medics4U',
    phone: '0161 496 0100',
    email: '',
    notes: '',
    rung_code: 'locum',
    added_by: 'jsmith',
    added_at: '2024-01-03T08:00:00Z',
    ...over,
  };
}

function setup(handlers: Record<string, Handler> = {}) {
  const calls = mockBackend({
    app_status: () => status,
    sites_list: () => sites,
    rota_query: () => [],
    grades_list: () => grades,
    walkout_list: () => [walkout],
    walkout_dashboard: () => dashboard,
    gap_list: () => gaps,
    intent_list: () => intents,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  return { calls, user };
}

describe('starting a walkout from a previous one', () => {
  it('shows what would be carried over, then creates the walkout from the previous one', async () => {
    const { calls, user } = setup({
      walkout_carry_preview: () => preview,
      walkout_create_from: () => round2,
      walkout_dashboard: () => ({ ...dashboard, walkout: round2 }),
    });
    await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
    await user.click(await screen.findByRole('button', { name: 'New walkout' }));
    const select = await screen.findByLabelText('Start from a previous walkout (optional)');
    await user.selectOptions(select, String(walkout.id));
    const box = await screen.findByTestId('carry-preview');
    expect(box).toHaveTextContent('Ladder version 2 (2 rungs');
    expect(box).toHaveTextContent('2 contacts: Medics4U (Agency); Southport NHS FT (Neighbouring trust, asked in its attempts)');
    expect(box).toHaveTextContent('critical: Emergency Department (Northgate)');
    expect(box).toHaveTextContent('1 request wording: Emergency Department (Northgate) · ST3+ registrar');

    await user.type(document.getElementById('walkout-title') as HTMLElement, 'Resident doctors, round 2');
    await user.type(document.getElementById('walkout-first-day') as HTMLElement, '03/02/2024');
    await user.type(document.getElementById('walkout-last-day') as HTMLElement, '05/02/2024');
    await user.click(document.getElementById('walkout-create-button') as HTMLElement);

    await screen.findByRole('heading', { level: 1, name: round2.title });
    const sent = calls.find((c) => c.cmd === 'walkout_create_from');
    expect(sent?.args.previousId).toBe(walkout.id);
    expect(calls.some((c) => c.cmd === 'walkout_create')).toBe(false);
    expect(document.getElementById('walkout-round')).toHaveTextContent(
      `Started from ${walkout.title}. Uses ladder version 2, carried from the previous walkout`,
    );
  });

  it('puts an unknown previous walkout error on the select', async () => {
    const { user } = setup({
      walkout_carry_preview: () => preview,
      walkout_create_from: () => Promise.reject({ code: 'invalid', field: 'previous_id', message: 'previous_id: there is no walkout 9 to start from' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
    await user.click(await screen.findByRole('button', { name: 'New walkout' }));
    await user.selectOptions(await screen.findByLabelText('Start from a previous walkout (optional)'), String(walkout.id));
    await user.type(document.getElementById('walkout-first-day') as HTMLElement, '03/02/2024');
    await user.type(document.getElementById('walkout-last-day') as HTMLElement, '05/02/2024');
    await user.click(document.getElementById('walkout-create-button') as HTMLElement);
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'There is no walkout 9 to start from' })).toHaveAttribute('href', '#walkout-previous');
  });

  it('a fresh walkout says it uses the trust ladder', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
    await user.click(await screen.findByRole('button', { name: walkout.title }));
    expect(document.getElementById('walkout-round')).toHaveTextContent("Uses the trust's ladder in force");
    expect(document.getElementById('walkout-round')).not.toHaveTextContent('Started from');
  });
});

describe('the contact list', () => {
  it('lists, adds and removes contacts on the walkout dashboard', async () => {
    let list = [contact(1)];
    let added: ContactInput | null = null;
    const { user } = setup({
      contacts_list: () => list,
      contact_add: (args) => {
        added = args.input as ContactInput;
        list = [...list, contact(2, { kind: 'trust', name: 'Southport NHS FT', phone: '', rung_code: null })];
        return list;
      },
      contact_remove: (args) => {
        list = list.filter((c) => c.id !== args.contactId);
        return list;
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
    await user.click(await screen.findByRole('button', { name: walkout.title }));
    await user.click(screen.getByText('Contacts: agencies, staff bank, neighbouring trusts'));
    expect(await screen.findAllByTestId('contact-row')).toHaveLength(1);
    expect(screen.getByTestId('contact-row')).toHaveTextContent('0161 496 0100');

    await user.selectOptions(screen.getByLabelText('Kind'), 'trust');
    await user.type(screen.getByLabelText('Name'), 'Southport NHS FT');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(2));
    expect(added).toMatchObject({ kind: 'trust', name: 'Southport NHS FT' });
    expect(screen.getByText('Added Southport NHS FT to the contact list.')).toBeInTheDocument();

    await user.click(within(screen.getByRole('table', { name: 'Contacts' })).getAllByRole('button')[0]);
    await waitFor(() => expect(screen.getAllByTestId('contact-row')).toHaveLength(1));
    expect(screen.getByTestId('contact-row')).toHaveTextContent('Southport NHS FT');
  });

  it('shows a refused contact against its field', async () => {
    const { user } = setup({
      contacts_list: () => [],
      contact_add: () => Promise.reject({ code: 'invalid', field: 'email', message: 'email: an email address looks like name@example.nhs.uk' }),
    });
    await user.click(await screen.findByRole('button', { name: 'Walkouts' }));
    await user.click(await screen.findByRole('button', { name: walkout.title }));
    await user.click(screen.getByText('Contacts: agencies, staff bank, neighbouring trusts'));
    await screen.findByText(/No contacts yet/);
    await user.type(screen.getByLabelText('Name'), 'Locums R Us');
    await user.type(screen.getByLabelText('Email (optional)'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Add contact' }));
    expect(await screen.findByLabelText('Email (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByText('An email address looks like name@example.nhs.uk').length).toBeGreaterThan(0);
  });
});
