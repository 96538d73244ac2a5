import { useEffect, useRef, useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { CarriedWording } from '../../bindings/CarriedWording';
import type { GapView } from '../../bindings/GapView';
import type { RequestProposal } from '../../bindings/RequestProposal';
import type { RequestView } from '../../bindings/RequestView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { formatDate, shortWeekdayName } from '../../lib/dates';
import { formatCount, plural } from '../../lib/format';
import { checkDoctors, inputFromProposal, maxConcurrent } from '../../lib/requests';
import { useFocusLater } from '../../lib/useFocusLater';
import { gapTimeSpan, ladderNote } from '../GapBoard';

/** One proposed request as the user adjusts it. */
interface Draft {
  proposal: RequestProposal;
  role: string;
  doctors: string;
  /** The shifts ticked. */
  dutyIds: number[];
  dropped: boolean;
  /** The request built from it, once built. */
  created: RequestView | null;
}

function draftOf(p: RequestProposal): Draft {
  return { proposal: p, role: p.role, doctors: String(p.doctors), dutyIds: [...p.duty_ids], dropped: false, created: null };
}

/** "Emergency Department (Northgate General), ST4". */
function proposalName(p: RequestProposal): string {
  return `${p.department} (${p.site}), ${p.grade}`;
}

/** "Wed 03/01/2024 20:00–08:00 (+1), night, Asha Patel". */
export function gapLabel(g: GapView): string {
  return `${shortWeekdayName(g.date)} ${formatDate(g.date)} ${gapTimeSpan(g)}${g.night ? ', night' : ''}, ${g.staff_name ?? 'vacant post'}`;
}

/** The backend field a create error names -> the control in a proposal's card. */
function fieldTarget(index: number, d: Draft, field: string | null): string | null {
  if (field === 'role') return `build-${index}-role`;
  if (field === 'doctors') return `build-${index}-doctors`;
  if (field === 'duty_ids') return `build-${index}-shift-${d.dutyIds[0] ?? d.proposal.duty_ids[0]}`;
  return null;
}

/**
 * Builds derogation requests from the gaps ticked on the gap board. The backend proposes how to
 * split them into narrow requests (one department and grade each, the shifts in time order, a
 * suggested number of doctors); the user can untick shifts, reword the role, change the number of
 * doctors or drop a proposal, then create the drafts. Everything else is filled in on each request.
 */
/** Carried wording is matched by department and role, case and spacing ignored. */
function wordingKey(d: Draft): string {
  return `${d.proposal.department_id}|${d.role.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB')}`;
}

export function RequestBuilder({
  walkoutId,
  dutyIds,
  gaps,
  onBack,
  onCreated,
}: {
  walkoutId: number;
  dutyIds: number[];
  /** The walkout's gaps, to name the shifts. */
  gaps: GapView[];
  onBack: () => void;
  /** The drafts were created (in the order of the proposals). */
  onCreated: (views: RequestView[]) => void;
}) {
  const key = dutyIds.join(',');
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  // Wording carried from the walkout this one was started from, per department and role.
  const [carried, setCarried] = useState<Record<string, CarriedWording | null>>({});
  useEffect(() => {
    for (const d of drafts ?? []) {
      const k = wordingKey(d);
      if (k in carried) continue;
      api.requestWording(walkoutId, d.proposal.department_id, d.role).then(
        (w) => setCarried((c) => ({ ...c, [k]: w })),
        () => setCarried((c) => ({ ...c, [k]: null })),
      );
    }
  }, [drafts, carried, walkoutId]);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [retry, setRetry] = useState(0);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<{ error: AppError; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusLater = useFocusLater();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    api.requestsPropose(walkoutId, key === '' ? [] : key.split(',').map(Number)).then(
      (proposals) => {
        if (!live) return;
        setDrafts(proposals.map(draftOf));
        setLoadError(null);
      },
      (e: unknown) => {
        if (live) setLoadError(toAppError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [walkoutId, key, retry]);

  const byId = new Map(gaps.map((g) => [g.duty_id, g]));
  const heading = (
    <h2 className="nhsuk-heading-m" id="builder-heading" tabIndex={-1} ref={headingRef}>
      Build requests from {plural(dutyIds.length, 'gap')}
    </h2>
  );
  const back = (
    <p className="sc-back-link">
      <button type="button" className="sc-link-button" id="builder-back" onClick={onBack}>
        Back to gaps
      </button>
    </p>
  );

  if (!drafts) {
    return (
      <section aria-labelledby="builder-heading" className="sc-builder">
        {back}
        {heading}
        {loadError ? (
          <>
            <AppErrorSummary error={loadError} id="builder-load-error" />
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setRetry((n) => n + 1)}>
              Try again
            </button>
          </>
        ) : (
          <p className="nhsuk-body" role="status">
            Working out how to split the gaps into requests…
          </p>
        )}
      </section>
    );
  }

  const update = (index: number, patch: Partial<Draft>) => setDrafts((ds) => (ds ? ds.map((d, i) => (i === index ? { ...d, ...patch } : d)) : ds));
  const pending = drafts.map((d, i) => ({ d, i })).filter(({ d }) => !d.dropped && !d.created);
  const created = drafts.filter((d) => d.created).map((d) => d.created as RequestView);

  const create = async () => {
    if (busy) return;
    setGeneral(null);
    const list: FieldProblem[] = [];
    for (const { d, i } of pending) {
      const name = proposalName(d.proposal);
      if (d.dutyIds.length === 0) {
        list.push({ target: `build-${i}-shift-${d.proposal.duty_ids[0]}`, message: `${name}: tick at least one shift, or drop this request` });
      }
      const doctors = checkDoctors(d.doctors);
      if (doctors.problem) list.push({ target: `build-${i}-doctors`, message: `${name}: ${doctors.problem.charAt(0).toLocaleLowerCase('en-GB')}${doctors.problem.slice(1)}` });
    }
    setProblems(list);
    if (list.length > 0 || pending.length === 0) return;

    setBusy(true);
    const done: RequestView[] = [...created];
    for (const { d, i } of pending) {
      const base = inputFromProposal(walkoutId, {
        // In the proposal's (time) order.
        duty_ids: d.proposal.duty_ids.filter((id) => d.dutyIds.includes(id)),
        role: d.role,
        doctors: Number(d.doctors.trim()),
      });
      const wording = carried[wordingKey(d)];
      const input = wording ? { ...base, trigger: wording.fields.trigger, clinical_risk: wording.fields.clinical_risk, consultants_who: wording.fields.consultants_who } : base;
      try {
        const view = await api.requestCreate(input);
        done.push(view);
        update(i, { created: view });
      } catch (e) {
        const error = toAppError(e);
        setBusy(false);
        const target = fieldTarget(i, d, error.field);
        const name = proposalName(d.proposal);
        const already = done.length > 0 ? ` ${plural(done.length, 'request was', 'requests were')} created before this one: ${done.map((v) => v.content.reference).join(', ')}.` : '';
        if (target) {
          setProblems([{ target, message: `${name}: ${fieldMessage(error)}${already}` }]);
        } else {
          setGeneral({ error, title: `The request for ${name} was not created.${already}` });
        }
        return;
      }
    }
    setBusy(false);
    onCreated(done);
  };

  const kept = drafts.filter((d) => !d.dropped && !d.created).length;

  return (
    <section aria-labelledby="builder-heading" className="sc-builder">
      {back}
      {heading}
      <p className="nhsuk-body sc-lede" id="builder-lede">
        {drafts.length === 0
          ? 'No request can be built from these gaps.'
          : `The ${plural(dutyIds.length, 'gap')} ${drafts.length === 1 ? 'make one request' : `split into ${formatCount(drafts.length)} requests`}: a request is narrow, with one site and department, one grade, named shifts and a number of doctors. Adjust each below, then create the drafts; the rest (the trigger, the clinical risk, the consultants' view, the deadline) is filled in on each request.`}
      </p>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="builder-errors" />}
      {general && (
        <>
          <p className="nhsuk-body sc-label-strong" id="builder-error-title">
            {general.title}
          </p>
          <AppErrorSummary error={general.error} id="builder-error" />
        </>
      )}
      {drafts.map((d, i) => (
        <ProposalCard
          key={`${d.proposal.department_id}-${d.proposal.grade}`}
          index={i}
          draft={d}
          byId={byId}
          busy={busy}
          carried={carried[wordingKey(d)] ?? null}
          errorFor={(id) => problems.find((p) => p.target === id)?.message}
          onChange={(patch) => update(i, patch)}
          onDrop={(dropped) => {
            update(i, { dropped });
            focusLater(`build-${i}-drop`);
          }}
        />
      ))}
      {drafts.length > 0 && (
        <div className="sc-form-actions">
          <div className="sc-inline">
            <button
              type="button"
              className="nhsuk-button"
              id="builder-create"
              disabled={busy || kept === 0}
              aria-describedby="builder-create-hint"
              onClick={() => void create()}
            >
              {busy ? 'Creating…' : 'Create draft requests'}
            </button>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onBack} disabled={busy}>
              Cancel
            </button>
          </div>
          <p className="nhsuk-body-s" id="builder-create-hint">
            {kept === 0
              ? created.length > 0
                ? 'Every request here has been created or dropped.'
                : 'Every proposal is dropped: put one back to create a request.'
              : `Creates ${plural(kept, 'draft request')}. Nothing is sent anywhere: each needs its remaining fields, passing checks and a medical director's approval first.`}
          </p>
        </div>
      )}
    </section>
  );
}

function ProposalCard({
  index,
  draft: d,
  byId,
  busy,
  carried,
  errorFor,
  onChange,
  onDrop,
}: {
  index: number;
  draft: Draft;
  byId: Map<number, GapView>;
  busy: boolean;
  carried: CarriedWording | null;
  errorFor: (id: string) => string | undefined;
  onChange: (patch: Partial<Draft>) => void;
  onDrop: (dropped: boolean) => void;
}) {
  const p = d.proposal;
  const id = `build-${index}`;
  const labelOf = (dutyId: number) => {
    const g = byId.get(dutyId);
    return g ? gapLabel(g) : `Duty ${dutyId} (no longer on the gap board)`;
  };
  const ticked = p.duty_ids.filter((x) => d.dutyIds.includes(x));
  const notExhausted = ticked.filter((x) => p.not_exhausted.includes(x));
  const spans = ticked.map((x) => byId.get(x)).filter((g): g is GapView => g !== undefined);
  const most = spans.length === ticked.length && ticked.length > 0 ? maxConcurrent(spans) : null;
  const doctorsError = errorFor(`${id}-doctors`);
  const roleError = errorFor(`${id}-role`);
  const shiftsError = errorFor(`${id}-shift-${p.duty_ids[0]}`) ?? errorFor(`${id}-shift-${d.dutyIds[0]}`);

  return (
    <section className={`sc-proposal${d.dropped ? ' sc-proposal--dropped' : ''}`} aria-labelledby={`${id}-heading`} data-testid="proposal">
      <h3 className="nhsuk-heading-s sc-proposal-title" id={`${id}-heading`}>
        {p.department}, {p.site}: {p.grade}
      </h3>
      {carried && !d.created && (
        <p className="nhsuk-body sc-carried-wording" id={`${id}-carried`}>
          Wording carried from {carried.from_walkout} — check it still applies. The trigger, the clinical risk and who gave the consultants&apos; view
          will be filled in from its request for {carried.role}.
        </p>
      )}
      {d.created ? (
        <p className="nhsuk-body" id={`${id}-created`}>
          <strong className="nhsuk-tag nhsuk-tag--green sc-tag-small">Created</strong> as {d.created.content.reference} (draft), with{' '}
          {plural(d.created.content.shifts.length, 'shift')}.
        </p>
      ) : d.dropped ? (
        <div className="sc-inline">
          <p className="nhsuk-body sc-muted" id={`${id}-dropped`}>
            Dropped: no request will be built for these {plural(p.duty_ids.length, 'shift')}.
          </p>
          <button
            type="button"
            className="sc-tool-button"
            id={`${id}-drop`}
            aria-describedby={`${id}-heading`}
            disabled={busy}
            onClick={() => onDrop(false)}
          >
            Put back
          </button>
        </div>
      ) : (
        <>
          <dl className="sc-proposal-facts">
            <div>
              <dt>Site</dt>
              <dd>{p.site}</dd>
            </div>
            <div>
              <dt>Department</dt>
              <dd>{p.department}</dd>
            </div>
            <div>
              <dt>Grade</dt>
              <dd>{p.grade}</dd>
            </div>
          </dl>
          <div className="sc-proposal-fields">
            <div className={`nhsuk-form-group${roleError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor={`${id}-role`}>
                Grade or role, as the request will say it
              </label>
              {roleError && (
                <p className="nhsuk-error-message" id={`${id}-role-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {roleError}
                </p>
              )}
              <input
                id={`${id}-role`}
                className={`nhsuk-input${roleError ? ' nhsuk-input--error' : ''}`}
                value={d.role}
                autoComplete="off"
                aria-describedby={roleError ? `${id}-role-error` : undefined}
                aria-invalid={roleError ? true : undefined}
                disabled={busy}
                onChange={(e) => onChange({ role: e.target.value })}
              />
            </div>
            <div className={`nhsuk-form-group${doctorsError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor={`${id}-doctors`}>
                Number of doctors
              </label>
              <div className="nhsuk-hint" id={`${id}-doctors-hint`}>
                Suggested: {p.doctors}, the most of these shifts running at once.
                {most !== null && ticked.length !== p.duty_ids.length ? ` The shifts ticked now need at most ${most} at once.` : ''}
              </div>
              {doctorsError && (
                <p className="nhsuk-error-message" id={`${id}-doctors-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {doctorsError}
                </p>
              )}
              <input
                id={`${id}-doctors`}
                className={`nhsuk-input nhsuk-input--width-3${doctorsError ? ' nhsuk-input--error' : ''}`}
                inputMode="numeric"
                value={d.doctors}
                autoComplete="off"
                aria-describedby={`${id}-doctors-hint${doctorsError ? ` ${id}-doctors-error` : ''}`}
                aria-invalid={doctorsError ? true : undefined}
                disabled={busy}
                onChange={(e) => onChange({ doctors: e.target.value })}
              />
            </div>
          </div>
          <div className={`nhsuk-form-group${shiftsError ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={shiftsError ? `${id}-shifts-error` : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                Shifts ({formatCount(ticked.length)} of {formatCount(p.duty_ids.length)} ticked)
              </legend>
              {shiftsError && (
                <p className="nhsuk-error-message" id={`${id}-shifts-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {shiftsError}
                </p>
              )}
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small sc-proposal-shifts">
                {p.duty_ids.map((dutyId) => {
                  const open = p.not_exhausted.includes(dutyId);
                  return (
                    <div className="nhsuk-checkboxes__item" key={dutyId}>
                      <input
                        className="nhsuk-checkboxes__input"
                        id={`${id}-shift-${dutyId}`}
                        type="checkbox"
                        checked={d.dutyIds.includes(dutyId)}
                        disabled={busy}
                        onChange={(e) =>
                          onChange({ dutyIds: e.target.checked ? [...d.dutyIds, dutyId] : d.dutyIds.filter((x) => x !== dutyId) })
                        }
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-shift-${dutyId}`}>
                        {labelOf(dutyId)}
                        {open && (
                          <>
                            {' '}
                            <strong className="nhsuk-tag nhsuk-tag--yellow sc-tag-small">Alternatives not exhausted</strong>
                          </>
                        )}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
          {notExhausted.length > 0 && (
            <div className="nhsuk-warning-callout sc-callout-compact" id={`${id}-not-exhausted`}>
              <h4 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  Alternatives not yet exhausted for {plural(notExhausted.length, 'shift')}
                </span>
              </h4>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {notExhausted.map((dutyId) => {
                  const g = byId.get(dutyId);
                  return (
                    <li key={dutyId}>
                      {labelOf(dutyId)}
                      {g ? ` (${ladderNote(g).toLocaleLowerCase('en-GB')})` : ''}
                    </li>
                  );
                })}
              </ul>
              <p>
                You can include {notExhausted.length === 1 ? 'it' : 'them'}, but the request will fail its evidence check, and cannot be sent for
                approval, until every required rung is tried or marked not applicable on the Sourcing screen. Requests are refused for want of
                this evidence.
              </p>
            </div>
          )}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            id={`${id}-drop`}
            aria-describedby={`${id}-heading`}
            disabled={busy}
            onClick={() => onDrop(true)}
          >
            Drop this request
          </button>
        </>
      )}
    </section>
  );
}
