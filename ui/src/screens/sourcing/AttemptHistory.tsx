import type { AttemptView } from '../../bindings/AttemptView';
import type { GapSourcingView } from '../../bindings/GapSourcingView';
import { formatTimestamp } from '../../lib/dates';
import { plural } from '../../lib/format';
import { gapShortLabel } from '../../lib/sourcing';

/**
 * Every attempt naming these gaps, newest first. Superseded attempts stay, marked (and muted,
 * struck through); an "asked" attempt can have its answer recorded, any current one corrected.
 */
export function AttemptHistory({
  attempts,
  gaps,
  onAnswer,
  onCorrect,
}: {
  attempts: AttemptView[];
  gaps: GapSourcingView[];
  onAnswer: (a: AttemptView) => void;
  onCorrect: (a: AttemptView) => void;
}) {
  const several = gaps.length > 1;
  const label = new Map(gaps.map((g) => [g.gap.duty_id, gapShortLabel(g.gap)]));
  const current = attempts.filter((a) => a.superseded_by === null).length;

  return (
    <section aria-labelledby="history-heading" className="sc-sourcing-section sc-history">
      <h3 className="nhsuk-heading-s" id="history-heading">
        Attempts so far
      </h3>
      {attempts.length === 0 ? (
        <p className="nhsuk-body-s" id="history-empty">
          No attempts logged for {several ? 'these gaps' : 'this gap'} yet.
        </p>
      ) : (
        <>
          <p className="nhsuk-body-s sc-muted">
            {plural(attempts.length, 'attempt')}, newest first
            {attempts.length > current ? `; ${plural(attempts.length - current, 'was', 'were')} superseded by a later answer or correction` : ''}.
          </p>
          <div className="sc-table-scroll sc-history-scroll">
            <table className="nhsuk-table nhsuk-table--compact sc-history-table" id="history-table">
              <caption className="nhsuk-u-visually-hidden">Attempts to find cover, newest first</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    #
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    When
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Rung
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    What happened
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Notes
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Logged by
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {attempts.map((a) => {
                  const superseded = a.superseded_by !== null;
                  const names = a.duty_ids.filter((id) => label.has(id));
                  const summaryId = `attempt-${a.id}-summary`;
                  return (
                    <tr
                      key={a.id}
                      className={`nhsuk-table__row${superseded ? ' sc-superseded' : ''}`}
                      data-testid="attempt-row"
                      id={`attempt-row-${a.id}`}
                    >
                      <td className="nhsuk-table__cell sc-numeric">{a.id}</td>
                      <td className="nhsuk-table__cell sc-nowrap">{a.asked_at_local}</td>
                      <td className="nhsuk-table__cell">{a.rung_name}</td>
                      <td className="nhsuk-table__cell">
                        <span className="sc-attempt-summary" id={summaryId}>
                          {a.summary}
                        </span>
                        {superseded && (
                          <>
                            {' '}
                            <strong className="nhsuk-tag nhsuk-tag--grey sc-tag-small">Superseded by #{a.superseded_by}</strong>
                          </>
                        )}
                        {a.supersedes !== null && <span className="sc-attempt-meta">Replaces #{a.supersedes}</span>}
                        {a.outcome === 'no_reply' && a.reply_by_local && (
                          <span className="sc-attempt-meta">Answer needed by {a.reply_by_local}</span>
                        )}
                        {several && names.length < gaps.length && (
                          <span className="sc-attempt-meta">For: {names.map((id) => label.get(id)).join('; ')}</span>
                        )}
                      </td>
                      <td className="nhsuk-table__cell sc-attempt-notes">{a.notes}</td>
                      <td className="nhsuk-table__cell">
                        {a.logged_by}
                        <span className="sc-attempt-meta">{formatTimestamp(a.logged_at)}</span>
                      </td>
                      <td className="nhsuk-table__cell sc-history-actions">
                        {!superseded && a.outcome === 'asked' && (
                          <button
                            type="button"
                            className="sc-tool-button sc-row-button"
                            aria-describedby={summaryId}
                            onClick={() => onAnswer(a)}
                          >
                            Record answer
                          </button>
                        )}
                        {!superseded && (
                          <button
                            type="button"
                            className="sc-tool-button sc-row-button"
                            aria-describedby={summaryId}
                            onClick={() => onCorrect(a)}
                          >
                            Correct
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
