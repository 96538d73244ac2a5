import { useEffect, useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { CarryPreview } from '../../bindings/CarryPreview';
import type { WalkoutView } from '../../bindings/WalkoutView';
import { AppErrorSummary } from '../../components/ErrorSummary';
import { plural } from '../../lib/format';
import { kindLabel } from '../sourcing/ContactsPanel';

/**
 * "Start from a previous walkout": a select of the walkouts so far and, once one is chosen,
 * what the new walkout will carry over (never the attempts).
 */
export function PreviousWalkoutPicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: number | null;
  onChange: (id: number | null) => void;
  error: React.ReactNode;
}) {
  const [walkouts, setWalkouts] = useState<WalkoutView[] | null>(null);
  const [preview, setPreview] = useState<{ id: number; data: CarryPreview } | { id: number; error: AppError } | null>(null);

  useEffect(() => {
    let live = true;
    api.walkoutList().then(
      (l) => live && setWalkouts(l),
      () => live && setWalkouts([]),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (value === null) return;
    let live = true;
    api.walkoutCarryPreview(value).then(
      (data) => live && setPreview({ id: value, data }),
      (e) => live && setPreview({ id: value, error: toAppError(e) }),
    );
    return () => {
      live = false;
    };
  }, [value]);

  if (walkouts === null || walkouts.length === 0) return null;
  const shown = preview && preview.id === value ? preview : null;

  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        Start from a previous walkout (optional)
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        Strikes come in rounds. A new round carries over the previous walkout's ladder, its contacts, which departments are critical and
        the wording of its requests. Never its attempts, marks, fills, intents, gaps, requests or incidents.
      </div>
      {error}
      <select
        id={id}
        className="nhsuk-select"
        value={value === null ? '' : String(value)}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">No: start afresh</option>
        {walkouts.map((w) => (
          <option key={w.id} value={w.id}>
            {w.title} ({w.start_local} to {w.end_local})
          </option>
        ))}
      </select>
      {value !== null && !shown && (
        <p className="nhsuk-body" role="status">
          Reading what it would carry over…
        </p>
      )}
      {shown && 'error' in shown && <AppErrorSummary error={shown.error} id="carry-preview-error" />}
      {shown && 'data' in shown && (
        <div className="nhsuk-inset-text" data-testid="carry-preview" aria-live="polite">
          <p className="nhsuk-body">Starting from {shown.data.previous_title} carries over:</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>
              Ladder version {shown.data.ladder_version} ({plural(shown.data.ladder_rungs.length, 'rung')}: {shown.data.ladder_rungs.map((r) => r.name).join('; ')})
            </li>
            <li>
              {plural(shown.data.contacts.length, 'contact')}
              {shown.data.contacts.length > 0 &&
                `: ${shown.data.contacts.map((c) => `${c.name} (${kindLabel(c.kind)}${c.from_attempts ? ', asked in its attempts' : ''})`).join('; ')}`}
            </li>
            <li>
              Criticality of {plural(Number(shown.data.departments), 'department')}; critical:{' '}
              {shown.data.critical_departments.length > 0 ? shown.data.critical_departments.join('; ') : 'none'}
            </li>
            <li>
              {plural(shown.data.wordings.length, 'request wording')}
              {shown.data.wordings.length > 0 && `: ${shown.data.wordings.join('; ')}`}
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
