import { useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { AuditEntryView } from '../../bindings/AuditEntryView';
import type { AuditVerifyView } from '../../bindings/AuditVerifyView';
import type { UserView } from '../../bindings/UserView';
import type { WalkoutView } from '../../bindings/WalkoutView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { AUDIT_PAGE_SIZE, type AuditForm, BREAK_KIND_LABELS, EMPTY_AUDIT_FORM, auditFieldTarget, auditFilter } from '../../lib/audit';
import { formatCount } from '../../lib/format';
import { useFocusLater } from '../../lib/useFocusLater';
import { useLoad } from '../../lib/useLoad';

type Choices = { walkouts: WalkoutView[]; users: UserView[] };

/**
 * The audit trail: every change, newest first, in plain English, filtered by walkout, request,
 * shift, user and dates; and the check of the hash chain that shows rows edited, deleted,
 * reordered or added outside the app.
 */
export function AuditScreen() {
  const choices = useLoad<Choices>('choices', () =>
    Promise.all([api.walkoutList(), api.usersList()]).then(([walkouts, users]) => ({ walkouts, users })),
  );
  const [form, setForm] = useState<AuditForm>(EMPTY_AUDIT_FORM);
  // The filter last applied (the list shows it); bumped to reload.
  const [applied, setApplied] = useState<{ form: AuditForm; n: number }>({ form: EMPTY_AUDIT_FORM, n: 0 });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [older, setOlder] = useState<{ entries: AuditEntryView[]; next: number | null } | null>(null);
  const [olderError, setOlderError] = useState<AppError | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const focusLater = useFocusLater();

  const first = useLoad(`list-${applied.n}`, () => {
    const built = auditFilter(applied.form);
    // The applied form was checked before it was applied.
    return built.filter ? api.auditList(built.filter) : Promise.resolve({ entries: [], next_before: null });
  });

  const set = (key: keyof AuditForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const apply = (next: AuditForm) => {
    const built = auditFilter(next);
    if (built.filter === null) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setOlder(null);
    setOlderError(null);
    setApplied((a) => ({ form: next, n: a.n + 1 }));
  };

  const backendProblem =
    first.status === 'error' && auditFieldTarget(first.error.field)
      ? [{ target: auditFieldTarget(first.error.field) as string, message: fieldMessage(first.error) }]
      : [];
  const allProblems = problems.length > 0 ? problems : backendProblem;
  const problemFor = (id: string) => allProblems.find((p) => p.target === id)?.message;

  const entries = first.status === 'ready' ? [...first.data.entries, ...(older?.entries ?? [])] : [];
  const next = first.status === 'ready' ? (older ? older.next : first.data.next_before) : null;

  const loadOlder = () => {
    const built = auditFilter(applied.form, next);
    if (!built.filter) return;
    setLoadingOlder(true);
    setOlderError(null);
    api.auditList(built.filter).then(
      (page) => {
        setLoadingOlder(false);
        setOlder((o) => ({ entries: [...(o?.entries ?? []), ...page.entries], next: page.next_before }));
        if (page.entries.length > 0) focusLater(`audit-row-${page.entries[0].id}`);
      },
      (e: AppError) => {
        setLoadingOlder(false);
        setOlderError(e);
      },
    );
  };

  const field = (id: string, label: string, key: keyof AuditForm, hint?: string, className = 'nhsuk-input--width-10') => {
    const err = problemFor(id);
    return (
      <div className={`nhsuk-form-group${err ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={id}>
          {label}
        </label>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {err && (
          <p className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {err}
          </p>
        )}
        <input
          id={id}
          className={`nhsuk-input ${className}${err ? ' nhsuk-input--error' : ''}`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={form[key]}
          aria-describedby={[hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
          aria-invalid={err ? true : undefined}
          onChange={set(key)}
        />
      </div>
    );
  };

  return (
    <>
      <h1 className="nhsuk-heading-l" tabIndex={-1} id="screen-heading">
        Audit trail
      </h1>
      <p className="nhsuk-body">
        Every change made in Strike Cover, who made it and when. Each entry is chained to the one before it by its SHA-256
        hash, so an entry changed, removed or added outside the app shows when you check the trail.
      </p>

      <VerifySection />

      <h2 className="nhsuk-heading-m" id="audit-filters-heading">
        Find entries
      </h2>
      {allProblems.length > 0 && <FieldErrorSummary problems={allProblems} id="audit-filter-error" />}
      <form
        noValidate
        aria-labelledby="audit-filters-heading"
        onSubmit={(e) => {
          e.preventDefault();
          apply(form);
        }}
      >
        <div className="sc-form-row">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="audit-walkout">
              Walkout
            </label>
            <select className="nhsuk-select" id="audit-walkout" value={form.walkout} onChange={set('walkout')}>
              <option value="">Any walkout</option>
              {choices.status === 'ready' &&
                choices.data.walkouts.map((w) => (
                  <option key={w.id} value={String(w.id)}>
                    {w.title} ({w.start_local} to {w.end_local})
                  </option>
                ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="audit-user">
              Who
            </label>
            <select className="nhsuk-select" id="audit-user" value={form.user} onChange={set('user')}>
              <option value="">Anyone</option>
              {choices.status === 'ready' &&
                choices.data.users.map((u) => (
                  <option key={u.id} value={u.username}>
                    {u.display_name === u.username ? u.username : `${u.display_name} (${u.username})`}
                  </option>
                ))}
            </select>
          </div>
          {field('audit-request', 'Request number', 'request', undefined, 'nhsuk-input--width-5')}
          {field('audit-duty', 'Shift (duty number)', 'duty', 'As shown in the gaps list', 'nhsuk-input--width-5')}
        </div>
        <div className="sc-form-row">
          {field('audit-from', 'From', 'from', 'For example, 14/03/2025', 'sc-date-field')}
          {field('audit-to', 'To', 'to', 'Included', 'sc-date-field')}
        </div>
        {choices.status === 'error' && <AppErrorSummary error={choices.error} id="audit-choices-error" />}
        <div className="sc-toolbar">
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" id="audit-apply">
            Show entries
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            id="audit-clear"
            onClick={() => {
              setForm(EMPTY_AUDIT_FORM);
              apply(EMPTY_AUDIT_FORM);
            }}
          >
            Clear filters
          </button>
        </div>
      </form>

      <div role="status" aria-live="polite">
        {first.status === 'loading' && <p className="nhsuk-body">Loading the audit trail…</p>}
        {first.status === 'ready' && (
          <p className="nhsuk-body-s" id="audit-count">
            {entries.length === 0
              ? 'No entries match.'
              : `Showing the ${formatCount(entries.length)} most recent ${entries.length === 1 ? 'entry' : 'entries'}${next !== null ? '; older entries are available' : ''}.`}
          </p>
        )}
      </div>
      {first.status === 'error' && backendProblem.length === 0 && <AppErrorSummary error={first.error} id="audit-list-error" />}
      {entries.length > 0 && (
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact" id="audit-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s nhsuk-u-visually-hidden">Audit entries, newest first</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  When
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Who
                </th>
                <th scope="col" className="nhsuk-table__header">
                  What happened
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {entries.map((e) => (
                <EntryRow key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderError && <AppErrorSummary error={olderError} id="audit-older-error" />}
      {next !== null && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" id="audit-older" onClick={loadOlder} disabled={loadingOlder}>
          {loadingOlder ? 'Loading…' : `Show ${AUDIT_PAGE_SIZE} older entries`}
        </button>
      )}
    </>
  );
}

function EntryRow({ entry: e }: { entry: AuditEntryView }) {
  return (
    <tr className="nhsuk-table__row" id={`audit-row-${e.id}`} tabIndex={-1}>
      <td className="nhsuk-table__cell sc-nowrap">{e.when}</td>
      <td className="nhsuk-table__cell">{e.user_name}</td>
      <td className="nhsuk-table__cell">
        <span className="sc-audit-summary">{capitalise(e.summary)}</span>
        {e.document_sha256 && (
          <div className="nhsuk-body-s">
            Document SHA-256: <code className="sc-hash">{e.document_sha256}</code>
          </div>
        )}
        <details className="nhsuk-details sc-audit-raw">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Entry {e.id} as recorded<span className="nhsuk-u-visually-hidden">: {e.action}</span>
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <dl className="nhsuk-summary-list sc-summary-list">
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Action</dt>
                <dd className="nhsuk-summary-list__value">
                  <code>{e.action}</code>
                </dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Subject</dt>
                <dd className="nhsuk-summary-list__value">
                  {e.entity}
                  {e.entity_id ? ` ${e.entity_id}` : ''}
                </dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">User name</dt>
                <dd className="nhsuk-summary-list__value">{e.username}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Time (UTC)</dt>
                <dd className="nhsuk-summary-list__value">{e.at}</dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Details</dt>
                <dd className="nhsuk-summary-list__value">
                  <code className="sc-prewrap sc-audit-detail">{e.detail}</code>
                </dd>
              </div>
            </dl>
          </div>
        </details>
      </td>
    </tr>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('en-GB') + s.slice(1);
}

/** "Check the audit trail": walks the chain, optionally with a hash printed on a document. */
function VerifySection() {
  const [anchor, setAnchor] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const focusLater = useFocusLater();

  const check = () => {
    const a = anchor.trim();
    if (a !== '' && !/^[0-9a-fA-F]{64}$/.test(a)) {
      setProblems([{ target: 'audit-anchor', message: 'Enter the hash as printed: 64 characters, 0 to 9 and a to f' }]);
      return;
    }
    setBusy(true);
    setProblems([]);
    setError(null);
    setResult(null);
    api.auditVerify(a === '' ? null : a).then(
      (r) => {
        setBusy(false);
        setResult(r);
        focusLater('audit-verify-result');
      },
      (e: AppError) => {
        setBusy(false);
        const target = auditFieldTarget(e.field);
        if (target) setProblems([{ target, message: fieldMessage(e) }]);
        else setError(e);
      },
    );
  };

  const anchorError = problems.find((p) => p.target === 'audit-anchor')?.message;
  const b = result?.first_break ?? null;

  return (
    <section aria-labelledby="audit-verify-heading" className="sc-verify">
      <h2 className="nhsuk-heading-m" id="audit-verify-heading">
        Check the audit trail
      </h2>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="audit-verify-error" />}
      {error && <AppErrorSummary error={error} id="audit-verify-error" />}
      <form
        noValidate
        aria-labelledby="audit-verify-heading"
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        <div className={`nhsuk-form-group${anchorError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="audit-anchor">
            A hash printed on a document (optional)
          </label>
          <div className="nhsuk-hint" id="audit-anchor-hint">
            The SHA-256 of an exported request, or a head hash you wrote down from an earlier check. The check then also
            says whether it is still in the trail.
          </div>
          {anchorError && (
            <p className="nhsuk-error-message" id="audit-anchor-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {anchorError}
            </p>
          )}
          <input
            id="audit-anchor"
            className={`nhsuk-input sc-path-input${anchorError ? ' nhsuk-input--error' : ''}`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={anchor}
            aria-describedby={`audit-anchor-hint${anchorError ? ' audit-anchor-error' : ''}`}
            aria-invalid={anchorError ? true : undefined}
            onChange={(e) => setAnchor(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button" id="audit-verify" disabled={busy}>
          {busy ? 'Checking…' : 'Check the audit trail'}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {busy && <p className="nhsuk-body">Checking every entry…</p>}
      </div>
      {result && (
        <section
          className={`sc-verdict sc-verdict--${result.ok ? 'good' : 'bad'} nhsuk-u-margin-bottom-6`}
          id="audit-verify-result"
          tabIndex={-1}
          aria-labelledby="audit-verify-title"
        >
          {b === null ? (
            <h3 className="nhsuk-heading-m sc-verdict-title" id="audit-verify-title">
              <strong className="nhsuk-tag nhsuk-tag--green">Intact</strong> The audit trail is intact: {formatCount(result.rows_checked)}{' '}
              {result.rows_checked === 1 ? 'entry' : 'entries'} checked
              {!result.ok && ', but the hash from the document is not confirmed'}
            </h3>
          ) : (
            <>
              <h3 className="nhsuk-heading-m sc-verdict-title" id="audit-verify-title">
                <strong className="nhsuk-tag nhsuk-tag--red">Broken</strong> The audit trail is broken at entry {b.row_id}:{' '}
                {BREAK_KIND_LABELS[b.kind].toLocaleLowerCase('en-GB')}
              </h3>
              <p className="nhsuk-body" id="audit-verify-explanation">
                {b.explanation}
              </p>
              <p className="nhsuk-body-s">
                {formatCount(result.rows_checked)} {result.rows_checked === 1 ? 'entry' : 'entries'} verified before the break.
                Entries from here on cannot be relied on. Keep this database file as it is and contact your IT service desk.
              </p>
            </>
          )}
          <dl className="nhsuk-summary-list sc-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Last entry written by the app</dt>
              <dd className="nhsuk-summary-list__value">{result.head_id ?? 'Not recorded'}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Head hash</dt>
              <dd className="nhsuk-summary-list__value">
                <code className="sc-hash">{result.head_hash ?? 'Not recorded'}</code>
              </dd>
            </div>
            {result.legacy_rows > 0 && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Written before the upgrade</dt>
                <dd className="nhsuk-summary-list__value">
                  {formatCount(result.legacy_rows)} entries, checked with the earlier formula
                </dd>
              </div>
            )}
            {result.anchor && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Hash from a document</dt>
                <dd className="nhsuk-summary-list__value" id="audit-anchor-result">
                  <strong className={`nhsuk-tag ${result.anchor.ok ? 'nhsuk-tag--green' : 'nhsuk-tag--red'}`}>
                    {result.anchor.ok ? 'In the trail' : 'Not confirmed'}
                  </strong>{' '}
                  {result.anchor.explanation}
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}
    </section>
  );
}
