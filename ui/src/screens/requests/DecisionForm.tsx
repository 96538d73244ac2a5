import { useEffect, useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { DecisionKind } from '../../bindings/DecisionKind';
import type { RequestView } from '../../bindings/RequestView';
import type { ShiftLine } from '../../bindings/ShiftLine';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import {
  DECISION_HINTS,
  DECISION_LABELS,
  type DecisionForm as Form,
  type DecisionProblems,
  buildDecisionInput,
  plainError,
  reasonRequired,
  weekdayOfUkDate,
} from '../../lib/approval';
import { plural } from '../../lib/format';
import { formatInputStamp, londonInputStamp } from '../../lib/sourcing';

/** A shift in a few words: "Wednesday 03/01/2024, Night, 20:00–08:00". */
export function shiftLabel(s: ShiftLine): string {
  const day = weekdayOfUkDate(s.date);
  return `${day ? `${day} ` : ''}${s.date}, ${s.day_or_night}, ${s.start}–${s.end}`;
}

/**
 * Records what happened to a request: granted (for how many doctors and which shifts: all
 * asked to begin with), declined, withdrawn, not decided by the deadline, or revoked. Offers
 * only `kinds`, the steps the request's status allows.
 */
export function DecisionForm({
  request,
  kinds,
  onDecided,
}: {
  request: RequestView;
  kinds: DecisionKind[];
  onDecided: (view: RequestView, message: string) => void;
}) {
  const content = request.content;
  const allIds = content.shifts.map((s) => s.duty_id);
  const [form, setForm] = useState<Form>(() => ({
    kind: kinds.length === 1 ? kinds[0] : '',
    at: '',
    reason: '',
    doctors: String(content.doctors),
    dutyIds: allIds,
  }));
  const [now, setNow] = useState(() => londonInputStamp());
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);

  // "Now" moves with the clock until a time is typed (the empty value sent means now).
  useEffect(() => {
    const t = window.setInterval(() => setNow(londonInputStamp()), 20_000);
    return () => window.clearInterval(t);
  }, []);

  const kindTarget = `decision-kind-${kinds[0] ?? 'none'}`;
  const shiftsTarget = `decision-shift-${allIds[0] ?? 'none'}`;
  const targets: Record<keyof DecisionProblems, string> = {
    kind: kindTarget,
    reason: 'decision-reason',
    doctors: 'decision-doctors',
    shifts: shiftsTarget,
  };
  const backendTargets: Record<string, string> = {
    kind: kindTarget,
    at: 'decision-at',
    reason: 'decision-reason',
    granted_doctors: 'decision-doctors',
    granted_duty_ids: shiftsTarget,
  };
  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));

  const submit = () => {
    if (busy) return;
    const built = buildDecisionInput(request.id, form, { doctors: content.doctors, dutyIds: allIds });
    const list = (Object.keys(targets) as (keyof DecisionProblems)[])
      .filter((k) => built.problems[k])
      .map((k) => ({ target: targets[k], message: built.problems[k] as string }));
    setProblems(list);
    setGeneral(null);
    if (!built.input) return;
    const input = built.input;
    setBusy(true);
    api.requestDecide(input).then(
      (view) => {
        setBusy(false);
        const when = input.at === '' ? '' : ` at ${formatInputStamp(input.at)}`;
        const scope =
          input.kind === 'granted'
            ? ` for ${plural(input.granted_doctors ?? content.doctors, 'doctor')} and ${plural(input.granted_duty_ids.length, 'shift')} of ${allIds.length}`
            : '';
        onDecided(view, `Recorded as ${DECISION_LABELS[input.kind].toLocaleLowerCase('en-GB')}${scope}${when}.`);
      },
      (e: AppError) => {
        setBusy(false);
        const target = e.field ? backendTargets[e.field] : undefined;
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

  const kindError = errorFor(kindTarget);
  const reasonError = errorFor('decision-reason');
  const doctorsError = errorFor('decision-doctors');
  const shiftsError = errorFor(shiftsTarget);
  const atError = errorFor('decision-at');
  const kind = form.kind;
  // Before it is sent the only step is for the trust to withdraw it: say so plainly.
  const withdrawOnly = kinds.length === 1 && kinds[0] === 'withdrawn';

  return (
    <section aria-labelledby="decision-heading" className="sc-track-section sc-decision">
      <h3 className="nhsuk-heading-s" id="decision-heading">
        {withdrawOnly ? 'Withdraw the request' : 'Record what happened'}
      </h3>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="decision-error" />}
      {general && <AppErrorSummary error={general} id="decision-error" />}
      <form
        noValidate
        aria-labelledby="decision-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className={`nhsuk-form-group${kindError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={kindError ? `${kindTarget}-error` : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What happened?</legend>
            {kindError && (
              <p className="nhsuk-error-message" id={`${kindTarget}-error`}>
                <span className="nhsuk-u-visually-hidden">Error:</span> {kindError}
              </p>
            )}
            <div className="nhsuk-radios nhsuk-radios--small">
              {kinds.map((k) => (
                <div className="nhsuk-radios__item" key={k}>
                  <input
                    className="nhsuk-radios__input"
                    id={`decision-kind-${k}`}
                    name="decision-kind"
                    type="radio"
                    value={k}
                    checked={kind === k}
                    aria-describedby={`decision-kind-${k}-hint`}
                    onChange={() => {
                      patch({ kind: k, reason: '' });
                      setProblems([]);
                    }}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`decision-kind-${k}`}>
                    {DECISION_LABELS[k]}
                  </label>
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`decision-kind-${k}-hint`}>
                    {DECISION_HINTS[k]}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        {kind !== '' && (
          <>
            <div className={`nhsuk-form-group${atError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="decision-at">
                When
              </label>
              <div className="nhsuk-hint" id="decision-at-hint">
                Europe/London, 24-hour clock. It shows the time now; change it if this happened earlier.
              </div>
              {errorText('decision-at')}
              <input
                id="decision-at"
                className={`nhsuk-input sc-datetime-input${atError ? ' nhsuk-input--error' : ''}`}
                type="datetime-local"
                value={form.at === '' ? now : form.at}
                aria-describedby={`decision-at-hint${atError ? ' decision-at-error' : ''}`}
                aria-invalid={atError ? true : undefined}
                onChange={(e) => patch({ at: e.target.value })}
              />
            </div>
            {kind === 'granted' && (
              <>
                <div className={`nhsuk-form-group${doctorsError ? ' nhsuk-form-group--error' : ''}`}>
                  <label className="nhsuk-label" htmlFor="decision-doctors">
                    How many doctors were granted
                  </label>
                  <div className="nhsuk-hint" id="decision-doctors-hint">
                    The request asked for {plural(content.doctors, 'doctor')}.
                  </div>
                  {errorText('decision-doctors')}
                  <input
                    id="decision-doctors"
                    className={`nhsuk-input nhsuk-input--width-3${doctorsError ? ' nhsuk-input--error' : ''}`}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={form.doctors}
                    aria-describedby={`decision-doctors-hint${doctorsError ? ' decision-doctors-error' : ''}`}
                    aria-invalid={doctorsError ? true : undefined}
                    onChange={(e) => patch({ doctors: e.target.value })}
                  />
                </div>
                <div className={`nhsuk-form-group${shiftsError ? ' nhsuk-form-group--error' : ''}`}>
                  <fieldset className="nhsuk-fieldset" aria-describedby={`decision-shifts-hint${shiftsError ? ` ${shiftsTarget}-error` : ''}`}>
                    <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Shifts granted</legend>
                    <div className="nhsuk-hint" id="decision-shifts-hint">
                      All the shifts asked for are ticked. Untick any the grant leaves out.
                    </div>
                    {shiftsError && (
                      <p className="nhsuk-error-message" id={`${shiftsTarget}-error`}>
                        <span className="nhsuk-u-visually-hidden">Error:</span> {shiftsError}
                      </p>
                    )}
                    <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                      {content.shifts.map((s) => (
                        <div className="nhsuk-checkboxes__item" key={s.duty_id}>
                          <input
                            className="nhsuk-checkboxes__input"
                            id={`decision-shift-${s.duty_id}`}
                            type="checkbox"
                            checked={form.dutyIds.includes(s.duty_id)}
                            onChange={(e) =>
                              patch({
                                dutyIds: e.target.checked ? [...form.dutyIds, s.duty_id] : form.dutyIds.filter((id) => id !== s.duty_id),
                              })
                            }
                          />
                          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`decision-shift-${s.duty_id}`}>
                            {shiftLabel(s)}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </div>
              </>
            )}
            <div className={`nhsuk-form-group${reasonError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="decision-reason">
                {kind === 'granted'
                  ? 'Conditions or notes from the BMA (optional)'
                  : kind === 'withdrawn'
                    ? 'Why the trust withdrew it'
                    : kind === 'not_decided'
                      ? 'Notes (optional)'
                      : 'Reason given'}
              </label>
              {errorText('decision-reason')}
              <textarea
                id="decision-reason"
                className={`nhsuk-textarea${reasonError ? ' nhsuk-textarea--error' : ''}`}
                rows={3}
                value={form.reason}
                aria-required={reasonRequired(kind) ? true : undefined}
                aria-describedby={reasonError ? 'decision-reason-error' : undefined}
                aria-invalid={reasonError ? true : undefined}
                onChange={(e) => patch({ reason: e.target.value })}
              />
            </div>
          </>
        )}
        <button type="submit" className="nhsuk-button nhsuk-button--secondary" id="decision-submit" disabled={busy}>
          {busy ? 'Recording…' : withdrawOnly ? 'Withdraw the request' : 'Record decision'}
        </button>
      </form>
    </section>
  );
}
