import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import * as api from '../api';
import type { AppStatus } from '../bindings/AppStatus';
import type { DutyView } from '../bindings/DutyView';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { RotaQuery } from '../bindings/RotaQuery';
import type { ShiftType } from '../bindings/ShiftType';
import type { SiteView } from '../bindings/SiteView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { ImportSummaryView } from '../components/ImportSummaryView';
import {
  addDays,
  formatDate,
  formatDateLong,
  formatDateRange,
  formatHours,
  formatTimeSpan,
  mondayOf,
  parseUkDate,
  todayInLondon,
  wallClockHours,
} from '../lib/dates';
import { SHIFT_TYPES, SHIFT_TYPE_LABELS, formatCount, plural } from '../lib/format';
import { useLoad } from '../lib/useLoad';

export type RotaMode = 'week' | 'day';

/** What the rota screen shows; kept by the app so it survives a visit to another screen. */
export interface RotaSelection {
  siteId: number;
  /** null: every department of the site. */
  departmentId: number | null;
  /** The Monday of the week shown, or the day shown (yyyy-mm-dd). */
  from: string;
  mode: RotaMode;
  /** '' for every grade. */
  grade: string;
  shiftType: ShiftType | '';
  vacantOnly: boolean;
}

/** The date to open the rota on: today, unless the rota held does not cover today. */
export function defaultRotaDate(status: AppStatus | null, today: string = todayInLondon()): string {
  const first = status?.first_date ?? null;
  const last = status?.last_date ?? null;
  if (first && last && (today < first || today > last)) return first;
  return today;
}

function defaultSelection(sites: SiteView[], status: AppStatus | null): RotaSelection | null {
  const site = sites.find((s) => s.departments.some((d) => d.duties > 0)) ?? sites[0];
  if (!site) return null;
  return {
    siteId: site.id,
    departmentId: null,
    from: mondayOf(defaultRotaDate(status)),
    mode: 'week',
    grade: '',
    shiftType: '',
    vacantOnly: false,
  };
}

export function rotaQueryFor(sel: RotaSelection): RotaQuery {
  return {
    site_id: sel.departmentId === null ? sel.siteId : null,
    department_id: sel.departmentId,
    from: sel.from,
    days: sel.mode === 'week' ? 7 : 1,
  };
}

export function RotaScreen({
  status,
  selection,
  onSelectionChange,
  lastImport,
  onDismissImport,
}: {
  status: AppStatus | null;
  selection: RotaSelection | null;
  onSelectionChange: (s: RotaSelection) => void;
  lastImport: ImportSummary | null;
  onDismissImport: () => void;
}) {
  const sites = useLoad('sites', api.sitesList);

  return (
    <>
      <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
        Rota
      </h1>
      {lastImport && <ImportedBanner summary={lastImport} onDismiss={onDismissImport} />}
      {sites.status === 'loading' && <p className="nhsuk-body" role="status">Loading sites and departments…</p>}
      {sites.status === 'error' && <AppErrorSummary error={sites.error} />}
      {sites.status === 'ready' && (
        <RotaBody sites={sites.data} status={status} selection={selection} onSelectionChange={onSelectionChange} />
      )}
    </>
  );
}

function ImportedBanner({ summary, onDismiss }: { summary: ImportSummary; onDismiss: () => void }) {
  return (
    <div className="nhsuk-notification-banner nhsuk-notification-banner--success sc-banner" role="status">
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title">Rota loaded</h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">
          {formatCount(summary.shifts)} shifts ({formatCount(summary.vacancies)} vacant) for{' '}
          {formatCount(summary.doctors)} doctors in {plural(summary.departments, 'department')} at{' '}
          {plural(summary.sites, 'site')}, {formatDateRange(summary.first_date, summary.last_date)}.
        </p>
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">What was loaded</span>
          </summary>
          <div className="nhsuk-details__text">
            <ImportSummaryView summary={summary} />
          </div>
        </details>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

function RotaBody({
  sites,
  status,
  selection,
  onSelectionChange,
}: {
  sites: SiteView[];
  status: AppStatus | null;
  selection: RotaSelection | null;
  onSelectionChange: (s: RotaSelection) => void;
}) {
  const sel = selection ?? defaultSelection(sites, status);
  if (!sel) {
    return (
      <p className="nhsuk-body">
        There is no rota yet. Import a rota export, or load the demo trust, to see duties here.
      </p>
    );
  }
  const update = (patch: Partial<RotaSelection>) => onSelectionChange({ ...sel, ...patch });
  return (
    <div className="sc-rota-layout">
      <DepartmentPicker sites={sites} selection={sel} onPick={(siteId, departmentId) => update({ siteId, departmentId, grade: '' })} />
      <div className="sc-rota-main">
        <RotaToolbar selection={sel} update={update} />
        <RotaDuties selection={sel} sites={sites} status={status} update={update} />
      </div>
    </div>
  );
}

function DepartmentPicker({
  sites,
  selection,
  onPick,
}: {
  sites: SiteView[];
  selection: RotaSelection;
  onPick: (siteId: number, departmentId: number | null) => void;
}) {
  return (
    <nav className="sc-departments" aria-label="Sites and departments">
      <h2 className="nhsuk-heading-s sc-visually-hidden-heading">Departments</h2>
      {sites.map((site) => {
        const siteDuties = site.departments.reduce((n, d) => n + d.duties, 0);
        const siteSelected = selection.siteId === site.id && selection.departmentId === null;
        return (
          <section key={site.id} className="sc-site" aria-labelledby={`site-${site.id}`}>
            <h3 className="sc-site-name" id={`site-${site.id}`}>
              {site.name}
            </h3>
            <ul className="sc-dept-list">
              <li>
                <button
                  type="button"
                  className="sc-dept-button sc-dept-button--all"
                  aria-current={siteSelected ? 'true' : undefined}
                  onClick={() => onPick(site.id, null)}
                >
                  <span className="sc-dept-name">All departments</span>
                  <span className="sc-dept-count">{formatCount(siteDuties)}</span>
                </button>
              </li>
              {site.departments.map((d) => {
                const selected = selection.departmentId === d.id;
                return (
                  <li key={d.id}>
                    <button
                      type="button"
                      className="sc-dept-button"
                      aria-current={selected ? 'true' : undefined}
                      onClick={() => onPick(site.id, d.id)}
                    >
                      <span className="sc-dept-name">
                        {d.name}
                        {d.critical && (
                          <>
                            {' '}
                            <strong className="nhsuk-tag nhsuk-tag--orange sc-tag-small">Critical</strong>
                          </>
                        )}
                      </span>
                      <span className="sc-dept-count" aria-label={plural(d.duties, 'duty', 'duties')}>
                        {formatCount(d.duties)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}

function RotaToolbar({ selection, update }: { selection: RotaSelection; update: (p: Partial<RotaSelection>) => void }) {
  const step = selection.mode === 'week' ? 7 : 1;
  const unit = selection.mode === 'week' ? 'week' : 'day';
  const today = todayInLondon();
  return (
    <div className="sc-toolbar" role="group" aria-label="Dates shown">
      <div className="sc-segmented" role="group" aria-label="View">
        <button
          type="button"
          className="sc-seg-button"
          aria-pressed={selection.mode === 'week'}
          onClick={() => update({ mode: 'week', from: mondayOf(selection.from) })}
        >
          Week
        </button>
        <button
          type="button"
          className="sc-seg-button"
          aria-pressed={selection.mode === 'day'}
          onClick={() => {
            if (selection.mode === 'day') return;
            // Stay on today when today is in the week shown, else the week's Monday.
            const inWeek = today >= selection.from && today <= addDays(selection.from, 6);
            update({ mode: 'day', from: inWeek ? today : selection.from });
          }}
        >
          Day
        </button>
      </div>
      <button type="button" className="sc-tool-button" onClick={() => update({ from: addDays(selection.from, -step) })}>
        ‹ Previous {unit}
      </button>
      <button
        type="button"
        className="sc-tool-button"
        onClick={() => update({ from: selection.mode === 'week' ? mondayOf(today) : today })}
      >
        Today
      </button>
      <button type="button" className="sc-tool-button" onClick={() => update({ from: addDays(selection.from, step) })}>
        Next {unit} ›
      </button>
      <DateJump
        key={selection.from}
        from={selection.from}
        onGo={(iso) => update({ from: selection.mode === 'week' ? mondayOf(iso) : iso })}
      />
    </div>
  );
}

/**
 * "Go to date": typed day first (dd/mm/yyyy), whatever the operating system's locale. The
 * native date input shows the system locale's order (mm/dd/yyyy on a US-English machine).
 */
function DateJump({ from, onGo }: { from: string; onGo: (iso: string) => void }) {
  const [text, setText] = useState(formatDate(from));
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className="sc-field-inline"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const iso = parseUkDate(text);
        setInvalid(iso === null);
        if (iso) onGo(iso);
      }}
    >
      <label htmlFor="rota-date" className="sc-inline-label">
        Go to date
      </label>
      <input
        id="rota-date"
        className={`nhsuk-input sc-date-input${invalid ? ' nhsuk-input--error' : ''}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="dd/mm/yyyy"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'rota-date-error' : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="sc-tool-button">
        Go
      </button>
      {invalid && (
        <span className="nhsuk-error-message sc-inline-error" id="rota-date-error">
          <span className="nhsuk-u-visually-hidden">Error:</span> Enter a date as dd/mm/yyyy
        </span>
      )}
    </form>
  );
}

type Row =
  | { kind: 'day'; key: string; date: string; count: number; vacant: number }
  | { kind: 'duty'; key: string; duty: DutyView };

function byStart(a: DutyView, b: DutyView): number {
  return (
    a.date.localeCompare(b.date) ||
    a.start - b.start ||
    a.department.localeCompare(b.department) ||
    a.grade.localeCompare(b.grade, 'en-GB', { numeric: true }) ||
    a.id - b.id
  );
}

/** Day headings and duty rows, in order, for the days shown. */
export function buildRows(duties: DutyView[], from: string, days: number): Row[] {
  const byDate = new Map<string, DutyView[]>();
  for (let i = 0; i < days; i++) byDate.set(addDays(from, i), []);
  for (const d of duties) {
    const list = byDate.get(d.date);
    if (list) list.push(d);
    else byDate.set(d.date, [d]);
  }
  const rows: Row[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const list = (byDate.get(date) ?? []).sort(byStart);
    rows.push({
      kind: 'day',
      key: `day-${date}`,
      date,
      count: list.length,
      vacant: list.filter((d) => d.staff_number === null).length,
    });
    for (const duty of list) rows.push({ kind: 'duty', key: `duty-${duty.id}`, duty });
  }
  return rows;
}

const DAY_ROW_HEIGHT = 40;
const DUTY_ROW_HEIGHT = 34;

function RotaDuties({
  selection,
  sites,
  status,
  update,
}: {
  selection: RotaSelection;
  sites: SiteView[];
  status: AppStatus | null;
  update: (p: Partial<RotaSelection>) => void;
}) {
  const query = rotaQueryFor(selection);
  const key = JSON.stringify(query);
  const duties = useLoad(key, () => api.rotaQuery(query));

  const site = sites.find((s) => s.id === selection.siteId);
  const dept = site?.departments.find((d) => d.id === selection.departmentId) ?? null;
  const place = dept ? `${dept.name}, ${site?.name ?? ''}` : `All departments, ${site?.name ?? ''}`;
  const days = query.days;
  const to = addDays(selection.from, days - 1);
  const when =
    selection.mode === 'week'
      ? `Week beginning ${formatDateLong(selection.from)} (${formatDateRange(selection.from, to)})`
      : formatDateLong(selection.from);

  const all = duties.status === 'ready' ? duties.data : null;
  const grades = useMemo(() => {
    if (!all) return [];
    return [...new Set(all.map((d) => d.grade))].sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true }));
  }, [all]);
  const shown = useMemo(() => {
    if (!all) return [];
    return all.filter(
      (d) =>
        (selection.grade === '' || d.grade === selection.grade) &&
        (selection.shiftType === '' || d.shift_type === selection.shiftType) &&
        (!selection.vacantOnly || d.staff_number === null),
    );
  }, [all, selection.grade, selection.shiftType, selection.vacantOnly]);
  const rows = useMemo(() => buildRows(shown, selection.from, days), [shown, selection.from, days]);
  const vacant = useMemo(() => shown.filter((d) => d.staff_number === null).length, [shown]);

  return (
    <section className="sc-rota-duties" aria-labelledby="rota-heading">
      <div className="sc-rota-heading">
        <h2 className="nhsuk-heading-m" id="rota-heading">
          {place}
          {dept?.critical && (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--orange">Critical</strong>
            </>
          )}
        </h2>
        <p className="nhsuk-body-s sc-when">{when}</p>
      </div>

      <div className="sc-filters" role="group" aria-label="Filter duties">
        <div className="sc-field-inline">
          <label htmlFor="rota-grade" className="sc-inline-label">
            Grade
          </label>
          <select
            id="rota-grade"
            className="nhsuk-select sc-select"
            value={selection.grade}
            onChange={(e) => update({ grade: e.target.value })}
          >
            <option value="">All grades</option>
            {selection.grade !== '' && !grades.includes(selection.grade) && (
              <option value={selection.grade}>{selection.grade}</option>
            )}
            {grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div className="sc-field-inline">
          <label htmlFor="rota-shift-type" className="sc-inline-label">
            Shift type
          </label>
          <select
            id="rota-shift-type"
            className="nhsuk-select sc-select"
            value={selection.shiftType}
            onChange={(e) => update({ shiftType: e.target.value as ShiftType | '' })}
          >
            <option value="">All shift types</option>
            {SHIFT_TYPES.map((t) => (
              <option key={t} value={t}>
                {SHIFT_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small sc-checkbox-inline">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="rota-vacant-only"
              type="checkbox"
              checked={selection.vacantOnly}
              onChange={(e) => update({ vacantOnly: e.target.checked })}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="rota-vacant-only">
              Vacant only
            </label>
          </div>
        </div>
        <p className="sc-counts-line" role="status" aria-live="polite">
          {all &&
            (shown.length === all.length
              ? `${plural(all.length, 'duty', 'duties')}, ${formatCount(vacant)} vacant`
              : `Showing ${formatCount(shown.length)} of ${plural(all.length, 'duty', 'duties')}, ${formatCount(vacant)} vacant`)}
        </p>
      </div>

      {duties.status === 'loading' && (
        <p className="nhsuk-body" role="status">
          Loading duties…
        </p>
      )}
      {duties.status === 'error' && <AppErrorSummary error={duties.error} />}
      {all && all.length === 0 && (
        <div className="nhsuk-inset-text sc-empty">
          <p>
            No duties for {place} in this {selection.mode}.
            {status?.first_date && status.last_date && (
              <> The rota held runs from {formatDate(status.first_date)} to {formatDate(status.last_date)}.</>
            )}
          </p>
          {status?.first_date && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() =>
                update({ from: selection.mode === 'week' ? mondayOf(status.first_date as string) : (status.first_date as string) })
              }
            >
              Go to {formatDate(status.first_date)}
            </button>
          )}
        </div>
      )}
      {all && all.length > 0 && (
        <DutyGrid key={key} rows={rows} label={`Duties: ${place}, ${when}`} showDepartment={dept === null} />
      )}
    </section>
  );
}

function DutyGrid({ rows, label, showDepartment }: { rows: Row[]; label: string; showDepartment: boolean }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => rows[i].key, [rows]);
  const estimateSize = useCallback((i: number) => (rows[i].kind === 'day' ? DAY_ROW_HEIGHT : DUTY_ROW_HEIGHT), [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 15,
    initialRect: { width: 1000, height: 600 },
  });
  const gridClass = `sc-duty-grid${showDepartment ? ' sc-duty-grid--dept' : ''}`;

  return (
    <div className="sc-grid" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="sc-grid-head">
        <div role="row" aria-rowindex={1} className={gridClass}>
          <span role="columnheader">Time</span>
          <span role="columnheader">Hours</span>
          <span role="columnheader">Shift</span>
          <span role="columnheader">Code</span>
          <span role="columnheader">Grade</span>
          {showDepartment && <span role="columnheader">Department</span>}
          <span role="columnheader">Doctor</span>
        </div>
      </div>
      <div
        id="rota-view"
        ref={scrollRef}
        className="sc-grid-scroll"
        role="rowgroup"
        tabIndex={0}
        aria-label="Duties, scrollable"
      >
        <div className="sc-grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const style = { height: item.size, transform: `translateY(${item.start}px)` };
            if (row.kind === 'day') {
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} className="sc-day-row" style={style}>
                  <span role="cell" aria-colspan={showDepartment ? 7 : 6}>
                    <strong>{formatDateLong(row.date)}</strong>
                    <span className="sc-day-counts">
                      {plural(row.count, 'duty', 'duties')}
                      {row.vacant > 0 && (
                        <>
                          , <span className="sc-vacant-count">{formatCount(row.vacant)} vacant</span>
                        </>
                      )}
                    </span>
                  </span>
                </div>
              );
            }
            return (
              <DutyRow
                key={item.key}
                duty={row.duty}
                rowIndex={item.index + 2}
                className={`${gridClass} sc-duty-row${item.index % 2 ? ' sc-duty-row--alt' : ''}`}
                style={style}
                showDepartment={showDepartment}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function DutyRow({
  duty,
  rowIndex,
  className,
  style,
  showDepartment,
}: {
  duty: DutyView;
  rowIndex: number;
  className: string;
  style: React.CSSProperties;
  showDepartment: boolean;
}) {
  const printed = wallClockHours(duty.start_local, duty.end_local, duty.overnight);
  const clockChange = printed !== null && Math.abs(printed - duty.hours) > 0.01;
  const vacant = duty.staff_number === null;
  return (
    <div role="row" aria-rowindex={rowIndex} className={`${className}${vacant ? ' sc-duty-row--vacant' : ''}`} style={style} data-testid="duty-row">
      <span role="cell" className="sc-time">
        {formatTimeSpan(duty.start_local, duty.end_local, duty.overnight)}
      </span>
      <span role="cell" className={`sc-hours${clockChange ? ' sc-hours--clock-change' : ''}`}>
        {formatHours(duty.hours)}
        {clockChange && (
          <>
            {' '}
            <span
              className="nhsuk-tag nhsuk-tag--yellow sc-tag-small"
              title={`The clocks change during this duty: ${formatHours(duty.hours)} worked, though the printed times suggest ${formatHours(printed)}`}
            >
              clocks
            </span>
            <span className="nhsuk-u-visually-hidden">
              {' '}
              (the clocks change during this duty; the printed times suggest {formatHours(printed)})
            </span>
          </>
        )}
      </span>
      <span role="cell">{SHIFT_TYPE_LABELS[duty.shift_type] ?? duty.shift_type}</span>
      <span role="cell" className="sc-code">
        {duty.shift_code ?? ''}
      </span>
      <span role="cell">{duty.grade}</span>
      {showDepartment && (
        <span role="cell" className="sc-ellipsis">
          {duty.department}
        </span>
      )}
      <span role="cell" className="sc-doctor">
        {vacant ? (
          <strong className="nhsuk-tag nhsuk-tag--red sc-tag-small">VACANT</strong>
        ) : (
          <>
            <span className="sc-name">{duty.staff_name ?? ''}</span> <span className="sc-staff-number">{duty.staff_number}</span>
          </>
        )}
      </span>
    </div>
  );
}
