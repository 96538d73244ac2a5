import { useEffect, useEffectEvent, useState } from 'react';
import { type AppError, toAppError } from '../api/errors';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; data: T };

type Settled<T> = { key: string; data: T; error?: undefined } | { key: string; data?: undefined; error: AppError };

/**
 * Loads data for `key` (a string that changes whenever what to load changes) and re-loads when
 * the key changes. A result that arrives for an older key is dropped, so a slow answer for last
 * week never replaces this week's. `key === null` loads nothing.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const run = useEffectEvent(load);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    run().then(
      (data) => {
        if (live) setSettled({ key, data });
      },
      (e: unknown) => {
        if (live) setSettled({ key, error: toAppError(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  if (settled === null || settled.key !== key) return { status: 'loading' };
  if (settled.error) return { status: 'error', error: settled.error };
  return { status: 'ready', data: settled.data as T };
}
