import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { GapStatus } from '../bindings/GapStatus';
import type { GapView } from '../bindings/GapView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { formatDate, formatDateLong, formatTimeSpan, formatTimestamp, londonDateOf, shortWeekdayName } from '../lib/dates';
import { GAP_REASON_LABELS, GAP_STATUS_LABELS, SHIFT_TYPE_LABELS, formatCount, plural } from '../lib/format';
import {
  type DayGap,
  GAP_SORT_LABELS,
  type GapFilters,
  type GapSort,
  NO_GAP_FILTERS,
  filterAndSortGaps,
  filtersActive,
  formatOverlap,
  openGaps,
  timeOf,
} from '../lib/walkouts';

const ROW_HEIGHT = 36;
const MARKED_ROW_HEIGHT = 54;

/** "412 uncovered duties, 96 in critical departments" (with "Showing 30 of" when filtered). */
export function gapCountText(all: GapView[], shown: GapView[], filtered: boolean): string {
  const open = openGaps(all);
  const critical = open.filter((g) => g.critical).length;
  const total = `${formatCount(open.length)} uncovered ${open.length === 1 ? 'duty' : 'duties'}, ${formatCount(critical)} in critical departments`;
  return filtered ? `Showing ${formatCount(shown.length)} of ${total}` : total;
}

/** "20:00–08:00 (+1)". */
export function gapTimeSpan(g: GapView): string {
  const overnight = londonDateOf(g.end) > londonDateOf(g.start);
  return formatTimeSpan(timeOf(g.start_local), timeOf(g.end_local), overnight);
}

/** "Marked by jsmith, 08/01/2025 10:00: said on the day they will strike". */
export function markedText(g: GapView): string | null {
  if (!g.manual) return null;
  const who = g.marked_by ?? 'someone';
  const when = g.marked_at ? `, ${formatTimestamp(g.marked_at)}` : '';
  const note = g.note ? `: ${g.note}` : '';
  return `Marked by ${who}${when}${note}`;
}

const STATUS_TAG: Record<GapStatus, string> = {
  uncovered: 'nhsuk-tag--red',
  sourcing: 'nhsuk-tag--yellow',
  requested: 'nhsuk-tag--blue',
  covered: 'nhsuk-tag--green',
};

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

export function GapBoard({
  walkoutId,
  gaps,
  days,
  startTime,
  filters,
  onFilters,
  onMarked,
  selected,
  onSelect,
  onSource,
  onBuildRequest,
}: {
  walkoutId: number;
  gaps: DayGap[];
  days: string[];
  startTime: string;
  filters: GapFilters;
  onFilters: (f: GapFilters) => void;
  onMarked: (g: GapView) => void;
  /** The gaps ticked (duty ids); kept by the walkout screen so it survives a visit to sourcing. */
  selected: ReadonlySet<number>;
  onSelect: React.Dispatch<React.SetStateAction<Set<number>>>;
  /** Opens sourcing for these duty ids; `from` is the id of the control to return focus to. */
  onSource: (dutyIds: number[], from: string) => void;
  /** Builds derogation requests from these duty ids; `from` is the id of the control to return focus to. */
  onBuildRequest: (dutyIds: number[], from: string) => void;
}) {
  const [marking, setMarking] = useState<GapView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Stable, so rows the virtualiser keeps do not re-render on every scroll frame.
  const startMarking = useCallback((g: GapView) => {
    setMessage(null);
    setMarking(g);
  }, []);
  const shown = useMemo(() => filterAndSortGaps(gaps, filters), [gaps, filters]);
  const active = filtersActive(filters);
  const update = (patch: Partial<GapFilters>) => onFilters({ ...filters, ...patch });

  const sites = useMemo(() => {
    const m = new Map<number, string>();
    for (const g of gaps) m.set(g.site_id, g.site);
    return [...m].sort((a, b) => collator.compare(a[1], b[1]));
  }, [gaps]);
  const departments = useMemo(() => {
    const m = new Map<number, { id: number; name: string; site: string; siteId: number; critical: boolean }>();
    for (const g of gaps) m.set(g.department_id, { id: g.department_id, name: g.department, site: g.site, siteId: g.site_id, critical: g.critical });
    return [...m.values()].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.site, b.site));
  }, [gaps]);
  const grades = useMemo(() => [...new Set(gaps.map((g) => g.grade))].sort((a, b) => collator.compare(a, b)), [gaps]);
  const manySites = sites.length > 1;
  // Only gaps still on the board count (a gap unmarked since it was ticked drops out).
  const chosen = useMemo(
    () => gaps.filter((g) => selected.has(g.duty_id)).sort((a, b) => a.start - b.start || a.duty_id - b.duty_id),
    [gaps, selected],
  );
  const selectedShown = shown.filter((g) => selected.has(g.duty_id)).length;
  const allShownSelected = shown.length > 0 && selectedShown === shown.length;
  // Stable, so that rows the virtualiser keeps do not re-render when another row is ticked.
  const toggle = useCallback(
    (id: number, on: boolean) =>
      onSelect((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [onSelect],
  );
  const toggleShown = (on: boolean) =>
    onSelect((prev) => {
      const next = new Set(prev);
      for (const g of shown) {
        if (on) next.add(g.duty_id);
        else next.delete(g.duty_id);
      }
      return next;
    });
  const sourceOne = useCallback((g: GapView) => onSource([g.duty_id], `gap-source-${g.duty_id}`), [onSource]);
  const deptOptions = departments.filter((d) => filters.siteId === null || d.siteId === filters.siteId);

  return (
    <section aria-labelledby="gaps-heading" className="sc-gaps">
      <h2 className="nhsuk-heading-m nhsuk-u-visually-hidden" id="gaps-heading">
        Gaps
      </h2>
      <div className="sc-filters" role="group" aria-label="Filter and sort gaps">
        <Select id="gap-critical" label="Criticality" value={filters.critical} onChange={(v) => update({ critical: v as GapFilters['critical'] })}>
          <option value="all">All departments</option>
          <option value="critical">Critical only</option>
          <option value="other">Not critical</option>
        </Select>
        {manySites && (
          <Select
            id="gap-site"
            label="Site"
            value={filters.siteId === null ? '' : String(filters.siteId)}
            onChange={(v) => {
              const siteId = v === '' ? null : Number(v);
              const dept = departments.find((d) => d.id === filters.departmentId);
              update({ siteId, departmentId: dept && siteId !== null && dept.siteId !== siteId ? null : filters.departmentId });
            }}
          >
            <option value="">All sites</option>
            {sites.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        )}
        <Select
          id="gap-department"
          label="Department"
          value={filters.departmentId === null ? '' : String(filters.departmentId)}
          onChange={(v) => update({ departmentId: v === '' ? null : Number(v) })}
        >
          <option value="">All departments</option>
          {filters.departmentId !== null && !deptOptions.some((d) => d.id === filters.departmentId) && (
            <option value={filters.departmentId}>(no gaps in the department chosen)</option>
          )}
          {deptOptions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
              {manySites && filters.siteId === null ? ` (${d.site})` : ''}
              {d.critical ? ' – critical' : ''}
            </option>
          ))}
        </Select>
        <Select id="gap-grade" label="Grade" value={filters.grade} onChange={(v) => update({ grade: v })}>
          <option value="">All grades</option>
          {grades.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </Select>
        <Select id="gap-day" label="Day" value={filters.day} onChange={(v) => update({ day: v })}>
          <option value="">All days</option>
          {filters.day !== '' && !days.includes(filters.day) && <option value={filters.day}>{formatDateLong(filters.day)}</option>}
          {days.map((d) => (
            <option key={d} value={d}>
              {formatDateLong(d)}
              {startTime !== '00:00' ? ` from ${startTime}` : ''}
            </option>
          ))}
        </Select>
        <Select id="gap-day-night" label="Day or night" value={filters.dayNight} onChange={(v) => update({ dayNight: v as GapFilters['dayNight'] })}>
          <option value="all">Days and nights</option>
          <option value="day">Days only</option>
          <option value="night">Nights only</option>
        </Select>
        <Select id="gap-sort" label="Sort by" value={filters.sort} onChange={(v) => update({ sort: v as GapSort })}>
          {(Object.keys(GAP_SORT_LABELS) as GapSort[]).map((s) => (
            <option key={s} value={s}>
              {GAP_SORT_LABELS[s]}
            </option>
          ))}
        </Select>
        {active && (
          <button type="button" className="sc-tool-button" onClick={() => onFilters({ ...NO_GAP_FILTERS, sort: filters.sort })}>
            Clear filters
          </button>
        )}
        <p className="sc-counts-line" role="status" aria-live="polite" id="gap-count">
          {gapCountText(gaps, shown, active)}
        </p>
      </div>

      <div className="sc-filters sc-bulk" role="group" aria-label="Act on the selected gaps">
        <span className="sc-inline-label" id="gap-selected-count">
          {plural(chosen.length, 'gap')} selected
        </span>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--small sc-source-button"
          id="gap-source-selected"
          disabled={chosen.length === 0}
          aria-describedby="gap-selected-count"
          onClick={() => onSource(chosen.map((g) => g.duty_id), 'gap-source-selected')}
        >
          Source cover
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small sc-source-button"
          id="gap-build-request"
          disabled={chosen.length === 0}
          aria-describedby="gap-selected-count gap-build-hint"
          onClick={() => onBuildRequest(chosen.map((g) => g.duty_id), 'gap-build-request')}
        >
          Build request
        </button>
        <span className="nhsuk-u-visually-hidden" id="gap-build-hint">
          A derogation request to the BMA, for gaps whose alternatives are exhausted
        </span>
        {selected.size > 0 && (
          <button type="button" className="sc-tool-button" onClick={() => onSelect(new Set())}>
            Clear selection
          </button>
        )}
      </div>

      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="gap-mark-message">
            <p>{message}</p>
          </div>
        )}
      </div>

      {marking && (
        <MarkForm
          key={marking.duty_id}
          walkoutId={walkoutId}
          gap={marking}
          onDone={(view, text) => {
            setMarking(null);
            setMessage(text);
            onMarked(view);
            document.getElementById(`gap-mark-${view.duty_id}`)?.focus();
          }}
          onCancel={() => {
            const id = marking.duty_id;
            setMarking(null);
            document.getElementById(`gap-mark-${id}`)?.focus();
          }}
        />
      )}

      <GapGrid
        gaps={shown}
        selected={selected}
        allShownSelected={allShownSelected}
        onToggleShown={toggleShown}
        onToggle={toggle}
        onMark={startMarking}
        onSource={sourceOne}
      />
    </section>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="sc-field-inline">
      <label htmlFor={id} className="sc-inline-label">
        {label}
      </label>
      <select id={id} className="nhsuk-select sc-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

function GapGrid({
  gaps,
  selected,
  allShownSelected,
  onToggleShown,
  onToggle,
  onMark,
  onSource,
}: {
  gaps: DayGap[];
  selected: ReadonlySet<number>;
  allShownSelected: boolean;
  onToggleShown: (on: boolean) => void;
  onToggle: (id: number, on: boolean) => void;
  onMark: (g: GapView) => void;
  onSource: (g: GapView) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => gaps[i].duty_id, [gaps]);
  const estimateSize = useCallback((i: number) => (gaps[i].manual ? MARKED_ROW_HEIGHT : ROW_HEIGHT), [gaps]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: gaps.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    initialRect: { width: 1000, height: 600 },
  });
  // Row heights depend on the rows (a mark adds a line): measure afresh when they change.
  useEffect(() => {
    virtualizer.measure();
  }, [gaps, virtualizer]);

  return (
    <div className="sc-grid sc-gap-grid-wrap" role="table" aria-label="Uncovered duties" aria-rowcount={gaps.length + 1}>
      <div role="rowgroup" className="sc-grid-head">
        <div role="row" aria-rowindex={1} className="sc-gap-grid">
          <span role="columnheader">
            <input
              type="checkbox"
              className="sc-row-checkbox"
              id="gap-select-all"
              aria-label="Select all gaps shown"
              checked={allShownSelected}
              disabled={gaps.length === 0}
              onChange={(e) => onToggleShown(e.target.checked)}
            />
          </span>
          <span role="columnheader">Day</span>
          <span role="columnheader">Time</span>
          <span role="columnheader">In the walkout</span>
          <span role="columnheader">Department</span>
          <span role="columnheader">Site</span>
          <span role="columnheader">Grade</span>
          <span role="columnheader">Doctor</span>
          <span role="columnheader">Reason</span>
          <span role="columnheader">Status</span>
          <span role="columnheader">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </span>
        </div>
      </div>
      <div id="gap-board" ref={scrollRef} className="sc-grid-scroll" role="rowgroup" tabIndex={0} aria-label="Uncovered duties, scrollable">
        {gaps.length === 0 ? (
          <p className="nhsuk-body sc-empty-grid">No uncovered duties match.</p>
        ) : (
          <div className="sc-grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <GapRow
                key={item.key}
                gap={gaps[item.index]}
                rowIndex={item.index + 2}
                alt={item.index % 2 === 1}
                top={item.start}
                height={item.size}
                selected={selected.has(gaps[item.index].duty_id)}
                onToggle={onToggle}
                onMark={onMark}
                onSource={onSource}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** One row; memoised on plain props so scrolling renders only the rows that come into view. */
const GapRow = memo(function GapRow({
  gap,
  rowIndex,
  alt,
  top,
  height,
  selected,
  onToggle,
  onMark,
  onSource,
}: {
  gap: DayGap;
  rowIndex: number;
  alt: boolean;
  top: number;
  height: number;
  selected: boolean;
  onToggle: (id: number, on: boolean) => void;
  onMark: (g: GapView) => void;
  onSource: (g: GapView) => void;
}) {
  const overlap = formatOverlap(gap);
  const marked = markedText(gap);
  const vacant = gap.staff_number === null;
  const time = gapTimeSpan(gap);
  const shift = SHIFT_TYPE_LABELS[gap.shift_type] ?? gap.shift_type;
  const what = `gap-${gap.duty_id}-what`;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-testid="gap-row"
      className={`sc-gap-grid sc-duty-row${alt ? ' sc-duty-row--alt' : ''}${gap.critical ? ' sc-gap-row--critical' : ''}`}
      style={{ height, transform: `translateY(${top}px)` }}
    >
      <span role="cell">
        <input
          type="checkbox"
          className="sc-row-checkbox"
          id={`gap-select-${gap.duty_id}`}
          aria-label={`Select ${gap.department}, ${formatDateLong(gap.date)} ${time}, ${gap.grade}`}
          checked={selected}
          onChange={(e) => onToggle(gap.duty_id, e.target.checked)}
        />
      </span>
      <span role="cell" className="sc-time">
        {shortWeekdayName(gap.date)} {formatDate(gap.date)}
      </span>
      <span role="cell" className="sc-time" title={`${shift}${gap.night ? ' (night)' : ''}`}>
        {time}
        {gap.night && (
          <>
            <span className="sc-night" aria-hidden="true">
              {' '}
              ☾
            </span>
            <span className="nhsuk-u-visually-hidden"> (night)</span>
          </>
        )}
      </span>
      <span role="cell" className={overlap ? 'sc-partial' : 'sc-muted'} title={overlap ?? undefined}>
        {overlap ?? 'Whole duty'}
      </span>
      <span role="cell" className="sc-ellipsis" title={gap.department}>
        {gap.department}
        {gap.critical && (
          <>
            {' '}
            <strong className="nhsuk-tag nhsuk-tag--orange sc-tag-small">Critical</strong>
          </>
        )}
      </span>
      <span role="cell" className="sc-ellipsis" title={gap.site}>
        {gap.site}
      </span>
      <span role="cell">{gap.grade}</span>
      <span role="cell" className="sc-doctor sc-ellipsis">
        {vacant ? (
          <strong className="nhsuk-tag nhsuk-tag--red sc-tag-small">VACANT</strong>
        ) : (
          <>
            <span className="sc-name">{gap.staff_name ?? ''}</span> <span className="sc-staff-number">{gap.staff_number}</span>
          </>
        )}
      </span>
      <span role="cell" className="sc-gap-reason">
        <span>{GAP_REASON_LABELS[gap.reason] ?? gap.reason}</span>
        {marked && (
          <span className="sc-marked" title={marked}>
            {marked}
          </span>
        )}
      </span>
      <span role="cell" className="sc-gap-status">
        <strong className={`nhsuk-tag ${STATUS_TAG[gap.status] ?? ''} sc-tag-small`}>{GAP_STATUS_LABELS[gap.status] ?? gap.status}</strong>
        <span className="sc-gap-ladder sc-ellipsis" title={ladderNote(gap)}>
          {ladderNote(gap)}
        </span>
      </span>
      <span role="cell" className="sc-gap-actions">
        <span id={what} className="nhsuk-u-visually-hidden">
          {gap.department}, {formatDateLong(gap.date)} {time}, {gap.grade}
        </span>
        <button
          type="button"
          className="sc-tool-button sc-row-button"
          id={`gap-source-${gap.duty_id}`}
          aria-describedby={what}
          onClick={() => onSource(gap)}
        >
          Source…
        </button>
        <button
          type="button"
          className="sc-tool-button sc-row-button"
          id={`gap-mark-${gap.duty_id}`}
          aria-describedby={what}
          onClick={() => onMark(gap)}
        >
          Mark…
        </button>
      </span>
    </div>
  );
});

/** Where the gap stands on the ladder, in a few words. */
export function ladderNote(gap: Pick<GapView, 'covered_by' | 'rungs_to_do'>): string {
  if (gap.covered_by) return `Covered by ${gap.covered_by}`;
  if (gap.rungs_to_do === 0) return 'Alternatives exhausted';
  return `${gap.rungs_to_do} ${gap.rungs_to_do === 1 ? 'rung' : 'rungs'} to do`;
}

function MarkForm({
  walkoutId,
  gap,
  onDone,
  onCancel,
}: {
  walkoutId: number;
  gap: GapView;
  onDone: (view: GapView, message: string) => void;
  onCancel: () => void;
}) {
  const [uncovered, setUncovered] = useState(!gap.manual);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    reasonRef.current?.focus();
  }, []);

  const duty = `${gap.department}, ${formatDateLong(gap.date)} ${gapTimeSpan(gap)}, ${gap.grade}, ${gap.staff_name ?? 'vacant'}`;

  const submit = () => {
    const text = reason.trim();
    setMissing(text === '');
    if (text === '') {
      reasonRef.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    api.gapMark(walkoutId, { duty_id: gap.duty_id, uncovered, reason: text }).then(
      (view) => {
        setSaving(false);
        const who = view.marked_by ? ` by ${view.marked_by}` : '';
        const when = view.marked_at ? ` at ${formatTimestamp(view.marked_at)}` : '';
        onDone(
          view,
          `${uncovered ? 'Marked as uncovered' : 'Marked as not uncovered'}${who}${when}: ${duty}. Reason: ${view.note ?? text}`,
        );
      },
      (e: AppError) => {
        setSaving(false);
        setError(e);
      },
    );
  };

  return (
    <section className="sc-mark-panel" role="dialog" aria-modal="false" aria-labelledby="gap-mark-heading" id="gap-mark-form">
      <h3 className="nhsuk-heading-s" id="gap-mark-heading">
        Mark a duty by hand
      </h3>
      <p className="nhsuk-body-s" id="gap-mark-duty">
        {duty}
      </p>
      {gap.manual && <p className="nhsuk-body-s sc-muted">{markedText(gap)}</p>}
      {error && <AppErrorSummary error={error} id="gap-mark-error" />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-u-visually-hidden">Is this duty uncovered?</legend>
          <div className="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small">
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id="gap-mark-uncovered"
                name="gap-mark-kind"
                type="radio"
                checked={uncovered}
                onChange={() => setUncovered(true)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor="gap-mark-uncovered">
                Mark as uncovered
              </label>
            </div>
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id="gap-mark-not-uncovered"
                name="gap-mark-kind"
                type="radio"
                checked={!uncovered}
                onChange={() => setUncovered(false)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor="gap-mark-not-uncovered">
                Not uncovered after all
              </label>
            </div>
          </div>
        </fieldset>
        <div className={`nhsuk-form-group${missing ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="gap-mark-reason">
            Reason
          </label>
          <div className="nhsuk-hint" id="gap-mark-reason-hint">
            For example: the doctor said on the day that they will strike. Kept with your name and the time.
          </div>
          {missing && (
            <p className="nhsuk-error-message" id="gap-mark-reason-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> Enter the reason
            </p>
          )}
          <textarea
            ref={reasonRef}
            id="gap-mark-reason"
            className={`nhsuk-textarea sc-mark-reason${missing ? ' nhsuk-textarea--error' : ''}`}
            rows={2}
            value={reason}
            aria-describedby={`gap-mark-reason-hint${missing ? ' gap-mark-reason-error' : ''}`}
            aria-invalid={missing || undefined}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="sc-inline">
          <button type="submit" className="nhsuk-button nhsuk-button--small" id="gap-mark-submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onCancel} disabled={saving}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
