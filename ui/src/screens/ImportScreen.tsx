import { useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { ImportPreview } from '../bindings/ImportPreview';
import type { ImportProgress } from '../bindings/ImportProgress';
import { AppErrorSummary, ErrorSummary } from '../components/ErrorSummary';
import { ImportSummaryView } from '../components/ImportSummaryView';
import { FIELD_LABELS, FORMAT_LABELS, describeColumn, formatCount } from '../lib/format';
import type { ImportFlow } from './useImportFlow';

export function progressText(p: ImportProgress | null): string {
  if (p === null) return 'Starting the import…';
  if (p.stage === 'reading') return `Reading ${formatCount(p.rows)} rows…`;
  return `Writing ${formatCount(p.done)} of ${formatCount(p.total)}…`;
}

export function ImportScreen({
  flow,
  dragging,
  onViewRota,
}: {
  flow: ImportFlow;
  /** A file is being dragged over the window. */
  dragging: boolean;
  onViewRota: () => void;
}) {
  const { state } = flow;
  const [dialogError, setDialogError] = useState<AppError | null>(null);

  const choose = () => {
    setDialogError(null);
    api.pickRotaFile().then(
      (path) => {
        if (path) flow.preview(path);
      },
      (e: AppError) => setDialogError(e),
    );
  };

  const running = state.stage === 'running';
  const error = flow.error ?? dialogError;

  return (
    <>
      <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
        Import a rota export
      </h1>
      {state.stage !== 'done' && (
        <p className="nhsuk-body sc-lede">
          Import the rota exported from your e-rostering system, as CSV or Excel (.xlsx). You will see what the file
          contains before anything changes, and a file with any bad row imports nothing.
        </p>
      )}

      {error && <AppErrorSummary error={error} />}

      {state.stage === 'done' ? (
        <section id="import-summary" aria-labelledby="import-summary-heading">
          <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="status">
            <div className="nhsuk-notification-banner__header">
              <h2 className="nhsuk-notification-banner__title" id="import-summary-heading">
                Import complete
              </h2>
            </div>
            <div className="nhsuk-notification-banner__content">
              <p className="nhsuk-notification-banner__heading">
                {formatCount(state.summary.shifts)} shifts for {formatCount(state.summary.doctors)} doctors imported
                from {state.summary.file_name}.
              </p>
            </div>
          </div>
          <div className="sc-actions">
            <button type="button" className="nhsuk-button" onClick={onViewRota} id="import-view-rota-button">
              View the rota
            </button>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={flow.reset}>
              Import another file
            </button>
          </div>
          <ImportSummaryView summary={state.summary} />
        </section>
      ) : (
        <>
          <section
            className={`sc-drop-zone${dragging ? ' sc-drop-zone--active' : ''}`}
            aria-labelledby="choose-file-heading"
          >
            <h2 className="nhsuk-heading-s" id="choose-file-heading">
              {dragging ? 'Drop the file to preview it' : 'Choose the file'}
            </h2>
            <form
              className={`nhsuk-form-group sc-path-form${flow.pathMissing ? ' nhsuk-form-group--error' : ''}`}
              onSubmit={(e) => {
                e.preventDefault();
                flow.preview(flow.pathText);
              }}
              noValidate
            >
              <label className="nhsuk-label" htmlFor="import-path">
                Drag the file onto this window, choose it, or paste its full path
              </label>
              <div className="nhsuk-hint" id="import-path-hint">
                For example C:\Users\you\Downloads\rota-export.csv (in File Explorer, hold Shift, right-click the file
                and choose Copy as path)
              </div>
              {flow.pathMissing && (
                <p className="nhsuk-error-message" id="import-path-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> Enter the path of a rota export
                </p>
              )}
              <div className="sc-inline">
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={choose}
                  disabled={running}
                  id="import-choose-button"
                >
                  Choose a file…
                </button>
                <input
                  className={`nhsuk-input sc-path-input${flow.pathMissing ? ' nhsuk-input--error' : ''}`}
                  id="import-path"
                  name="import-path"
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  aria-describedby={`import-path-hint${flow.pathMissing ? ' import-path-error' : ''}`}
                  value={flow.pathText}
                  onChange={(e) => flow.setPathText(e.target.value)}
                  disabled={running}
                />
                <button type="submit" className="nhsuk-button nhsuk-button--small" id="import-preview-button" disabled={running}>
                  Preview
                </button>
              </div>
            </form>
          </section>

          {state.stage === 'previewing' && (
            <p className="nhsuk-body" role="status">
              Reading {state.path}…
            </p>
          )}

          {(state.stage === 'preview' || state.stage === 'running') && (
            <PreviewView
              preview={state.preview}
              running={running}
              progress={state.stage === 'running' ? state.progress : null}
              onRun={flow.run}
              onCancel={flow.reset}
            />
          )}
        </>
      )}
    </>
  );
}

function PreviewView({
  preview,
  running,
  progress,
  onRun,
  onCancel,
}: {
  preview: ImportPreview;
  running: boolean;
  progress: ImportProgress | null;
  onRun: () => void;
  onCancel: () => void;
}) {
  const missing = preview.missing_required;
  const canImport = missing.length === 0 && preview.total_rows > 0;
  const headers = preview.columns.map((c) => c.header);
  const width = Math.max(headers.length, ...preview.sample.map((r) => r.length));

  return (
    <section aria-labelledby="preview-heading" id="import-preview">
      <h2 className="nhsuk-heading-m" id="preview-heading">
        Preview: {preview.file_name}
      </h2>

      {missing.length > 0 && (
        <ErrorSummary id="missing-columns" title="This file cannot be imported" focusOnMount={false}>
          <p>
            {missing.length === 1 ? 'A required column is missing:' : `${missing.length} required columns are missing:`}
          </p>
          <ul className="nhsuk-list nhsuk-error-summary__list" id="missing-columns-list">
            {missing.map((m) => (
              <li key={m}>{describeColumn(m)}</li>
            ))}
          </ul>
          <p>Export the rota again with these columns, or rename the file&rsquo;s headers, then preview it again.</p>
        </ErrorSummary>
      )}

      <dl className="nhsuk-summary-list sc-summary-list sc-preview-facts">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">File</dt>
          <dd className="nhsuk-summary-list__value">{preview.file_name}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Format</dt>
          <dd className="nhsuk-summary-list__value">{FORMAT_LABELS[preview.format] ?? preview.format}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Encoding</dt>
          <dd className="nhsuk-summary-list__value" id="preview-encoding">
            {preview.encoding}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Rows</dt>
          <dd className="nhsuk-summary-list__value" id="preview-total-rows">
            {formatCount(preview.total_rows)}
          </dd>
        </div>
      </dl>

      <div className="sc-table-scroll sc-columns">
        <table className="nhsuk-table nhsuk-table--compact" id="preview-columns">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Columns found</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Column in the file</th>
              <th scope="col" className="nhsuk-table__header">Read as</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {preview.columns.map((c, i) => (
              <tr className="nhsuk-table__row" key={i}>
                <td className="nhsuk-table__cell">{c.header === '' ? <span className="sc-muted">(no header)</span> : c.header}</td>
                <td className="nhsuk-table__cell">
                  {c.field ? (
                    <>
                      {FIELD_LABELS[c.field] ?? c.field} <span className="sc-muted">({c.field})</span>
                    </>
                  ) : (
                    <strong className="nhsuk-tag nhsuk-tag--grey">ignored</strong>
                  )}
                </td>
              </tr>
            ))}
            {missing.map((m) => (
              <tr className="nhsuk-table__row sc-row-error" key={`missing-${m}`}>
                <td className="nhsuk-table__cell">
                  <strong className="nhsuk-tag nhsuk-tag--red">missing</strong>
                </td>
                <td className="nhsuk-table__cell">{describeColumn(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="sc-table-scroll sc-sample">
        <table className="nhsuk-table nhsuk-table--compact" id="preview-sample">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            The first {formatCount(preview.sample.length)} of {formatCount(preview.total_rows)} rows
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {Array.from({ length: width }, (_, i) => (
                <th scope="col" className="nhsuk-table__header" key={i}>
                  {headers[i] ?? ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {preview.sample.map((row, r) => (
              <tr className="nhsuk-table__row" key={r}>
                {Array.from({ length: width }, (_, i) => (
                  <td className="nhsuk-table__cell" key={i}>
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {running ? (
        <div className="sc-progress" role="status" aria-live="polite">
          <label htmlFor="import-progress" className="nhsuk-label">
            {progressText(progress)}
          </label>
          {progress?.stage === 'writing' && progress.total > 0 ? (
            <progress id="import-progress" max={progress.total} value={progress.done} />
          ) : (
            <progress id="import-progress" />
          )}
        </div>
      ) : (
        <div className="sc-actions">
          <button
            type="button"
            className="nhsuk-button"
            id="import-run-button"
            onClick={onRun}
            disabled={!canImport}
            aria-describedby={missing.length > 0 ? 'missing-columns' : undefined}
          >
            Import {formatCount(preview.total_rows)} rows
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
