import { useState } from 'react';
import type { GapSourcingView } from '../../bindings/GapSourcingView';
import type { LadderView } from '../../bindings/LadderView';
import type { GapView } from '../../bindings/GapView';
import type { RungState } from '../../bindings/RungState';
import type { RungStatusView } from '../../bindings/RungStatusView';
import { plural } from '../../lib/format';
import { RUNG_STATE_LABELS, RUNG_STATE_TAGS, gapTinyLabel } from '../../lib/sourcing';
import { useFocusLater } from '../../lib/useFocusLater';
import { ReasonForm } from './ReasonForm';

type Marking = { code: string; notApplicable: boolean };

type StateGroup = { key: string; state: RungState; detail: string; gaps: GapView[] };

/** Gaps on which a rung stands the same (state and detail), so a group of gaps reads as one line. */
export function groupStates(states: { gs: GapSourcingView; s: RungStatusView | undefined }[]): StateGroup[] {
  const groups = new Map<string, StateGroup>();
  for (const { gs, s } of states) {
    const state = s?.state ?? 'not_started';
    const detail = s?.detail ?? '';
    const key = `${state}\u0000${detail}`;
    const g = groups.get(key);
    if (g) g.gaps.push(gs.gap);
    else groups.set(key, { key, state, detail, gaps: [gs.gap] });
  }
  return [...groups.values()];
}

/**
 * Every rung of the ladder in force, in order, with its state on each gap and the detail line;
 * per rung, "Log attempt" and "Not applicable…" (or "Applicable again…").
 */
export function LadderChecklist({
  ladder,
  gaps,
  busy,
  markError,
  onLog,
  onMark,
}: {
  ladder: LadderView;
  gaps: GapSourcingView[];
  busy: boolean;
  /** A problem with a mark the backend found, shown by the reason. */
  markError: string | null;
  onLog: (code: string) => void;
  onMark: (code: string, notApplicable: boolean, reason: string) => Promise<boolean>;
}) {
  const [marking, setMarking] = useState<Marking | null>(null);
  const focusLater = useFocusLater();
  const several = gaps.length > 1;
  const rungs = [...ladder.rungs].sort((a, b) => a.position - b.position);
  const stateOf = (gs: GapSourcingView, code: string): RungStatusView | undefined => gs.rungs.find((s) => s.code === code);
  const closeMarking = (code: string, notApplicable: boolean) => {
    setMarking(null);
    const id = notApplicable ? `ladder-na-${code}` : `ladder-applicable-${code}`;
    focusLater(id, `ladder-log-${code}`);
  };

  return (
    <section aria-labelledby="ladder-heading" className="sc-sourcing-section">
      <h3 className="nhsuk-heading-s" id="ladder-heading">
        Ladder of staffing sources
      </h3>
      <p className="nhsuk-body-s sc-muted">
        Version {ladder.version}. Each required rung needs evidence that it was tried, or &ldquo;not applicable&rdquo; with a
        reason{several ? `; a mark applies to all ${gaps.length} gaps` : ''}.
      </p>
      <table className="nhsuk-table nhsuk-table--compact sc-ladder-table" id="ladder-table">
        <caption className="nhsuk-u-visually-hidden">Rungs of the ladder and where each stands</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header sc-ladder-pos">
              <span className="nhsuk-u-visually-hidden">Position</span>
            </th>
            <th scope="col" className="nhsuk-table__header">
              Rung
            </th>
            <th scope="col" className="nhsuk-table__header">
              {several ? 'State on each gap' : 'State'}
            </th>
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rungs.map((r) => {
            const states = gaps.map((gs) => ({ gs, s: stateOf(gs, r.code) }));
            const anyNa = states.some(({ s }) => s?.state === 'not_applicable');
            const allNa = states.length > 0 && states.every(({ s }) => s?.state === 'not_applicable');
            const open = marking?.code === r.code ? marking : null;
            const nameId = `ladder-rung-${r.code}`;
            return [
              <tr className="nhsuk-table__row" key={r.code} data-testid="ladder-row">
                <td className="nhsuk-table__cell sc-ladder-pos">{r.position}.</td>
                <th scope="row" className="nhsuk-table__header sc-row-header" id={nameId}>
                  {r.name}
                  {!r.required && <span className="sc-muted sc-optional"> (optional)</span>}
                  {r.description && <span className="sc-rung-description">{r.description}</span>}
                </th>
                <td className="nhsuk-table__cell">
                  <ul className="nhsuk-list sc-rung-states">
                    {groupStates(states).map((g) => (
                      <li key={g.key}>
                        {several && (
                          <span className="sc-rung-gap">
                            {g.gaps.length === gaps.length ? `All ${gaps.length} gaps` : g.gaps.map((x) => gapTinyLabel(x)).join('; ')}:{' '}
                          </span>
                        )}
                        <strong className={`nhsuk-tag ${RUNG_STATE_TAGS[g.state] ?? ''} sc-tag-small`}>{RUNG_STATE_LABELS[g.state] ?? g.state}</strong>
                        {g.detail && <span className="sc-rung-detail"> {g.detail}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="nhsuk-table__cell sc-ladder-actions">
                  <button
                    type="button"
                    className="sc-tool-button sc-row-button"
                    id={`ladder-log-${r.code}`}
                    aria-describedby={nameId}
                    onClick={() => onLog(r.code)}
                  >
                    Log attempt
                  </button>
                  {!allNa && (
                    <button
                      type="button"
                      className="sc-tool-button sc-row-button"
                      id={`ladder-na-${r.code}`}
                      aria-describedby={nameId}
                      aria-expanded={open?.notApplicable === true}
                      onClick={() => setMarking({ code: r.code, notApplicable: true })}
                    >
                      Not applicable…
                    </button>
                  )}
                  {anyNa && (
                    <button
                      type="button"
                      className="sc-tool-button sc-row-button"
                      id={`ladder-applicable-${r.code}`}
                      aria-describedby={nameId}
                      aria-expanded={open?.notApplicable === false}
                      onClick={() => setMarking({ code: r.code, notApplicable: false })}
                    >
                      Applicable again…
                    </button>
                  )}
                </td>
              </tr>,
              open && (
                <tr className="nhsuk-table__row sc-ladder-mark-row" key={`${r.code}-mark`}>
                  <td className="nhsuk-table__cell" colSpan={4}>
                    <ReasonForm
                      key={`${r.code}-${open.notApplicable}`}
                      id={`ladder-reason-${r.code}`}
                      label={
                        open.notApplicable
                          ? `Why does “${r.name}” not apply${several ? ` to these ${plural(gaps.length, 'gap')}` : ''}?`
                          : `Why does “${r.name}” apply after all?`
                      }
                      hint={open.notApplicable ? 'For example: no elective lists in this service on these days.' : undefined}
                      submitLabel={open.notApplicable ? 'Mark not applicable' : 'Mark applicable again'}
                      missingMessage={open.notApplicable ? 'Enter why this rung does not apply' : 'Enter why this rung applies after all'}
                      busy={busy}
                      error={markError}
                      onSubmit={(reason) => {
                        void onMark(r.code, open.notApplicable, reason).then((ok) => {
                          if (ok) closeMarking(r.code, open.notApplicable);
                        });
                      }}
                      onCancel={() => closeMarking(r.code, open.notApplicable)}
                    />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </section>
  );
}
