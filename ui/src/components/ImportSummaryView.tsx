import type { ImportSummary } from '../bindings/ImportSummary';
import { formatDateRange, formatElapsed } from '../lib/dates';
import { FORMAT_LABELS, formatCount } from '../lib/format';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** What an import (or loading the demo trust) did. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const changed = summary.updated + summary.removed;
  return (
    <div className="sc-import-summary">
      <div className="sc-two-columns">
        <dl className="nhsuk-summary-list sc-summary-list">
          <Row label="File">{summary.file_name}</Row>
          <Row label="Format">
            {FORMAT_LABELS[summary.format] ?? summary.format}, {summary.encoding}
          </Row>
          <Row label="Rows read">{formatCount(summary.rows)}</Row>
          <Row label="Dates">{formatDateRange(summary.first_date, summary.last_date)}</Row>
          <Row label="Time taken">{formatElapsed(summary.elapsed_ms)}</Row>
        </dl>
        <dl className="nhsuk-summary-list sc-summary-list">
          <Row label="Doctors">
            {formatCount(summary.doctors)}
            {summary.new_staff > 0 && ` (${formatCount(summary.new_staff)} new)`}
          </Row>
          <Row label="Shifts">{formatCount(summary.shifts)}</Row>
          <Row label="Vacancies">{formatCount(summary.vacancies)}</Row>
          <Row label="Departments">{formatCount(summary.departments)}</Row>
          <Row label="Sites">{formatCount(summary.sites)}</Row>
        </dl>
      </div>
      <table className="nhsuk-table nhsuk-table--compact sc-counts">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Compared with the rota already held</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Added</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Updated</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Unchanged</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Removed</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          <tr className="nhsuk-table__row">
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(summary.added)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(summary.updated)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(summary.unchanged)}</td>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(summary.removed)}</td>
          </tr>
        </tbody>
      </table>
      {summary.changes.length > 0 && (
        <div className="sc-table-scroll sc-changes">
          <table className="nhsuk-table nhsuk-table--compact">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              {changed > summary.changes.length
                ? `The first ${formatCount(summary.changes.length)} of ${formatCount(changed)} changes`
                : `Changes (${formatCount(summary.changes.length)})`}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Row</th>
                <th scope="col" className="nhsuk-table__header">Duty</th>
                <th scope="col" className="nhsuk-table__header">Change</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {summary.changes.map((c, i) => (
                <tr className="nhsuk-table__row" key={i}>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {c.row === 0 ? <span className="sc-muted">not in file</span> : c.row}
                  </td>
                  <td className="nhsuk-table__cell">{c.duty}</td>
                  <td className="nhsuk-table__cell">{c.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
