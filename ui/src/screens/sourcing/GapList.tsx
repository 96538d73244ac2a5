import { useState } from 'react';
import type { FillView } from '../../bindings/FillView';
import type { GapSourcingView } from '../../bindings/GapSourcingView';
import type { GapStatus } from '../../bindings/GapStatus';
import { formatTimestamp } from '../../lib/dates';
import { GAP_STATUS_LABELS } from '../../lib/format';
import { gapHeadline } from '../../lib/sourcing';
import { useFocusLater } from '../../lib/useFocusLater';
import { ReasonForm } from './ReasonForm';

const STATUS_TAG: Record<GapStatus, string> = {
  uncovered: 'nhsuk-tag--red',
  sourcing: 'nhsuk-tag--yellow',
  requested: 'nhsuk-tag--blue',
  covered: 'nhsuk-tag--green',
};

/** A gap's status as a tag (with its text, never colour alone). */
export function GapStatusTag({ status }: { status: GapStatus }) {
  return <strong className={`nhsuk-tag ${STATUS_TAG[status] ?? ''} sc-tag-small`}>{GAP_STATUS_LABELS[status] ?? status}</strong>;
}

/**
 * The gaps being sourced, each with its status, what is still to do before its alternatives
 * count as exhausted, and who covers it if it is covered (with "Cover fell through…").
 */
export function GapList({
  gaps,
  busy,
  releaseError,
  onRelease,
}: {
  gaps: GapSourcingView[];
  busy: boolean;
  /** A problem with the release reason the backend found, by duty id. */
  releaseError: { dutyId: number; message: string } | null;
  onRelease: (dutyId: number, reason: string) => Promise<boolean>;
}) {
  return (
    <ul className="nhsuk-list sc-sourcing-gaps" id="sourcing-gaps">
      {gaps.map((gs) => (
        <li key={gs.gap.duty_id} className="sc-sourcing-gap" data-testid="sourcing-gap" id={`sourcing-gap-${gs.gap.duty_id}`} tabIndex={-1}>
          <p className="sc-gap-headline">
            <span className="sc-gap-headline-text">{gapHeadline(gs.gap)}</span> <GapStatusTag status={gs.gap.status} />
            {gs.gap.critical && (
              <>
                {' '}
                <strong className="nhsuk-tag nhsuk-tag--orange sc-tag-small">Critical</strong>
              </>
            )}
          </p>
          <p className="sc-gap-progress">
            {gs.exhausted ? (
              <strong className="nhsuk-tag nhsuk-tag--green sc-tag-small">Alternatives exhausted</strong>
            ) : gs.missing.length > 0 && !gs.fill ? (
              <>
                <span className="sc-label-strong">Still to do:</span> {gs.missing.join(', ')}
              </>
            ) : null}
          </p>
          {gs.fill && (
            <FillInfo
              dutyId={gs.gap.duty_id}
              fill={gs.fill}
              busy={busy}
              error={releaseError?.dutyId === gs.gap.duty_id ? releaseError.message : null}
              onRelease={(reason) => onRelease(gs.gap.duty_id, reason)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Who covers a gap, from which rung, who recorded it, any rules overridden; and the release. */
function FillInfo({
  dutyId,
  fill,
  busy,
  error,
  onRelease,
}: {
  dutyId: number;
  fill: FillView;
  busy: boolean;
  error: string | null;
  onRelease: (reason: string) => Promise<boolean>;
}) {
  const [releasing, setReleasing] = useState(false);
  const focusLater = useFocusLater();
  const buttonId = `release-open-${dutyId}`;
  return (
    <div className="sc-fill-info" id={`fill-info-${dutyId}`} tabIndex={-1}>
      <p className="nhsuk-body-s sc-fill-line">
        <strong>Covered by {fill.covered_by}</strong>, from &ldquo;{fill.rung_name}&rdquo;. Recorded by {fill.filled_by} on{' '}
        {formatTimestamp(fill.filled_at)}.
      </p>
      {fill.overridden.length > 0 && (
        <div className="nhsuk-warning-callout sc-callout-compact">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Rules overridden
            </span>
          </h3>
          <ul className="nhsuk-list nhsuk-list--bullet sc-compact-list">
            {fill.overridden.map((v, i) => (
              <li key={`${v.rule}-${i}`}>{v.message}</li>
            ))}
          </ul>
          {fill.override_reason && <p className="nhsuk-body-s">Reason given: {fill.override_reason}</p>}
        </div>
      )}
      {releasing ? (
        <ReasonForm
          id={`release-reason-${dutyId}`}
          label="Why did the cover fall through?"
          hint="For example: the locum cancelled at 18:00. The gap is open again; the cover stays on record."
          submitLabel="Record that the cover fell through"
          missingMessage="Enter why the cover fell through"
          busy={busy}
          error={error}
          onSubmit={(reason) => {
            void onRelease(reason).then((ok) => {
              if (ok) setReleasing(false);
            });
          }}
          onCancel={() => {
            setReleasing(false);
            focusLater(buttonId);
          }}
        />
      ) : (
        <button type="button" className="sc-tool-button" id={buttonId} onClick={() => setReleasing(true)}>
          Cover fell through…
        </button>
      )}
    </div>
  );
}
