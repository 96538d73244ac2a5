import { useState } from 'react';
import * as api from '../../api';
import type { AppError } from '../../api/errors';
import type { VerifyResult } from '../../bindings/VerifyResult';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';
import { VERDICT_VIEW, plainError } from '../../lib/approval';
import { useFocusLater } from '../../lib/useFocusLater';

const TAGS = { good: 'nhsuk-tag--green', warning: 'nhsuk-tag--orange', bad: 'nhsuk-tag--red' } as const;
const TAG_TEXT = { good: 'Can be relied on', warning: 'Check before relying on it', bad: 'Do not rely on it' } as const;

/**
 * Checks an exported request (PDF or JSON) against the database and says, prominently, whether
 * it is the approved version.
 */
export function VerifyPanel() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const focusLater = useFocusLater();

  const verify = (file: string) => {
    setBusy(true);
    setError(null);
    setProblems([]);
    setResult(null);
    api.requestVerify(file).then(
      (r) => {
        setBusy(false);
        setResult(r);
        // The verdict is what the user came for: focus moves there (after the render that shows it).
        focusLater('verify-result');
      },
      (e: AppError) => {
        setBusy(false);
        if (e.field === 'path') setProblems([{ target: 'verify-path', message: fieldMessage(e) }]);
        else setError(plainError(e));
      },
    );
  };

  const choose = () => {
    setError(null);
    api.pickDocumentToVerify().then(
      (chosen) => {
        if (chosen === null) return;
        setPath(chosen);
        verify(chosen);
      },
      (e: AppError) => setError(plainError(e)),
    );
  };

  const pathError = problems.find((p) => p.target === 'verify-path')?.message;
  const view = result ? VERDICT_VIEW[result.verdict] : null;

  return (
    <section aria-labelledby="verify-heading" className="sc-verify">
      <h2 className="nhsuk-heading-m" id="verify-heading">
        Check an exported request
      </h2>
      <p className="nhsuk-body-s">
        Check a request&rsquo;s PDF or JSON against this database: is it the version the medical director approved, unchanged
        since it was exported?
      </p>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="verify-error" />}
      {error && <AppErrorSummary error={error} id="verify-error" />}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" id="verify-choose" onClick={choose} disabled={busy}>
        Choose a file…
      </button>
      <form
        noValidate
        className="sc-path-form"
        aria-label="Check a file by its path"
        onSubmit={(e) => {
          e.preventDefault();
          const p = path.trim();
          if (p === '') {
            setProblems([{ target: 'verify-path', message: 'Enter the path of a PDF or JSON file, or choose one' }]);
            return;
          }
          verify(p);
        }}
      >
        <div className={`nhsuk-form-group${pathError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="verify-path">
            Or type the file&rsquo;s path
          </label>
          {pathError && (
            <p className="nhsuk-error-message" id="verify-path-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {pathError}
            </p>
          )}
          <div className="sc-inline">
            <input
              id="verify-path"
              className={`nhsuk-input sc-path-input${pathError ? ' nhsuk-input--error' : ''}`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={path}
              aria-describedby={pathError ? 'verify-path-error' : undefined}
              aria-invalid={pathError ? true : undefined}
              onChange={(e) => setPath(e.target.value)}
            />
            <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="verify-submit" disabled={busy}>
              {busy ? 'Checking…' : 'Check this file'}
            </button>
          </div>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {busy && <p className="nhsuk-body">Checking the file…</p>}
      </div>
      {result && view && (
        <section className={`sc-verdict sc-verdict--${view.tone}`} id="verify-result" tabIndex={-1} aria-labelledby="verify-verdict">
          <h3 className="nhsuk-heading-m sc-verdict-title" id="verify-verdict">
            <strong className={`nhsuk-tag ${TAGS[view.tone]}`}>{TAG_TEXT[view.tone]}</strong> {view.title}
          </h3>
          <p className="nhsuk-body sc-prewrap" id="verify-message">
            {result.message}
          </p>
          <dl className="nhsuk-summary-list sc-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">File</dt>
              <dd className="nhsuk-summary-list__value sc-path">{result.file}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Reference</dt>
              <dd className="nhsuk-summary-list__value">{result.reference ?? 'Not found in the file'}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Version</dt>
              <dd className="nhsuk-summary-list__value">{result.version ?? 'Not found in the file'}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">SHA-256 of the file</dt>
              <dd className="nhsuk-summary-list__value">
                <code className="sc-hash">{result.sha256}</code>
              </dd>
            </div>
            {result.content_hash && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Content SHA-256</dt>
                <dd className="nhsuk-summary-list__value">
                  <code className="sc-hash">{result.content_hash}</code>
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}
    </section>
  );
}
