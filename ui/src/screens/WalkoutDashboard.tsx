import { useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { DashboardCell } from '../bindings/DashboardCell';
import type { DashboardRow } from '../bindings/DashboardRow';
import type { DashboardView } from '../bindings/DashboardView';
import type { WalkoutView } from '../bindings/WalkoutView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { formatDate, formatDateLong, shortWeekdayName } from '../lib/dates';
import { formatCount, plural } from '../lib/format';
import { useLoad } from '../lib/useLoad';

/** Colour bands of the heat map, by uncovered duties in a cell. The number is always shown too. */
export const HEAT_BANDS: { min: number; max: number | null; label: string; className: string }[] = [
  { min: 0, max: 0, label: 'None', className: 'sc-heat-0' },
  { min: 1, max: 2, label: '1–2', className: 'sc-heat-1' },
  { min: 3, max: 5, label: '3–5', className: 'sc-heat-2' },
  { min: 6, max: 10, label: '6–10', className: 'sc-heat-3' },
  { min: 11, max: null, label: '11 or more', className: 'sc-heat-4' },
];

export function heatClass(uncovered: number): string {
  const band = HEAT_BANDS.find((b) => uncovered >= b.min && (b.max === null || uncovered <= b.max));
  return band?.className ?? 'sc-heat-4';
}

/** Critical departments first; otherwise the backend's order (most uncovered, then name). */
export function orderRows(rows: DashboardRow[]): DashboardRow[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => Number(b.r.critical) - Number(a.r.critical) || a.i - b.i).map((x) => x.r);
}

/** What a screen reader hears for a cell, and the tooltip. */
export function describeCell(row: DashboardRow, day: string, c: DashboardCell): string {
  return (
    `${row.department}, ${row.site}, ${formatDateLong(day)}: ${formatCount(c.uncovered)} uncovered of ` +
    `${plural(c.due, 'duty', 'duties')} due; ${formatCount(c.covered)} covered, ${formatCount(c.sourcing)} in sourcing, ` +
    `${formatCount(c.requested)} requested`
  );
}

export function WalkoutDashboard({
  walkoutId,
  version,
  onLoaded,
  onCell,
}: {
  walkoutId: number;
  /** Changes whenever the gaps may have changed. */
  version: number;
  onLoaded: (w: WalkoutView) => void;
  onCell: (departmentId: number, day: string) => void;
}) {
  const dashboard = useLoad(`dashboard-${walkoutId}-${version}`, () =>
    api.walkoutDashboard(walkoutId).then((d) => {
      onLoaded(d.walkout);
      return d;
    }),
  );
  return (
    <div id="walkout-dashboard">
      {dashboard.status === 'loading' && (
        <p className="nhsuk-body" role="status">
          Loading the dashboard…
        </p>
      )}
      {dashboard.status === 'error' && <AppErrorSummary error={dashboard.error} />}
      {dashboard.status === 'ready' && (
        <>
          <HeatMap dashboard={dashboard.data} onCell={onCell} />
          <Sitrep dashboard={dashboard.data} walkoutId={walkoutId} />
        </>
      )}
    </div>
  );
}

function HeatMap({ dashboard, onCell }: { dashboard: DashboardView; onCell: (departmentId: number, day: string) => void }) {
  const rows = orderRows(dashboard.rows);
  const days = dashboard.days;
  const dayTotals = days.map((_, i) => rows.reduce((n, r) => n + (r.cells[i]?.uncovered ?? 0), 0));
  const total = dayTotals.reduce((a, b) => a + b, 0);
  return (
    <section aria-labelledby="heat-map-heading" className="sc-heat-section">
      <h2 className="nhsuk-heading-m" id="heat-map-heading">
        Uncovered duties by department and day
      </h2>
      <p className="nhsuk-body-s sc-muted">
        Each cell shows the duties left without a doctor, out of those due. Choose a cell to see its gaps.
      </p>
      <HeatLegend />
      {rows.length === 0 ? (
        <p className="nhsuk-body">No duties of the affected doctors fall in this walkout.</p>
      ) : (
        <div className="sc-table-scroll sc-heat-scroll">
          <table className="sc-heat-map" id="heat-map">
            <caption className="nhsuk-u-visually-hidden">
              Uncovered duties by department and day: {plural(total, 'uncovered duty', 'uncovered duties')} in all
            </caption>
            <thead>
              <tr>
                <th scope="col" className="sc-heat-dept-head">
                  Department
                </th>
                {days.map((d) => (
                  <th scope="col" key={d} className="sc-heat-day">
                    <span className="sc-heat-weekday">{shortWeekdayName(d)}</span> {formatDate(d).slice(0, 5)}
                    <span className="nhsuk-u-visually-hidden"> {formatDate(d).slice(6)}</span>
                  </th>
                ))}
                <th scope="col" className="sc-heat-day">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const rowTotal = r.cells.reduce((n, c) => n + c.uncovered, 0);
                return (
                  <tr key={r.department_id} data-testid="heat-row">
                    <th scope="row" className="sc-heat-dept">
                      <span className="sc-heat-dept-name">{r.department}</span>
                      {r.critical && (
                        <>
                          {' '}
                          <strong className="nhsuk-tag nhsuk-tag--orange sc-tag-small">Critical</strong>
                        </>
                      )}
                      <span className="sc-heat-site">{r.site}</span>
                    </th>
                    {days.map((d, i) => {
                      const c = r.cells[i] ?? { due: 0, covered: 0, uncovered: 0, sourcing: 0, requested: 0 };
                      const text = describeCell(r, d, c);
                      return (
                        <td key={d} className={`sc-heat-cell ${heatClass(c.uncovered)}`}>
                          <button
                            type="button"
                            className="sc-heat-button"
                            title={text}
                            aria-label={`${text}. Show these gaps`}
                            data-testid="heat-cell"
                            onClick={() => onCell(r.department_id, d)}
                            disabled={c.due === 0}
                          >
                            <span className="sc-heat-number">{c.due === 0 ? '–' : formatCount(c.uncovered)}</span>
                            {c.due > 0 && <span className="sc-heat-due">of {formatCount(c.due)}</span>}
                          </button>
                        </td>
                      );
                    })}
                    <td className={`sc-heat-total`}>{formatCount(rowTotal)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" className="sc-heat-dept">
                  All departments
                </th>
                {dayTotals.map((n, i) => (
                  <td key={days[i]} className="sc-heat-total">
                    {formatCount(n)}
                  </td>
                ))}
                <td className="sc-heat-total">{formatCount(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function HeatLegend() {
  return (
    <div className="sc-heat-legend" id="heat-legend">
      <span className="sc-inline-label">Uncovered duties:</span>
      <ul>
        {HEAT_BANDS.map((b) => (
          <li key={b.label}>
            <span className={`sc-heat-swatch ${b.className}`} aria-hidden="true" />
            {b.label}
          </li>
        ))}
        <li>
          <span className="sc-heat-swatch sc-heat-none" aria-hidden="true">
            –
          </span>
          No duties due
        </li>
      </ul>
    </div>
  );
}

function csvName(title: string, day: string | undefined): string {
  const slug = title
    .toLocaleLowerCase('en-GB')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `sitrep-${slug || 'walkout'}${day ? `-${day}` : ''}.csv`;
}

function Sitrep({ dashboard, walkoutId }: { dashboard: DashboardView; walkoutId: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const days = dashboard.sitrep;

  const exportCsv = () => {
    setError(null);
    setSaved(null);
    setBusy(true);
    api
      .chooseCsvSavePath('Save the situation report as CSV', csvName(dashboard.walkout.title, days[0]?.date))
      .then((path) => {
        if (!path) return null;
        return api.sitrepExport(walkoutId, path).then((rows) => setSaved({ path, rows }));
      })
      .then(
        () => setBusy(false),
        (e: AppError) => {
          setBusy(false);
          setError(e);
        },
      );
  };

  return (
    <section aria-labelledby="sitrep-heading" className="sc-sitrep">
      <div className="sc-section-head">
        <h2 className="nhsuk-heading-m" id="sitrep-heading">
          Daily situation report
        </h2>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={exportCsv}
          disabled={busy}
          id="sitrep-export-button"
        >
          {busy ? 'Saving…' : 'Export CSV'}
        </button>
      </div>
      <p className="nhsuk-body-s sc-muted">
        The figures NHS England collects each day: doctors of the affected groups due to work, and how many of them are
        taking action.
      </p>
      {error && <AppErrorSummary error={error} id="sitrep-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot">
        {saved && (
          <div className="nhsuk-inset-text sc-confirmation" id="sitrep-saved">
            <p>
              Saved {plural(saved.rows, 'day')} to <span className="sc-path">{saved.path}</span>.
            </p>
          </div>
        )}
      </div>
      <div className="sc-table-scroll">
        <table className="nhsuk-table nhsuk-table--compact sc-sitrep-table" id="sitrep-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s nhsuk-u-visually-hidden">
            Daily situation report
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Date</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Staff due to work</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Staff taking action</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Not declared</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Vacant shifts</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {days.map((d) => (
              <tr className="nhsuk-table__row" key={d.date}>
                <th scope="row" className="nhsuk-table__header sc-row-header">
                  {formatDateLong(d.date)}
                </th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(d.staff_due)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(d.staff_taking_action)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(d.undeclared)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(d.vacant_shifts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
