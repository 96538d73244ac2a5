import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { mockBackend } from '../test/backend';
import { sites, staff, status } from '../test/fixtures';
import { filterAndSortStaff } from './StaffScreen';

async function openStaff() {
  const calls = mockBackend({ app_status: () => status, sites_list: () => sites, rota_query: () => [], staff_list: () => staff });
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Staff' }));
  return { calls, user };
}

const names = () => screen.getAllByTestId('staff-row').map((r) => within(r).getAllByRole('cell')[1].textContent);

describe('staff', () => {
  it('lists every doctor with number, grade, group, opt-out, main department and duties', async () => {
    await openStaff();
    const rows = await screen.findAllByTestId('staff-row');
    expect(rows).toHaveLength(4);
    expect(document.getElementById('staff-view')).toContainElement(rows[0]);
    const bola = rows.find((r) => r.textContent?.includes('Bola Adeyemi')) as HTMLElement;
    expect(within(bola).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '2345678',
      'Bola Adeyemi',
      'Consultant',
      'Consultant',
      'Yes',
      'General Surgery',
      '12',
    ]);
    // Text from data is text.
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('searches by name or number and filters by staff group', async () => {
    const { user } = await openStaff();
    await screen.findAllByTestId('staff-row');
    await user.type(screen.getByLabelText('Name or staff number'), 'patel');
    expect(names()).toEqual(['Asha Patel']);
    await user.clear(screen.getByLabelText('Name or staff number'));
    await user.type(screen.getByLabelText('Name or staff number'), '2345678');
    expect(names()).toEqual(['Bola Adeyemi']);
    expect(screen.getByText('1 of 4 doctors')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Name or staff number'));
    await user.selectOptions(screen.getByLabelText('Staff group'), 'resident');
    expect(names()).toEqual(['<img src=x onerror=alert(1)>', 'Asha Patel']);
  });

  it('sorts by a column, and reverses on a second click', async () => {
    const { user } = await openStaff();
    await screen.findAllByTestId('staff-row');
    const header = screen.getByRole('columnheader', { name: /Duties/ });
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual(['<img src=x onerror=alert(1)>', 'Asha Patel', 'Bola Adeyemi', 'Ciara Byrne']);
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(names()[0]).toBe('Ciara Byrne');
  });

  it('sorts staff numbers as numbers and breaks ties by name', () => {
    const sorted = filterAndSortStaff(
      [
        { ...staff[0], id: 1, staff_number: '10', name: 'B' },
        { ...staff[0], id: 2, staff_number: '9', name: 'A' },
        { ...staff[0], id: 3, staff_number: '9', name: 'C' },
      ],
      '',
      '',
      { key: 'staff_number', dir: 'asc' },
    );
    expect(sorted.map((s) => s.id)).toEqual([2, 3, 1]);
  });
});
