import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../api/errors';
import type { GapSourcingView } from '../../bindings/GapSourcingView';
import type { RungView } from '../../bindings/RungView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { gapShortLabel } from '../../lib/sourcing';
import { useFocusLater } from '../../lib/useFocusLater';
import { ReasonForm } from './ReasonForm';

/** A fill of a doctor who breaks a rule, refused until the user gives a reason to override. */
export interface OverrideRequest {
  dutyId: number;
  who: string;
  /** The backend's message, listing the rules the doctor breaks. */
  message: string;
}

const OUTSIDE_FIELDS: Record<string, string> = {
  external_name: 'fill-external-name',
  external_org: 'fill-external-org',
  rung_code: 'fill-external-rung',
};

/**
 * The override box: a fill of a doctor who breaks a rule was refused; the backend's message
 * (the rules, with the numbers) as a warning, and the reason to give to fill anyway.
 */
export function OverrideBox({
  override,
  busy,
  error,
  onOverride,
  onCancel,
}: {
  override: OverrideRequest;
  busy: boolean;
  error: string | null;
  onOverride: (reason: string) => void;
  onCancel: () => void;
}) {
  return (
    <div className="nhsuk-warning-callout sc-override" id="fill-override">
      <h4 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {override.who} breaks a working-time rule
        </span>
      </h4>
      <p id="fill-override-message">{override.message}</p>
      <ReasonForm
        id="fill-override-reason"
        label="Reason for overriding"
        hint="Recorded with your name, and shown as a warning on any request for this gap."
        submitLabel={`Fill with ${override.who} anyway`}
        missingMessage="Enter the reason for overriding the rules"
        busy={busy}
        error={error}
        onSubmit={onOverride}
        onCancel={onCancel}
      />
    </div>
  );
}

/** Covering the gap the candidate list shows from outside the rota (a bank or agency locum, mutual aid), by name. */
export function FillPanel({
  gap,
  several,
  rungs,
  formRung,
  busy,
  onOutside,
}: {
  gap: GapSourcingView;
  several: boolean;
  rungs: RungView[];
  formRung: string;
  busy: boolean;
  onOutside: (name: string, org: string, rung: string) => Promise<AppError | null>;
}) {
  if (gap.fill) return null;
  return (
    <section aria-labelledby="fill-heading" className="sc-sourcing-section sc-fill">
      <h3 className="nhsuk-heading-s" id="fill-heading">
        Cover {several ? `for ${gapShortLabel(gap.gap)}` : 'this gap'}
      </h3>
      <OutsideForm key={gap.gap.duty_id} rungs={rungs} formRung={formRung} busy={busy} onOutside={onOutside} />
    </section>
  );
}

function OutsideForm({
  rungs,
  formRung,
  busy,
  onOutside,
}: {
  rungs: RungView[];
  formRung: string;
  busy: boolean;
  onOutside: (name: string, org: string, rung: string) => Promise<AppError | null>;
}) {
  const initialRung = rungs.some((r) => r.code === 'locum') ? 'locum' : formRung;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [rung, setRung] = useState(initialRung);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  useEffect(() => {
    if (open) nameRef.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" className="sc-tool-button" id="fill-outside-open" aria-expanded={false} onClick={() => setOpen(true)}>
        Cover from outside the rota…
      </button>
    );
  }

  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;
  const submit = () => {
    const list: FieldProblem[] = [];
    if (name.trim() === '') list.push({ target: 'fill-external-name', message: 'Enter the name of who covers the shift' });
    if (rung === '') list.push({ target: 'fill-external-rung', message: 'Choose the rung the cover came from' });
    setProblems(list);
    setGeneral(null);
    if (list.length > 0) return;
    void onOutside(name.trim(), org.trim(), rung).then((error) => {
      if (!error) {
        setOpen(false);
        return;
      }
      const target = error.field ? OUTSIDE_FIELDS[error.field] : undefined;
      if (target) setProblems([{ target, message: fieldMessage(error) }]);
      else setGeneral(error);
    });
  };

  const field = (id: string, label: string, value: string, set: (v: string) => void, ref?: React.Ref<HTMLInputElement>, autoComplete = 'off') => {
    const error = errorFor(id);
    return (
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={id}>
          {label}
        </label>
        {error && (
          <p className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </p>
        )}
        <input
          ref={ref}
          id={id}
          className={`nhsuk-input nhsuk-input--width-20${error ? ' nhsuk-input--error' : ''}`}
          type="text"
          value={value}
          autoComplete={autoComplete}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => set(e.target.value)}
        />
      </div>
    );
  };
  const rungError = errorFor('fill-external-rung');

  return (
    <form
      className="sc-outside-form"
      noValidate
      aria-label="Cover from outside the rota"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setOpen(false);
          focusLater('fill-outside-open');
        }
      }}
    >
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="fill-outside-error" />}
      {general && <AppErrorSummary error={general} id="fill-outside-error" />}
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Cover from outside the rota</legend>
        <div className="sc-form-row">
          {field('fill-external-name', 'Name', name, setName, nameRef)}
          {field('fill-external-org', 'Organisation (optional)', org, setOrg, undefined, 'organization')}
          <div className={`nhsuk-form-group${rungError ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="fill-external-rung">
              From the rung
            </label>
            {rungError && (
              <p className="nhsuk-error-message" id="fill-external-rung-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {rungError}
              </p>
            )}
            <select
              id="fill-external-rung"
              className="nhsuk-select sc-select"
              value={rung}
              aria-describedby={rungError ? 'fill-external-rung-error' : undefined}
              aria-invalid={rungError ? true : undefined}
              onChange={(e) => setRung(e.target.value)}
            >
              <option value="">Choose a rung</option>
              {rungs.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.position}. {r.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <div className="sc-inline">
        <button type="submit" className="nhsuk-button nhsuk-button--small" id="fill-outside-submit" disabled={busy}>
          {busy ? 'Saving…' : 'Record the cover'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          disabled={busy}
          onClick={() => {
            setOpen(false);
            focusLater('fill-outside-open');
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
