import { useEffect, useRef, useState } from 'react';

/**
 * A short form asking for a reason (required): a rung that does not apply, cover that fell
 * through, an override. Focus goes to the reason when it opens; Escape cancels.
 */
export function ReasonForm({
  id,
  label,
  hint,
  submitLabel,
  missingMessage,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  id: string;
  label: string;
  hint?: string;
  submitLabel: string;
  missingMessage: string;
  busy: boolean;
  /** A problem the backend found with the reason, shown by the field. */
  error?: string | null;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const message = missing ? missingMessage : (error ?? null);
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form
      className="sc-reason-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const text = reason.trim();
        setMissing(text === '');
        if (text === '') {
          ref.current?.focus();
          return;
        }
        onSubmit(text);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className={`nhsuk-form-group${message ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={id}>
          {label}
        </label>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {message && (
          <p className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {message}
          </p>
        )}
        <textarea
          ref={ref}
          id={id}
          className={`nhsuk-textarea sc-reason-input${message ? ' nhsuk-textarea--error' : ''}`}
          rows={2}
          value={reason}
          aria-describedby={describedBy}
          aria-invalid={message ? true : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="sc-inline">
        <button type="submit" className="nhsuk-button nhsuk-button--small" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
