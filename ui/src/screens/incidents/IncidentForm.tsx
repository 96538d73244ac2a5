import { useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { GapView } from '../../bindings/GapView';
import type { IncidentView } from '../../bindings/IncidentView';
import type { RequestSummary } from '../../bindings/RequestSummary';
import type { SiteView } from '../../bindings/SiteView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { plainError } from '../../lib/approval';
import { HARMS, HARM_LABELS, type IncidentField, type IncidentForm as Form, buildIncidentInput } from '../../lib/incidents';
import { gapShortLabel } from '../../lib/sourcing';

const TARGETS: Record<IncidentField, string> = {
  at: 'incident-at',
  department: 'incident-department',
  harm: 'incident-harm-none',
  description: 'incident-description',
  reason: 'incident-reason',
};

/** The backend's field names and the control each one is shown on. */
const BACKEND_TARGETS: Record<string, string> = {
  occurred: 'incident-at',
  department_id: 'incident-department',
  duty_id: 'incident-gap',
  request_id: 'incident-request',
  reference: 'incident-reference',
  harm: 'incident-harm-none',
  near_miss: 'incident-near-miss',
  description: 'incident-description',
  change_reason: 'incident-reason',
};

/**
 * Logs an incident, or (with `incidentId`) saves a change as a new version with its reason.
 * The gap list offers the walkout's gaps in the chosen department; choosing a gap chooses its
 * department.
 */
export function IncidentForm({
  walkoutId,
  incidentId,
  initial,
  sites,
  gaps,
  requests,
  onSaved,
  onCancel,
}: {
  walkoutId: number;
  incidentId: number | null;
  initial: Form;
  sites: SiteView[];
  gaps: GapView[];
  requests: RequestSummary[];
  onSaved: (view: IncidentView) => void;
  onCancel: () => void;
}) {
  const editing = incidentId !== null;
  const [form, setForm] = useState<Form>(initial);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));
  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;

  const deptGaps = form.departmentId === '' ? gaps : gaps.filter((g) => String(g.department_id) === form.departmentId);

  const submit = () => {
    if (busy) return;
    const built = buildIncidentInput(walkoutId, form, editing);
    const list = (Object.keys(TARGETS) as IncidentField[])
      .filter((k) => built.problems[k])
      .map((k) => ({ target: TARGETS[k], message: built.problems[k] as string }));
    setProblems(list);
    setGeneral(null);
    if (!built.input) return;
    const input = built.input;
    setBusy(true);
    const saving = incidentId === null ? api.incidentAdd(input) : api.incidentUpdate(incidentId, input);
    saving.then(
      (view) => {
        setBusy(false);
        onSaved(view);
      },
      (e: AppError) => {
        setBusy(false);
        const target = e.field ? BACKEND_TARGETS[e.field] : undefined;
        if (target) setProblems([{ target, message: fieldMessage(e) }]);
        else setGeneral(plainError(e));
      },
    );
  };

  const errorText = (id: string) => {
    const error = errorFor(id);
    return error ? (
      <p className="nhsuk-error-message" id={`${id}-error`}>
        <span className="nhsuk-u-visually-hidden">Error:</span> {error}
      </p>
    ) : null;
  };
  const group = (id: string) => `nhsuk-form-group${errorFor(id) ? ' nhsuk-form-group--error' : ''}`;
  const described = (id: string, hint = false) =>
    [hint ? `${id}-hint` : '', errorFor(id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const harmError = errorFor('incident-harm-none');

  return (
    <section aria-labelledby="incident-form-heading" className="sc-incident-form">
      <h3 className="nhsuk-heading-s" id="incident-form-heading">
        {editing ? `Change incident ${incidentId}` : 'Log an incident'}
      </h3>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="incident-error" />}
      {general && <AppErrorSummary error={general} id="incident-error" />}
      <form
        noValidate
        aria-labelledby="incident-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className={group('incident-at')}>
          <label className="nhsuk-label" htmlFor="incident-at">
            When it happened
          </label>
          <div className="nhsuk-hint" id="incident-at-hint">
            Europe/London, 24-hour clock. From a day before the walkout to a week after it.
          </div>
          {errorText('incident-at')}
          <input
            id="incident-at"
            className={`nhsuk-input sc-datetime-input${errorFor('incident-at') ? ' nhsuk-input--error' : ''}`}
            type="datetime-local"
            value={form.at}
            aria-describedby={described('incident-at', true)}
            aria-invalid={errorFor('incident-at') ? true : undefined}
            onChange={(e) => patch({ at: e.target.value })}
          />
        </div>
        <div className={group('incident-department')}>
          <label className="nhsuk-label" htmlFor="incident-department">
            Department
          </label>
          {errorText('incident-department')}
          <select
            id="incident-department"
            className={`nhsuk-select${errorFor('incident-department') ? ' nhsuk-select--error' : ''}`}
            value={form.departmentId}
            aria-describedby={described('incident-department')}
            aria-invalid={errorFor('incident-department') ? true : undefined}
            onChange={(e) => {
              const departmentId = e.target.value;
              const keep = gaps.some((g) => String(g.duty_id) === form.dutyId && String(g.department_id) === departmentId);
              patch({ departmentId, dutyId: keep ? form.dutyId : '' });
            }}
          >
            <option value="">Choose a department</option>
            {sites.map((s) => (
              <optgroup key={s.id} label={s.name}>
                {s.departments.map((d) => (
                  <option key={d.id} value={String(d.id)}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className={group('incident-gap')}>
          <label className="nhsuk-label" htmlFor="incident-gap">
            The gap it relates to (optional)
          </label>
          <div className="nhsuk-hint" id="incident-gap-hint">
            A shift the walkout left uncovered{form.departmentId === '' ? '' : ' in this department'}.
          </div>
          {errorText('incident-gap')}
          <select
            id="incident-gap"
            className={`nhsuk-select${errorFor('incident-gap') ? ' nhsuk-select--error' : ''}`}
            value={form.dutyId}
            aria-describedby={described('incident-gap', true)}
            aria-invalid={errorFor('incident-gap') ? true : undefined}
            onChange={(e) => {
              const dutyId = e.target.value;
              const g = gaps.find((x) => String(x.duty_id) === dutyId);
              patch({ dutyId, departmentId: g ? String(g.department_id) : form.departmentId });
            }}
          >
            <option value="">No particular shift</option>
            {deptGaps.map((g) => (
              <option key={g.duty_id} value={String(g.duty_id)}>
                {gapShortLabel(g)}
              </option>
            ))}
          </select>
        </div>
        <div className={group('incident-request')}>
          <label className="nhsuk-label" htmlFor="incident-request">
            The derogation request it relates to (optional)
          </label>
          {errorText('incident-request')}
          <select
            id="incident-request"
            className={`nhsuk-select${errorFor('incident-request') ? ' nhsuk-select--error' : ''}`}
            value={form.requestId}
            aria-describedby={described('incident-request')}
            aria-invalid={errorFor('incident-request') ? true : undefined}
            onChange={(e) => patch({ requestId: e.target.value })}
          >
            <option value="">No request</option>
            {requests.map((r) => (
              <option key={r.id} value={String(r.id)}>
                {`${r.reference}: ${r.department}, ${r.site} (${r.status.replace(/_/g, ' ')})`}
              </option>
            ))}
          </select>
        </div>
        <div className={group('incident-reference')}>
          <label className="nhsuk-label" htmlFor="incident-reference">
            LFPSE or Datix reference (optional)
          </label>
          <div className="nhsuk-hint" id="incident-reference-hint">
            Add it later if the incident has not been reported there yet.
          </div>
          {errorText('incident-reference')}
          <input
            id="incident-reference"
            className={`nhsuk-input nhsuk-input--width-20${errorFor('incident-reference') ? ' nhsuk-input--error' : ''}`}
            type="text"
            autoComplete="off"
            value={form.reference}
            aria-describedby={described('incident-reference', true)}
            aria-invalid={errorFor('incident-reference') ? true : undefined}
            onChange={(e) => patch({ reference: e.target.value })}
          />
        </div>
        <div className={group('incident-harm-none')}>
          <fieldset className="nhsuk-fieldset" aria-describedby={harmError ? 'incident-harm-none-error' : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Harm</legend>
            {errorText('incident-harm-none')}
            <div className="nhsuk-radios nhsuk-radios--small">
              {HARMS.map((h) => (
                <div className="nhsuk-radios__item" key={h}>
                  <input
                    className="nhsuk-radios__input"
                    id={`incident-harm-${h}`}
                    name="incident-harm"
                    type="radio"
                    value={h}
                    checked={form.harm === h}
                    onChange={() => patch({ harm: h })}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`incident-harm-${h}`}>
                    {HARM_LABELS[h]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={group('incident-near-miss')}>
          {errorText('incident-near-miss')}
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="incident-near-miss"
                type="checkbox"
                checked={form.nearMiss}
                aria-describedby="incident-near-miss-hint"
                onChange={(e) => patch({ nearMiss: e.target.checked, harm: e.target.checked && form.harm === '' ? 'none' : form.harm })}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="incident-near-miss">
                Near miss
              </label>
              <div className="nhsuk-hint nhsuk-checkboxes__hint" id="incident-near-miss-hint">
                It was caught before it reached a patient (so it caused no harm).
              </div>
            </div>
          </div>
        </div>
        <div className={group('incident-description')}>
          <label className="nhsuk-label" htmlFor="incident-description">
            What happened
          </label>
          {errorText('incident-description')}
          <textarea
            id="incident-description"
            className={`nhsuk-textarea${errorFor('incident-description') ? ' nhsuk-textarea--error' : ''}`}
            rows={4}
            value={form.description}
            aria-describedby={described('incident-description')}
            aria-invalid={errorFor('incident-description') ? true : undefined}
            onChange={(e) => patch({ description: e.target.value })}
          />
        </div>
        {editing && (
          <div className={group('incident-reason')}>
            <label className="nhsuk-label" htmlFor="incident-reason">
              Why you are changing it
            </label>
            <div className="nhsuk-hint" id="incident-reason-hint">
              Kept with the new version. The earlier versions stay on record.
            </div>
            {errorText('incident-reason')}
            <textarea
              id="incident-reason"
              className={`nhsuk-textarea${errorFor('incident-reason') ? ' nhsuk-textarea--error' : ''}`}
              rows={2}
              value={form.reason}
              aria-describedby={described('incident-reason', true)}
              aria-invalid={errorFor('incident-reason') ? true : undefined}
              onChange={(e) => patch({ reason: e.target.value })}
            />
          </div>
        )}
        <div className="sc-button-row">
          <button type="submit" className="nhsuk-button" id="incident-submit" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save a new version' : 'Log incident'}
          </button>{' '}
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
