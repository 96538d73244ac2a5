import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import type { GradeView } from '../bindings/GradeView';
import { mockBackend, type Handler } from '../test/backend';
import { grades, sites, status } from '../test/fixtures';
import { coverLevels, ladder, rules } from '../test/sourcingFixtures';
import { users } from '../test/approvalFixtures';
import { gradeChangeMessage } from './SettingsScreen';

async function openSettings(handlers: Record<string, Handler>) {
  const calls = mockBackend({
    app_status: () => status,
    sites_list: () => sites,
    rota_query: () => [],
    grades_list: () => grades,
    ladder_get: () => ladder,
    rules_get: () => rules,
    cover_levels_list: () => coverLevels,
    users_list: () => users,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  return { calls, user };
}

describe('grade table', () => {
  it('saves a staff group through grade_set_group and says what changed', async () => {
    const updated: GradeView[] = grades.map((g) => (g.grade === 'ST3' ? { ...g, staff_group: 'resident' } : g));
    const { calls, user } = await openSettings({ grade_set_group: () => updated });

    const select = await screen.findByLabelText('Staff group for ST3');
    expect(select).toHaveValue('other');
    await user.selectOptions(select, 'resident');

    const call = calls.find((c) => c.cmd === 'grade_set_group');
    expect(call?.args).toEqual({ grade: 'ST3', staffGroup: 'resident' });
    expect(await screen.findByText('ST3 is now in the resident group; 12 doctors affected')).toBeInTheDocument();
    expect(screen.getByLabelText('Staff group for ST3')).toHaveValue('resident');
    const table = screen.getByRole('table', { name: 'Grades and their staff groups' });
    expect(within(table).getByRole('row', { name: /FY1/ })).toHaveTextContent('40');
  });

  it('keeps the old group and shows the error when saving fails', async () => {
    const { user } = await openSettings({
      grade_set_group: () => Promise.reject({ code: 'not_found', message: 'grade ST3 not found' }),
    });
    await user.selectOptions(await screen.findByLabelText('Staff group for ST3'), 'consultant');
    expect(await screen.findByRole('alert')).toHaveTextContent('grade ST3 not found');
    expect(screen.getByLabelText('Staff group for ST3')).toHaveValue('other');
  });

  it('words the confirmation for one doctor and for SAS', () => {
    expect(gradeChangeMessage('Specialty Doctor', 'sas', 1)).toBe('Specialty Doctor is now in the SAS group; 1 doctor affected');
  });
});

describe('trust name', () => {
  it('saves the trust name and refreshes the header', async () => {
    let name = status.trust_name;
    const { calls, user } = await openSettings({
      app_status: () => ({ ...status, trust_name: name }),
      trust_set_name: (args) => {
        name = args.name as string;
        return null;
      },
    });
    const input = await screen.findByLabelText('Name shown in the header and on documents');
    await user.clear(input);
    await user.type(input, 'Eastbridge Hospitals');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(calls.find((c) => c.cmd === 'trust_set_name')?.args).toEqual({ name: 'Eastbridge Hospitals' });
    expect(await screen.findByText('The trust is now called Eastbridge Hospitals.')).toBeInTheDocument();
    expect(await screen.findByText('Eastbridge Hospitals', { selector: '#trust-name-display' })).toBeInTheDocument();
  });
});

describe('critical departments', () => {
  it('lists departments by site and saves a change through department_set_critical', async () => {
    const updated = sites.map((s) => ({
      ...s,
      departments: s.departments.map((d) => (d.id === 12 ? { ...d, critical: true } : d)),
    }));
    const { calls, user } = await openSettings({ department_set_critical: () => updated });
    const section = (await screen.findByRole('heading', { name: 'Critical departments' })).closest('section') as HTMLElement;
    const northgate = within(section).getByRole('group', { name: 'Northgate General' });
    expect(within(northgate).getByLabelText('Emergency Department')).toBeChecked();
    const surgery = within(northgate).getByLabelText('General Surgery');
    expect(surgery).not.toBeChecked();
    expect(within(section).getByRole('group', { name: 'Southfield Hospital' })).toHaveTextContent('Neonatal Unit');

    await user.click(surgery);
    expect(calls.find((c) => c.cmd === 'department_set_critical')?.args).toEqual({ departmentId: 12, critical: true });
    expect(await screen.findByText('General Surgery is now a critical department.')).toBeInTheDocument();
    expect(within(northgate).getByLabelText('General Surgery')).toBeChecked();
  });

  it('shows a failure and keeps the box as it was', async () => {
    const { user } = await openSettings({
      department_set_critical: () => Promise.reject({ code: 'not_found', message: 'department 11 not found' }),
    });
    const ed = await screen.findByLabelText('Emergency Department');
    await user.click(ed);
    expect(await screen.findByRole('alert')).toHaveTextContent('department 11 not found');
    expect(screen.getByLabelText('Emergency Department')).toBeChecked();
  });
});

describe('people and roles', () => {
  it('has its own section listing the profiles', async () => {
    await openSettings({});
    const section = (await screen.findByRole('heading', { name: 'People and roles' })).closest('section') as HTMLElement;
    expect(await within(section).findByRole('table', { name: 'Profiles and their roles' })).toHaveTextContent('Dr Mira Patel');
  });
});
