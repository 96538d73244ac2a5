import { useCallback, useEffect, useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { GapView } from '../../bindings/GapView';
import type { IncidentSummary } from '../../bindings/IncidentSummary';
import type { IncidentView } from '../../bindings/IncidentView';
import type { RequestSummary } from '../../bindings/RequestSummary';
import type { SiteView } from '../../bindings/SiteView';
import { AppErrorSummary } from '../../components/ErrorSummary';
import { EMPTY_INCIDENT_FORM, HARM_LABELS, excerpt, formFromVersion } from '../../lib/incidents';
import { IncidentForm } from './IncidentForm';

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'show'; view: IncidentView } | { kind: 'edit'; view: IncidentView };

interface Loaded {
  incidents: IncidentSummary[];
  gaps: GapView[];
  requests: RequestSummary[];
  sites: SiteView[];
}

/**
 * The walkout's incident log: every incident's current version, a form to log one, and for each
 * incident its version history and a change (a new version with a reason).
 */
export function IncidentsScreen({ walkoutId }: { walkoutId: number }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([api.incidentsList(walkoutId), api.gapList(walkoutId), api.requestsList(walkoutId), api.sitesList()]).then(
      ([incidents, gaps, requests, sites]) => {
        setData({ incidents, gaps, requests, sites });
        setError(null);
      },
      (e: AppError) => setError(e),
    );
  }, [walkoutId]);

  useEffect(load, [load]);

  const open = (id: number) => {
    setNotice(null);
    api.incidentGet(id).then(
      (view) => setMode({ kind: 'show', view }),
      (e: AppError) => setError(e),
    );
  };

  if (error) return <AppErrorSummary error={error} id="incidents-error" />;
  if (!data) return <p className="nhsuk-body">Loading the incident log…</p>;

  if (mode.kind === 'add' || mode.kind === 'edit') {
    const editing = mode.kind === 'edit' ? mode.view : null;
    const current = editing?.versions[editing.versions.length - 1];
    return (
      <IncidentForm
        walkoutId={walkoutId}
        incidentId={editing?.id ?? null}
        initial={current ? formFromVersion(current) : EMPTY_INCIDENT_FORM}
        sites={data.sites}
        gaps={data.gaps}
        requests={data.requests}
        onCancel={() => setMode(editing ? { kind: 'show', view: editing } : { kind: 'list' })}
        onSaved={(view) => {
          const before = editing?.versions.length ?? 0;
          setNotice(
            editing
              ? view.versions.length === before
                ? 'Nothing had changed, so no new version was saved.'
                : `Saved version ${view.versions.length} of incident ${view.id}.`
              : `Logged incident ${view.id}.`,
          );
          setMode({ kind: 'show', view });
          load();
        }}
      />
    );
  }

  if (mode.kind === 'show') {
    const v = mode.view;
    const versions = [...v.versions].reverse();
    return (
      <section aria-labelledby="incident-heading">
        {notice && (
          <div className="nhsuk-inset-text" role="status">
            <p>{notice}</p>
          </div>
        )}
        <h3 className="nhsuk-heading-s" id="incident-heading">
          Incident {v.id}
        </h3>
        <p className="nhsuk-body-s">
          Logged by {v.created_by} on {v.created_at}. {v.versions.length === 1 ? 'One version.' : `${v.versions.length} versions, newest first.`}
        </p>
        <div className="sc-button-row">
          <button type="button" className="nhsuk-button" onClick={() => setMode({ kind: 'edit', view: v })}>
            Change this incident
          </button>{' '}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setNotice(null);
              setMode({ kind: 'list' });
            }}
          >
            Back to the incident log
          </button>
        </div>
        {versions.map((s) => (
          <div className="nhsuk-card sc-incident-version" key={s.version}>
            <div className="nhsuk-card__content">
              <h4 className="nhsuk-card__heading nhsuk-heading-xs">
                Version {s.version}
                {s.version === v.versions.length ? ' (current)' : ''}
              </h4>
              <p className="nhsuk-body-s">
                Saved by {s.saved_by} on {s.saved_at}
                {s.change_reason ? `: ${s.change_reason}` : ''}
              </p>
              <dl className="nhsuk-summary-list">
                {(
                  [
                    ['When', s.occurred_local],
                    ['Where', `${s.department}, ${s.site}`],
                    ['Reference', s.reference || 'Not yet reported'],
                    ['Harm', `${HARM_LABELS[s.harm]}${s.near_miss ? ' (near miss)' : ''}`],
                    ['Shift', s.shift ?? 'None'],
                    ['Request', s.request_reference ?? 'None'],
                    ['What happened', s.description],
                  ] as const
                ).map(([k, val]) => (
                  <div className="nhsuk-summary-list__row" key={k}>
                    <dt className="nhsuk-summary-list__key">{k}</dt>
                    <dd className="nhsuk-summary-list__value">{val}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </div>
        ))}
      </section>
    );
  }

  return (
    <section aria-labelledby="incidents-heading">
      <h3 className="nhsuk-heading-s" id="incidents-heading">
        Patient safety incidents
      </h3>
      <p className="nhsuk-body-s">
        Incidents during the walkout, from a day before it to a week after. A change is saved as a new version; earlier versions stay on
        record.
      </p>
      <button
        type="button"
        className="nhsuk-button"
        onClick={() => {
          setNotice(null);
          setMode({ kind: 'add' });
        }}
      >
        Log an incident
      </button>
      {data.incidents.length === 0 ? (
        <p className="nhsuk-body">No incidents logged for this walkout.</p>
      ) : (
        <table className="nhsuk-table sc-incidents-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Incidents, in the order they happened</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">When</th>
              <th scope="col">Site</th>
              <th scope="col">Department</th>
              <th scope="col">Reference</th>
              <th scope="col">Harm</th>
              <th scope="col">Near miss</th>
              <th scope="col">What happened</th>
              <th scope="col">Shift or request</th>
              <th scope="col">Version</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {data.incidents.map((i) => {
              const c = i.current;
              const links = [c.shift, c.request_reference].filter(Boolean).join('; ');
              return (
                <tr key={i.id}>
                  <td>{c.occurred_local}</td>
                  <td>{c.site}</td>
                  <td>{c.department}</td>
                  <td>{c.reference || '–'}</td>
                  <td>{HARM_LABELS[c.harm]}</td>
                  <td>{c.near_miss ? 'Yes' : 'No'}</td>
                  <td>{excerpt(c.description)}</td>
                  <td>{links || '–'}</td>
                  <td>{i.versions}</td>
                  <td>
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small sc-link-button" onClick={() => open(i.id)}>
                      {'View '}
                      <span className="nhsuk-u-visually-hidden">{`incident ${i.id}`}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
