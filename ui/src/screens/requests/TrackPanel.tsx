import { useEffect, useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { DocKind } from '../../bindings/DocKind';
import type { ExportResult } from '../../bindings/ExportResult';
import type { RequestView } from '../../bindings/RequestView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import {
  DECISION_LABELS,
  DOC_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  currentUser,
  deadlineCountdown,
  decisionTiming,
  defaultFileName,
  fileFilter,
  mayWrite,
  maySend,
  offeredDecisions,
  plainError,
} from '../../lib/approval';
import { formatCount, plural } from '../../lib/format';
import { londonInputStamp } from '../../lib/sourcing';
import { useFocusLater } from '../../lib/useFocusLater';
import { useLoad } from '../../lib/useLoad';
import { DecisionForm, shiftLabel } from './DecisionForm';
import { RecallForm } from './RecallForm';

export interface TrackPanelProps {
  request: RequestView;
  onChanged: (r: RequestView) => void;
}

/** The time now, in milliseconds, moving on every `everyMs`. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

/** Statuses where the request still waits for an answer (the deadline counts down). */
const WAITING = new Set(['draft', 'awaiting_approval', 'approved', 'sent']);

/**
 * Sending and tracking: the documents (PDF, JSON, email text) with the SHA-256 of each file
 * written, recording when and to whom the approved request went, the countdown to the
 * deadline, the decision and the time it took, and, for a grant, the doctors recalled.
 */
export function TrackPanel({ request, onChanged }: TrackPanelProps) {
  const users = useLoad('users', api.usersList);
  const me = users.status === 'ready' ? currentUser(users.data) : null;
  // Until the profiles are known nothing that changes the request is offered; if they cannot be
  // loaded the backend still refuses a viewer.
  const canWrite = users.status === 'error' || (users.status === 'ready' && (me === null || mayWrite(me.role)));
  const readOnly = me !== null && !mayWrite(me.role);
  // A confirmation belongs to the request it was about (the panel may be shown another one).
  const [said, setSaid] = useState<{ id: number; text: string } | null>(null);
  const message = said && said.id === request.id ? said.text : null;
  const setMessage = (text: string) => setSaid({ id: request.id, text });
  const focusLater = useFocusLater();
  const now = useNow(30_000);
  const kinds = offeredDecisions(request.status, request.content.decision_needed_by?.utc ?? null, now);

  const changed = (view: RequestView, text: string) => {
    setMessage(text);
    onChanged(view);
    focusLater('track-heading');
  };

  return (
    <section aria-labelledby="track-heading" className="sc-track">
      <h2 className="nhsuk-heading-m" id="track-heading" tabIndex={-1}>
        Sending and tracking
      </h2>
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="track-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {readOnly && (
        <div className="nhsuk-inset-text" id="track-read-only">
          <p>You are using a viewer profile ({me?.display_name}): you can follow the request here but not export, send or record anything.</p>
        </div>
      )}
      {users.status === 'error' && <AppErrorSummary error={users.error} id="track-users-error" />}
      <Timing request={request} />
      <Documents request={request} canWrite={canWrite} onChanged={onChanged} />
      {canWrite && maySend(request.status) && <SendForm key={`send-${request.id}-${request.status}`} request={request} onSent={changed} />}
      {canWrite && kinds.length > 0 && (
        <DecisionForm key={`decide-${request.id}-${request.status}-${request.content.version}`} request={request} kinds={kinds} onDecided={changed} />
      )}
      {(request.status === 'granted' || request.recalls.length > 0) && (
        <Recalls request={request} canWrite={canWrite} onChanged={onChanged} onRecalled={changed} />
      )}
    </section>
  );
}

/** Where the request stands in time: deadline countdown, when it was sent, the decision. */
function Timing({ request }: { request: RequestView }) {
  const now = useNow(30_000);
  const deadline = request.content.decision_needed_by;
  const decision = request.decision;
  const waiting = WAITING.has(request.status);
  const countdown = deadline ? deadlineCountdown(deadline.utc, now) : null;
  const timing = decision ? decisionTiming(decision) : '';
  const asked = request.content.shifts;
  const grantedShifts = decision?.kind === 'granted' ? asked.filter((s) => decision.granted_duty_ids.includes(s.duty_id)) : [];

  return (
    <section aria-labelledby="track-timing-heading" className="sc-track-section">
      <h3 className="nhsuk-heading-s" id="track-timing-heading">
        Where it stands
      </h3>
      <dl className="nhsuk-summary-list sc-summary-list" id="track-timing">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Status</dt>
          <dd className="nhsuk-summary-list__value">
            {REQUEST_STATUS_LABELS[request.status]}, version {request.content.version}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Decision needed by</dt>
          <dd className="nhsuk-summary-list__value" id="track-deadline">
            {deadline ? (
              <>
                {deadline.local}
                {waiting && countdown && (
                  <>
                    {' '}
                    <strong className={`nhsuk-tag ${countdown.passed ? 'nhsuk-tag--red' : 'nhsuk-tag--blue'} sc-countdown`}>{countdown.text}</strong>
                  </>
                )}
              </>
            ) : (
              'Not given'
            )}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Sent</dt>
          <dd className="nhsuk-summary-list__value" id="track-sent">
            {request.sent_at_local ? `${request.sent_at_local}${request.sent_to ? `, to ${request.sent_to}` : ''}` : 'Not sent yet'}
          </dd>
        </div>
        {decision && (
          <>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Decision</dt>
              <dd className="nhsuk-summary-list__value" id="track-decision">
                <strong>{DECISION_LABELS[decision.kind]}</strong>, {decision.at_local}
                {decision.reason && <span className="sc-prewrap">: {decision.reason}</span>}
                {timing && <span className="sc-block">{timing}</span>}
              </dd>
            </div>
            {decision.kind === 'granted' && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Granted</dt>
                <dd className="nhsuk-summary-list__value" id="track-granted">
                  {plural(decision.granted_doctors ?? request.content.doctors, 'doctor')} of {request.content.doctors} asked, for{' '}
                  {grantedShifts.length === asked.length ? `all ${plural(asked.length, 'shift')} asked` : `${grantedShifts.length} of ${plural(asked.length, 'shift')} asked`}:
                  <ul className="nhsuk-list sc-compact-list">
                    {grantedShifts.map((s) => (
                      <li key={s.duty_id}>{shiftLabel(s)}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
          </>
        )}
      </dl>
    </section>
  );
}

type Exported = { kind: DocKind; result: ExportResult };


/** Writes one document of the request where the user chooses, then reloads the request (its documents list). */
function useExport(request: RequestView, onChanged: (r: RequestView) => void) {
  const [busy, setBusy] = useState<DocKind | null>(null);
  const [done, setDone] = useState<Exported | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  /** `folder`: save into this folder under the suggested name, without the system's dialog. */
  const run = async (kind: DocKind, folder = '') => {
    if (busy) return;
    setError(null);
    setBusy(kind);
    try {
      const name = defaultFileName(request.content.reference, request.content.version, kind);
      const titles: Record<DocKind, string> = {
        pdf: 'Save the request as PDF',
        json: 'Save the request as JSON',
        email: 'Save the email text',
        ics: 'Save the recall calendar',
      };
      const dir = folder.trim().replace(/[\\/]+$/, '');
      const path = dir ? `${dir}/${name}` : await api.chooseSavePath(titles[kind], name, fileFilter(kind));
      if (path === null) return;
      const result = await api.requestExport(request.id, kind, path);
      setDone({ kind, result });
      onChanged(await api.requestGet(request.id));
    } catch (e) {
      setError(plainError(toAppError(e)));
    } finally {
      setBusy(null);
    }
  };
  return { busy, done, error, run };
}

/** Where a file was written, and the SHA-256 of its bytes (inside a live region: short). */
function ExportSummary({ result, idPrefix }: { result: ExportResult; idPrefix: string }) {
  return (
    <div className="sc-export-done" id={`${idPrefix}-done`}>
      <p className="nhsuk-body-s">
        {DOC_KIND_LABELS[result.kind]} saved to <span className="sc-path">{result.path}</span> ({plural(result.bytes, 'byte')}).
      </p>
      <p className="nhsuk-body-s">
        SHA-256 of the file: <code className="sc-hash">{result.sha256}</code>
      </p>
    </div>
  );
}

/** The email body written, to read and copy. */
function EmailText({ text, idPrefix }: { text: string; idPrefix: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard) {
      setCopied('Copying is not available here: select the text and press Ctrl+C.');
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied('The email text is on the clipboard.'),
      () => setCopied('The text could not be copied: select it and press Ctrl+C.'),
    );
  };
  return (
    <div className="nhsuk-form-group sc-email">
      <label className="nhsuk-label" htmlFor={`${idPrefix}-email-text`}>
        Email text
      </label>
      <textarea id={`${idPrefix}-email-text`} className="nhsuk-textarea sc-email-text" rows={12} readOnly value={text} />
      <div className="sc-inline">
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id={`${idPrefix}-copy`} onClick={copy}>
          Copy
        </button>
        <span role="status" aria-live="polite" className="nhsuk-body-s" id={`${idPrefix}-copied`}>
          {copied}
        </span>
      </div>
    </div>
  );
}

function Documents({ request, canWrite, onChanged }: { request: RequestView; canWrite: boolean; onChanged: (r: RequestView) => void }) {
  const { busy, done, error, run } = useExport(request, onChanged);
  const [folder, setFolder] = useState('');
  const docs = request.documents.filter((d) => d.kind !== 'ics');
  const approved = request.approval !== null;
  const buttons: [DocKind, string][] = [
    ['pdf', 'Save PDF…'],
    ['json', 'Save JSON…'],
    ['email', 'Email text…'],
  ];
  return (
    <section aria-labelledby="track-docs-heading" className="sc-track-section">
      <h3 className="nhsuk-heading-s" id="track-docs-heading">
        Documents
      </h3>
      {!approved && (
        <p className="nhsuk-body-s" id="track-draft-note">
          Version {request.content.version} is not approved: its documents are marked &ldquo;DRAFT — not approved&rdquo;.
        </p>
      )}
      {error && <AppErrorSummary error={error} id="track-export-error" />}
      {canWrite && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="track-export-folder">
            Save into a folder (optional)
          </label>
          <div className="nhsuk-hint" id="track-export-folder-hint">
            Leave empty to choose where to save each file. With a folder typed here, each file is saved there under its
            suggested name (for example {defaultFileName(request.content.reference, request.content.version, 'pdf')}).
          </div>
          <input
            className="nhsuk-input"
            id="track-export-folder"
            type="text"
            spellCheck={false}
            aria-describedby="track-export-folder-hint"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
        </div>
      )}
      {canWrite && (
        <div className="sc-actions">
          {buttons.map(([kind, label]) => (
            <button
              key={kind}
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              id={`track-export-${kind}`}
              disabled={busy !== null}
              aria-busy={busy === kind}
              onClick={() => void run(kind, folder)}
            >
              {busy === kind ? 'Saving…' : label}
            </button>
          ))}
        </div>
      )}
      <div role="status" aria-live="polite">
        {done && <ExportSummary result={done.result} idPrefix="track-export" />}
      </div>
      {done && done.result.kind === 'email' && done.result.text !== null && (
        <EmailText key={done.result.sha256 + done.result.path} text={done.result.text} idPrefix="track-export" />
      )}
      <IssuedDocuments docs={docs} caption="Documents issued for this request" id="track-documents" />
    </section>
  );
}

function IssuedDocuments({ docs, caption, id }: { docs: RequestView['documents']; caption: string; id: string }) {
  if (docs.length === 0) return <p className="nhsuk-body-s sc-muted">No documents issued yet.</p>;
  return (
    <div className="sc-table-scroll">
      <table className="nhsuk-table nhsuk-table--compact sc-docs-table" id={id}>
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Document</th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Version</th>
            <th scope="col" className="nhsuk-table__header">Issued</th>
            <th scope="col" className="nhsuk-table__header">By</th>
            <th scope="col" className="nhsuk-table__header">Approved when issued</th>
            <th scope="col" className="nhsuk-table__header">SHA-256 of the file</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {docs.map((d, i) => (
            <tr className="nhsuk-table__row" key={`${d.sha256}-${i}`}>
              <td className="nhsuk-table__cell">{DOC_KIND_LABELS[d.kind]}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(d.version)}</td>
              <td className="nhsuk-table__cell sc-nowrap">{d.at_local}</td>
              <td className="nhsuk-table__cell">{d.by}</td>
              <td className="nhsuk-table__cell">{d.approved ? 'Yes' : 'No (draft)'}</td>
              <td className="nhsuk-table__cell">
                <code className="sc-hash">{d.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Recording that the approved request went out: when (now unless changed) and to whom. */
function SendForm({ request, onSent }: { request: RequestView; onSent: (view: RequestView, message: string) => void }) {
  const [at, setAt] = useState('');
  const [to, setTo] = useState('');
  const [now, setNow] = useState(() => londonInputStamp());
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);

  useEffect(() => {
    const t = window.setInterval(() => setNow(londonInputStamp()), 20_000);
    return () => window.clearInterval(t);
  }, []);

  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;
  const submit = () => {
    if (busy) return;
    const list: FieldProblem[] = [];
    if (to.trim() === '') list.push({ target: 'track-sent-to', message: 'Enter who the request was sent to, and how' });
    setProblems(list);
    setGeneral(null);
    if (list.length > 0) return;
    setBusy(true);
    api.requestSend({ request_id: request.id, at, to: to.trim() }).then(
      (view) => {
        setBusy(false);
        onSent(view, `Recorded as sent${view.sent_at_local ? ` at ${view.sent_at_local}` : ''} to ${to.trim()}.`);
      },
      (e: AppError) => {
        setBusy(false);
        const target = e.field === 'at' ? 'track-sent-at' : e.field === 'to' ? 'track-sent-to' : undefined;
        if (target) setProblems([{ target, message: fieldMessage(e) }]);
        else setGeneral(plainError(e));
      },
    );
  };
  const atError = errorFor('track-sent-at');
  const toError = errorFor('track-sent-to');

  return (
    <section aria-labelledby="track-send-heading" className="sc-track-section sc-send">
      <h3 className="nhsuk-heading-s" id="track-send-heading">
        Record as sent
      </h3>
      <p className="nhsuk-body-s">Send the approved PDF (or the email text) the way your region asks, then record here when and to whom it went.</p>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="track-send-error" />}
      {general && <AppErrorSummary error={general} id="track-send-error" />}
      <form
        noValidate
        aria-labelledby="track-send-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className={`nhsuk-form-group${atError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="track-sent-at">
            When it was sent
          </label>
          <div className="nhsuk-hint" id="track-sent-at-hint">
            Europe/London, 24-hour clock. It shows the time now; change it if it went earlier.
          </div>
          {atError && (
            <p className="nhsuk-error-message" id="track-sent-at-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {atError}
            </p>
          )}
          <input
            id="track-sent-at"
            className={`nhsuk-input sc-datetime-input${atError ? ' nhsuk-input--error' : ''}`}
            type="datetime-local"
            value={at === '' ? now : at}
            aria-describedby={`track-sent-at-hint${atError ? ' track-sent-at-error' : ''}`}
            aria-invalid={atError ? true : undefined}
            onChange={(e) => setAt(e.target.value)}
          />
        </div>
        <div className={`nhsuk-form-group${toError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="track-sent-to">
            Sent to, and how
          </label>
          <div className="nhsuk-hint" id="track-sent-to-hint">
            For example: NHS England regional team, by email.
          </div>
          {toError && (
            <p className="nhsuk-error-message" id="track-sent-to-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {toError}
            </p>
          )}
          <input
            id="track-sent-to"
            className={`nhsuk-input nhsuk-input--width-30${toError ? ' nhsuk-input--error' : ''}`}
            type="text"
            autoComplete="off"
            value={to}
            aria-describedby={`track-sent-to-hint${toError ? ' track-sent-to-error' : ''}`}
            aria-invalid={toError ? true : undefined}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button" id="track-send-submit" disabled={busy}>
          {busy ? 'Recording…' : 'Record as sent'}
        </button>
      </form>
    </section>
  );
}

/** A grant's recalls: the form for the shifts not yet recalled, the list, and the calendar. */
function Recalls({
  request,
  canWrite,
  onChanged,
  onRecalled,
}: {
  request: RequestView;
  canWrite: boolean;
  onChanged: (r: RequestView) => void;
  onRecalled: (view: RequestView, message: string) => void;
}) {
  const { busy, done, error, run } = useExport(request, onChanged);
  const calendars = request.documents.filter((d) => d.kind === 'ics');
  return (
    <section aria-labelledby="track-recalls-heading" className="sc-track-section sc-recalls">
      <h3 className="nhsuk-heading-s" id="track-recalls-heading">
        Doctors recalled
      </h3>
      {request.recalls.length === 0 ? (
        <p className="nhsuk-body-s" id="track-no-recalls">
          No doctor has been recorded as recalled yet.
        </p>
      ) : (
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact sc-recall-table" id="track-recalls">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Recalled under the grant ({request.recalls.length})</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Shift</th>
                <th scope="col" className="nhsuk-table__header">Doctor</th>
                <th scope="col" className="nhsuk-table__header">Recorded</th>
                <th scope="col" className="nhsuk-table__header">By</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {request.recalls.map((r) => (
                <tr className="nhsuk-table__row" key={`${r.duty_id}-${r.staff_id}`}>
                  <td className="nhsuk-table__cell">{r.shift}</td>
                  <td className="nhsuk-table__cell">{r.doctor}</td>
                  <td className="nhsuk-table__cell sc-nowrap">{r.at_local}</td>
                  <td className="nhsuk-table__cell">{r.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && <AppErrorSummary error={error} id="track-ics-error" />}
      {canWrite && request.recalls.length > 0 && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          id="track-export-ics"
          disabled={busy !== null}
          aria-busy={busy === 'ics'}
          onClick={() => void run('ics')}
        >
          {busy === 'ics' ? 'Saving…' : 'Save recall calendar (.ics)…'}
        </button>
      )}
      <div role="status" aria-live="polite">
        {done && <ExportSummary result={done.result} idPrefix="track-ics" />}
      </div>
      {calendars.length > 0 && <IssuedDocuments docs={calendars} caption="Recall calendars issued" id="track-calendars" />}
      {canWrite && request.status === 'granted' && <RecallForm request={request} onRecalled={onRecalled} />}
    </section>
  );
}
