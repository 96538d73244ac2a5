import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import * as api from '../api';
import type { StaffGroup } from '../bindings/StaffGroup';
import type { StaffView } from '../bindings/StaffView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { STAFF_GROUPS, STAFF_GROUP_LABELS, formatCount, plural } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { SearchField } from '../components/SearchField';

type SortKey = 'staff_number' | 'name' | 'grade' | 'staff_group' | 'wtr_opt_out' | 'main_department' | 'duties';
type Sort = { key: SortKey; dir: 'asc' | 'desc' };

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'staff_number', label: 'Staff number' },
  { key: 'name', label: 'Name' },
  { key: 'grade', label: 'Grade' },
  { key: 'staff_group', label: 'Staff group' },
  { key: 'wtr_opt_out', label: 'WTR opt-out' },
  { key: 'main_department', label: 'Main department' },
  { key: 'duties', label: 'Duties', numeric: true },
];

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function compare(a: StaffView, b: StaffView, key: SortKey): number {
  switch (key) {
    case 'duties':
      return a.duties - b.duties;
    case 'wtr_opt_out':
      return Number(a.wtr_opt_out) - Number(b.wtr_opt_out);
    case 'staff_group':
      return collator.compare(STAFF_GROUP_LABELS[a.staff_group], STAFF_GROUP_LABELS[b.staff_group]);
    case 'main_department':
      return collator.compare(a.main_department ?? '', b.main_department ?? '');
    default:
      return collator.compare(a[key], b[key]);
  }
}

/** Search by name or staff number, filter by group, sort by a column (ties by name). */
export function filterAndSortStaff(staff: StaffView[], search: string, group: StaffGroup | '', sort: Sort): StaffView[] {
  const q = search.trim().toLocaleLowerCase('en-GB');
  const out = staff.filter(
    (s) =>
      (group === '' || s.staff_group === group) &&
      (q === '' || s.name.toLocaleLowerCase('en-GB').includes(q) || s.staff_number.toLocaleLowerCase('en-GB').includes(q)),
  );
  const sign = sort.dir === 'asc' ? 1 : -1;
  return out.sort((a, b) => sign * compare(a, b, sort.key) || collator.compare(a.name, b.name) || a.id - b.id);
}

export function StaffScreen() {
  const staff = useLoad('staff', api.staffList);
  return (
    <>
      <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
        Staff
      </h1>
      {staff.status === 'loading' && (
        <p className="nhsuk-body" role="status">
          Loading staff…
        </p>
      )}
      {staff.status === 'error' && <AppErrorSummary error={staff.error} />}
      {staff.status === 'ready' && <StaffList staff={staff.data} />}
    </>
  );
}

const ROW_HEIGHT = 34;

function StaffList({ staff }: { staff: StaffView[] }) {
  const [search, setSearch] = useState('');
  const [group, setGroup] = useState<StaffGroup | ''>('');
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const shown = useMemo(() => filterAndSortStaff(staff, search, group, sort), [staff, search, group, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    initialRect: { width: 1000, height: 600 },
  });

  const sortBy = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'duties' ? 'desc' : 'asc' }));

  return (
    <div className="sc-staff">
      <div className="sc-filters" role="search" aria-label="Find staff">
        <SearchField id="staff-search" value={search} onChange={setSearch} />
        <div className="sc-field-inline">
          <label htmlFor="staff-group" className="sc-inline-label">
            Staff group
          </label>
          <select
            id="staff-group"
            className="nhsuk-select sc-select"
            value={group}
            onChange={(e) => setGroup(e.target.value as StaffGroup | '')}
          >
            <option value="">All staff groups</option>
            {STAFF_GROUPS.map((g) => (
              <option key={g} value={g}>
                {STAFF_GROUP_LABELS[g]}
              </option>
            ))}
          </select>
        </div>
        <p className="sc-counts-line" role="status" aria-live="polite">
          {shown.length === staff.length
            ? plural(staff.length, 'doctor')
            : `${formatCount(shown.length)} of ${plural(staff.length, 'doctor')}`}
        </p>
      </div>

      <div className="sc-grid" role="table" aria-label="Staff" aria-rowcount={shown.length + 1}>
        <div role="rowgroup" className="sc-grid-head">
          <div role="row" aria-rowindex={1} className="sc-staff-grid">
            {COLUMNS.map((c) => (
              <span
                role="columnheader"
                key={c.key}
                className={c.numeric ? 'sc-numeric' : undefined}
                aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" className="sc-sort-button" onClick={() => sortBy(c.key)}>
                  {c.label}
                  <span aria-hidden="true" className="sc-sort-mark">
                    {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </span>
            ))}
          </div>
        </div>
        <div id="staff-view" ref={scrollRef} className="sc-grid-scroll" role="rowgroup" tabIndex={0} aria-label="Staff, scrollable">
          {shown.length === 0 ? (
            <p className="nhsuk-body sc-empty-grid">No doctors match.</p>
          ) : (
            <div className="sc-grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const s = shown[item.index];
                return (
                  <div
                    key={s.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid="staff-row"
                    className={`sc-staff-grid sc-duty-row${item.index % 2 ? ' sc-duty-row--alt' : ''}`}
                    style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell" className="sc-staff-number">
                      {s.staff_number}
                    </span>
                    <span role="cell" className="sc-ellipsis">
                      {s.name}
                    </span>
                    <span role="cell">{s.grade}</span>
                    <span role="cell">{STAFF_GROUP_LABELS[s.staff_group] ?? s.staff_group}</span>
                    <span role="cell">{s.wtr_opt_out ? 'Yes' : 'No'}</span>
                    <span role="cell" className="sc-ellipsis">
                      {s.main_department ?? ''}
                    </span>
                    <span role="cell" className="sc-numeric">
                      {formatCount(s.duties)}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
