import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import * as api from './api';
import type { AppError } from './api/errors';
import type { AppStatus } from './bindings/AppStatus';
import type { ImportSummary } from './bindings/ImportSummary';
import { AppErrorSummary } from './components/ErrorSummary';
import { formatDateRange } from './lib/dates';
import { formatCount } from './lib/format';
import { AuditScreen } from './screens/audit/AuditScreen';
import { ImportScreen } from './screens/ImportScreen';
import { RequestsScreen } from './screens/RequestsScreen';
import { type RotaSelection, RotaScreen } from './screens/RotaScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { StaffScreen } from './screens/StaffScreen';
import { useImportFlow } from './screens/useImportFlow';
import { WalkoutsScreen } from './screens/WalkoutsScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';

export type Screen = 'rota' | 'staff' | 'walkouts' | 'requests' | 'audit' | 'import' | 'settings';

const NAV: { screen: Screen; label: string }[] = [
  { screen: 'rota', label: 'Rota' },
  { screen: 'staff', label: 'Staff' },
  { screen: 'walkouts', label: 'Walkouts' },
  { screen: 'requests', label: 'Requests' },
  { screen: 'audit', label: 'Audit' },
  { screen: 'import', label: 'Import' },
  { screen: 'settings', label: 'Settings' },
];

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statusError, setStatusError] = useState<AppError | null>(null);
  const [screen, setScreen] = useState<Screen>('rota');
  const [rotaSelection, setRotaSelection] = useState<RotaSelection | null>(null);
  const [lastImport, setLastImport] = useState<ImportSummary | null>(null);
  const [dragging, setDragging] = useState(false);
  // Bumped on every move between screens, so focus goes to the new screen's heading.
  const [focusRequest, setFocusRequest] = useState(0);

  const refreshStatus = useCallback((): Promise<void> => {
    return api.appStatus().then(
      (s) => {
        setStatus(s);
        setStatusError(null);
      },
      (e: AppError) => setStatusError(e),
    );
  }, []);

  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  const go = useCallback((next: Screen) => {
    setScreen(next);
    setFocusRequest((n) => n + 1);
  }, []);

  // After a move between screens, put keyboard and screen-reader focus on the new heading.
  useEffect(() => {
    if (focusRequest > 0) document.getElementById('screen-heading')?.focus();
  }, [focusRequest]);

  const onImported = useCallback(
    (summary: ImportSummary): Promise<void> => {
      setLastImport(summary);
      // Open the rota afresh (first site, a week the new rota covers).
      setRotaSelection(null);
      return refreshStatus();
    },
    [refreshStatus],
  );
  const importFlow = useImportFlow(onImported);

  const onFileDrag = useEffectEvent((event: api.FileDragEvent) => {
    if (event.type === 'over') {
      setDragging(true);
    } else if (event.type === 'leave') {
      setDragging(false);
    } else {
      setDragging(false);
      const path = event.paths[0];
      if (!path || importFlow.state.stage === 'running') return;
      go('import');
      importFlow.preview(path);
    }
  });
  useEffect(() => api.listenForFileDrops((e) => onFileDrag(e)), []);

  const empty = status !== null && status.duties === 0;

  let main: React.ReactNode;
  if (statusError && !status) {
    main = (
      <>
        <h1 className="nhsuk-heading-l" tabIndex={-1} id="screen-heading">
          Strike Cover cannot open its database
        </h1>
        <AppErrorSummary error={statusError} />
        <button type="button" className="nhsuk-button" onClick={() => void refreshStatus()}>
          Try again
        </button>
      </>
    );
  } else if (!status) {
    main = (
      <p className="nhsuk-body" role="status">
        Opening the database…
      </p>
    );
  } else if (screen === 'import') {
    main = <ImportScreen flow={importFlow} dragging={dragging} onViewRota={() => go('rota')} />;
  } else if (empty && screen !== 'settings' && screen !== 'audit') {
    main = (
      <WelcomeScreen
        onDemoLoaded={(summary) => onImported(summary).then(() => go('rota'))}
        onImport={() => go('import')}
      />
    );
  } else if (screen === 'rota') {
    main = (
      <RotaScreen
        status={status}
        selection={rotaSelection}
        onSelectionChange={setRotaSelection}
        lastImport={lastImport}
        onDismissImport={() => setLastImport(null)}
      />
    );
  } else if (screen === 'staff') {
    main = <StaffScreen />;
  } else if (screen === 'walkouts') {
    // Keyed on the move, so choosing Walkouts in the navigation always opens the list.
    main = <WalkoutsScreen key={focusRequest} />;
  } else if (screen === 'audit') {
    // Keyed on the move, so choosing Audit in the navigation always opens it afresh.
    main = <AuditScreen key={focusRequest} />;
  } else if (screen === 'requests') {
    // Keyed on the move, so choosing Requests in the navigation always opens the list.
    main = <RequestsScreen key={focusRequest} walkoutId={null} />;
  } else {
    main = <SettingsScreen trustName={status.trust_name} onTrustRenamed={() => void refreshStatus()} />;
  }

  return (
    <div className={`sc-app${dragging ? ' sc-app--dragging' : ''}`}>
      <a className="nhsuk-skip-link" href="#main">
        Skip to main content
      </a>
      <header className="sc-header">
        <div className="sc-brand">
          <span className="sc-app-name">Strike Cover</span>
          <span className="sc-trust-name" id="trust-name-display">
            {status?.trust_name ?? (status ? 'Trust not named yet' : '')}
          </span>
        </div>
        <nav className="sc-nav" aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.screen}>
                <button
                  type="button"
                  className="sc-nav-button"
                  aria-current={screen === n.screen ? 'page' : undefined}
                  onClick={() => go(n.screen)}
                  disabled={!status}
                  id={`nav-${n.screen}`}
                >
                  {n.label}
                  {n.screen === 'import' && importFlow.state.stage === 'running' && (
                    <span className="sc-nav-badge"> (importing…)</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {dragging && screen !== 'import' && (
        <div className="sc-drop-overlay" aria-hidden="true">
          Drop the rota export to preview it
        </div>
      )}
      <main className="sc-main" id="main">
        {main}
      </main>
      <footer className="sc-statusbar">
        {status && (
          <>
            <span>
              Database: <span className="sc-path">{status.db_path}</span>
            </span>
            <span>Acting as: {status.user}</span>
            <span>
              {status.first_date && status.last_date
                ? `Rota held: ${formatDateRange(status.first_date, status.last_date)}, ${formatCount(status.duties)} duties, ${formatCount(status.staff)} doctors`
                : 'No rota held'}
            </span>
          </>
        )}
        {statusError && status && <span className="sc-status-error">Could not refresh: {statusError.message}</span>}
      </footer>
    </div>
  );
}
