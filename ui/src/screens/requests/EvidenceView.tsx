import type { EvidenceAttempt } from '../../bindings/EvidenceAttempt';
import type { OverrideLine } from '../../bindings/OverrideLine';
import type { RequestContent } from '../../bindings/RequestContent';
import type { RungEvidence } from '../../bindings/RungEvidence';
import { formatCount, plural } from '../../lib/format';

/** The tag colour of a rung's state label (the core's words); the tag always says the state. */
const STATE_TAGS: Record<string, string> = {
  Exhausted: 'nhsuk-tag--blue',
  'Not applicable': 'nhsuk-tag--white',
  'In progress': 'nhsuk-tag--yellow',
  'Not started': 'nhsuk-tag--grey',
  Filled: 'nhsuk-tag--green',
};

/** "9 rungs: 6 exhausted, 2 not applicable, 1 not started. 8 attempts logged." */
export function evidenceSummary(evidence: RungEvidence[]): string {
  const counts = new Map<string, number>();
  for (const r of evidence) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const order = ['Exhausted', 'Filled', 'Not applicable', 'In progress', 'Not started'];
  const rank = (state: string) => (order.includes(state) ? order.indexOf(state) : order.length);
  const states = [...counts]
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([state, n]) => `${formatCount(n)} ${state.toLocaleLowerCase('en-GB')}`).join(', ');
  const attempts = evidence.reduce((n, r) => n + r.attempts.length, 0);
  return `${plural(evidence.length, 'rung')}${states ? `: ${states}` : ''}. ${attempts === 0 ? 'No attempts logged' : `${plural(attempts, 'attempt')} logged`}.`;
}

/**
 * The "Alternatives exhausted" section of a request, generated from the attempt log: rung by
 * rung, what was tried, when, by whom, on what terms and with what result; the reasons a rung
 * does not apply; and any working-time rule overridden on purpose. Nothing here is typed: it is
 * read-only, and the log is edited on the Sourcing screen. Rungs fold away (those with attempts
 * start open) so a request with hundreds of attempts stays easy to move through.
 */
export function EvidenceView({ content, id = 'request-evidence' }: { content: Pick<RequestContent, 'evidence' | 'overrides'>; id?: string }) {
  const { evidence, overrides } = content;
  return (
    <div className="sc-evidence" id={id}>
      <p className="nhsuk-body-s sc-generated" id={`${id}-note`}>
        <strong>Generated from the attempt log</strong> — edit the log on the Sourcing screen, not here.
      </p>
      <p className="nhsuk-body" id={`${id}-summary`}>
        {evidenceSummary(evidence)}
      </p>
      {overrides.length > 0 && <Overrides overrides={overrides} id={`${id}-overrides`} />}
      {evidence.length > 0 && (
        <ol className="nhsuk-list sc-rung-list">
          {evidence.map((r, i) => (
            <li key={r.code} className="sc-rung-item" data-testid="evidence-rung">
              <Rung rung={r} position={i + 1} id={`${id}-${r.code}`} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function Rung({ rung, position, id }: { rung: RungEvidence; position: number; id: string }) {
  const n = rung.attempts.length;
  return (
    <details className="nhsuk-details sc-rung-evidence" open={n > 0} id={id}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {position}. {rung.name}
        </span>
        <span className="sc-rung-facts">
          {' '}
          <strong className={`nhsuk-tag ${STATE_TAGS[rung.state] ?? 'nhsuk-tag--grey'} sc-tag-small`}>{rung.state}</strong>{' '}
          <span className="sc-muted">
            {rung.required ? 'Required' : 'Optional'}, {n === 0 ? 'no attempts' : plural(n, 'attempt')}
          </span>
        </span>
      </summary>
      <div className="nhsuk-details__text sc-rung-evidence-text">
        {rung.not_applicable.length > 0 && (
          <div className="sc-not-applicable">
            <p className="nhsuk-body-s sc-label-strong">Not applicable because:</p>
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
              {rung.not_applicable.map((reason, i) => (
                <li key={i}>{reason}</li>
              ))}
            </ul>
          </div>
        )}
        {n > 0 ? (
          <Attempts attempts={rung.attempts} caption={`Attempts on “${rung.name}”`} />
        ) : (
          rung.not_applicable.length === 0 && <p className="nhsuk-body-s">Nothing logged on this rung.</p>
        )}
      </div>
    </details>
  );
}

function Blank({ text }: { text: string }) {
  if (text.trim() !== '') return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="nhsuk-u-visually-hidden">none</span>
    </>
  );
}

function Attempts({ attempts, caption }: { attempts: EvidenceAttempt[]; caption: string }) {
  return (
    <div className="sc-table-scroll sc-evidence-scroll">
      <table className="nhsuk-table nhsuk-table--compact sc-evidence-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">When</th>
            <th scope="col" className="nhsuk-table__header">By</th>
            <th scope="col" className="nhsuk-table__header">Asked</th>
            <th scope="col" className="nhsuk-table__header">Channel</th>
            <th scope="col" className="nhsuk-table__header">Terms</th>
            <th scope="col" className="nhsuk-table__header">Result</th>
            <th scope="col" className="nhsuk-table__header">Shifts</th>
            <th scope="col" className="nhsuk-table__header">Notes</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {attempts.map((a) => (
            <tr className="nhsuk-table__row" key={a.attempt_id}>
              <td className="nhsuk-table__cell sc-nowrap">{a.at}</td>
              <td className="nhsuk-table__cell">{a.by}</td>
              <td className="nhsuk-table__cell">{a.asked}</td>
              <td className="nhsuk-table__cell">{a.channel}</td>
              <td className="nhsuk-table__cell">
                <Blank text={a.terms} />
              </td>
              <td className="nhsuk-table__cell">{a.result}</td>
              <td className="nhsuk-table__cell">{a.shifts}</td>
              <td className="nhsuk-table__cell sc-prewrap">
                <Blank text={a.notes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Overrides({ overrides, id }: { overrides: OverrideLine[]; id: string }) {
  return (
    <div className="nhsuk-warning-callout sc-overrides" id={id}>
      <h4 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {overrides.length === 1 ? 'A working-time rule was overridden' : 'Working-time rules were overridden'}
        </span>
      </h4>
      <p>The request states this cover. Each was a deliberate decision, with the reason recorded.</p>
      <ul className="nhsuk-list">
        {overrides.map((o, i) => (
          <li key={i} className="sc-override-line">
            <strong>
              {o.doctor}, {o.shift}
            </strong>
            <span className="sc-block">Rules broken: {o.rules.join('; ')}</span>
            <span className="sc-block">Reason: {o.reason}</span>
            <span className="sc-block sc-muted">
              Recorded by {o.by} at {o.at}
            </span>
            {o.released && <span className="sc-block">The cover later fell through: the shift is uncovered again.</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
