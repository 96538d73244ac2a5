import { useEffect, useRef, useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { RequestContent } from '../../bindings/RequestContent';
import type { RequestView } from '../../bindings/RequestView';
import type { ShiftLine } from '../../bindings/ShiftLine';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { CONSULTANTS_VIEW_LABELS, ROLE_LABELS, currentUser, mayWrite, plainError, weekdayOfUkDate } from '../../lib/approval';
import { formatHours } from '../../lib/dates';
import { plural } from '../../lib/format';
import {
  CONSULTANTS_CHOICES,
  type Elective,
  REQUEST_STATUS_LABELS,
  type RequestForm,
  type RequestProblems,
  buildRequestInput,
  editVoidsApproval,
  failingChecks,
  formChanged,
  formFromInput,
  inputFromView,
  inputToUkStamp,
  mayEdit,
} from '../../lib/requests';
import { useFocusLater } from '../../lib/useFocusLater';
import { useLoad } from '../../lib/useLoad';

/** The control each backend field names (the error summary links there). */
const BACKEND_FIELDS: Record<string, string> = {
  role: 'req-role',
  doctors: 'req-doctors',
  trigger: 'req-trigger',
  clinical_risk: 'req-clinical-risk',
  incident_declared: 'req-incident-yes',
  incident_detail: 'req-incident-detail',
  consultants_view: 'req-consultants-unsafe',
  consultants_who: 'req-consultants-who',
  elective_continuing: 'req-elective-yes',
  elective_reason: 'req-elective-reason',
  pre_emptive_reason: 'req-pre-emptive-reason',
  decision_needed_by: 'req-deadline',
  requesting_clinician: 'req-clinician',
  contact_phone: 'req-phone',
  duty_ids: 'req-shifts',
};

const CLIENT_FIELDS: Record<keyof RequestProblems, string> = {
  doctors: 'req-doctors',
  preEmptiveReason: 'req-pre-emptive-reason',
  deadline: 'req-deadline',
  shifts: 'req-shifts',
};

/** "Wed 03/01/2024 Night 20:00–08:00". */
export function shiftText(s: ShiftLine): string {
  const day = weekdayOfUkDate(s.date).slice(0, 3);
  return `${day ? `${day} ` : ''}${s.date} ${s.day_or_night} ${s.start}–${s.end}`;
}

/**
 * The request's own fields (what the coordinator fills in): the form for a request that may still
 * change, with "Save changes" (a new version; warned first when that voids an approval) and
 * "Send for approval" (only when no check fails); the values alone, without any input, once the
 * request is past approval or for a viewer.
 */
export function RequestEditor({ request, onChanged }: { request: RequestView; onChanged: (r: RequestView) => void }) {
  const users = useLoad('users', api.usersList);
  const me = users.status === 'ready' ? currentUser(users.data) : null;
  const viewer = me !== null && !mayWrite(me.role);
  const editable = mayEdit(request.status) && !viewer;
  // A confirmation belongs to the request it was about (the editor may be shown another one).
  const [said, setSaid] = useState<{ id: number; text: string } | null>(null);
  const message = said && said.id === request.id ? said.text : null;
  const focusLater = useFocusLater();

  return (
    <section aria-labelledby="request-form-heading" className="sc-request-form">
      <h2 className="nhsuk-heading-m" id="request-form-heading" tabIndex={-1}>
        What is asked
      </h2>
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="request-form-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {viewer && me && (
        <div className="nhsuk-inset-text" id="request-read-only">
          <p>
            You are using a {ROLE_LABELS[me.role].toLocaleLowerCase('en-GB')} profile ({me.display_name}): you can read this request but not
            change it.
          </p>
        </div>
      )}
      {!viewer && !mayEdit(request.status) && (
        <div className="nhsuk-inset-text" id="request-read-only">
          <p>
            This request is {REQUEST_STATUS_LABELS[request.status].toLocaleLowerCase('en-GB')} and can no longer be changed. If more cover is
            needed, build a new request from the gaps.
          </p>
        </div>
      )}
      {users.status === 'error' && <AppErrorSummary error={users.error} id="request-users-error" />}
      {users.status === 'loading' ? (
        <p className="nhsuk-body" role="status">
          Loading…
        </p>
      ) : editable ? (
        <EditorForm
          key={`${request.id}-${request.content.version}-${request.status}`}
          request={request}
          onDone={(view, text) => {
            setSaid({ id: request.id, text });
            onChanged(view);
            focusLater('request-form-heading');
          }}
        />
      ) : (
        <RequestValues content={request.content} />
      )}
    </section>
  );
}

/** A value, or "Not given" when it is empty. */
function Value({ text }: { text: string }) {
  return text.trim() === '' ? <span className="sc-muted">Not given</span> : <span className="sc-prewrap">{text}</span>;
}

function Row({ label, children, id }: { label: string; children: React.ReactNode; id?: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" id={id}>
        {children}
      </dd>
    </div>
  );
}

/** The request as it stands, without any input. */
function RequestValues({ content: c }: { content: RequestContent }) {
  return (
    <>
      <dl className="nhsuk-summary-list sc-summary-list sc-request-values" id="request-values">
        <Row label="Trust">
          <Value text={c.trust} />
        </Row>
        <Row label="Site and department">
          {c.department}, {c.site}
        </Row>
        <Row label="Grade or role">
          <Value text={c.role} />
        </Row>
        <Row label="Number of doctors">{c.doctors}</Row>
        <Row label="Duration">{c.duration}</Row>
        <Row label="Trigger">
          <Value text={c.trigger} />
        </Row>
        <Row label="Clinical risk">
          <Value text={c.clinical_risk} />
        </Row>
        <Row label="Internal or critical incident declared">
          {c.incident_declared ? (
            <>
              Yes
              {c.incident_detail.trim() !== '' && <span className="sc-block sc-prewrap">{c.incident_detail}</span>}
            </>
          ) : (
            'No'
          )}
        </Row>
        <Row label="Consultants' view">
          {CONSULTANTS_VIEW_LABELS[c.consultants_view]}
          {c.consultants_who.trim() !== '' && <span className="sc-block">Given by: {c.consultants_who}</span>}
        </Row>
        <Row label="Elective work continuing in the service">
          {c.elective_continuing === null ? (
            <span className="sc-muted">Not answered</span>
          ) : c.elective_continuing ? (
            <>
              Yes
              {c.elective_reason.trim() !== '' && <span className="sc-block sc-prewrap">Reason: {c.elective_reason}</span>}
            </>
          ) : (
            'No'
          )}
        </Row>
        <Row label="Exceptional pre-emptive request">{c.pre_emptive_reason ? <>Yes: {c.pre_emptive_reason}</> : 'No'}</Row>
        <Row label="Decision needed by">{c.decision_needed_by ? c.decision_needed_by.local : <span className="sc-muted">Not given</span>}</Row>
        <Row label="Requesting clinician">
          <Value text={c.requesting_clinician} />
        </Row>
        <Row label="Contact number">
          <Value text={c.contact_phone} />
        </Row>
      </dl>
      <ShiftTable shifts={c.shifts} />
    </>
  );
}

/** The shifts asked for; with `kept` and `onToggle`, each with a button to remove it (or put it back). */
function ShiftTable({
  shifts,
  kept,
  onToggle,
  error,
}: {
  shifts: ShiftLine[];
  kept?: number[];
  onToggle?: (dutyId: number) => void;
  error?: string;
}) {
  const removed = kept ? shifts.filter((s) => !kept.includes(s.duty_id)).length : 0;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <div className="sc-table-scroll" id="req-shifts" tabIndex={-1} aria-describedby={error ? 'req-shifts-error' : undefined}>
        {error && (
          <p className="nhsuk-error-message" id="req-shifts-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </p>
        )}
        <table className="nhsuk-table nhsuk-table--compact sc-shift-table" id="req-shift-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Shifts asked for ({plural(shifts.length - removed, 'shift')}
            {removed > 0 ? `; ${removed} to remove when you save` : ''})
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Date</th>
              <th scope="col" className="nhsuk-table__header">Day or night</th>
              <th scope="col" className="nhsuk-table__header">Shift</th>
              <th scope="col" className="nhsuk-table__header">Start–end</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Hours</th>
              <th scope="col" className="nhsuk-table__header">Grade</th>
              {onToggle && (
                <th scope="col" className="nhsuk-table__header">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {shifts.map((s) => {
              const out = kept ? !kept.includes(s.duty_id) : false;
              return (
                <tr className={`nhsuk-table__row${out ? ' sc-shift-removed' : ''}`} key={s.duty_id} data-testid="request-shift">
                  <td className="nhsuk-table__cell sc-nowrap">
                    {weekdayOfUkDate(s.date).slice(0, 3)} {s.date}
                  </td>
                  <td className="nhsuk-table__cell">{s.day_or_night}</td>
                  <td className="nhsuk-table__cell">{s.shift_type}</td>
                  <td className="nhsuk-table__cell sc-nowrap">
                    {s.start}–{s.end}
                  </td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatHours(s.hours)}</td>
                  <td className="nhsuk-table__cell">{s.grade}</td>
                  {onToggle && (
                    <td className="nhsuk-table__cell">
                      {out && <strong className="nhsuk-tag nhsuk-tag--grey sc-tag-small sc-removed-tag">Removed</strong>}{' '}
                      <button
                        type="button"
                        className="sc-tool-button sc-row-button"
                        id={`req-shift-${s.duty_id}`}
                        aria-label={`${out ? 'Put back' : 'Remove'} the shift ${shiftText(s)}`}
                        onClick={() => onToggle(s.duty_id)}
                      >
                        {out ? 'Put back' : 'Remove'}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list === '' ? undefined : list;
}

function ErrorLine({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </p>
  );
}

function TextField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
  type = 'text',
  className = '',
  autoComplete = 'off',
  inputMode,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  type?: string;
  className?: string;
  autoComplete?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode'];
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorLine id={id} error={error} />
      <input
        id={id}
        type={type}
        className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}${className ? ` ${className}` : ''}`}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={false}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function TextArea({
  id,
  label,
  hint,
  value,
  error,
  onChange,
  rows = 3,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  rows?: number;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorLine id={id} error={error} />
      <textarea
        id={id}
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        rows={rows}
        value={value}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Radios<T extends string>({
  name,
  legend,
  hint,
  value,
  options,
  error,
  onChange,
  children,
}: {
  name: string;
  legend: string;
  hint?: string;
  value: T;
  options: { value: T; label: string; id: string }[];
  error?: string;
  onChange: (v: T) => void;
  /** Shown under the choices (a conditional question). */
  children?: React.ReactNode;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(hint && `${name}-hint`, error && `${name}-error`)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${name}-hint`}>
            {hint}
          </div>
        )}
        <ErrorLine id={name} error={error} />
        <div className="nhsuk-radios nhsuk-radios--small">
          {options.map((o) => (
            <div className="nhsuk-radios__item" key={o.value}>
              <input
                className="nhsuk-radios__input"
                id={o.id}
                name={name}
                type="radio"
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={o.id}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
        {children && <div className="sc-conditional">{children}</div>}
      </fieldset>
    </div>
  );
}

type Busy = 'saving' | 'submitting' | null;

function EditorForm({ request, onDone }: { request: RequestView; onDone: (view: RequestView, message: string) => void }) {
  const base = inputFromView(request);
  const [initial] = useState(() => formFromInput(base));
  const [form, setForm] = useState<RequestForm>(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const version = request.content.version;
  const voids = editVoidsApproval(request.status);
  const dirty = formChanged(form, initial, base);
  const failing = failingChecks(request.checks);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const set = (patch: Partial<RequestForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setNote(null);
  };
  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;

  /** Checks the form; the input to send, or null with the problems shown. */
  const checked = () => {
    const built = buildRequestInput(form, base);
    const list = (Object.keys(CLIENT_FIELDS) as (keyof RequestProblems)[])
      .filter((k) => built.problems[k])
      .map((k) => ({ target: CLIENT_FIELDS[k], message: built.problems[k] as string }));
    setProblems(list);
    setGeneral(null);
    return built.input;
  };

  const showError = (e: AppError) => {
    const target = e.field ? BACKEND_FIELDS[e.field] : undefined;
    if (target) {
      setProblems([{ target, message: fieldMessage(e) }]);
      setGeneral(null);
    } else {
      setProblems([]);
      setGeneral(e.field ? plainError(e) : e);
    }
  };

  const save = (confirmed: boolean) => {
    if (busy) return;
    setNote(null);
    const input = checked();
    if (!input) {
      setConfirming(false);
      return;
    }
    if (!dirty) {
      setConfirming(false);
      setNote(`Nothing has changed since version ${version} was saved.`);
      return;
    }
    if (voids && !confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setBusy('saving');
    api.requestUpdate(request.id, input).then(
      (view) => {
        setBusy(null);
        const next = view.content.version;
        let text = next === version ? `Nothing changed: this is still version ${version}.` : `Saved as version ${next}.`;
        if (next !== version && request.status === 'approved') {
          text += ` The approval of version ${version} no longer applies: send the request for approval again.`;
        } else if (next !== version && request.status === 'awaiting_approval') {
          text += ' It is back in draft: send it for approval again.';
        }
        onDone(view, text);
      },
      (e: unknown) => {
        setBusy(null);
        showError(toAppError(e));
      },
    );
  };

  const submit = () => {
    if (busy) return;
    setNote(null);
    setProblems([]);
    setGeneral(null);
    setBusy('submitting');
    api.requestSubmit(request.id, version).then(
      (view) => {
        setBusy(null);
        const changed = view.content.version !== version ? ` The evidence had changed in the attempt log, so this is now version ${view.content.version}.` : '';
        onDone(view, `Version ${view.content.version} sent for approval.${changed} A medical director or deputy can approve it on the Approval tab.`);
      },
      (e: unknown) => {
        const error = toAppError(e);
        if (error.field !== 'content_hash') {
          setBusy(null);
          showError(error);
          return;
        }
        // Changed elsewhere since it was opened: show it as it stands now, to be read again.
        api.requestGet(request.id).then(
          (view) => {
            setBusy(null);
            onDone(view, `The request changed since you opened it: this is version ${view.content.version} as it stands now. Read it again before sending it for approval.`);
          },
          () => {
            setBusy(null);
            showError(error);
          },
        );
      },
    );
  };

  const submitBlocked =
    failing.length > 0
      ? `It cannot be sent for approval while ${failing.length === 1 ? 'a check fails' : `${failing.length} checks fail`}: ${failing.map((c) => c.name).join('; ')}. Put ${failing.length === 1 ? 'it' : 'them'} right first (see the readiness checks).`
      : dirty
        ? 'Save your changes first: what goes for approval is the saved version.'
        : !request.can_submit
          ? 'It cannot be sent for approval now.'
          : null;

  const deadlineShown = inputToUkStamp(form.deadline);

  return (
    <form
      noValidate
      className="sc-request-editor"
      aria-labelledby="request-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save(false);
      }}
    >
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="request-form-errors" />}
      {general && <AppErrorSummary error={general} id="request-form-error" />}
      {voids && (
        <div className="nhsuk-inset-text sc-void-note" id="request-void-note">
          <p>
            {request.status === 'approved'
              ? `Version ${version} is approved. Any change you save makes a new version that is no longer approved: it must be approved again before it is sent.`
              : `Version ${version} is awaiting approval. Any change you save makes a new version and puts the request back in draft.`}
          </p>
        </div>
      )}

      {request.log_changed && request.status === 'draft' && (
        <div className="nhsuk-inset-text" id="request-log-changed" role="status">
          <p>
            The attempt log has changed since version {version} was saved. Sending it for approval saves a new version with the
            evidence as it now stands.
          </p>
        </div>
      )}

      <TextField
        id="req-role"
        label="Grade or role"
        hint="As the request will say it, for example “ST3+ emergency medicine registrar” or “one junior doctor”."
        value={form.role}
        error={errorFor('req-role')}
        onChange={(role) => set({ role })}
      />
      <TextField
        id="req-doctors"
        label="Number of doctors"
        value={form.doctors}
        error={errorFor('req-doctors')}
        inputMode="numeric"
        className="nhsuk-input--width-3"
        onChange={(doctors) => set({ doctors })}
      />
      <TextArea
        id="req-trigger"
        label="What triggered the request"
        hint="Why cover is still missing after every source was tried."
        value={form.trigger}
        error={errorFor('req-trigger')}
        onChange={(trigger) => set({ trigger })}
      />
      <TextArea
        id="req-clinical-risk"
        label="Clinical risk"
        hint="Which patients are at risk, and what harm is expected without these doctors."
        value={form.clinicalRisk}
        error={errorFor('req-clinical-risk')}
        rows={4}
        onChange={(clinicalRisk) => set({ clinicalRisk })}
      />

      <Radios
        name="req-incident"
        legend="Has an internal or critical incident been declared?"
        value={form.incident}
        error={errorFor('req-incident-yes')}
        options={[
          { value: 'yes', label: 'Yes', id: 'req-incident-yes' },
          { value: 'no', label: 'No', id: 'req-incident-no' },
        ]}
        onChange={(incident) => set({ incident })}
      >
        {form.incident === 'yes' && (
          <TextArea
            id="req-incident-detail"
            label="Which incident, when it was declared, and its reference"
            value={form.incidentDetail}
            error={errorFor('req-incident-detail')}
            rows={2}
            onChange={(incidentDetail) => set({ incidentDetail })}
          />
        )}
      </Radios>

      <Radios
        name="req-consultants"
        legend="Do the department's consultants agree the service is unsafe without these doctors?"
        hint="Requests were refused where the consultants said the service was safe."
        value={form.consultantsView}
        error={errorFor('req-consultants-unsafe')}
        options={CONSULTANTS_CHOICES.map((c) => ({ ...c, id: `req-consultants-${c.value.replace('_', '-')}` }))}
        onChange={(consultantsView) => set({ consultantsView })}
      >
        {form.consultantsView !== 'not_recorded' && (
          <TextField
            id="req-consultants-who"
            label="Who gave this view, and when"
            hint="For example “Dr R Evans, clinical lead, 03/01/2024 08:30”."
            value={form.consultantsWho}
            error={errorFor('req-consultants-who')}
            onChange={(consultantsWho) => set({ consultantsWho })}
          />
        )}
      </Radios>

      <Radios<Elective>
        name="req-elective"
        legend="Does non-urgent elective work continue in the service?"
        hint="The BMA treats continuing elective work as grounds to refuse."
        value={form.elective}
        error={errorFor('req-elective-yes')}
        options={[
          { value: 'yes', label: 'Yes', id: 'req-elective-yes' },
          { value: 'no', label: 'No, it has stopped', id: 'req-elective-no' },
          { value: 'unanswered', label: 'Not answered yet', id: 'req-elective-unanswered' },
        ]}
        onChange={(elective) => set({ elective })}
      >
        {form.elective === 'yes' && (
          <TextArea
            id="req-elective-reason"
            label="Why it continues"
            hint="For example: cancer surgery that cannot wait."
            value={form.electiveReason}
            error={errorFor('req-elective-reason')}
            rows={2}
            onChange={(electiveReason) => set({ electiveReason })}
          />
        )}
      </Radios>

      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Before the strike starts</legend>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="req-pre-emptive"
                type="checkbox"
                checked={form.preEmptive}
                aria-describedby="req-pre-emptive-hint"
                onChange={(e) => set({ preEmptive: e.target.checked })}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="req-pre-emptive">
                This is an exceptional pre-emptive request
              </label>
              <div className="nhsuk-hint nhsuk-checkboxes__hint" id="req-pre-emptive-hint">
                Requests are expected once the strike is under way. Tick this only if the request cannot wait, and say why.
              </div>
            </div>
          </div>
          {form.preEmptive && (
            <div className="sc-conditional">
              <TextArea
                id="req-pre-emptive-reason"
                label="Why it cannot wait until the strike has started"
                value={form.preEmptiveReason}
                error={errorFor('req-pre-emptive-reason')}
                rows={2}
                onChange={(preEmptiveReason) => set({ preEmptiveReason })}
              />
            </div>
          )}
        </fieldset>
      </div>

      <div className={`nhsuk-form-group${errorFor('req-deadline') ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="req-deadline">
          Decision needed by
        </label>
        <div className="nhsuk-hint" id="req-deadline-hint">
          UK time. NHS England asks every request to state it; the deadline check fails until it is given.
        </div>
        <ErrorLine id="req-deadline" error={errorFor('req-deadline')} />
        <input
          id="req-deadline"
          type="datetime-local"
          className={`nhsuk-input sc-datetime-input${errorFor('req-deadline') ? ' nhsuk-input--error' : ''}`}
          value={form.deadline}
          aria-describedby={describedBy('req-deadline-hint', 'req-deadline-shown', errorFor('req-deadline') && 'req-deadline-error')}
          aria-invalid={errorFor('req-deadline') ? true : undefined}
          onChange={(e) => set({ deadline: e.target.value })}
        />
        <p className="nhsuk-body-s sc-deadline-shown" id="req-deadline-shown">
          {deadlineShown ? `Decision needed by ${deadlineShown}` : 'No deadline given yet'}
        </p>
      </div>

      <TextField
        id="req-clinician"
        label="Requesting clinician"
        hint="Name and role, for example “Dr R Evans, Clinical Lead, Emergency Medicine”."
        value={form.clinician}
        error={errorFor('req-clinician')}
        onChange={(clinician) => set({ clinician })}
      />
      <TextField
        id="req-phone"
        label="Contact number"
        hint="A number the BMA can call about this request."
        type="tel"
        value={form.phone}
        error={errorFor('req-phone')}
        className="nhsuk-input--width-20"
        onChange={(phone) => set({ phone })}
      />

      <ShiftTable
        shifts={request.content.shifts}
        kept={form.dutyIds}
        error={errorFor('req-shifts')}
        onToggle={(id) => set({ dutyIds: form.dutyIds.includes(id) ? form.dutyIds.filter((d) => d !== id) : [...form.dutyIds, id] })}
      />

      {confirming && (
        <div className="nhsuk-warning-callout sc-void-warning" id="request-void-warning">
          <h3 className="nhsuk-warning-callout__label" id="request-void-heading" tabIndex={-1} ref={confirmRef}>
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {request.status === 'approved' ? 'Saving voids the approval' : 'Saving returns the request to draft'}
            </span>
          </h3>
          <p>
            {request.status === 'approved'
              ? `Version ${version} was approved${request.approval ? ` by ${request.approval.approver} on ${request.approval.at}` : ''}. Saving your changes makes version ${version + 1}: the approval will no longer apply, and the request must be sent for approval and approved again before it can be sent.`
              : `Version ${version} is awaiting approval. Saving your changes makes version ${version + 1} and puts the request back in draft: it must be sent for approval again.`}
          </p>
          <div className="sc-inline">
            <button type="button" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" id="request-void-confirm" onClick={() => save(true)}>
              {request.status === 'approved' ? 'Save and void the approval' : 'Save and return it to draft'}
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => {
                setConfirming(false);
                document.getElementById('request-save')?.focus();
              }}
            >
              Keep editing
            </button>
          </div>
        </div>
      )}

      <div className="sc-form-actions">
        <div role="status" aria-live="polite" className="sc-status-slot">
          {note && <p className="nhsuk-body sc-inline-status">{note}</p>}
        </div>
        <div className="sc-inline">
          <button type="submit" className="nhsuk-button" id="request-save" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save changes'}
          </button>
          {request.status === 'draft' && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              id="request-submit"
              disabled={busy !== null || submitBlocked !== null}
              aria-describedby={submitBlocked ? 'request-submit-blocked' : undefined}
              onClick={submit}
            >
              {busy === 'submitting' ? 'Sending for approval…' : 'Send for approval'}
            </button>
          )}
        </div>
        {request.status === 'draft' && submitBlocked && (
          <p className="nhsuk-body-s sc-submit-blocked" id="request-submit-blocked">
            {submitBlocked}
          </p>
        )}
        {request.status === 'awaiting_approval' && (
          <p className="nhsuk-body-s" id="request-submit-state">
            Version {version} is awaiting approval by a medical director or deputy (Approval tab).
          </p>
        )}
        {request.status === 'approved' && (
          <p className="nhsuk-body-s" id="request-submit-state">
            Version {version} is approved: export it and record when it was sent on the “Send and track” tab.
          </p>
        )}
      </div>
    </form>
  );
}
