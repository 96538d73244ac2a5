import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { Intent } from '../bindings/Intent';
import type { IntentImportSummary } from '../bindings/IntentImportSummary';
import type { IntentView } from '../bindings/IntentView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { formatTimestamp } from '../lib/dates';
import { INTENTS, INTENT_LABELS, STAFF_GROUP_LABELS, formatCount, plural } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { SearchField } from '../components/SearchField';

const ROW_HEIGHT = 40;
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Replaces the doctors the backend answered for (it may answer with all, or only those changed). */
export function mergeIntents(current: IntentView[], changed: IntentView[]): IntentView[] {
  const byId = new Map(changed.map((v) => [v.staff_id, v]));
  const out = current.map((v) => byId.get(v.staff_id) ?? v);
  const known = new Set(current.map((v) => v.staff_id));
  for (const v of changed) if (!known.has(v.staff_id)) out.push(v);
  return out;
}

export function filterIntents(list: IntentView[], search: string, intent: Intent | ''): IntentView[] {
  const q = search.trim().toLocaleLowerCase('en-GB');
  return list
    .filter(
      (v) =>
        (intent === '' || v.intent === intent) &&
        (q === '' || v.name.toLocaleLowerCase('en-GB').includes(q) || v.staff_number.toLocaleLowerCase('en-GB').includes(q)),
    )
    .sort((a, b) => collator.compare(a.name, b.name) || a.staff_id - b.staff_id);
}

export function IntentsPanel({ walkoutId, onChanged }: { walkoutId: number; onChanged: () => void }) {
  const [reload, setReload] = useState(0);
  const loaded = useLoad(`intents-${walkoutId}-${reload}`, () => api.intentList(walkoutId));
  const [local, setLocal] = useState<{ reload: number; list: IntentView[] } | null>(null);
  const list = local && local.reload === reload ? local.list : loaded.status === 'ready' ? loaded.data : null;

  return (
    <section aria-labelledby="intents-heading" className="sc-intents">
      <h2 className="nhsuk-heading-m nhsuk-u-visually-hidden" id="intents-heading">
        Doctors
      </h2>
      <IntentImport
        walkoutId={walkoutId}
        onImported={() => {
          setLocal(null);
          setReload((n) => n + 1);
          onChanged();
        }}
      />
      {!list && loaded.status === 'loading' && (
        <p className="nhsuk-body" role="status">
          Loading the doctors affected…
        </p>
      )}
      {!list && loaded.status === 'error' && <AppErrorSummary error={loaded.error} />}
      {list && (
        <IntentList
          walkoutId={walkoutId}
          list={list}
          onUpdated={(changed) => {
            setLocal({ reload, list: mergeIntents(list, changed) });
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function IntentList({
  walkoutId,
  list,
  onUpdated,
}: {
  walkoutId: number;
  list: IntentView[];
  onUpdated: (changed: IntentView[]) => void;
}) {
  const [search, setSearch] = useState('');
  const [intentFilter, setIntentFilter] = useState<Intent | ''>('');
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [bulk, setBulk] = useState<Intent>('striking');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const shown = useMemo(() => filterIntents(list, search, intentFilter), [list, search, intentFilter]);
  const counts = useMemo(() => {
    const c: Record<Intent, number> = { striking: 0, working: 0, undeclared: 0 };
    for (const v of list) c[v.intent] = (c[v.intent] ?? 0) + 1;
    return c;
  }, [list]);
  const selectedShown = shown.filter((v) => selected.has(v.staff_id)).length;
  const allShownSelected = shown.length > 0 && selectedShown === shown.length;

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    initialRect: { width: 1000, height: 600 },
  });

  const set = (ids: number[], intent: Intent, after: () => void) => {
    setSaving(true);
    setError(null);
    setMessage(null);
    api.intentSet(walkoutId, ids, intent).then(
      (changed) => {
        setSaving(false);
        onUpdated(changed);
        after();
        setMessage(`${plural(ids.length, 'doctor')} now ${INTENT_LABELS[intent].toLocaleLowerCase('en-GB')}.`);
      },
      (e: AppError) => {
        setSaving(false);
        setError(e);
      },
    );
  };

  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <p className="nhsuk-body" id="intent-count">
        {plural(list.length, 'doctor')} affected: {formatCount(counts.striking)} striking, {formatCount(counts.working)} working,{' '}
        {formatCount(counts.undeclared)} not declared.
      </p>
      {error && <AppErrorSummary error={error} id="intent-error" />}
      <div className="sc-filters" role="search" aria-label="Find doctors">
        <SearchField id="intent-search" value={search} onChange={setSearch} />
        <div className="sc-field-inline">
          <label htmlFor="intent-filter" className="sc-inline-label">
            Intent
          </label>
          <select id="intent-filter" className="nhsuk-select sc-select" value={intentFilter} onChange={(e) => setIntentFilter(e.target.value as Intent | '')}>
            <option value="">All intents</option>
            {INTENTS.map((i) => (
              <option key={i} value={i}>
                {INTENT_LABELS[i]}
              </option>
            ))}
          </select>
        </div>
        <p className="sc-counts-line" role="status" aria-live="polite">
          {shown.length === list.length ? plural(list.length, 'doctor') : `Showing ${formatCount(shown.length)} of ${plural(list.length, 'doctor')}`}
        </p>
      </div>
      <div className="sc-filters sc-bulk" role="group" aria-label="Change several doctors at once">
        <span className="sc-inline-label" id="intent-selected-count">
          {formatCount(selected.size)} selected
        </span>
        <div className="sc-field-inline">
          <label htmlFor="intent-bulk-value" className="sc-inline-label">
            Set selected to
          </label>
          <select id="intent-bulk-value" className="nhsuk-select sc-select" value={bulk} onChange={(e) => setBulk(e.target.value as Intent)}>
            {INTENTS.map((i) => (
              <option key={i} value={i}>
                {INTENT_LABELS[i]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="sc-tool-button"
          id="intent-bulk-apply"
          disabled={saving || selected.size === 0}
          onClick={() => set([...selected], bulk, () => setSelected(new Set()))}
        >
          Apply to selected
        </button>
        {selected.size > 0 && (
          <button type="button" className="sc-tool-button" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        )}
        <div role="status" aria-live="polite" className="sc-inline-status">
          {saving ? 'Saving…' : message}
        </div>
      </div>

      <div className="sc-grid" role="table" aria-label="Doctors affected" aria-rowcount={shown.length + 1}>
        <div role="rowgroup" className="sc-grid-head">
          <div role="row" aria-rowindex={1} className="sc-intent-grid">
            <span role="columnheader">
              <input
                type="checkbox"
                className="sc-row-checkbox"
                aria-label="Select all doctors shown"
                checked={allShownSelected}
                disabled={shown.length === 0}
                onChange={(e) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    for (const v of shown) {
                      if (e.target.checked) next.add(v.staff_id);
                      else next.delete(v.staff_id);
                    }
                    return next;
                  })
                }
              />
            </span>
            <span role="columnheader">Staff number</span>
            <span role="columnheader">Name</span>
            <span role="columnheader">Grade</span>
            <span role="columnheader">Staff group</span>
            <span role="columnheader">Main department</span>
            <span role="columnheader">Intent</span>
            <span role="columnheader">Recorded</span>
          </div>
        </div>
        <div id="intent-list" ref={scrollRef} className="sc-grid-scroll" role="rowgroup" tabIndex={0} aria-label="Doctors affected, scrollable">
          {shown.length === 0 ? (
            <p className="nhsuk-body sc-empty-grid">{list.length === 0 ? 'No doctors of the affected groups have duties in this walkout.' : 'No doctors match.'}</p>
          ) : (
            <div className="sc-grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const v = shown[item.index];
                return (
                  <div
                    key={v.staff_id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid="intent-row"
                    className={`sc-intent-grid sc-duty-row${item.index % 2 ? ' sc-duty-row--alt' : ''}`}
                    style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell">
                      <input
                        type="checkbox"
                        className="sc-row-checkbox"
                        aria-label={`Select ${v.name}`}
                        checked={selected.has(v.staff_id)}
                        onChange={(e) => toggle(v.staff_id, e.target.checked)}
                      />
                    </span>
                    <span role="cell" className="sc-staff-number">
                      {v.staff_number}
                    </span>
                    <span role="cell" className="sc-ellipsis">
                      {v.name}
                    </span>
                    <span role="cell">{v.grade}</span>
                    <span role="cell">{STAFF_GROUP_LABELS[v.staff_group] ?? v.staff_group}</span>
                    <span role="cell" className="sc-ellipsis">
                      {v.main_department ?? ''}
                    </span>
                    <span role="cell">
                      <select
                        className={`nhsuk-select sc-select sc-intent-select sc-intent--${v.intent}`}
                        aria-label={`Intent of ${v.name}`}
                        value={v.intent}
                        disabled={saving}
                        onChange={(e) => set([v.staff_id], e.target.value as Intent, () => {})}
                      >
                        {INTENTS.map((i) => (
                          <option key={i} value={i}>
                            {INTENT_LABELS[i]}
                          </option>
                        ))}
                      </select>
                    </span>
                    <span role="cell" className="sc-ellipsis sc-muted">
                      {v.set_by ? `${v.set_by}${v.set_at ? `, ${formatTimestamp(v.set_at)}` : ''}` : ''}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </>
  );
}

function IntentImport({ walkoutId, onImported }: { walkoutId: number; onImported: () => void }) {
  const [path, setPath] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [summary, setSummary] = useState<IntentImportSummary | null>(null);

  const run = (p: string) => {
    const chosen = p.trim();
    setMissing(chosen === '');
    if (chosen === '') return;
    setPath(chosen);
    setBusy(true);
    setError(null);
    setSummary(null);
    api.intentImport(walkoutId, chosen).then(
      (s) => {
        setBusy(false);
        setSummary(s);
        onImported();
      },
      (e: AppError) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  const choose = () => {
    setError(null);
    api.pickIntentsFile().then(
      (p) => {
        if (p) run(p);
      },
      (e: AppError) => setError(e),
    );
  };

  return (
    <details className="nhsuk-details sc-intent-import" open={error !== null || summary !== null || undefined}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Import intents from CSV</span>
      </summary>
      <div className="nhsuk-details__text">
        <p className="nhsuk-body-s">
          A CSV with the columns <code>staff_id</code> (the staff number) and <code>intent</code> (striking, working or not
          declared). A file with any bad row changes nothing.
        </p>
        {error && <AppErrorSummary error={error} id="intent-import-error" />}
        <div role="status" aria-live="polite" className="sc-status-slot">
          {summary && (
            <div className="nhsuk-inset-text sc-confirmation" id="intent-import-summary">
              <p>
                {plural(summary.rows, 'row')} read: {formatCount(summary.striking)} striking, {formatCount(summary.working)} working,{' '}
                {formatCount(summary.undeclared)} not declared.
              </p>
            </div>
          )}
        </div>
        <form
          className={`nhsuk-form-group sc-path-form${missing ? ' nhsuk-form-group--error' : ''}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run(path);
          }}
        >
          <label className="nhsuk-label" htmlFor="intent-import-path">
            Choose the file, or paste its full path
          </label>
          {missing && (
            <p className="nhsuk-error-message" id="intent-import-path-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> Enter the path of a CSV of intents
            </p>
          )}
          <div className="sc-inline">
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={choose} disabled={busy}>
              Choose a file…
            </button>
            <input
              id="intent-import-path"
              className={`nhsuk-input sc-path-input${missing ? ' nhsuk-input--error' : ''}`}
              type="text"
              spellCheck={false}
              autoComplete="off"
              aria-describedby={missing ? 'intent-import-path-error' : undefined}
              value={path}
              onChange={(e) => setPath(e.target.value)}
              disabled={busy}
            />
            <button type="submit" className="nhsuk-button nhsuk-button--small" id="intent-import-button" disabled={busy}>
              {busy ? 'Importing…' : 'Import intents'}
            </button>
          </div>
        </form>
      </div>
    </details>
  );
}
