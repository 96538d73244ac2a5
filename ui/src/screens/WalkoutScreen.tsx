import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as api from '../api';
import { type AppError, toAppError } from '../api/errors';
import type { GapView } from '../bindings/GapView';
import type { RequestView } from '../bindings/RequestView';
import type { WalkoutView } from '../bindings/WalkoutView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { formatCount, plural } from '../lib/format';
import { useFocusLater } from '../lib/useFocusLater';
import { type DayGap, type GapFilters, NO_GAP_FILTERS, parseLocalStamp, walkoutDayOf, walkoutDays } from '../lib/walkouts';
import { GapBoard } from './GapBoard';
import { ImpactReportScreen } from './impact/ImpactReportScreen';
import { IncidentsScreen } from './incidents/IncidentsScreen';
import { IntentsPanel } from './IntentsPanel';
import { RequestsScreen } from './RequestsScreen';
import { RequestBuilder } from './requests/RequestBuilder';
import { SourcingScreen } from './SourcingScreen';
import { ContactsPanel } from './sourcing/ContactsPanel';
import { WalkoutDashboard } from './WalkoutDashboard';
import { describeWalkout } from './WalkoutsScreen';

export type WalkoutTab = 'dashboard' | 'gaps' | 'doctors' | 'requests' | 'incidents' | 'impact';

const TABS: { tab: WalkoutTab; label: string }[] = [
  { tab: 'dashboard', label: 'Dashboard' },
  { tab: 'gaps', label: 'Gaps' },
  { tab: 'doctors', label: 'Doctors' },
  { tab: 'requests', label: 'Requests' },
  { tab: 'incidents', label: 'Incidents' },
  { tab: 'impact', label: 'Impact report' },
];

type GapsState = { status: 'loading' } | { status: 'error'; error: AppError } | { status: 'ready'; data: GapView[] };

/** "Created 2 draft requests: DR-13 and DR-14. This is DR-13: …". */
export function createdNotice(views: RequestView[]): string {
  const refs = views.map((v) => v.content.reference);
  const list = refs.length === 1 ? refs[0] : `${refs.slice(0, -1).join(', ')} and ${refs[refs.length - 1]}`;
  const which = refs.length > 1 ? ` This is ${refs[0]}; the others are in the list of requests.` : '';
  return `Created ${plural(views.length, 'draft request')}: ${list}.${which} Fill in the rest of the request below: its readiness checks say what is still missing before it can be sent for approval.`;
}

/** One walkout: its dashboard, its gaps, the intents of the doctors it affects, and its requests. */
export function WalkoutScreen({ walkout: initial, created }: { walkout: WalkoutView; created: boolean }) {
  const [walkout, setWalkout] = useState(initial);
  const [tab, setTab] = useState<WalkoutTab>('dashboard');
  const [filters, setFilters] = useState<GapFilters>(NO_GAP_FILTERS);
  // Bumped whenever something changes the gaps (a mark, an intent), so the dashboard reloads.
  const [version, setVersion] = useState(0);
  const [gaps, setGaps] = useState<GapsState>({ status: 'loading' });
  const tabRefs = useRef<Record<WalkoutTab, HTMLButtonElement | null>>({ dashboard: null, gaps: null, doctors: null, requests: null, incidents: null, impact: null });
  // The gaps ticked on the board, and the gaps being sourced (in place of the tabs) if any.
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [sourcing, setSourcing] = useState<{ dutyIds: number[]; from: string } | null>(null);
  // The gaps requests are being built from (in place of the tabs) if any.
  const [building, setBuilding] = useState<{ dutyIds: number[]; from: string } | null>(null);
  // A request to open on the Requests tab (the first one just built), with what to say about it.
  const [opening, setOpening] = useState<{ id: number; notice: string; n: number } | null>(null);
  // Focus goes back to the control that opened sourcing when it closes.
  const focusLater = useFocusLater();
  const id = walkout.id;

  // Loads (and after a change reloads) the gaps without emptying the board meanwhile.
  const loadGaps = useCallback(() => {
    let live = true;
    api.gapList(id).then(
      (data) => {
        if (live) setGaps({ status: 'ready', data });
      },
      (e: unknown) => {
        if (live) setGaps((prev) => (prev.status === 'ready' ? prev : { status: 'error', error: toAppError(e) }));
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => loadGaps(), [loadGaps, version]);

  const changed = useCallback(() => setVersion((n) => n + 1), []);

  /** Puts a duty just marked by hand on the board at once (the reload follows). */
  const applyMark = useCallback((view: GapView) => {
    setGaps((prev) => {
      if (prev.status !== 'ready') return prev;
      const rest = prev.data.filter((g) => g.duty_id !== view.duty_id);
      const data = view.status === 'covered' ? rest : prev.data.some((g) => g.duty_id === view.duty_id) ? prev.data.map((g) => (g.duty_id === view.duty_id ? view : g)) : [...prev.data, view];
      return { status: 'ready', data };
    });
    setVersion((n) => n + 1);
  }, []);

  const days = useMemo(() => walkoutDays(walkout), [walkout]);
  const startTime = parseLocalStamp(walkout.start_local)?.time ?? '00:00';
  const dayGaps: DayGap[] | null = useMemo(
    () => (gaps.status === 'ready' ? gaps.data.map((g) => ({ ...g, walkoutDay: walkoutDayOf(g, startTime, days) })) : null),
    [gaps, startTime, days],
  );

  const choose = (next: WalkoutTab, focus = false) => {
    setTab(next);
    setOpening(null);
    if (focus) tabRefs.current[next]?.focus();
  };

  const onTabKey = (e: React.KeyboardEvent, current: WalkoutTab) => {
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
    <>
      <h1 className="nhsuk-heading-l sc-screen-title sc-walkout-title" tabIndex={-1} id="screen-heading">
        {walkout.title}
      </h1>
      <p className="nhsuk-body sc-walkout-summary" id="walkout-summary">
        {describeWalkout(walkout)}. {formatCount(walkout.affected_staff)} doctors affected:{' '}
        {formatCount(walkout.striking)} striking, {formatCount(walkout.working)} working,{' '}
        {formatCount(walkout.undeclared)} not declared
        {walkout.undeclared_uncovered ? ' (counted as uncovered)' : ' (counted as covered)'}.
      </p>
      <p className="nhsuk-body sc-walkout-round" id="walkout-round">
        {walkout.previous_title !== null && <>Started from {walkout.previous_title}. </>}
        {walkout.ladder_version !== null
          ? `Uses ladder version ${walkout.ladder_version}, carried from the previous walkout: editing the ladder in Settings does not change it.`
          : "Uses the trust's ladder in force (edit it in Settings)."}
      </p>
      {created && !sourcing && !building && (
        <div className="nhsuk-inset-text sc-confirmation" role="status" id="walkout-created">
          <p>Walkout created. Record what doctors have said under Doctors; the gaps follow.</p>
        </div>
      )}

      {sourcing && (
        <SourcingScreen
          key={sourcing.dutyIds.join(',')}
          walkoutId={id}
          dutyIds={sourcing.dutyIds}
          onChanged={changed}
          onBack={() => {
            focusLater(sourcing.from, 'gap-board');
            setSourcing(null);
            setTab('gaps');
          }}
        />
      )}

      {building && (
        <RequestBuilder
          key={building.dutyIds.join(',')}
          walkoutId={id}
          dutyIds={building.dutyIds}
          gaps={gaps.status === 'ready' ? gaps.data : []}
          onBack={() => {
            focusLater(building.from, 'gap-board');
            setBuilding(null);
            setTab('gaps');
          }}
          onCreated={(views) => {
            setBuilding(null);
            setSelected(new Set());
            changed();
            setTab('requests');
            setOpening(views.length > 0 ? { id: views[0].id, notice: createdNotice(views), n: Date.now() } : null);
          }}
        />
      )}

      {!sourcing && !building && (
        <>
          <div className="sc-tabs" role="tablist" aria-label="Walkout">
            {TABS.map((t) => (
              <button
                key={t.tab}
                ref={(el) => {
                  tabRefs.current[t.tab] = el;
                }}
                type="button"
                role="tab"
                id={`walkout-tab-${t.tab}`}
                aria-selected={tab === t.tab}
                aria-controls={`walkout-panel-${t.tab}`}
                tabIndex={tab === t.tab ? 0 : -1}
                className="sc-tab"
                onClick={() => choose(t.tab)}
                onKeyDown={(e) => onTabKey(e, t.tab)}
              >
                {t.label}
                {t.tab === 'gaps' && dayGaps && <span className="sc-tab-count"> ({formatCount(dayGaps.filter((g) => g.status !== 'covered').length)})</span>}
              </button>
            ))}
          </div>

          <div role="tabpanel" id={`walkout-panel-${tab}`} aria-labelledby={`walkout-tab-${tab}`} className="sc-tab-panel">
            {tab === 'dashboard' && (
              <WalkoutDashboard
                walkoutId={id}
                version={version}
                onLoaded={setWalkout}
                onCell={(departmentId, day) => {
                  setFilters({ ...NO_GAP_FILTERS, departmentId, day });
                  choose('gaps', true);
                }}
              />
            )}
            {tab === 'dashboard' && <ContactsPanel walkoutId={id} />}
            {tab === 'gaps' && (
              <>
                {gaps.status === 'loading' && (
                  <p className="nhsuk-body" role="status">
                    Finding the gaps…
                  </p>
                )}
                {gaps.status === 'error' && <AppErrorSummary error={gaps.error} />}
                {dayGaps && (
                  <GapBoard
                    walkoutId={id}
                    gaps={dayGaps}
                    days={days}
                    startTime={startTime}
                    filters={filters}
                    onFilters={setFilters}
                    onMarked={applyMark}
                    selected={selected}
                    onSelect={setSelected}
                    onSource={(dutyIds, from) => {
                      if (dutyIds.length > 0) setSourcing({ dutyIds, from });
                    }}
                    onBuildRequest={(dutyIds, from) => {
                      if (dutyIds.length > 0) setBuilding({ dutyIds, from });
                    }}
                  />
                )}
              </>
            )}
            {tab === 'doctors' && <IntentsPanel walkoutId={id} onChanged={changed} />}
            {tab === 'requests' && (
              <RequestsScreen key={opening?.n ?? 'list'} walkoutId={id} open={opening?.id ?? null} notice={opening?.notice ?? null} />
            )}
            {tab === 'incidents' && <IncidentsScreen walkoutId={id} />}
            {tab === 'impact' && <ImpactReportScreen walkoutId={id} />}
          </div>
        </>
      )}
    </>
  );
}
