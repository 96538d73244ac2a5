import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { RequestView } from '../../bindings/RequestView';
import { AppErrorSummary } from '../../components/ErrorSummary';
import { formatMinutes } from '../../lib/approval';
import { plural } from '../../lib/format';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TAGS, awaitsDecision, countdown, failingChecks, shortHash } from '../../lib/requests';
import { ApprovalPanel } from './ApprovalPanel';
import { ChecksPanel } from './ChecksPanel';
import { EvidenceView } from './EvidenceView';
import { RequestEditor } from './RequestEditor';
import { TrackPanel } from './TrackPanel';

/** The time now, in milliseconds, moving on every `everyMs` (for countdowns). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

export type RequestTab = 'request' | 'approval' | 'track' | 'history';

const TABS: { tab: RequestTab; label: string }[] = [
  { tab: 'request', label: 'Request' },
  { tab: 'approval', label: 'Approval' },
  { tab: 'track', label: 'Send and track' },
  { tab: 'history', label: 'History' },
];

/** A content hash: the first 12 hex digits shown, the whole of it on hover and for screen readers. */
export function HashText({ hash, id }: { hash: string; id?: string }) {
  return (
    <code className="sc-hash sc-hash-short" title={hash} id={id}>
      <span aria-hidden="true">{shortHash(hash)}…</span>
      <span className="nhsuk-u-visually-hidden">{hash}</span>
    </code>
  );
}

/** Where the request stands against its deadline: "03/01/2024 14:00 (2 h 14 min left)", or how long the decision took. */
function DeadlineText({ request: r, now }: { request: RequestView; now: number }) {
  const due = r.content.decision_needed_by;
  const d = r.decision;
  if (d && !awaitsDecision(r.status)) {
    const took = d.minutes_taken === null ? '' : `, ${formatMinutes(d.minutes_taken)} after it was sent`;
    const when = d.on_time === null ? '' : d.on_time ? ', by the deadline' : ', after the deadline had passed';
    return (
      <>
        {due ? due.local : <span className="sc-muted">No deadline was given</span>}
        <span className="sc-block" id="request-time-taken">
          Decided on {d.at_local}
          {took}
          {when}.
        </span>
      </>
    );
  }
  if (!due) return <span className="sc-muted">Not given yet</span>;
  if (!awaitsDecision(r.status)) return <>{due.local}</>;
  const c = countdown(due.utc, now);
  return (
    <>
      {due.local} <span className={`sc-countdown sc-deadline--${c.tone}`}>({c.text})</span>
    </>
  );
}

/**
 * One request: a header (reference, version, status, content hash, deadline countdown) and its
 * sections as tabs: the request itself (its fields, readiness checks and the evidence), the
 * approval, sending and tracking, and the history of every step.
 */
export function RequestDetail({
  requestId,
  level = 2,
  notice = null,
  onChanged,
}: {
  requestId: number;
  /** The heading level of the request's title: 1 on the Requests screen, 2 inside a walkout. */
  level?: 1 | 2;
  /** A message to show above the request when it opens (e.g. "Created 2 draft requests…"). */
  notice?: string | null;
  /** The request changed (saved, sent for approval, approved, decided…). */
  onChanged?: (r: RequestView) => void;
}) {
  const [request, setRequest] = useState<RequestView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [retry, setRetry] = useState(0);
  const [tab, setTab] = useState<RequestTab>('request');
  const tabRefs = useRef<Partial<Record<RequestTab, HTMLButtonElement | null>>>({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const now = useNow(30_000);

  useEffect(() => {
    let live = true;
    api.requestGet(requestId).then(
      (view) => {
        if (!live) return;
        setRequest(view);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(toAppError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [requestId, retry]);

  const loaded = request !== null;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const changed = useCallback(
    (view: RequestView) => {
      setRequest(view);
      onChanged?.(view);
    },
    [onChanged],
  );

  const Heading = level === 1 ? 'h1' : 'h2';
  const headingClass = level === 1 ? 'nhsuk-heading-l sc-screen-title' : 'nhsuk-heading-m';

  if (!request) {
    return (
      <section className="sc-request" aria-labelledby="request-heading">
        <Heading className={headingClass} id="request-heading" tabIndex={-1}>
          Request
        </Heading>
        {error ? (
          <>
            <AppErrorSummary error={error} id="request-load-error" />
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setRetry((n) => n + 1)}>
              Try again
            </button>
          </>
        ) : (
          <p className="nhsuk-body" role="status">
            Loading the request…
          </p>
        )}
      </section>
    );
  }

  const c = request.content;
  const failing = failingChecks(request.checks).length;

  const choose = (next: RequestTab, focus = false) => {
    setTab(next);
    if (focus) tabRefs.current[next]?.focus();
  };
  const onTabKey = (e: React.KeyboardEvent, current: RequestTab) => {
    const i = TABS.findIndex((t) => t.tab === current);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    choose(TABS[next].tab, true);
  };

  return (
    <section className="sc-request" aria-labelledby="request-heading">
      <Heading className={headingClass} id="request-heading" tabIndex={-1} ref={headingRef}>
        {c.reference}: {c.department}, {c.site}
      </Heading>
      <dl className="sc-request-facts" id="request-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <strong className={`nhsuk-tag ${REQUEST_STATUS_TAGS[request.status]} sc-tag-small`} id="request-status">
              {REQUEST_STATUS_LABELS[request.status]}
            </strong>
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd id="request-version">{c.version}</dd>
        </div>
        <div>
          <dt>Content SHA-256</dt>
          <dd>
            <HashText hash={request.content_hash} id="request-hash" />
          </dd>
        </div>
        <div>
          <dt>Decision needed by</dt>
          <dd id="request-deadline">
            <DeadlineText request={request} now={now} />
          </dd>
        </div>
      </dl>
      <p className="nhsuk-body-s sc-request-what">
        {c.role || 'Grade or role not given'}: {plural(c.doctors, 'doctor')} for {plural(c.shifts.length, 'shift')}. {c.duration}. Walkout:{' '}
        {c.walkout.name}.
      </p>
      {notice && (
        <div className="nhsuk-inset-text sc-confirmation" role="status" id="request-notice">
          <p>{notice}</p>
        </div>
      )}

      <div className="sc-tabs" role="tablist" aria-label={`Request ${c.reference}`}>
        {TABS.map((t) => (
          <button
            key={t.tab}
            ref={(el) => {
              tabRefs.current[t.tab] = el;
            }}
            type="button"
            role="tab"
            id={`request-tab-${t.tab}`}
            aria-selected={tab === t.tab}
            aria-controls={`request-panel-${t.tab}`}
            tabIndex={tab === t.tab ? 0 : -1}
            className="sc-tab"
            onClick={() => choose(t.tab)}
            onKeyDown={(e) => onTabKey(e, t.tab)}
          >
            {t.label}
            {t.tab === 'request' && failing > 0 && <span className="sc-tab-count"> ({failing === 1 ? '1 check fails' : `${failing} checks fail`})</span>}
            {t.tab === 'history' && <span className="sc-tab-count"> ({request.history.length})</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`request-panel-${tab}`} aria-labelledby={`request-tab-${tab}`} className="sc-request-panel">
        {tab === 'request' && (
          <>
            <section aria-labelledby="request-checks-heading" className="sc-request-section">
              <h2 className="nhsuk-heading-m" id="request-checks-heading">
                Readiness checks
              </h2>
              <ChecksPanel checks={request.checks} />
            </section>
            <RequestEditor request={request} onChanged={changed} />
            <section aria-labelledby="request-evidence-heading" className="sc-request-section">
              <h2 className="nhsuk-heading-m" id="request-evidence-heading">
                Alternatives exhausted
              </h2>
              <EvidenceView content={c} />
            </section>
          </>
        )}
        {tab === 'approval' && <ApprovalPanel request={request} onChanged={changed} />}
        {tab === 'track' && <TrackPanel request={request} onChanged={changed} />}
        {tab === 'history' && <History request={request} />}
      </div>
    </section>
  );
}

/** Every step of the request, newest first. */
function History({ request }: { request: RequestView }) {
  const events = [...request.history].sort((a, b) => b.at - a.at);
  return (
    <section aria-labelledby="request-history-heading" className="sc-request-section">
      <h2 className="nhsuk-heading-m" id="request-history-heading">
        History
      </h2>
      {events.length === 0 ? (
        <p className="nhsuk-body">Nothing recorded yet.</p>
      ) : (
        <>
          <p className="nhsuk-body-s sc-muted">Newest first. Every version is kept.</p>
          <ol className="nhsuk-list sc-history-list" id="request-history" reversed>
            {events.map((e, i) => (
              <li key={`${e.at}-${e.kind}-${i}`} className="sc-history-event" data-testid="history-event">
                <span className="sc-history-when">
                  <time dateTime={new Date(e.at * 1000).toISOString()}>{e.at_local}</time>
                </span>
                <span className="sc-history-text">
                  {e.text}
                  <span className="sc-block sc-muted">
                    By {e.by}, version {e.version}
                  </span>
                  {e.comment.trim() !== '' && <span className="sc-comment sc-block sc-prewrap">“{e.comment}”</span>}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
