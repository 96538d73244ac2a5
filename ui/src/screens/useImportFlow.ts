import { useCallback, useRef, useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { ImportPreview } from '../bindings/ImportPreview';
import type { ImportProgress } from '../bindings/ImportProgress';
import type { ImportSummary } from '../bindings/ImportSummary';

export type ImportStage =
  | { stage: 'idle' }
  | { stage: 'previewing'; path: string }
  | { stage: 'preview'; path: string; preview: ImportPreview }
  | { stage: 'running'; path: string; preview: ImportPreview; progress: ImportProgress | null }
  | { stage: 'done'; path: string; summary: ImportSummary };

export interface ImportFlow {
  state: ImportStage;
  /** The text of the path field. */
  pathText: string;
  setPathText: (s: string) => void;
  error: AppError | null;
  /** Set when the path field was submitted empty. */
  pathMissing: boolean;
  preview: (path: string) => void;
  run: () => void;
  reset: () => void;
  busy: boolean;
}

/**
 * The import's state, kept above the screens so that a file dropped anywhere on the window
 * previews, and an import keeps going while the user looks at another screen.
 */
export function useImportFlow(onImported: (summary: ImportSummary) => unknown): ImportFlow {
  const [state, setState] = useState<ImportStage>({ stage: 'idle' });
  const [pathText, setPathText] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [pathMissing, setPathMissing] = useState(false);
  // Each request gets a number; an answer to an older request is ignored.
  const request = useRef(0);

  const busy = state.stage === 'previewing' || state.stage === 'running';

  const preview = useCallback(
    (raw: string) => {
      const path = raw.trim().replace(/^"(.*)"$/, '$1');
      setPathText(path);
      setError(null);
      if (path === '') {
        setPathMissing(true);
        return;
      }
      setPathMissing(false);
      if (state.stage === 'running') return;
      const n = ++request.current;
      setState({ stage: 'previewing', path });
      api.importPreview(path).then(
        (p) => {
          if (request.current === n) setState({ stage: 'preview', path, preview: p });
        },
        (e: AppError) => {
          if (request.current !== n) return;
          setError(e);
          setState({ stage: 'idle' });
        },
      );
    },
    [state.stage],
  );

  const run = useCallback(() => {
    if (state.stage !== 'preview' || state.preview.missing_required.length > 0) return;
    const { path, preview: p } = state;
    const n = ++request.current;
    setError(null);
    setState({ stage: 'running', path, preview: p, progress: null });
    api
      .importRun(path, (progress) => {
        if (request.current !== n) return;
        setState((s) => (s.stage === 'running' ? { ...s, progress } : s));
      })
      .then(
        (summary) => {
          if (request.current !== n) return;
          setState({ stage: 'done', path, summary });
          onImported(summary);
        },
        (e: AppError) => {
          if (request.current !== n) return;
          setError(e);
          // Back to the preview: nothing was imported, the user can fix the file and try again.
          setState({ stage: 'preview', path, preview: p });
        },
      );
  }, [state, onImported]);

  const reset = useCallback(() => {
    if (state.stage === 'running') return;
    request.current++;
    setError(null);
    setPathMissing(false);
    setState({ stage: 'idle' });
  }, [state.stage]);

  return { state, pathText, setPathText, error, pathMissing, preview, run, reset, busy };
}
