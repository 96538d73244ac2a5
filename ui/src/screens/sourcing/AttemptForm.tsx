import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../api/errors';
import type { AttemptInput } from '../../bindings/AttemptInput';
import type { CandidateView } from '../../bindings/CandidateView';
import type { Channel } from '../../bindings/Channel';
import type { ContactKind } from '../../bindings/ContactKind';
import type { ContactView } from '../../bindings/ContactView';
import type { GapSourcingView } from '../../bindings/GapSourcingView';
import type { Outcome } from '../../bindings/Outcome';
import type { RungView } from '../../bindings/RungView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { plural } from '../../lib/format';
import {
  type AttemptForm as Form,
  type AttemptProblems,
  CHANNELS,
  CHANNEL_LABELS,
  CONTACT_KINDS,
  CONTACT_KIND_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  buildAttemptInput,
  gapShortLabel,
  londonInputStamp,
} from '../../lib/sourcing';

export type SubmitResult = { ok: true; message: string } | { ok: false; error: AppError };

/** The control each backend field names (the error summary links there). */
const BACKEND_FIELDS: Record<string, string> = {
  rung_code: 'attempt-rung',
  contact_kind: 'attempt-kind',
  asked: 'attempt-asked',
  staff_id: 'attempt-doctor',
  asked_at: 'attempt-when',
  channel: 'attempt-channel',
  rate: 'attempt-rate',
  outcome: 'attempt-outcome',
  reply_by: 'attempt-reply-by',
  accepted_duty_ids: 'attempt-accepted',
  notes: 'attempt-notes',
  supersedes: 'attempt-supersedes',
};

const CLIENT_FIELDS: Record<keyof AttemptProblems, string> = {
  rung: 'attempt-rung',
  asked: 'attempt-asked',
  outcome: 'attempt-outcome',
  replyBy: 'attempt-reply-by',
  accepted: 'attempt-accepted',
};

/**
 * The attempt form, made to be fast from the keyboard: Enter sends it from any field (Ctrl+Enter
 * from the notes); after a success it clears, keeping the rung, channel and kind, and focus goes
 * back to the first field.
 */
export function AttemptForm({
  form,
  onChange,
  rungs,
  gaps,
  candidates,
  candidatesFor,
  busy,
  focusRequest,
  onSubmit,
  onStopSuperseding,
  contacts = [],
}: {
  form: Form;
  onChange: (patch: Partial<Form>) => void;
  rungs: RungView[];
  gaps: GapSourcingView[];
  /** Eligible doctors for the gap the candidate list shows (null while loading). */
  candidates: CandidateView[] | null;
  /** That gap, when several are on the screen. */
  candidatesFor: string | null;
  busy: boolean;
  /** Bumped to put focus on the first field (e.g. after "Log attempt" on a rung). */
  focusRequest: number;
  onSubmit: (input: AttemptInput) => Promise<SubmitResult>;
  /** The walkout's contact list, offered as suggestions for "Name". */
  contacts?: ContactView[];
  onStopSuperseding: () => void;
}) {
  const [now, setNow] = useState(() => londonInputStamp());
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rungRef = useRef<HTMLSelectElement>(null);

  // "Now" on the form moves with the clock (the value sent is taken when the form is sent).
  useEffect(() => {
    const t = window.setInterval(() => setNow(londonInputStamp()), 20_000);
    return () => window.clearInterval(t);
  }, []);

  useEffect(() => {
    if (focusRequest === 0) return;
    rungRef.current?.focus();
    rungRef.current?.scrollIntoView?.({ block: 'center' });
  }, [focusRequest]);

  const allIds = gaps.map((g) => g.gap.duty_id);
  const formIds = form.dutyIds ?? allIds;
  const formGaps = gaps.filter((g) => formIds.includes(g.gap.duty_id));
  const several = formIds.length > 1;
  const acceptedTarget = formIds.length > 0 ? `attempt-accepted-${formIds[0]}` : 'attempt-outcome';
  const errorFor = (id: string) => problems.find((p) => p.target === id || (id === 'attempt-accepted' && p.target === acceptedTarget))?.message;

  const submit = () => {
    if (busy) return;
    const built = buildAttemptInput(form, allIds, londonInputStamp());
    const list: FieldProblem[] = (Object.keys(CLIENT_FIELDS) as (keyof AttemptProblems)[])
      .filter((k) => built.problems[k])
      .map((k) => ({ target: k === 'accepted' ? acceptedTarget : CLIENT_FIELDS[k], message: built.problems[k] as string }));
    setProblems(list);
    setGeneral(null);
    setMessage(null);
    if (!built.input) return;
    void onSubmit(built.input).then((r) => {
      if (r.ok) {
        setMessage(r.message);
        setProblems([]);
        setNow(londonInputStamp());
        rungRef.current?.focus();
        return;
      }
      const target = r.error.field ? BACKEND_FIELDS[r.error.field] : undefined;
      if (target) {
        setProblems([{ target: target === 'attempt-accepted' ? acceptedTarget : target, message: fieldMessage(r.error) }]);
      } else {
        setGeneral(r.error);
      }
    });
  };

  const select = (
    id: string,
    label: string,
    value: string,
    onValue: (v: string) => void,
    options: { value: string; label: string }[],
    ref?: React.Ref<HTMLSelectElement>,
  ) => {
    const error = errorFor(id);
    return (
      <div className={`nhsuk-form-group sc-attempt-field${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={id}>
          {label}
        </label>
        {error && (
          <p className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </p>
        )}
        <select
          ref={ref}
          id={id}
          className={`nhsuk-select sc-select${error ? ' nhsuk-select--error' : ''}`}
          value={value}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onValue(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
  };

  const text = (
    id: string,
    label: string,
    value: string,
    onValue: (v: string) => void,
    { className, ...extra }: React.InputHTMLAttributes<HTMLInputElement> = {},
    hint?: string,
  ) => {
    const error = errorFor(id);
    const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`nhsuk-form-group sc-attempt-field${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={id}>
          {label}
        </label>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <p className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </p>
        )}
        <input
          id={id}
          className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}${className ? ` ${className}` : ''}`}
          type="text"
          {...extra}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onValue(e.target.value)}
        />
      </div>
    );
  };

  const outcomes = OUTCOMES.filter((o) => o !== 'partly' || several || form.outcome === 'partly');
  const doctorOptions = candidates ?? [];
  const doctorKnown = form.staffId === null || doctorOptions.some((c) => c.staff_id === form.staffId);
  const acceptedError = errorFor('attempt-accepted');

  return (
    <section aria-labelledby="attempt-heading" className="sc-sourcing-section sc-attempt">
      <h3 className="nhsuk-heading-s" id="attempt-heading">
        Log an attempt
      </h3>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="attempt-error" />}
      {general && <AppErrorSummary error={general} id="attempt-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot" id="attempt-message">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation">
            <p>{message}</p>
          </div>
        )}
      </div>
      {form.supersedes !== null && (
        <div className="nhsuk-inset-text sc-superseding" id="attempt-supersedes" tabIndex={-1}>
          <p>
            {form.supersedesLabel}
            {formIds.length !== allIds.length && ` (${plural(formIds.length, 'gap')} of ${allIds.length})`}
          </p>
          <button type="button" className="sc-link-button" onClick={onStopSuperseding}>
            Log a new attempt instead
          </button>
        </div>
      )}
      <form
        noValidate
        aria-labelledby="attempt-heading"
        className="sc-attempt-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
          const t = e.target as HTMLElement;
          if (t.tagName === 'BUTTON' || t.tagName === 'A') return;
          if (t.tagName === 'TEXTAREA' && !(e.ctrlKey || e.metaKey)) return;
          e.preventDefault();
          submit();
        }}
      >
        <div className="sc-attempt-grid">
          {select(
            'attempt-rung',
            'Rung',
            form.rung,
            (v) => onChange({ rung: v }),
            [{ value: '', label: 'Choose a rung' }, ...rungs.map((r) => ({ value: r.code, label: `${r.position}. ${r.name}` }))],
            rungRef,
          )}
          {select(
            'attempt-kind',
            'Who was asked',
            form.kind,
            (v) => onChange(v === 'doctor' ? { kind: 'doctor' } : { kind: v as ContactKind, staffId: null, staffLabel: '' }),
            CONTACT_KINDS.map((k) => ({ value: k, label: CONTACT_KIND_LABELS[k] })),
          )}
          {text('attempt-asked', form.staffId !== null ? 'Name (optional)' : 'Name', form.asked, (v) => onChange({ asked: v }), {
            autoComplete: 'off',
            spellCheck: false,
            list: contacts.length > 0 ? 'attempt-asked-contacts' : undefined,
          })}
          {contacts.length > 0 && (
            <datalist id="attempt-asked-contacts" data-testid="attempt-asked-contacts">
              {contacts
                .filter((c) => form.kind === 'doctor' || form.kind === 'manager' || c.kind === form.kind || form.kind === 'other')
                .map((c) => (
                  <option key={c.id} value={c.name}>
                    {c.phone ? `${c.name}, ${c.phone}` : c.name}
                  </option>
                ))}
            </datalist>
          )}
          {form.kind === 'doctor' &&
            select(
              'attempt-doctor',
              candidatesFor ? `Or a doctor from the list (for ${candidatesFor})` : 'Or a doctor from the list',
              form.staffId === null ? '' : String(form.staffId),
              (v) => {
                if (v === '') {
                  onChange({ staffId: null, staffLabel: '' });
                  return;
                }
                const c = doctorOptions.find((d) => d.staff_id === Number(v));
                onChange({ staffId: Number(v), staffLabel: c ? `${c.name} (${c.staff_number}, ${c.grade})` : form.staffLabel, asked: '' });
              },
              [
                { value: '', label: candidates === null ? 'Loading the list…' : 'Not from the list (type the name)' },
                ...(doctorKnown ? [] : [{ value: String(form.staffId), label: form.staffLabel }]),
                ...doctorOptions.map((c) => ({ value: String(c.staff_id), label: `${c.rank ?? ''}. ${c.name} (${c.staff_number}, ${c.grade})` })),
              ],
            )}
          {select('attempt-channel', 'How', form.channel, (v) => onChange({ channel: v as Channel }), CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })))}
          {text('attempt-rate', 'Rate offered, £ an hour (optional)', form.rate, (v) => onChange({ rate: v }), {
            inputMode: 'decimal',
            autoComplete: 'off',
            className: 'sc-rate-input',
          })}
          {select(
            'attempt-outcome',
            'Outcome',
            form.outcome,
            (v) => onChange({ outcome: v as Outcome | '' }),
            [{ value: '', label: 'Choose the outcome' }, ...outcomes.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))],
          )}
          <div className="nhsuk-form-group sc-attempt-field">
            <label className="nhsuk-label" htmlFor="attempt-when">
              When asked
            </label>
            <div className="sc-inline sc-when-row">
              <input
                id="attempt-when"
                className="nhsuk-input sc-datetime-input"
                type="datetime-local"
                value={form.when === '' ? now : form.when}
                aria-describedby="attempt-when-hint"
                onChange={(e) => onChange({ when: e.target.value })}
              />
              {form.when !== '' && (
                <button type="button" className="sc-link-button" onClick={() => onChange({ when: '' })}>
                  Now
                </button>
              )}
            </div>
            <div className="nhsuk-hint sc-small-hint" id="attempt-when-hint">
              {form.when === '' ? 'Now, unless you change it' : 'Europe/London time'}
            </div>
          </div>
          {form.outcome === 'no_reply' && (
            <div className={`nhsuk-form-group sc-attempt-field${errorFor('attempt-reply-by') ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="attempt-reply-by">
                Answer needed by
              </label>
              {errorFor('attempt-reply-by') && (
                <p className="nhsuk-error-message" id="attempt-reply-by-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {errorFor('attempt-reply-by')}
                </p>
              )}
              <input
                id="attempt-reply-by"
                className={`nhsuk-input sc-datetime-input${errorFor('attempt-reply-by') ? ' nhsuk-input--error' : ''}`}
                type="datetime-local"
                value={form.replyBy}
                aria-describedby={errorFor('attempt-reply-by') ? 'attempt-reply-by-error' : undefined}
                aria-invalid={errorFor('attempt-reply-by') ? true : undefined}
                onChange={(e) => onChange({ replyBy: e.target.value })}
              />
            </div>
          )}
        </div>
        {form.outcome === 'partly' && several && (
          <div className={`nhsuk-form-group${acceptedError ? ' nhsuk-form-group--error' : ''}`} id="attempt-accepted">
            <fieldset className="nhsuk-fieldset" aria-describedby={acceptedError ? 'attempt-accepted-error' : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Shifts accepted</legend>
              {acceptedError && (
                <p className="nhsuk-error-message" id="attempt-accepted-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {acceptedError}
                </p>
              )}
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                {formGaps.map((g) => (
                  <div className="nhsuk-checkboxes__item" key={g.gap.duty_id}>
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`attempt-accepted-${g.gap.duty_id}`}
                      type="checkbox"
                      checked={form.accepted.includes(g.gap.duty_id)}
                      onChange={(e) =>
                        onChange({
                          accepted: e.target.checked
                            ? [...form.accepted, g.gap.duty_id]
                            : form.accepted.filter((id) => id !== g.gap.duty_id),
                        })
                      }
                    />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`attempt-accepted-${g.gap.duty_id}`}>
                      {gapShortLabel(g.gap)}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        )}
        <div className={`nhsuk-form-group${errorFor('attempt-notes') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="attempt-notes">
            Notes (optional)
          </label>
          {errorFor('attempt-notes') && (
            <p className="nhsuk-error-message" id="attempt-notes-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {errorFor('attempt-notes')}
            </p>
          )}
          <textarea
            id="attempt-notes"
            className="nhsuk-textarea sc-notes-input"
            rows={2}
            value={form.notes}
            aria-describedby="attempt-notes-hint"
            onChange={(e) => onChange({ notes: e.target.value })}
          />
          <div className="nhsuk-hint sc-small-hint" id="attempt-notes-hint">
            Enter in any other field saves the attempt; Ctrl+Enter here.
          </div>
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--small" id="attempt-submit" disabled={busy}>
          {busy ? 'Saving…' : several ? `Save attempt for ${plural(formIds.length, 'gap')}` : 'Save attempt'}
        </button>
      </form>
    </section>
  );
}
