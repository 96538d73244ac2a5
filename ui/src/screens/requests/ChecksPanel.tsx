import type { CheckView } from '../../bindings/CheckView';
import { CHECK_STATUS_LABELS, CHECK_STATUS_TAGS, checksSummary, sortChecks } from '../../lib/requests';

/**
 * The readiness checks of a request: a summary line ("2 checks fail, 1 warning"), then each check,
 * failing first, with its result in words and in colour (never colour alone), its name and a
 * plain explanation. The checks mirror the reasons the BMA refused or revoked requests.
 */
export function ChecksPanel({ checks, id = 'request-checks' }: { checks: CheckView[]; id?: string }) {
  const sorted = sortChecks(checks);
  const failing = checks.some((c) => c.status === 'fail');
  return (
    <div className="sc-checks" id={id}>
      <p className={`nhsuk-body sc-checks-summary${failing ? ' sc-checks-summary--fail' : ''}`} id={`${id}-summary`}>
        <strong>{checksSummary(checks)}</strong>
        {failing && <span className="sc-block">A request with a failing check cannot be sent for approval.</span>}
      </p>
      {sorted.length > 0 && (
        <ul className="nhsuk-list sc-check-list" aria-labelledby={`${id}-summary`}>
          {sorted.map((c) => (
            <li key={c.code} className={`sc-check sc-check--${c.status}`} data-testid="check" data-code={c.code}>
              <span className="sc-check-head">
                <strong className={`nhsuk-tag ${CHECK_STATUS_TAGS[c.status]} sc-tag-small sc-check-tag`}>{CHECK_STATUS_LABELS[c.status]}</strong>
                <span className="nhsuk-u-visually-hidden">: </span>
                <span className="sc-check-name">{c.name}</span>
              </span>
              <span className="sc-check-why">{c.explanation}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
