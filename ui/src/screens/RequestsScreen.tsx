import { useEffect, useState } from 'react';
import * as api from '../api';
import type { RequestStatus } from '../bindings/RequestStatus';
import type { RequestSummary } from '../bindings/RequestSummary';
import { AppErrorSummary } from '../components/ErrorSummary';
import { currentUser, mayApprove } from '../lib/approval';
import { formatCount } from '../lib/format';
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS, REQUEST_STATUS_TAGS, deadlineNote } from '../lib/requests';
import { useFocusLater } from '../lib/useFocusLater';
import { useLoad } from '../lib/useLoad';
import { RequestDetail, useNow } from './requests/RequestDetail';
import { VerifyPanel } from './requests/VerifyPanel';

type Filter = RequestStatus | 'all';

/**
 * Derogation requests: of one walkout (a tab of the walkout's screen), or of every walkout (the
 * Requests screen, with a status filter and the check of an exported document). Each row gives
 * the deadline with a live countdown, or the time the decision took; a row opens the request.
 */
export function RequestsScreen({
  walkoutId,
  open = null,
  notice = null,
}: {
  /** One walkout's requests, or null for all. */
  walkoutId: number | null;
  /** A request to open at once (e.g. the first one just built). */
  open?: number | null;
  /** A message to show above that request. */
  notice?: string | null;
}) {
  const [opened, setOpened] = useState<{ id: number; notice: string | null } | null>(open === null ? null : { id: open, notice });
  const [reload, setReload] = useState(0);
  // The row to put focus on once the list is back (the request just closed).
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const top = walkoutId === null;

  if (opened) {
    return (
      <>
        <div className="nhsuk-back-link sc-back-link">
          <button
            type="button"
            className="nhsuk-back-link__link sc-link-button"
            id="request-back"
            onClick={() => {
              const id = opened.id;
              setOpened(null);
              setReload((n) => n + 1);
              setReturnTo(`request-open-${id}`);
            }}
          >
            {top ? 'All requests' : 'Requests for this walkout'}
          </button>
        </div>
        <RequestDetail key={opened.id} requestId={opened.id} level={top ? 1 : 2} notice={opened.notice} />
      </>
    );
  }

  return (
    <section aria-labelledby={top ? 'screen-heading' : 'requests-heading'} className="sc-requests">
      {top ? (
        <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
          Requests
        </h1>
      ) : (
        <h2 className="nhsuk-heading-m" tabIndex={-1} id="requests-heading">
          Requests for this walkout
        </h2>
      )}
      <RequestList
        walkoutId={walkoutId}
        reload={reload}
        returnTo={returnTo}
        fallback={top ? 'screen-heading' : 'requests-heading'}
        onOpen={(id) => setOpened({ id, notice: null })}
      />
      {top && (
        <div className="sc-verify-section">
          <VerifyPanel />
        </div>
      )}
    </section>
  );
}

function RequestList({
  walkoutId,
  reload,
  returnTo,
  fallback,
  onOpen,
}: {
  walkoutId: number | null;
  reload: number;
  /** The id of the control to put focus on once the list has loaded, if any. */
  returnTo: string | null;
  /** Where focus goes instead when that control is not in the list. */
  fallback: string;
  onOpen: (id: number) => void;
}) {
  const top = walkoutId === null;
  const requests = useLoad(`requests-${walkoutId ?? 'all'}-${reload}`, () => api.requestsList(walkoutId));
  const focusLater = useFocusLater();
  const settled = requests.status !== 'loading';
  useEffect(() => {
    if (settled && returnTo) focusLater(returnTo, fallback);
  }, [settled, returnTo, fallback, focusLater]);
  const users = useLoad('users', api.usersList);
  // Until the user picks a status, a medical director or deputy sees what awaits their approval.
  const [picked, setPicked] = useState<Filter | null>(null);
  const me = users.status === 'ready' ? currentUser(users.data) : null;
  const filter: Filter = picked ?? (me && mayApprove(me.role) ? 'awaiting_approval' : 'all');
  const now = useNow(30_000);

  if (requests.status === 'loading') {
    return (
      <p className="nhsuk-body" role="status">
        Loading requests…
      </p>
    );
  }
  if (requests.status === 'error') return <AppErrorSummary error={requests.error} id="requests-error" />;

  const all = requests.data;
  const count = (s: RequestStatus) => all.filter((r) => r.status === s).length;
  const shown = filter === 'all' ? all : all.filter((r) => r.status === filter);

  if (all.length === 0) {
    return (
      <p className="nhsuk-body" id="requests-empty">
        {top
          ? 'No requests yet. Build one from the gaps of a walkout: tick the gaps whose alternatives are exhausted and choose “Build request”.'
          : 'No requests for this walkout yet. On the Gaps tab, tick the gaps whose alternatives are exhausted and choose “Build request”.'}
      </p>
    );
  }

  return (
    <>
      <div className="sc-filters" role="group" aria-label="Filter requests">
        <div className="sc-field-inline">
          <label htmlFor="requests-status" className="sc-inline-label">
            Status
          </label>
          <select id="requests-status" className="nhsuk-select sc-select" value={filter} onChange={(e) => setPicked(e.target.value as Filter)}>
            <option value="all">All statuses ({formatCount(all.length)})</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {REQUEST_STATUS_LABELS[s]} ({formatCount(count(s))})
              </option>
            ))}
          </select>
        </div>
        <p className="sc-counts-line" role="status" aria-live="polite" id="requests-count">
          {filter === 'all'
            ? `${formatCount(all.length)} ${all.length === 1 ? 'request' : 'requests'}`
            : `Showing ${formatCount(shown.length)} of ${formatCount(all.length)} requests: ${REQUEST_STATUS_LABELS[filter].toLocaleLowerCase('en-GB')}`}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="nhsuk-body" id="requests-none-shown">
          No requests are “{REQUEST_STATUS_LABELS[filter as RequestStatus]}”.
        </p>
      ) : (
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact sc-requests-table" id="requests-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s nhsuk-u-visually-hidden">Requests</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Reference</th>
                {top && <th scope="col" className="nhsuk-table__header">Walkout</th>}
                <th scope="col" className="nhsuk-table__header">Site and department</th>
                <th scope="col" className="nhsuk-table__header">Grade or role</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Doctors</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Shifts</th>
                <th scope="col" className="nhsuk-table__header">Status</th>
                <th scope="col" className="nhsuk-table__header">Decision needed by</th>
                <th scope="col" className="nhsuk-table__header">Failing checks</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {shown.map((r) => (
                <Row key={r.id} r={r} top={top} now={now} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Row({ r, top, now, onOpen }: { r: RequestSummary; top: boolean; now: number; onOpen: (id: number) => void }) {
  const note = deadlineNote(r, now);
  return (
    <tr className="nhsuk-table__row" data-testid="request-row">
      <th scope="row" className="nhsuk-table__header sc-row-header">
        <button type="button" className="sc-link-button" id={`request-open-${r.id}`} onClick={() => onOpen(r.id)}>
          {r.reference}
        </button>
        <span className="sc-block sc-muted sc-request-version">version {r.version}</span>
      </th>
      {top && <td className="nhsuk-table__cell">{r.walkout}</td>}
      <td className="nhsuk-table__cell">
        {r.department}
        <span className="sc-block sc-muted">{r.site}</span>
      </td>
      <td className="nhsuk-table__cell">{r.role.trim() === '' ? <span className="sc-muted">Not given</span> : r.role}</td>
      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(r.doctors)}</td>
      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(r.shifts)}</td>
      <td className="nhsuk-table__cell">
        <strong className={`nhsuk-tag ${REQUEST_STATUS_TAGS[r.status]} sc-tag-small`}>{REQUEST_STATUS_LABELS[r.status]}</strong>
      </td>
      <td className="nhsuk-table__cell sc-request-deadline">
        {r.decision_needed_by_local ?? <span className="sc-muted">Not given</span>}
        {note.text && <span className={`sc-block sc-deadline--${note.tone}`}>{note.text}</span>}
      </td>
      <td className="nhsuk-table__cell">
        {r.failing > 0 ? (
          <strong className="nhsuk-tag nhsuk-tag--red sc-tag-small">{r.failing === 1 ? '1 fails' : `${formatCount(r.failing)} fail`}</strong>
        ) : (
          'None'
        )}
      </td>
    </tr>
  );
}
