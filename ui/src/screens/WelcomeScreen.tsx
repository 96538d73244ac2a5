import { useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { ImportSummary } from '../bindings/ImportSummary';
import { AppErrorSummary } from '../components/ErrorSummary';

/** First start: the database has no duties yet. */
export function WelcomeScreen({
  onDemoLoaded,
  onImport,
}: {
  onDemoLoaded: (summary: ImportSummary) => unknown;
  onImport: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const loadDemo = () => {
    setBusy(true);
    setError(null);
    api.demoLoad().then(
      (summary) => {
        // Stay busy until the app has moved on to the rota.
        void Promise.resolve(onDemoLoaded(summary)).finally(() => setBusy(false));
      },
      (e: AppError) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <div className="sc-welcome">
      <h1 className="nhsuk-heading-xl" tabIndex={-1} id="screen-heading">
        Welcome to Strike Cover
      </h1>
      <p className="nhsuk-lede-text">
        Strike Cover shows rota coordinators which shifts are left uncovered when resident doctors take industrial
        action, and helps arrange safe cover for them. Start by importing your trust&rsquo;s rota export, or load the
        demo trust to try the app with made-up data.
      </p>
      {error && <AppErrorSummary error={error} />}
      <div className="sc-actions">
        <button
          type="button"
          className="nhsuk-button"
          onClick={loadDemo}
          disabled={busy}
          aria-busy={busy}
          id="demo-load-button"
        >
          {busy ? 'Loading the demo trust…' : 'Load the demo trust'}
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={onImport}
          disabled={busy}
          id="welcome-import-button"
        >
          Import a rota export
        </button>
      </div>
      <div role="status" aria-live="polite">
        {busy && (
          <p className="nhsuk-body">
            Creating the demo trust: sites, departments, doctors and a rota of several weeks. This takes a few
            seconds.
          </p>
        )}
      </div>
    </div>
  );
}
