import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failingChecks, passingChecks } from '../../test/requestFixtures';
import { ChecksPanel } from './ChecksPanel';

describe('readiness checks', () => {
  it('sums up, then lists failing checks first, each result in words as well as colour', () => {
    render(<ChecksPanel checks={failingChecks()} />);
    expect(document.getElementById('request-checks-summary')).toHaveTextContent(
      '2 checks fail, 1 warningA request with a failing check cannot be sent for approval.',
    );
    const items = screen.getAllByTestId('check');
    expect(items).toHaveLength(failingChecks().length);
    expect(items.map((li) => li.getAttribute('data-code')).slice(0, 3)).toEqual(['complete', 'consultants', 'elective']);

    const first = items[0];
    const tag = within(first).getByText('Fail');
    expect(tag).toHaveClass('nhsuk-tag', 'nhsuk-tag--red');
    expect(first).toHaveClass('sc-check--fail');
    expect(first).toHaveTextContent('Fail: Every field filled in');
    expect(first).toHaveTextContent('Missing: the requesting clinician, a contact number.');
    expect(within(items[2]).getByText('Warning')).toHaveClass('nhsuk-tag--yellow');
    expect(within(items[3]).getByText('Pass')).toHaveClass('nhsuk-tag--green');
    // The list is named by its summary.
    expect(screen.getByRole('list', { name: /2 checks fail, 1 warning/ })).toBeInTheDocument();
  });

  it('says when every check passes, and says nothing of a failure', () => {
    render(<ChecksPanel checks={passingChecks()} id="other" />);
    expect(document.getElementById('other-summary')).toHaveTextContent(`All ${passingChecks().length} checks pass`);
    expect(screen.queryByText(/cannot be sent for approval/)).toBeNull();
    expect(screen.queryByText('Fail')).toBeNull();
  });
});
