import { useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { ImpactExport } from '../../bindings/ImpactExport';
import type { ImpactFormat } from '../../bindings/ImpactFormat';
import type { ImpactReport } from '../../bindings/ImpactReport';
import { AppErrorSummary } from '../../components/ErrorSummary';
import { REQUEST_STATUS_LABELS, currentUser, mayWrite, plainError } from '../../lib/approval';
import { formatCount, plural } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { CoverByDayChart, DecisionTimesChart, OutcomesChart } from './ImpactCharts';

const TIMING_LABELS = { on_time: 'On time', late: 'Late', no_decision: 'No decision' } as const;
const HARM_LABELS: Record<string, string> = { none: 'No harm', low: 'Low harm', moderate: 'Moderate harm', severe: 'Severe harm', death: 'Death' };

/** The suggested file name of an export. */
export function impactFileName(walkoutId: number, format: ImpactFormat): string {
  return `impact-report-walkout-${walkoutId}.${format}`;
}

/** The headline figures, in the order shown. */
export function headline(r: ImpactReport): { label: string; value: string; tone?: 'bad' }[] {
  const o = r.outcomes;
  return [
    { label: 'Requests made', value: formatCount(o.made) },
    { label: 'Granted', value: formatCount(o.granted) },
    { label: 'Refused (declined or revoked)', value: formatCount(o.declined + o.revoked), tone: o.declined + o.revoked > 0 ? 'bad' : undefined },
    { label: 'Not decided or answered late', value: formatCount(o.not_decided + o.late_answers), tone: o.not_decided + o.late_answers > 0 ? 'bad' : undefined },
    { label: 'Gaps covered', value: `${formatCount(r.covered)} of ${formatCount(r.gaps)}` },
    { label: 'Shifts short after refusals', value: formatCount(r.short_shifts), tone: r.short_shifts > 0 ? 'bad' : undefined },
    { label: 'Incidents in short shifts', value: formatCount(r.incidents_in_short_shifts), tone: r.incidents_in_short_shifts > 0 ? 'bad' : undefined },
  ];
}

/** A walkout's impact report: headline figures, charts, the refused or late requests with their short shifts and incidents, the situation report; saved as PDF or CSV. */
export function ImpactReportScreen({ walkoutId }: { walkoutId: number }) {
  const loaded = useLoad(`impact-${walkoutId}`, () => api.impactReport(walkoutId));
  if (loaded.status === 'loading')
    return (
      <p className="nhsuk-body" role="status">
        Building the impact report…
      </p>
    );
  if (loaded.status === 'error') return <AppErrorSummary error={loaded.error} />;
  const r = loaded.data;
  return (
    <div className="sc-impact" id="impact-report">
      <h2 className="nhsuk-heading-l" id="impact-heading">
        Impact report
      </h2>
      <p className="nhsuk-body sc-muted">
        {r.trust ? `${r.trust} · ` : ''}
        {r.title} ({r.body}), {r.start_local} to {r.end_local}
      </p>

      <section aria-labelledby="impact-headline-heading">
        <h3 className="nhsuk-heading-m" id="impact-headline-heading">
          Headline figures
        </h3>
        <dl className="sc-impact-figures" id="impact-figures">
          {headline(r).map((h) => (
            <div key={h.label} className={`sc-impact-figure${h.tone === 'bad' ? ' sc-impact-figure--bad' : ''}`}>
              <dt>{h.label}</dt>
              <dd>{h.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="sc-impact-charts">
        <section aria-labelledby="impact-cover-heading">
          <h3 className="nhsuk-heading-m" id="impact-cover-heading">
            Shifts covered by source, per day
          </h3>
          <p className="nhsuk-body-s sc-muted">How each gap was closed: the rung of the ladder of the fill in force, a doctor recalled under a derogation, or still uncovered.</p>
          <CoverByDayChart report={r} />
        </section>
        <section aria-labelledby="impact-outcomes-heading">
          <h3 className="nhsuk-heading-m" id="impact-outcomes-heading">
            Request outcomes
          </h3>
          <OutcomesChart report={r} />
        </section>
      </div>

      <section aria-labelledby="impact-times-heading">
        <h3 className="nhsuk-heading-m" id="impact-times-heading">
          Time to decision against the deadline
        </h3>
        <DecisionTimesChart report={r} />
        {r.timings.length > 0 && (
          <div className="sc-table-scroll">
            <table className="nhsuk-table nhsuk-table--compact" id="impact-timings">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">Each sent request</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Request', 'Department', 'Outcome', 'Sent', 'Deadline', 'Answered', 'Time taken', 'Against the deadline'].map((h) => (
                    <th key={h} scope="col" className="nhsuk-table__header">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {r.timings.map((t) => (
                  <tr key={t.request_id} className="nhsuk-table__row">
                    <th scope="row" className="nhsuk-table__header">
                      {t.reference}
                    </th>
                    <td className="nhsuk-table__cell">
                      {t.department}, {t.site}
                    </td>
                    <td className="nhsuk-table__cell">{REQUEST_STATUS_LABELS[t.status]}</td>
                    <td className="nhsuk-table__cell">{t.sent_local}</td>
                    <td className="nhsuk-table__cell">{t.due_local ?? 'None set'}</td>
                    <td className="nhsuk-table__cell">{t.decided_local ?? '—'}</td>
                    <td className="nhsuk-table__cell">{t.taken ?? '—'}</td>
                    <td className={`nhsuk-table__cell${t.timing === 'late' ? ' sc-impact-late' : ''}`}>{TIMING_LABELS[t.timing]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="impact-short-heading">
        <h3 className="nhsuk-heading-m" id="impact-short-heading">
          Refused or late requests: shifts that ran short and incidents
        </h3>
        {r.shortfalls.length === 0 ? (
          <p className="nhsuk-body" id="impact-no-shortfalls">
            No request was refused or answered late.
          </p>
        ) : (
          <div className="sc-table-scroll">
            <table className="nhsuk-table nhsuk-table--compact" id="impact-shortfalls">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">Shifts still uncovered at the end, with the incidents in that department during them</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Request', 'Why', 'Shift short', 'Incidents during the shift'].map((h) => (
                    <th key={h} scope="col" className="nhsuk-table__header">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {r.shortfalls.flatMap((s) => {
                  const head = (
                    <th scope="row" className="nhsuk-table__header">
                      {s.reference}
                      <span className="sc-block nhsuk-body-s">
                        {s.department}, {s.site}
                      </span>
                    </th>
                  );
                  if (s.short_shifts.length === 0)
                    return [
                      <tr key={s.request_id} className="nhsuk-table__row">
                        {head}
                        <td className="nhsuk-table__cell">{s.why}</td>
                        <td className="nhsuk-table__cell" colSpan={2}>
                          None of its {plural(s.shifts_asked, 'shift')} ran short (covered later).
                        </td>
                      </tr>,
                    ];
                  return s.short_shifts.map((sh) => (
                    <tr key={`${s.request_id}-${sh.duty_id}`} className="nhsuk-table__row">
                      {head}
                      <td className="nhsuk-table__cell">{s.why}</td>
                      <td className="nhsuk-table__cell">
                        {sh.date} {sh.start_local}–{sh.end_local} ({sh.grade})
                      </td>
                      <td className="nhsuk-table__cell">
                        {sh.incidents.length === 0 ? (
                          <span className="sc-muted">None recorded</span>
                        ) : (
                          <ul className="nhsuk-list sc-impact-incidents">
                            {sh.incidents.map((i) => (
                              <li key={i.id}>
                                <strong>{i.reference || 'No reference'}</strong> {i.occurred_local}: {HARM_LABELS[i.harm] ?? i.harm}
                                {i.near_miss ? ', near miss' : ''}. {i.description}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="impact-sitrep-heading">
        <h3 className="nhsuk-heading-m" id="impact-sitrep-heading">
          Daily situation report
        </h3>
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact" id="impact-sitrep">
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {['Date', 'Staff due', 'Staff taking action', 'Undeclared', 'Vacant shifts'].map((h) => (
                  <th key={h} scope="col" className="nhsuk-table__header">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {r.sitrep.map((d) => (
                <tr key={d.date} className="nhsuk-table__row">
                  <th scope="row" className="nhsuk-table__header">
                    {d.date.split('-').reverse().join('/')}
                  </th>
                  <td className="nhsuk-table__cell">{formatCount(d.staff_due)}</td>
                  <td className="nhsuk-table__cell">{formatCount(d.staff_taking_action)}</td>
                  <td className="nhsuk-table__cell">{formatCount(d.undeclared)}</td>
                  <td className="nhsuk-table__cell">{formatCount(d.vacant_shifts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <SaveReport walkoutId={walkoutId} />
    </div>
  );
}

/** Save as PDF or CSV, where the user chooses or into a typed folder; shows the path and SHA-256. */
function SaveReport({ walkoutId }: { walkoutId: number }) {
  const users = useLoad('users', api.usersList);
  const me = users.status === 'ready' ? currentUser(users.data) : null;
  const canWrite = users.status === 'error' || (users.status === 'ready' && (me === null || mayWrite(me.role)));
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState<ImpactFormat | null>(null);
  const [done, setDone] = useState<ImpactExport | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const run = async (format: ImpactFormat) => {
    if (busy) return;
    setError(null);
    setBusy(format);
    try {
      const name = impactFileName(walkoutId, format);
      const dir = folder.trim().replace(/[\\/]+$/, '');
      const path = dir
        ? `${dir}/${name}`
        : await api.chooseSavePath(
            format === 'pdf' ? 'Save the impact report as PDF' : 'Save the impact report as CSV',
            name,
            format === 'pdf' ? { name: 'PDF document', extensions: ['pdf'] } : { name: 'CSV (spreadsheet)', extensions: ['csv'] },
          );
      if (path === null) return;
      setDone(await api.impactExport(walkoutId, format, path));
    } catch (e) {
      setError(plainError(toAppError(e)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="impact-save-heading" className="sc-impact-save">
      <h3 className="nhsuk-heading-m" id="impact-save-heading">
        Save the report for the regional team
      </h3>
      {!canWrite && <p className="nhsuk-body">You are using a viewer profile ({me?.display_name}): you can read the report here but not save it (saving is recorded in the audit trail).</p>}
      {error && <AppErrorSummary error={error} id="impact-export-error" />}
      {canWrite && (
        <>
          <p className="nhsuk-body-s">The PDF is for reading; the CSV opens in a spreadsheet (text that could run as a formula is neutralised). The SHA-256 of each file saved is recorded in the audit trail.</p>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label nhsuk-label--s" htmlFor="impact-export-folder">
              Save into a folder (optional)
            </label>
            <div className="nhsuk-hint" id="impact-export-folder-hint">
              Leave empty to choose where to save each file. With a folder typed here, each file is saved there under its suggested name (for example{' '}
              {impactFileName(walkoutId, 'pdf')}).
            </div>
            <input
              className="nhsuk-input"
              id="impact-export-folder"
              type="text"
              spellCheck={false}
              aria-describedby="impact-export-folder-hint"
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
            />
          </div>
          <div className="sc-actions">
            {(
              [
                ['pdf', 'Save as PDF…'],
                ['csv', 'Save as CSV…'],
              ] as const
            ).map(([format, label]) => (
              <button
                key={format}
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                id={`impact-export-${format}`}
                disabled={busy !== null}
                aria-busy={busy === format}
                onClick={() => void run(format)}
              >
                {busy === format ? 'Saving…' : label}
              </button>
            ))}
          </div>
        </>
      )}
      <div role="status" aria-live="polite">
        {done && (
          <div className="sc-export-done" id="impact-export-done">
            <p className="nhsuk-body-s">
              {done.format === 'pdf' ? 'PDF' : 'CSV'} saved to <span className="sc-path">{done.path}</span> ({plural(Number(done.bytes), 'byte')}).
            </p>
            <p className="nhsuk-body-s">
              SHA-256 of the file: <code className="sc-hash">{done.sha256}</code>
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
