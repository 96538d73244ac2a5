import { useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { ApprovalBlock } from '../../bindings/ApprovalBlock';
import type { RequestContent } from '../../bindings/RequestContent';
import type { RequestView } from '../../bindings/RequestView';
import type { UserView } from '../../bindings/UserView';
import { AppErrorSummary, ErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import {
  CONSULTANTS_VIEW_LABELS,
  REQUEST_STATUS_LABELS,
  ROLE_LABELS,
  approvalEvents,
  approversOf,
  currentUser,
  lastReturn,
  mayWrite,
  plainError,
  weekdayOfUkDate,
} from '../../lib/approval';
import { formatHours } from '../../lib/dates';
import { plural } from '../../lib/format';
import { useFocusLater } from '../../lib/useFocusLater';
import { useLoad } from '../../lib/useLoad';
import { ChecksPanel } from './ChecksPanel';
import { EvidenceView } from './EvidenceView';

export interface ApprovalPanelProps {
  request: RequestView;
  onChanged: (r: RequestView) => void;
}

/**
 * The medical director's one page: what is asked, the evidence and the checks, the exact
 * version and content hash being approved, then approve (with the approver's own passphrase)
 * or return it to the coordinator with a comment. Past approval, the state of the approval.
 */
export function ApprovalPanel({ request, onChanged }: ApprovalPanelProps) {
  const users = useLoad('users', api.usersList);
  // A confirmation belongs to the request it was about (the panel may be shown another one).
  const [said, setSaid] = useState<{ id: number; text: string } | null>(null);
  const message = said && said.id === request.id ? said.text : null;
  const setMessage = (text: string) => setSaid({ id: request.id, text });
  const focusLater = useFocusLater();

  return (
    <section aria-labelledby="approval-heading" className="sc-approval">
      <h2 className="nhsuk-heading-m" id="approval-heading" tabIndex={-1}>
        Approval
      </h2>
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="approval-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {request.status === 'awaiting_approval' ? (
        <>
          <RequestAsked content={request.content} />
          <section aria-labelledby="approval-evidence-heading" className="sc-approval-section">
            <h3 className="nhsuk-heading-s" id="approval-evidence-heading">
              Evidence that every other source of staff was tried
            </h3>
            <EvidenceView content={request.content} id="approval-evidence" />
          </section>
          <section aria-labelledby="approval-checks-heading" className="sc-approval-section">
            <h3 className="nhsuk-heading-s" id="approval-checks-heading">
              Readiness checks
            </h3>
            <ChecksPanel checks={request.checks} id="approval-checks" />
          </section>
          {users.status === 'loading' && <p className="nhsuk-body">Loading the profiles that may approve…</p>}
          {users.status === 'error' && <AppErrorSummary error={users.error} id="approval-users-error" />}
          {users.status === 'ready' && (
            <ApproveForm
              key={`${request.id}-${request.content.version}-${request.content_hash}`}
              request={request}
              users={users.data}
              onDone={(view, text) => {
                setMessage(text);
                onChanged(view);
                focusLater('approval-heading');
              }}
              onReloaded={(view) => {
                setMessage(`Reloaded: this is version ${view.content.version}, as it stands now.`);
                onChanged(view);
                focusLater('approval-heading');
              }}
            />
          )}
        </>
      ) : (
        <ApprovalState request={request} />
      )}
    </section>
  );
}

/** What the request asks for, every field of it, as the medical director reads it. */
export function RequestAsked({ content }: { content: RequestContent }) {
  const rows: [string, React.ReactNode][] = [
    ['Trust', content.trust],
    ['Walkout', `${content.walkout.name} (${content.walkout.group}), ${content.walkout.starts} to ${content.walkout.ends}`],
    ['Site', content.site],
    ['Department or service', content.department],
    ['Grade or role', content.role],
    ['Number of doctors', plural(content.doctors, 'doctor')],
    ['Duration', content.duration],
    ['Trigger', content.trigger],
    ['Clinical risk', content.clinical_risk],
    ['Internal or critical incident declared', content.incident_declared ? `Yes${content.incident_detail ? `: ${content.incident_detail}` : ''}` : 'No'],
    [
      "Consultants' view",
      `${CONSULTANTS_VIEW_LABELS[content.consultants_view]}${content.consultants_who ? ` (${content.consultants_who})` : ''}`,
    ],
    [
      'Elective work continuing in the service',
      content.elective_continuing === null
        ? 'Not answered'
        : content.elective_continuing
          ? `Yes${content.elective_reason ? `: ${content.elective_reason}` : ''}`
          : 'No',
    ],
    ['Exceptional pre-emptive request', content.pre_emptive_reason === null ? 'No' : `Yes: ${content.pre_emptive_reason}`],
    ['Decision needed by', content.decision_needed_by?.local ?? 'Not given'],
    ['Requesting clinician', content.requesting_clinician],
    ['Contact number', content.contact_phone],
  ];
  return (
    <section aria-labelledby="approval-asked-heading" className="sc-approval-section">
      <h3 className="nhsuk-heading-s" id="approval-asked-heading">
        What is asked ({content.reference}, version {content.version})
      </h3>
      <dl className="nhsuk-summary-list sc-summary-list sc-asked-list" id="approval-asked">
        {rows.map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value sc-prewrap">{value === '' ? <span className="sc-muted">Not given</span> : value}</dd>
          </div>
        ))}
      </dl>
      <div className="sc-table-scroll">
        <table className="nhsuk-table nhsuk-table--compact sc-shift-table" id="approval-shifts">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Shifts asked for ({content.shifts.length})</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Date</th>
              <th scope="col" className="nhsuk-table__header">Day</th>
              <th scope="col" className="nhsuk-table__header">Day or night</th>
              <th scope="col" className="nhsuk-table__header">Shift</th>
              <th scope="col" className="nhsuk-table__header">Start</th>
              <th scope="col" className="nhsuk-table__header">End</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Hours</th>
              <th scope="col" className="nhsuk-table__header">Grade</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {content.shifts.map((s) => (
              <tr className="nhsuk-table__row" key={s.duty_id}>
                <td className="nhsuk-table__cell sc-nowrap">{s.date}</td>
                <td className="nhsuk-table__cell">{weekdayOfUkDate(s.date)}</td>
                <td className="nhsuk-table__cell">{s.day_or_night}</td>
                <td className="nhsuk-table__cell">{s.shift_type}</td>
                <td className="nhsuk-table__cell sc-time">{s.start}</td>
                <td className="nhsuk-table__cell sc-time">{s.end}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric sc-hours">{formatHours(s.hours)}</td>
                <td className="nhsuk-table__cell">{s.grade}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The backend's field names and the controls they point to. */
const FIELD_TARGETS: Record<string, string> = {
  approver: 'approval-approver',
  passphrase: 'approval-passphrase',
  comment: 'approval-comment',
};

function ApproveForm({
  request,
  users,
  onDone,
  onReloaded,
}: {
  request: RequestView;
  users: UserView[];
  onDone: (view: RequestView, message: string) => void;
  onReloaded: (view: RequestView) => void;
}) {
  const me = currentUser(users);
  const approvers = approversOf(users);
  const usable = approvers.filter((u) => u.has_passphrase);
  const [approver, setApprover] = useState(() =>
    me && usable.some((u) => u.username === me.username) ? me.username : usable.length === 1 ? usable[0].username : '',
  );
  const [passphrase, setPassphrase] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'return' | 'reload' | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const version = request.content.version;
  const hash = request.content_hash;

  if (me && !mayWrite(me.role)) {
    return (
      <div className="nhsuk-inset-text" id="approval-read-only">
        <p>
          You are using a viewer profile ({me.display_name}), which can read requests but not approve or return them. A medical
          director or deputy approves with their own passphrase.
        </p>
      </div>
    );
  }
  if (approvers.length === 0) {
    return (
      <div className="nhsuk-warning-callout sc-callout-compact" id="approval-no-approver">
        <h3 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Nobody can approve yet
          </span>
        </h3>
        <p>
          No profile has the medical director&rsquo;s or deputy medical director&rsquo;s role. Add one in Settings → People and
          roles, then set its passphrase there with &ldquo;Set passphrase…&rdquo;.
        </p>
      </div>
    );
  }
  if (usable.length === 0) {
    return (
      <div className="nhsuk-warning-callout sc-callout-compact" id="approval-no-approver">
        <h3 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            No approver has a passphrase yet
          </span>
        </h3>
        <p>
          An approval needs the approver&rsquo;s own passphrase. In Settings → People and roles, choose &ldquo;Set passphrase…&rdquo;
          next to {approvers.map((u) => u.display_name).join(' or ')}, then come back here.
        </p>
      </div>
    );
  }

  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;

  const submit = (approve: boolean) => {
    if (busy) return;
    const list: FieldProblem[] = [];
    if (approver === '') list.push({ target: 'approval-approver', message: 'Choose who is approving' });
    if (passphrase === '') list.push({ target: 'approval-passphrase', message: 'Enter the passphrase of the medical director or deputy chosen' });
    if (!approve && comment.trim() === '') list.push({ target: 'approval-comment', message: 'Enter a comment for the coordinator: what needs to change' });
    setProblems(list);
    setGeneral(null);
    setStale(null);
    if (list.length > 0) return;
    setBusy(approve ? 'approve' : 'return');
    const sent = passphrase;
    // The passphrase is cleared on every attempt, whatever the answer.
    setPassphrase('');
    api
      .requestApprove({
        request_id: request.id,
        version,
        content_hash: hash,
        approver,
        passphrase: sent,
        approve,
        comment: approve ? '' : comment.trim(),
      })
      .then(
        (view) => {
          setBusy(null);
          const who = users.find((u) => u.username === approver)?.display_name ?? approver;
          onDone(
            view,
            approve
              ? `${who} approved version ${version}.`
              : `${who} returned the request to the coordinator with a comment. It is a draft again.`,
          );
        },
        (e: AppError) => {
          setBusy(null);
          if (e.field === 'content_hash' || e.field === 'version') {
            setStale(fieldMessage(e));
            return;
          }
          const target = e.field ? FIELD_TARGETS[e.field] : undefined;
          if (target) setProblems([{ target, message: fieldMessage(e) }]);
          else setGeneral(plainError(e));
        },
      );
  };

  const reload = () => {
    setBusy('reload');
    api.requestGet(request.id).then(
      (view) => {
        setBusy(null);
        onReloaded(view);
      },
      (e: AppError) => {
        setBusy(null);
        setStale(null);
        setGeneral(plainError(e));
      },
    );
  };

  const fieldError = (id: string) => {
    const error = errorFor(id);
    return error ? (
      <p className="nhsuk-error-message" id={`${id}-error`}>
        <span className="nhsuk-u-visually-hidden">Error:</span> {error}
      </p>
    ) : null;
  };

  const approverError = errorFor('approval-approver');
  const passphraseError = errorFor('approval-passphrase');
  const commentError = errorFor('approval-comment');

  return (
    <section aria-labelledby="approval-decide-heading" className="sc-approval-section sc-approve">
      <h3 className="nhsuk-heading-s" id="approval-decide-heading">
        Approve or return
      </h3>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="approval-error" />}
      {general && <AppErrorSummary error={general} id="approval-error" />}
      {stale && (
        <ErrorSummary id="approval-error" title="The request has changed since you opened it">
          <p>{stale}</p>
          <p>Nothing was approved or returned. Reload it and read it again before you decide.</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="approval-reload" onClick={reload} disabled={busy !== null}>
            {busy === 'reload' ? 'Reloading…' : 'Reload the request'}
          </button>
        </ErrorSummary>
      )}
      <div className="nhsuk-inset-text sc-binding" id="approval-binding">
        <p>
          You are approving version {version}, content SHA-256 <code className="sc-hash">{hash}</code>
        </p>
        <p className="nhsuk-body-s">
          The approval records who approved, when, and this hash. Any change to the request afterwards voids it.
        </p>
      </div>
      <form
        noValidate
        aria-labelledby="approval-decide-heading"
        className="sc-approve-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
      >
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who is deciding</legend>
          <div className={`nhsuk-form-group${approverError ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="approval-approver">
              Medical director or deputy
            </label>
            {fieldError('approval-approver')}
            <select
              id="approval-approver"
              className={`nhsuk-select sc-select${approverError ? ' nhsuk-select--error' : ''}`}
              value={approver}
              aria-describedby={approverError ? 'approval-approver-error' : undefined}
              aria-invalid={approverError ? true : undefined}
              onChange={(e) => setApprover(e.target.value)}
            >
              <option value="">Choose a profile</option>
              {approvers.map((u) => (
                <option key={u.username} value={u.username} disabled={!u.has_passphrase}>
                  {u.display_name} ({ROLE_LABELS[u.role]}){u.has_passphrase ? '' : ': no passphrase set'}
                </option>
              ))}
            </select>
          </div>
          <div className={`nhsuk-form-group${passphraseError ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="approval-passphrase">
              Their passphrase
            </label>
            <div className="nhsuk-hint" id="approval-passphrase-hint">
              Only the person chosen above should type it. It is not kept on the screen after you press a button.
            </div>
            {fieldError('approval-passphrase')}
            <input
              id="approval-passphrase"
              className={`nhsuk-input nhsuk-input--width-20${passphraseError ? ' nhsuk-input--error' : ''}`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={passphrase}
              aria-describedby={`approval-passphrase-hint${passphraseError ? ' approval-passphrase-error' : ''}`}
              aria-invalid={passphraseError ? true : undefined}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </div>
        </fieldset>
        <button type="submit" className="nhsuk-button" id="approval-approve" disabled={busy !== null}>
          {busy === 'approve' ? 'Approving…' : 'Approve this version'}
        </button>
        <div className={`nhsuk-form-group${commentError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="approval-comment">
            Comment for the coordinator
          </label>
          <div className="nhsuk-hint" id="approval-comment-hint">
            Needed to return the request: say what is missing or must change. It goes back to draft.
          </div>
          {fieldError('approval-comment')}
          <textarea
            id="approval-comment"
            className={`nhsuk-textarea${commentError ? ' nhsuk-textarea--error' : ''}`}
            rows={3}
            value={comment}
            aria-describedby={`approval-comment-hint${commentError ? ' approval-comment-error' : ''}`}
            aria-invalid={commentError ? true : undefined}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" id="approval-return" disabled={busy !== null} onClick={() => submit(false)}>
          {busy === 'return' ? 'Returning…' : 'Return to the coordinator'}
        </button>
      </form>
    </section>
  );
}

/** The approval block: who, in what role, when, and the hash approved. */
export function ApprovedBlock({ approval }: { approval: ApprovalBlock }) {
  const contact = [approval.phone, approval.email].filter((s) => s !== '').join(', ');
  return (
    <div className="sc-approved-block" id="approval-block">
      <p className="sc-approved-title">
        <strong className="nhsuk-tag nhsuk-tag--green">Approved</strong> Version {approval.version} was approved by {approval.approver}.
      </p>
      <dl className="nhsuk-summary-list sc-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Approved by</dt>
          <dd className="nhsuk-summary-list__value">{approval.approver}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Role</dt>
          <dd className="nhsuk-summary-list__value">{ROLE_LABELS[approval.role]}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">When</dt>
          <dd className="nhsuk-summary-list__value">{approval.at}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Version</dt>
          <dd className="nhsuk-summary-list__value">{approval.version}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Content SHA-256</dt>
          <dd className="nhsuk-summary-list__value">
            <code className="sc-hash">{approval.content_hash}</code>
          </dd>
        </div>
        {contact && (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Contact</dt>
            <dd className="nhsuk-summary-list__value">{contact}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** Where the approval stands when the request is not waiting for it. */
function ApprovalState({ request }: { request: RequestView }) {
  const version = request.content.version;
  const earlier = approvalEvents(request.history).filter((e) => request.approval === null || e.version !== request.approval.version);
  const returned = request.status === 'draft' ? lastReturn(request.history) : null;
  return (
    <div id="approval-state">
      <p className="nhsuk-body" id="approval-status">
        Status: <strong>{REQUEST_STATUS_LABELS[request.status]}</strong>, version {version}.
      </p>
      {request.approval ? (
        <ApprovedBlock approval={request.approval} />
      ) : (
        <div className="nhsuk-inset-text" id="approval-none">
          <p>
            <strong>This version has not been approved.</strong>
            {request.status === 'draft' && ' The coordinator must send it for approval first.'}
          </p>
        </div>
      )}
      {returned && (
        <div className="nhsuk-inset-text sc-returned" id="approval-returned">
          <p>
            {returned.text} on {returned.at_local}
            {returned.comment ? ':' : '.'}
          </p>
          {returned.comment && <blockquote className="sc-prewrap sc-comment">{returned.comment}</blockquote>}
        </div>
      )}
      {earlier.length > 0 && (
        <section aria-labelledby="approval-earlier-heading" className="sc-approval-section">
          <h3 className="nhsuk-heading-s" id="approval-earlier-heading">
            Earlier approvals
          </h3>
          <p className="nhsuk-body-s">An approval applies only to the version approved. These versions have since changed.</p>
          <ul className="nhsuk-list nhsuk-list--bullet" id="approval-earlier">
            {earlier.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                {e.text} ({e.at_local})
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
