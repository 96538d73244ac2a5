import { useEffect, useRef } from 'react';
import type { AppError } from '../api/errors';
import { formatCount } from '../lib/format';

/** The first part of a problem, as the nhsuk error summary shows it. */
export function ErrorSummary({
  title = 'There is a problem',
  children,
  focusOnMount = true,
  id,
}: {
  title?: string;
  children: React.ReactNode;
  focusOnMount?: boolean;
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={ref} id={id} aria-labelledby={id ? `${id}-title` : undefined}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id={id ? `${id}-title` : undefined}>
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">{children}</div>
      </div>
    </div>
  );
}

/** What the user can do about an error code, where there is something to say. */
function advice(code: string): string | null {
  switch (code) {
    case 'import_read':
      return 'Check the path, that the file exists and that it is not open in another program.';
    case 'import_format':
      return 'Export the rota again as CSV or Excel (.xlsx) and try that file.';
    case 'import_missing_columns':
      return 'Export the rota again with the missing columns included.';
    case 'import_empty':
      return 'The file has a header but no duties. Check that you exported the right rota.';
    case 'db_corrupt':
    case 'db_newer':
    case 'db_not_ours':
      return 'Nothing has been changed. Contact your IT service desk.';
    default:
      return null;
  }
}

/**
 * A failed command, shown as an nhsuk error summary: the message as text, and for an import
 * refused because of bad rows, every row listed in a table.
 */
export function AppErrorSummary({ error, id = 'error-summary' }: { error: AppError; id?: string }) {
  if (error.code === 'import_bad_rows') {
    return <BadRowsSummary error={error} id={id} />;
  }
  const tip = advice(error.code);
  return (
    <ErrorSummary id={id}>
      <p className="sc-error-message">{error.message}</p>
      {tip && <p>{tip}</p>}
    </ErrorSummary>
  );
}

/**
 * The core lists at most this many bad rows (`import::MAX_ROW_ERRORS`). The wire error has no
 * total yet, so a full list may be a cut one: then say "at least".
 */
export const ROW_ERROR_CAP = 200;

function BadRowsSummary({ error, id }: { error: AppError; id: string }) {
  const listed = error.rows.length;
  const total = Math.max(error.total ?? listed, listed);
  const atLeast = error.total === null && listed >= ROW_ERROR_CAP;
  const count = `${atLeast ? 'At least ' : ''}${formatCount(total)} ${total === 1 ? 'problem' : 'problems'} found; nothing was imported`;
  return (
    <ErrorSummary id={id} title="The file was not imported">
      <p>
        Nothing was imported. Correct these rows in the file (or in the rostering system, then export again) and import
        it again.
      </p>
      {(total > listed || atLeast) && (
        <p>
          The first {formatCount(listed)} problems are listed below.
        </p>
      )}
      {listed > 0 && (
        <div className="sc-table-scroll sc-bad-rows">
          <table className="nhsuk-table nhsuk-table--compact" id="import-bad-rows">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">{count}</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Row</th>
                <th scope="col" className="nhsuk-table__header">Column</th>
                <th scope="col" className="nhsuk-table__header">Value</th>
                <th scope="col" className="nhsuk-table__header">Problem</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {error.rows.map((r, i) => (
                <tr className="nhsuk-table__row" key={`${r.row}-${r.column}-${i}`}>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{r.row}</td>
                  <td className="nhsuk-table__cell">{r.column}</td>
                  <td className="nhsuk-table__cell sc-value">{r.value === '' ? <span className="sc-muted">(blank)</span> : r.value}</td>
                  <td className="nhsuk-table__cell">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ErrorSummary>
  );
}

/** A problem with one field of a form: the message, and the id of the control to go to. */
export interface FieldProblem {
  /** The id of the control the link moves focus to. */
  target: string;
  message: string;
}

/**
 * Problems with a form's fields, as the nhsuk error summary lists them: each a link that puts
 * focus on its field.
 */
export function FieldErrorSummary({ problems, id = 'error-summary' }: { problems: FieldProblem[]; id?: string }) {
  return (
    <ErrorSummary id={id}>
      <ul className="nhsuk-list nhsuk-error-summary__list">
        {problems.map((p, i) => (
          <li key={`${p.target}-${i}`}>
            <a
              href={`#${p.target}`}
              onClick={(e) => {
                const el = document.getElementById(p.target);
                if (!el) return;
                e.preventDefault();
                el.focus();
                el.scrollIntoView?.({ block: 'center' });
              }}
            >
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </ErrorSummary>
  );
}

/** The backend's message without the "field: " prefix the core puts on `invalid` errors. */
export function fieldMessage(error: AppError): string {
  const prefix = error.field ? `${error.field}: ` : '';
  const text = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return text.charAt(0).toLocaleUpperCase('en-GB') + text.slice(1);
}
