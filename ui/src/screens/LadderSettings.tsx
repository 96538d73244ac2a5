import { useRef, useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { LadderView } from '../bindings/LadderView';
import type { RungInput } from '../bindings/RungInput';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary } from '../components/ErrorSummary';
import { formatTimestampDate } from '../lib/dates';
import { plural } from '../lib/format';
import { useFocusLater } from '../lib/useFocusLater';
import { useLoad } from '../lib/useLoad';

/** "Version 3, saved by jsmith on 08/01/2025" (or the built-in default). */
export function ladderVersionText(l: Pick<LadderView, 'version' | 'created_by' | 'created_at' | 'note'>): string {
  const who = l.created_by ? `saved by ${l.created_by} on ${formatTimestampDate(l.created_at)}` : 'the built-in default';
  return `Version ${l.version}, ${who}${l.note ? `: ${l.note}` : ''}`;
}

/** The ladder of staffing sources, as the trust edits it: each save is a new version. */
export function LadderSettings() {
  const loaded = useLoad('ladder', api.ladderGet);
  const [saved, setSaved] = useState<LadderView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const ladder = saved ?? (loaded.status === 'ready' ? loaded.data : null);

  return (
    <section aria-labelledby="ladder-settings-heading" className="sc-ladder-settings">
      <h2 className="nhsuk-heading-m" id="ladder-settings-heading">
        Ladder of staffing sources
      </h2>
      <p className="nhsuk-body-s">
        The sources to try, in order, before a gap&rsquo;s alternatives count as exhausted. A required rung needs evidence that it
        was tried, or &ldquo;not applicable&rdquo; with a reason. Saving keeps every earlier version; attempts logged under an
        earlier version still count for the same rung.
      </p>
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="ladder-saved-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {!ladder && loaded.status === 'loading' && <p className="nhsuk-body">Loading the ladder…</p>}
      {!ladder && loaded.status === 'error' && <AppErrorSummary error={loaded.error} id="ladder-load-error" />}
      {ladder && (
        <LadderEditor
          key={ladder.version}
          ladder={ladder}
          onSaved={(next) => {
            setSaved(next);
            setMessage(`Saved as version ${next.version}, with ${plural(next.rungs.length, 'rung')}.`);
          }}
          onEdited={() => setMessage(null)}
        />
      )}
    </section>
  );
}

type Row = RungInput & { key: number };

function LadderEditor({ ladder, onSaved, onEdited }: { ladder: LadderView; onSaved: (l: LadderView) => void; onEdited: () => void }) {
  const nextKey = useRef(ladder.rungs.length);
  const [rows, setRows] = useState<Row[]>(() =>
    [...ladder.rungs]
      .sort((a, b) => a.position - b.position)
      .map((r, i) => ({ key: i, code: r.code, name: r.name, description: r.description, required: r.required })),
  );
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  const focusLater = useFocusLater();

  const edit = (next: Row[]) => {
    setRows(next);
    setDirty(true);
    onEdited();
  };
  const update = (key: number, patch: Partial<RungInput>) => edit(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j], next[i]];
    edit(next);
    const key = rows[i].key;
    focusLater(by < 0 ? `ladder-up-${key}` : `ladder-down-${key}`, by < 0 ? `ladder-down-${key}` : `ladder-up-${key}`);
  };
  const remove = (i: number) => {
    const next = rows.filter((_, k) => k !== i);
    edit(next);
    const after = next[i] ?? next[i - 1];
    focusLater(after ? `ladder-name-${after.key}` : 'ladder-add');
  };
  const add = () => {
    const key = nextKey.current++;
    edit([...rows, { key, code: '', name: '', description: '', required: true }]);
    focusLater(`ladder-name-${key}`);
  };

  const save = () => {
    const list: FieldProblem[] = rows
      .map((r, i) => (r.name.trim() === '' ? { target: `ladder-name-${r.key}`, message: `Enter a name for rung ${i + 1}` } : null))
      .filter((p): p is FieldProblem => p !== null);
    if (rows.length === 0) list.push({ target: 'ladder-add', message: 'Add at least one rung' });
    setProblems(list);
    setError(null);
    if (list.length > 0) return;
    setSaving(true);
    api
      .ladderSet(
        rows.map((r) => ({ code: r.code, name: r.name.trim(), description: r.description.trim(), required: r.required })),
        note.trim(),
      )
      .then(
        (view) => {
          setSaving(false);
          onSaved(view);
        },
        (e: AppError) => {
          setSaving(false);
          setError(e);
        },
      );
  };

  const nameError = (key: number) => problems.find((p) => p.target === `ladder-name-${key}`)?.message;

  return (
    <>
      <p className="nhsuk-body-s sc-version-line" id="ladder-version">
        {ladderVersionText(ladder)}.
      </p>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="ladder-settings-error" />}
      {error && <AppErrorSummary error={error} id="ladder-settings-error" />}
      <form
        noValidate
        aria-labelledby="ladder-settings-heading"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact sc-settings-table" id="ladder-settings-table">
            <caption className="nhsuk-u-visually-hidden">Rungs of the ladder, in order</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  #
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Name
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Description
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Required
                </th>
                <th scope="col" className="nhsuk-table__header">
                  <span className="nhsuk-u-visually-hidden">Order and removal</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rows.map((r, i) => {
                const err = nameError(r.key);
                const label = r.name.trim() || `rung ${i + 1}`;
                return (
                  <tr className="nhsuk-table__row" key={r.key} data-testid="ladder-edit-row">
                    <td className="nhsuk-table__cell sc-numeric">{i + 1}</td>
                    <td className={`nhsuk-table__cell${err ? ' nhsuk-form-group--error' : ''}`}>
                      <label className="nhsuk-u-visually-hidden" htmlFor={`ladder-name-${r.key}`}>
                        Name of rung {i + 1}
                      </label>
                      {err && (
                        <p className="nhsuk-error-message" id={`ladder-name-${r.key}-error`}>
                          <span className="nhsuk-u-visually-hidden">Error:</span> {err}
                        </p>
                      )}
                      <input
                        id={`ladder-name-${r.key}`}
                        className={`nhsuk-input sc-ladder-edit-name${err ? ' nhsuk-input--error' : ''}`}
                        type="text"
                        value={r.name}
                        aria-invalid={err ? true : undefined}
                        aria-describedby={err ? `ladder-name-${r.key}-error` : undefined}
                        onChange={(e) => update(r.key, { name: e.target.value })}
                      />
                      {r.code === '' && <span className="sc-attempt-meta">New rung</span>}
                    </td>
                    <td className="nhsuk-table__cell">
                      <label className="nhsuk-u-visually-hidden" htmlFor={`ladder-description-${r.key}`}>
                        Description of rung {i + 1}
                      </label>
                      <textarea
                        id={`ladder-description-${r.key}`}
                        className="nhsuk-textarea sc-ladder-edit-description"
                        rows={2}
                        value={r.description}
                        onChange={(e) => update(r.key, { description: e.target.value })}
                      />
                    </td>
                    <td className="nhsuk-table__cell">
                      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                        <div className="nhsuk-checkboxes__item">
                          <input
                            className="nhsuk-checkboxes__input"
                            id={`ladder-required-${r.key}`}
                            type="checkbox"
                            checked={r.required}
                            onChange={(e) => update(r.key, { required: e.target.checked })}
                          />
                          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`ladder-required-${r.key}`}>
                            <span className="nhsuk-u-visually-hidden">Rung {i + 1} is </span>required
                          </label>
                        </div>
                      </div>
                    </td>
                    <td className="nhsuk-table__cell sc-row-tools">
                      <button
                        type="button"
                        className="sc-tool-button sc-row-button"
                        id={`ladder-up-${r.key}`}
                        aria-label={`Move up ${label}`}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        Move up
                      </button>
                      <button
                        type="button"
                        className="sc-tool-button sc-row-button"
                        id={`ladder-down-${r.key}`}
                        aria-label={`Move down ${label}`}
                        disabled={i === rows.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        Move down
                      </button>
                      <button
                        type="button"
                        className="sc-tool-button sc-row-button"
                        id={`ladder-remove-${r.key}`}
                        aria-label={`Remove ${label}`}
                        onClick={() => remove(i)}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="button" className="sc-tool-button" id="ladder-add" onClick={add}>
          Add a rung
        </button>
        <div className="nhsuk-form-group sc-settings-note">
          <label className="nhsuk-label" htmlFor="ladder-note">
            Note for this version (optional)
          </label>
          <div className="nhsuk-hint" id="ladder-note-hint">
            For example: agreed at the strike planning meeting on 02/01/2024.
          </div>
          <input
            id="ladder-note"
            className="nhsuk-input nhsuk-input--width-30"
            type="text"
            value={note}
            aria-describedby="ladder-note-hint"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <div className="sc-inline">
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" id="ladder-save" disabled={saving}>
            {saving ? 'Saving…' : 'Save as a new version'}
          </button>
          {dirty && (
            <span className="sc-muted" id="ladder-dirty">
              Changes not saved yet.
            </span>
          )}
        </div>
      </form>
    </>
  );
}
