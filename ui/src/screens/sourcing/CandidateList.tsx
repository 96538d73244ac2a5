import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { AppError } from '../../api/errors';
import type { AttemptView } from '../../bindings/AttemptView';
import type { CandidateView } from '../../bindings/CandidateView';
import type { CandidatesView } from '../../bindings/CandidatesView';
import type { GapSourcingView } from '../../bindings/GapSourcingView';
import type { RungView } from '../../bindings/RungView';
import { AppErrorSummary } from '../../components/ErrorSummary';
import { SearchField } from '../../components/SearchField';
import { formatHours } from '../../lib/dates';
import { formatCount, plural } from '../../lib/format';
import { type DoctorStanding, defaultRungForGroup, doctorStanding, gapShortLabel } from '../../lib/sourcing';
import { useFocusLater } from '../../lib/useFocusLater';

const FIRST_SHOWN = 30;

/** The rung an "Asked" from the list is logged under: the form's, or the doctor's group's. */
export function askRung(c: Pick<CandidateView, 'staff_group'>, formRung: string, rungs: RungView[]): string | null {
  if (formRung !== '' && rungs.some((r) => r.code === formRung)) return formRung;
  return defaultRungForGroup(c.staff_group, rungs);
}

/** In words, where the list's asks go. */
function askRungText(formRung: string, rungs: RungView[]): string {
  const name = (code: string) => rungs.find((r) => r.code === code)?.name;
  if (formRung !== '' && name(formRung)) return `under “${name(formRung)}”, the rung chosen in the form`;
  const parts = [
    name('consultant') && `consultants under “${name('consultant')}”`,
    name('sas') && `SAS doctors under “${name('sas')}”`,
    name('incentive') && `other doctors under “${name('incentive')}”`,
  ].filter(Boolean);
  return parts.length > 0 ? `by the doctor's group: ${parts.join(', ')} (or choose a rung in the form)` : 'under the rung chosen in the form';
}

export function CandidateList({
  gaps,
  dutyId,
  onDutyChange,
  data,
  loadError,
  attempts,
  formRung,
  rungs,
  busy,
  notice,
  problem,
  onAsk,
  onAnswer,
  onFill,
  children,
}: {
  gaps: GapSourcingView[];
  dutyId: number;
  onDutyChange: (dutyId: number) => void;
  data: CandidatesView | null;
  loadError: AppError | null;
  attempts: AttemptView[];
  formRung: string;
  rungs: RungView[];
  busy: boolean;
  notice: string | null;
  problem: AppError | null;
  onAsk: (c: CandidateView) => Promise<boolean>;
  onAnswer: (c: CandidateView, asked: AttemptView, outcome: 'accepted' | 'declined') => Promise<boolean>;
  onFill: (c: CandidateView, accepted: AttemptView | null) => Promise<boolean>;
  /** Shown right under the eligible doctors (the override box, when a fill needs one). */
  children?: React.ReactNode;
}) {
  const [showAll, setShowAll] = useState(false);
  const [excludedOpen, setExcludedOpen] = useState(false);
  const focusLater = useFocusLater();
  const gap = gaps.find((g) => g.gap.duty_id === dutyId) ?? gaps[0];
  const filled = gap?.fill !== null && gap?.fill !== undefined;
  const several = gaps.length > 1;
  const current = data && data.gap.duty_id === dutyId ? data : null;

  const eligible = current?.eligible ?? [];
  const shown = showAll ? eligible : eligible.slice(0, FIRST_SHOWN);

  // After an action the row's buttons change: put focus on the next one to press.
  const then = (p: Promise<boolean>, next: string) => {
    void p.then((ok) => {
      if (ok) focusLater(next);
    });
  };

  const actions = (c: CandidateView, standing: DoctorStanding, nameId: string) => {
    const id = c.staff_id;
    const fill = (
      <button
        type="button"
        className="sc-tool-button sc-row-button"
        id={`cand-fill-${id}`}
        aria-describedby={nameId}
        disabled={busy}
        onClick={() => then(onFill(c, standing.kind === 'accepted' ? standing.attempt : null), `fill-info-${dutyId}`)}
      >
        Fill with this doctor
      </button>
    );
    if (filled) return null;
    if (standing.kind === 'waiting') {
      return (
        <>
          <button
            type="button"
            className="sc-tool-button sc-row-button"
            id={`cand-accepted-${id}`}
            aria-describedby={nameId}
            disabled={busy}
            onClick={() => then(onAnswer(c, standing.attempt, 'accepted'), `cand-fill-${id}`)}
          >
            Accepted
          </button>
          <button
            type="button"
            className="sc-tool-button sc-row-button"
            id={`cand-declined-${id}`}
            aria-describedby={nameId}
            disabled={busy}
            onClick={() => then(onAnswer(c, standing.attempt, 'declined'), `cand-ask-${id}`)}
          >
            Declined
          </button>
          {fill}
        </>
      );
    }
    if (standing.kind === 'accepted') return fill;
    return (
      <>
        <button
          type="button"
          className="sc-tool-button sc-row-button"
          id={`cand-ask-${id}`}
          aria-describedby={nameId}
          disabled={busy}
          onClick={() => then(onAsk(c), `cand-accepted-${id}`)}
        >
          Asked
        </button>
        {fill}
      </>
    );
  };

  return (
    <section aria-labelledby="candidates-heading" className="sc-sourcing-section sc-candidates">
      <h3 className="nhsuk-heading-s" id="candidates-heading">
        Doctors who could cover
      </h3>
      {several && (
        <div className="sc-field-inline sc-candidate-gap">
          <label htmlFor="candidate-gap" className="sc-inline-label">
            For the gap
          </label>
          <select id="candidate-gap" className="nhsuk-select sc-select" value={dutyId} onChange={(e) => onDutyChange(Number(e.target.value))}>
            {gaps.map((g) => (
              <option key={g.gap.duty_id} value={g.gap.duty_id}>
                {gapShortLabel(g.gap)}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && <AppErrorSummary error={problem} id="candidates-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot" id="candidates-message">
        {notice && (
          <div className="nhsuk-inset-text sc-confirmation">
            <p>{notice}</p>
          </div>
        )}
      </div>
      {loadError && !current && <AppErrorSummary error={loadError} id="candidates-load-error" />}
      {!current && !loadError && (
        <p className="nhsuk-body-s" role="status">
          Checking every doctor against the rules…
        </p>
      )}
      {current && (
        <>
          <p className="nhsuk-body-s" id="candidate-counts">
            {plural(current.eligible.length, 'doctor')} could take this duty; {plural(current.excluded.length, 'doctor')} left out
            (rules version {current.rules_version}
            {current.rules_version === 0 ? ', the built-in defaults' : ''}).
          </p>
          {!filled && current.eligible.length > 0 && (
            <p className="nhsuk-body-s sc-muted" id="candidate-ask-hint">
              &ldquo;Asked&rdquo; logs a phone call to the doctor {askRungText(formRung, rungs)}.
            </p>
          )}
          {filled && <p className="nhsuk-body-s">This gap is covered; record that the cover fell through to fill it again.</p>}
          {current.eligible.length === 0 ? (
            <p className="nhsuk-body-s" id="candidates-none">
              No doctor on the rota can take this duty without breaking a rule. See who is left out and why below.
            </p>
          ) : (
            <div className="sc-table-scroll sc-candidates-scroll">
              <table className="nhsuk-table nhsuk-table--compact sc-candidate-table" id="candidate-table">
                <caption className="nhsuk-u-visually-hidden">Eligible doctors, best placed first</caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header sc-numeric">
                      Rank
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Doctor
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Grade
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Works in
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Why here
                    </th>
                    <th scope="col" className="nhsuk-table__header sc-numeric">
                      Hours, past 7 days
                    </th>
                    <th scope="col" className="nhsuk-table__header sc-numeric">
                      Rest before
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      <span className="nhsuk-u-visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {shown.map((c) => {
                    const standing = doctorStanding(attempts, c.staff_id, dutyId);
                    const nameId = `cand-name-${c.staff_id}`;
                    return (
                      <tr className="nhsuk-table__row" key={c.staff_id} data-testid="candidate-row">
                        <td className="nhsuk-table__cell sc-numeric">{c.rank}</td>
                        <th scope="row" className="nhsuk-table__header sc-row-header">
                          <span id={nameId}>{c.name}</span> <span className="sc-staff-number">{c.staff_number}</span>
                          {standing.kind === 'waiting' && <span className="sc-attempt-meta">Asked, waiting for an answer</span>}
                          {standing.kind === 'accepted' && (
                            <span className="sc-attempt-meta">
                              <strong className="nhsuk-tag nhsuk-tag--green sc-tag-small">Accepted</strong>
                            </span>
                          )}
                          {c.asked && standing.kind !== 'waiting' && standing.kind !== 'accepted' && (
                            <span className="sc-attempt-meta">Already asked: {c.asked}</span>
                          )}
                        </th>
                        <td className="nhsuk-table__cell">{c.grade}</td>
                        <td className="nhsuk-table__cell">{c.department ?? <span className="sc-muted">No duties</span>}</td>
                        <td className="nhsuk-table__cell sc-why">{c.why}</td>
                        <td className="nhsuk-table__cell sc-numeric">{formatHours(c.hours_past_7_days)}</td>
                        <td className="nhsuk-table__cell sc-numeric">
                          {c.rest_before_hours === null ? <span className="sc-muted">No duty before</span> : formatHours(c.rest_before_hours)}
                        </td>
                        <td className="nhsuk-table__cell sc-candidate-actions">{actions(c, standing, nameId)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {children}
          {!showAll && eligible.length > FIRST_SHOWN && (
            <button type="button" className="sc-tool-button" onClick={() => setShowAll(true)}>
              Show all {formatCount(eligible.length)} eligible doctors
            </button>
          )}
          {current.excluded.length > 0 && (
            <div className="sc-excluded">
              <button
                type="button"
                className="sc-tool-button"
                id="excluded-toggle"
                aria-expanded={excludedOpen}
                aria-controls="excluded-panel"
                onClick={() => setExcludedOpen((o) => !o)}
              >
                {excludedOpen ? 'Hide' : 'Show'} the {plural(current.excluded.length, 'doctor')} left out, with the reasons
              </button>
              {excludedOpen && <ExcludedList list={current.excluded} />}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function matches(c: CandidateView, q: string): boolean {
  return (
    c.name.toLocaleLowerCase('en-GB').includes(q) ||
    c.staff_number.toLocaleLowerCase('en-GB').includes(q) ||
    c.grade.toLocaleLowerCase('en-GB') === q
  );
}

/** Doctors left out, each with every reason: searchable, and virtualised (it may be thousands). */
function ExcludedList({ list }: { list: CandidateView[] }) {
  const [search, setSearch] = useState('');
  const q = search.trim().toLocaleLowerCase('en-GB');
  const shown = useMemo(() => (q === '' ? list : list.filter((c) => matches(c, q))), [list, q]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => 30 + 22 * Math.max(1, shown[i].reasons.length),
    getItemKey: (i) => shown[i].staff_id,
    overscan: 8,
    initialRect: { width: 800, height: 400 },
  });

  return (
    <div id="excluded-panel" className="sc-excluded-panel">
      <div className="sc-filters" role="search" aria-label="Find a doctor left out">
        <SearchField id="excluded-search" value={search} onChange={setSearch} />
        <p className="sc-counts-line" role="status" aria-live="polite" id="excluded-count">
          {shown.length === list.length ? plural(list.length, 'doctor') : `Showing ${formatCount(shown.length)} of ${plural(list.length, 'doctor')}`}
        </p>
      </div>
      <div ref={scrollRef} className="sc-excluded-scroll" tabIndex={0} role="group" aria-label="Doctors left out, scrollable">
        {shown.length === 0 ? (
          <p className="nhsuk-body-s sc-empty-grid">No doctors match.</p>
        ) : (
          <div className="sc-grid-canvas" role="list" aria-label="Doctors left out" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const c = shown[item.index];
              return (
                <div
                  key={item.key}
                  role="listitem"
                  aria-setsize={shown.length}
                  aria-posinset={item.index + 1}
                  data-index={item.index}
                  data-testid="excluded-row"
                  ref={virtualizer.measureElement}
                  className={`sc-excluded-row${item.index % 2 ? ' sc-duty-row--alt' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <p className="sc-excluded-who">
                    <span className="sc-name">{c.name}</span> <span className="sc-staff-number">{c.staff_number}</span>, {c.grade}
                    {c.department ? `, ${c.department}` : ''}
                    {c.asked ? <span className="sc-muted"> (already asked: {c.asked})</span> : null}
                  </p>
                  <ul className="sc-excluded-reasons">
                    {c.reasons.map((r, i) => (
                      <li key={`${r.rule}-${i}`}>{r.message}</li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
