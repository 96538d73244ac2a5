import { useEffect, useState } from 'react';
import * as api from '../../api';
import { type AppError, toAppError } from '../../api/errors';
import type { ContactInput } from '../../bindings/ContactInput';
import type { ContactListKind } from '../../bindings/ContactListKind';
import type { ContactView } from '../../bindings/ContactView';
import { AppErrorSummary, FieldErrorSummary, fieldMessage } from '../../components/ErrorSummary';

export const CONTACT_LIST_KINDS: { value: ContactListKind; label: string }[] = [
  { value: 'agency', label: 'Agency' },
  { value: 'bank', label: 'Staff bank' },
  { value: 'trust', label: 'Neighbouring trust' },
  { value: 'other', label: 'Other' },
];

const EMPTY: ContactInput = { kind: 'agency', name: '', phone: '', email: '', notes: '', rung_code: '' };
const FIELDS = ['kind', 'name', 'phone', 'email', 'notes', 'rung_code'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = {
  kind: 'Kind',
  name: 'Name',
  phone: 'Phone (optional)',
  email: 'Email (optional)',
  notes: 'Notes (optional)',
  rung_code: 'Ladder rung code (optional, e.g. locum, mutual_aid)',
};

export function kindLabel(kind: ContactListKind): string {
  return CONTACT_LIST_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/**
 * A walkout's contact list: the agencies, the staff bank and the neighbouring trusts to ring.
 * Loaded when opened. Carried into a walkout started from this one; offered as suggestions in
 * the attempt form's "Name" field.
 */
export function ContactsPanel({ walkoutId }: { walkoutId: number }) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<ContactView[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [form, setForm] = useState<ContactInput>(EMPTY);
  const [problem, setProblem] = useState<{ field: Field | null; error: AppError } | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (!open || list !== null) return;
    let live = true;
    api.contactsList(walkoutId).then(
      (l) => live && setList(l),
      (e) => live && setLoadError(toAppError(e)),
    );
    return () => {
      live = false;
    };
  }, [open, list, walkoutId]);

  const add = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const l = await api.contactAdd(walkoutId, form);
      setList(l);
      setNotice(`Added ${form.name.trim()} to the contact list.`);
      setForm(EMPTY);
    } catch (e) {
      const error = toAppError(e);
      const field = FIELDS.find((f) => f === error.field) ?? null;
      setProblem({ field, error });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: ContactView) => {
    setBusy(true);
    setProblem(null);
    try {
      setList(await api.contactRemove(walkoutId, c.id));
      setNotice(`Removed ${c.name} from the contact list.`);
    } catch (e) {
      setProblem({ field: null, error: toAppError(e) });
    } finally {
      setBusy(false);
    }
  };

  const input = (f: Exclude<Field, 'kind'>) => {
    const err = problem?.field === f;
    return (
      <div className={`nhsuk-form-group${err ? ' nhsuk-form-group--error' : ''}`} key={f}>
        <label className="nhsuk-label" htmlFor={`contact-${f}`}>
          {LABELS[f]}
        </label>
        {err && problem && (
          <p className="nhsuk-error-message" id={`contact-${f}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {fieldMessage(problem.error)}
          </p>
        )}
        <input
          id={`contact-${f}`}
          className={`nhsuk-input${err ? ' nhsuk-input--error' : ''}`}
          value={form[f]}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `contact-${f}-error` : undefined}
          onChange={(e) => setForm((x) => ({ ...x, [f]: e.target.value }))}
        />
      </div>
    );
  };

  return (
    <details className="nhsuk-details sc-contacts" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Contacts: agencies, staff bank, neighbouring trusts</span>
      </summary>
      <div className="nhsuk-details__text">
        {loadError && <AppErrorSummary error={loadError} />}
        {list === null && !loadError && (
          <p className="nhsuk-body" role="status">
            Loading the contact list…
          </p>
        )}
        <p className="nhsuk-body" role="status" aria-live="polite">
          {notice}
        </p>
        {list !== null && list.length === 0 && <p className="nhsuk-body">No contacts yet. Add the agencies, the bank and the neighbouring trusts you ring.</p>}
        {list !== null && list.length > 0 && (
          <table className="nhsuk-table" aria-label="Contacts">
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Kind</th>
                <th scope="col" className="nhsuk-table__header">Name</th>
                <th scope="col" className="nhsuk-table__header">Phone</th>
                <th scope="col" className="nhsuk-table__header">Email</th>
                <th scope="col" className="nhsuk-table__header">Rung</th>
                <th scope="col" className="nhsuk-table__header">Notes</th>
                <th scope="col" className="nhsuk-table__header">
                  <span className="nhsuk-u-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {list.map((c) => (
                <tr className="nhsuk-table__row" key={c.id} data-testid="contact-row">
                  <td className="nhsuk-table__cell">{kindLabel(c.kind)}</td>
                  <td className="nhsuk-table__cell">{c.name}</td>
                  <td className="nhsuk-table__cell">{c.phone}</td>
                  <td className="nhsuk-table__cell">{c.email}</td>
                  <td className="nhsuk-table__cell">{c.rung_code ?? ''}</td>
                  <td className="nhsuk-table__cell">{c.notes}</td>
                  <td className="nhsuk-table__cell">
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={busy} onClick={() => void remove(c)}>
                      Remove<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {problem && problem.field && <FieldErrorSummary problems={[{ target: `contact-${problem.field}`, message: fieldMessage(problem.error) }]} id="contact-errors" />}
        {problem && !problem.field && <AppErrorSummary error={problem.error} id="contact-errors" />}
        <form
          noValidate
          aria-label="Add a contact"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <h3 className="nhsuk-heading-s">Add a contact</h3>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="contact-kind">
              {LABELS.kind}
            </label>
            <select id="contact-kind" className="nhsuk-select" value={form.kind} onChange={(e) => setForm((x) => ({ ...x, kind: e.target.value as ContactListKind }))}>
              {CONTACT_LIST_KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          {input('name')}
          {input('phone')}
          {input('email')}
          {input('rung_code')}
          {input('notes')}
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy}>
            Add contact
          </button>
        </form>
      </div>
    </details>
  );
}
