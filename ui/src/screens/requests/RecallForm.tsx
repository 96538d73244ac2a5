import { useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { RecallChoice } from '../../bindings/RecallChoice';
import type { RecallDoctor } from '../../bindings/RecallDoctor';
import type { RecallLine } from '../../bindings/RecallLine';
import type { RequestView } from '../../bindings/RequestView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { plainError } from '../../lib/approval';
import { plural } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

/** The doctors for a shift, the one rostered on it first (the backend's order otherwise). */
export function rosteredFirst(doctors: RecallDoctor[]): RecallDoctor[] {
  return [...doctors.filter((d) => d.rostered), ...doctors.filter((d) => !d.rostered)];
}

/** "Asha Patel (1234567, ST4), rostered on this shift". */
export function recallDoctorLabel(d: RecallDoctor): string {
  return `${d.name} (${d.staff_number}, ${d.grade})${d.rostered ? ', rostered on this shift' : ''}`;
}

/**
 * Records which doctors were recalled under a grant, shift by shift: for each granted shift not
 * yet recalled, the doctor rostered on it comes first in the list, then the department's other
 * doctors taking action.
 */
export function RecallForm({ request, onRecalled }: { request: RequestView; onRecalled: (view: RequestView, message: string) => void }) {
  const key = `recall-${request.id}-${request.recalls.length}`;
  const choices = useLoad(key, () => api.requestRecallChoices(request.id));

  return (
    <section aria-labelledby="recall-form-heading" className="sc-track-section sc-recall-form">
      <h4 className="nhsuk-heading-xs" id="recall-form-heading">
        Record who was recalled
      </h4>
      {choices.status === 'loading' && <p className="nhsuk-body">Loading the doctors who may be recalled…</p>}
      {choices.status === 'error' && <AppErrorSummary error={choices.error} id="recall-load-error" />}
      {choices.status === 'ready' && <RecallChoices key={key} request={request} choices={choices.data} onRecalled={onRecalled} />}
    </section>
  );
}

function RecallChoices({
  request,
  choices,
  onRecalled,
}: {
  request: RequestView;
  choices: RecallChoice[];
  onRecalled: (view: RequestView, message: string) => void;
}) {
  const recalled = new Map(request.recalls.map((r) => [r.duty_id, r.doctor]));
  const open = choices.filter((c) => !recalled.has(c.duty_id));
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const granted = request.decision?.kind === 'granted' ? request.decision.granted_doctors : null;

  if (choices.length === 0) {
    return <p className="nhsuk-body">No granted shift is left to recall a doctor for.</p>;
  }
  if (open.length === 0) {
    return <p className="nhsuk-body" id="recall-all-done">Every granted shift has a recalled doctor.</p>;
  }

  const firstTarget = `recall-doctor-${open[0].duty_id}`;
  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;

  const submit = () => {
    if (busy) return;
    const lines: RecallLine[] = open
      .filter((c) => (chosen[c.duty_id] ?? '') !== '')
      .map((c) => ({ duty_id: c.duty_id, staff_id: Number(chosen[c.duty_id]) }));
    const list: FieldProblem[] = [];
    if (lines.length === 0) list.push({ target: firstTarget, message: 'Choose the doctor recalled for at least one shift' });
    setProblems(list);
    setGeneral(null);
    if (list.length > 0) return;
    setBusy(true);
    api.requestRecall({ request_id: request.id, recalls: lines }).then(
      (view) => {
        setBusy(false);
        onRecalled(view, `Recorded ${plural(lines.length, 'recall')}. Those shifts are now covered by derogation.`);
      },
      (e: AppError) => {
        setBusy(false);
        if (e.field === 'recalls' || e.field === 'staff_id' || e.field === 'duty_id') setProblems([{ target: firstTarget, message: fieldMessage(e) }]);
        else setGeneral(plainError(e));
      },
    );
  };

  return (
    <>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="recall-error" />}
      {general && <AppErrorSummary error={general} id="recall-error" />}
      <form
        noValidate
        aria-labelledby="recall-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="nhsuk-body-s">
          {granted !== null ? `The grant is for ${plural(granted, 'doctor')}. ` : ''}
          Choose the doctor asked back for each granted shift; leave a shift as &ldquo;Nobody yet&rdquo; to record it later.
        </p>
        {open.map((c) => {
          const id = `recall-doctor-${c.duty_id}`;
          const error = errorFor(id);
          return (
            <div className={`nhsuk-form-group sc-recall-line${error ? ' nhsuk-form-group--error' : ''}`} key={c.duty_id}>
              <label className="nhsuk-label" htmlFor={id}>
                Doctor recalled for {c.shift}
              </label>
              {error && (
                <p className="nhsuk-error-message" id={`${id}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {error}
                </p>
              )}
              <select
                id={id}
                className={`nhsuk-select sc-select${error ? ' nhsuk-select--error' : ''}`}
                value={chosen[c.duty_id] ?? ''}
                aria-describedby={error ? `${id}-error` : undefined}
                aria-invalid={error ? true : undefined}
                onChange={(e) => setChosen((m) => ({ ...m, [c.duty_id]: e.target.value }))}
              >
                <option value="">Nobody yet</option>
                {rosteredFirst(c.doctors).map((d) => (
                  <option key={d.staff_id} value={String(d.staff_id)}>
                    {recallDoctorLabel(d)}
                  </option>
                ))}
              </select>
              {c.doctors.length === 0 && <p className="nhsuk-body-s sc-muted">No doctor of the department is taking action on this shift.</p>}
            </div>
          );
        })}
        <button type="submit" className="nhsuk-button nhsuk-button--secondary" id="recall-submit" disabled={busy}>
          {busy ? 'Recording…' : 'Record recalls'}
        </button>
      </form>
    </>
  );
}
