import { useEffect, useRef, useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { Role } from '../bindings/Role';
import type { UserView } from '../bindings/UserView';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../components/ErrorSummary';
import {
  MIN_PASSPHRASE_CHARS,
  ROLES,
  ROLE_LABELS,
  type PassphraseProblems,
  approversOf,
  checkPassphrase,
  currentUser,
  mayWrite,
  needsAuthoriser,
  plainError,
} from '../lib/approval';
import { useFocusLater } from '../lib/useFocusLater';
import { useLoad } from '../lib/useLoad';

type Mode = { kind: 'add' } | { kind: 'edit'; user: UserView } | { kind: 'passphrase'; user: UserView };

/** The list with one profile added or replaced (matched by username). */
export function mergeUser(users: UserView[], saved: UserView): UserView[] {
  const found = users.some((u) => u.username === saved.username);
  return found ? users.map((u) => (u.username === saved.username ? saved : u)) : [...users, saved];
}

/**
 * The local user profiles and their roles: who builds and sends requests, who approves them
 * (with their own passphrase), who only reads.
 */
export function PeopleSettings() {
  const loaded = useLoad('users', api.usersList);
  const [list, setList] = useState<UserView[] | null>(null);
  const [mode, setMode] = useState<Mode | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const users = list ?? (loaded.status === 'ready' ? loaded.data : null);
  const me = users ? currentUser(users) : null;
  const readOnly = me !== null && !mayWrite(me.role);

  const saved = (user: UserView, text: string, focusId: string) => {
    setList(mergeUser(users ?? [], user));
    setMode(null);
    setMessage(text);
    focusLater(focusId, 'people-heading');
  };
  const cancel = (focusId: string) => {
    setMode(null);
    focusLater(focusId, 'people-heading');
  };
  const rowId = (u: UserView) => u.username.replace(/[^A-Za-z0-9_-]/g, '_');

  return (
    <section aria-labelledby="people-heading" className="sc-people">
      <h2 className="nhsuk-heading-m" id="people-heading" tabIndex={-1}>
        People and roles
      </h2>
      <p className="nhsuk-body-s">
        A rota coordinator builds requests and sends them; a medical director or deputy approves them with their own
        passphrase; a viewer can only read; an administrator can change anything but cannot approve. Passphrases are kept
        only as a slow salted hash, never as text.
      </p>
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="people-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {readOnly && (
        <div className="nhsuk-inset-text" id="people-read-only">
          <p>You are using a viewer profile ({me?.display_name}), which can see the profiles but not change them.</p>
        </div>
      )}
      {!users && loaded.status === 'loading' && <p className="nhsuk-body">Loading the profiles…</p>}
      {!users && loaded.status === 'error' && <AppErrorSummary error={loaded.error} id="people-load-error" />}
      {users && users.length === 0 && <p className="nhsuk-body">No profiles yet.</p>}
      {users && users.length > 0 && (
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact sc-settings-table sc-people-table" id="people-table">
            <caption className="nhsuk-u-visually-hidden">Profiles and their roles</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Name</th>
                <th scope="col" className="nhsuk-table__header">Username</th>
                <th scope="col" className="nhsuk-table__header">Role</th>
                <th scope="col" className="nhsuk-table__header">Passphrase</th>
                <th scope="col" className="nhsuk-table__header">Contact</th>
                {!readOnly && (
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {users.map((u) => (
                <tr className="nhsuk-table__row" key={u.username} data-testid="people-row">
                  <th scope="row" className="nhsuk-table__header sc-row-header">
                    {u.display_name}
                    {u.is_me && <strong className="nhsuk-tag nhsuk-tag--blue sc-tag-small sc-you">You</strong>}
                  </th>
                  <td className="nhsuk-table__cell sc-code">{u.username}</td>
                  <td className="nhsuk-table__cell">{ROLE_LABELS[u.role]}</td>
                  <td className="nhsuk-table__cell">{u.has_passphrase ? 'Set' : 'Not set'}</td>
                  <td className="nhsuk-table__cell">{[u.email, u.phone].filter((s) => s !== '').join(', ')}</td>
                  {!readOnly && (
                    <td className="nhsuk-table__cell sc-row-tools">
                      <button
                        type="button"
                        className="sc-row-button sc-link-button"
                        id={`people-edit-${rowId(u)}`}
                        aria-label={`Edit ${u.display_name}`}
                        onClick={() => {
                          setMessage(null);
                          setMode({ kind: 'edit', user: u });
                        }}
                      >
                        Edit
                      </button>{' '}
                      <button
                        type="button"
                        className="sc-row-button sc-link-button"
                        id={`people-passphrase-${rowId(u)}`}
                        aria-label={`Set passphrase… for ${u.display_name}`}
                        onClick={() => {
                          setMessage(null);
                          setMode({ kind: 'passphrase', user: u });
                        }}
                      >
                        Set passphrase…
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users && !readOnly && mode === null && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          id="people-add"
          onClick={() => {
            setMessage(null);
            setMode({ kind: 'add' });
          }}
        >
          Add a profile
        </button>
      )}
      {users && !readOnly && mode?.kind === 'add' && (
        <ProfileForm
          users={users}
          existing={null}
          onSaved={(u) => saved(u, `Added ${u.display_name} as ${ROLE_LABELS[u.role].toLocaleLowerCase('en-GB')}.`, `people-edit-${rowId(u)}`)}
          onCancel={() => cancel('people-add')}
        />
      )}
      {users && !readOnly && mode?.kind === 'edit' && (
        <ProfileForm
          key={mode.user.username}
          users={users}
          existing={mode.user}
          onSaved={(u) => saved(u, `Saved ${u.display_name}'s profile.`, `people-edit-${rowId(u)}`)}
          onCancel={() => cancel(`people-edit-${rowId(mode.user)}`)}
        />
      )}
      {users && !readOnly && mode?.kind === 'passphrase' && (
        <PassphraseForm
          key={mode.user.username}
          user={mode.user}
          onSaved={(u) => saved(u, `The passphrase of ${u.display_name} is set.`, `people-passphrase-${rowId(u)}`)}
          onCancel={() => cancel(`people-passphrase-${rowId(mode.user)}`)}
        />
      )}
    </section>
  );
}

/** A text field with its label, hint and error, the nhsuk way. */
function TextField({
  id,
  label,
  value,
  onValue,
  error,
  hint,
  inputRef,
  ...extra
}: {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  inputRef?: React.Ref<HTMLInputElement>;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        ref={inputRef}
        id={id}
        type="text"
        {...extra}
        className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}${extra.className ? ` ${extra.className}` : ''}`}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onValue(e.target.value)}
      />
    </div>
  );
}

const PROFILE_FIELDS: Record<string, string> = {
  username: 'people-username',
  display_name: 'people-name',
  role: 'people-role',
  email: 'people-email',
  phone: 'people-phone',
  authoriser: 'people-authoriser',
  authoriser_passphrase: 'people-authoriser-passphrase',
  // The authoriser's passphrase is checked like an approver's: a wrong one is refused on "passphrase".
  passphrase: 'people-authoriser-passphrase',
};

function ProfileForm({
  users,
  existing,
  onSaved,
  onCancel,
}: {
  users: UserView[];
  existing: UserView | null;
  onSaved: (u: UserView) => void;
  onCancel: () => void;
}) {
  const [username, setUsername] = useState(existing?.username ?? '');
  const [name, setName] = useState(existing?.display_name ?? '');
  const [role, setRole] = useState<Role>(existing?.role ?? 'coordinator');
  const [email, setEmail] = useState(existing?.email ?? '');
  const [phone, setPhone] = useState(existing?.phone ?? '');
  const [authoriser, setAuthoriser] = useState('');
  const [authPassphrase, setAuthPassphrase] = useState('');
  // The backend may ask for an authoriser even when the window did not expect it.
  const [askedForAuthoriser, setAskedForAuthoriser] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const authorisers = approversOf(users).filter((u) => u.has_passphrase);
  const needAuth = askedForAuthoriser || needsAuthoriser(users, existing, role);
  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;
  const heading = existing ? `Change the profile of ${existing.display_name}` : 'Add a profile';

  const submit = () => {
    if (busy) return;
    const list: FieldProblem[] = [];
    if (!existing && username.trim() === '') list.push({ target: 'people-username', message: 'Enter a username: the name they sign in to the computer with' });
    if (name.trim() === '') list.push({ target: 'people-name', message: 'Enter the name to show, for example Dr Mira Patel' });
    if (needAuth && authoriser === '') list.push({ target: 'people-authoriser', message: 'Choose the medical director who authorises this change' });
    if (needAuth && authPassphrase === '') list.push({ target: 'people-authoriser-passphrase', message: 'Enter the authorising medical director’s passphrase' });
    setProblems(list);
    setGeneral(null);
    if (list.length > 0) return;
    setBusy(true);
    const sentPassphrase = authPassphrase;
    setAuthPassphrase('');
    api
      .userSave({
        username: existing ? existing.username : username.trim(),
        display_name: name.trim(),
        role,
        email: email.trim(),
        phone: phone.trim(),
        authoriser: needAuth ? authoriser : '',
        authoriser_passphrase: needAuth ? sentPassphrase : '',
      })
      .then(
        (u) => {
          setBusy(false);
          onSaved(u);
        },
        (e: AppError) => {
          setBusy(false);
          if (e.field === 'authoriser' || e.field === 'authoriser_passphrase' || e.field === 'passphrase') setAskedForAuthoriser(true);
          const target = e.field ? PROFILE_FIELDS[e.field] : undefined;
          if (target) setProblems([{ target, message: fieldMessage(e) }]);
          else setGeneral(plainError(e));
        },
      );
  };

  const roleError = errorFor('people-role');
  const authError = errorFor('people-authoriser');

  return (
    <section aria-labelledby="people-form-heading" className="sc-people-form">
      <h3 className="nhsuk-heading-s" id="people-form-heading">
        {heading}
      </h3>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="people-error" />}
      {general && <AppErrorSummary error={general} id="people-error" />}
      <form
        noValidate
        aria-labelledby="people-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        {existing ? (
          <p className="nhsuk-body-s">
            Username: <span className="sc-code">{existing.username}</span>
          </p>
        ) : (
          <TextField
            id="people-username"
            label="Username"
            hint="The name they sign in to the computer with."
            value={username}
            onValue={setUsername}
            error={errorFor('people-username')}
            autoComplete="off"
            spellCheck={false}
            className="nhsuk-input--width-20"
            inputRef={firstRef}
          />
        )}
        <TextField
          id="people-name"
          label="Name to show"
          value={name}
          onValue={setName}
          error={errorFor('people-name')}
          autoComplete="off"
          className="nhsuk-input--width-30"
          inputRef={existing ? firstRef : undefined}
        />
        <div className={`nhsuk-form-group${roleError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="people-role">
            Role
          </label>
          {roleError && (
            <p className="nhsuk-error-message" id="people-role-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {roleError}
            </p>
          )}
          <select
            id="people-role"
            className={`nhsuk-select sc-select${roleError ? ' nhsuk-select--error' : ''}`}
            value={role}
            aria-describedby={roleError ? 'people-role-error' : undefined}
            aria-invalid={roleError ? true : undefined}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="people-email"
          label="Email (optional)"
          type="email"
          value={email}
          onValue={setEmail}
          error={errorFor('people-email')}
          autoComplete="off"
          spellCheck={false}
          className="nhsuk-input--width-30"
        />
        <TextField
          id="people-phone"
          label="Phone (optional)"
          type="tel"
          value={phone}
          onValue={setPhone}
          error={errorFor('people-phone')}
          autoComplete="off"
          className="nhsuk-input--width-20"
        />
        {needAuth && (
          <fieldset className="nhsuk-fieldset sc-authoriser" id="people-authorise">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">A medical director must authorise this</legend>
            <p className="nhsuk-body-s">
              Giving or taking away the medical director&rsquo;s or deputy&rsquo;s role needs a medical director&rsquo;s own passphrase.
            </p>
            {authorisers.length === 0 && (
              <p className="nhsuk-body-s">No medical director or deputy has a passphrase to authorise it with.</p>
            )}
            <div className={`nhsuk-form-group${authError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="people-authoriser">
                Authorising medical director
              </label>
              {authError && (
                <p className="nhsuk-error-message" id="people-authoriser-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {authError}
                </p>
              )}
              <select
                id="people-authoriser"
                className={`nhsuk-select sc-select${authError ? ' nhsuk-select--error' : ''}`}
                value={authoriser}
                aria-describedby={authError ? 'people-authoriser-error' : undefined}
                aria-invalid={authError ? true : undefined}
                onChange={(e) => setAuthoriser(e.target.value)}
              >
                <option value="">Choose a profile</option>
                {authorisers.map((u) => (
                  <option key={u.username} value={u.username}>
                    {u.display_name} ({ROLE_LABELS[u.role]})
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="people-authoriser-passphrase"
              label="Their passphrase"
              type="password"
              value={authPassphrase}
              onValue={setAuthPassphrase}
              error={errorFor('people-authoriser-passphrase')}
              autoComplete="off"
              spellCheck={false}
              className="nhsuk-input--width-20"
            />
          </fieldset>
        )}
        <div className="sc-inline">
          <button type="submit" className="nhsuk-button" id="people-save" disabled={busy}>
            {busy ? 'Saving…' : existing ? 'Save profile' : 'Add profile'}
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

const PASSPHRASE_TARGETS: Record<keyof PassphraseProblems, string> = {
  current: 'people-pass-current',
  new: 'people-pass-new',
  again: 'people-pass-again',
};

function PassphraseForm({ user, onSaved, onCancel }: { user: UserView; onSaved: (u: UserView) => void; onCancel: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [general, setGeneral] = useState<AppError | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    firstRef.current?.focus();
  }, []);
  const errorFor = (id: string) => problems.find((p) => p.target === id)?.message;

  const submit = () => {
    if (busy) return;
    const found = checkPassphrase({ hasCurrent: user.has_passphrase, current, next, again });
    const list = (Object.keys(PASSPHRASE_TARGETS) as (keyof PassphraseProblems)[])
      .filter((k) => found[k])
      .map((k) => ({ target: PASSPHRASE_TARGETS[k], message: found[k] as string }));
    setProblems(list);
    setGeneral(null);
    if (list.length > 0) {
      // A refused new passphrase is typed again, both times.
      if (found.new || found.again) setAgain('');
      return;
    }
    setBusy(true);
    const input = { username: user.username, current: user.has_passphrase ? current : '', new: next };
    // Nothing secret stays on the screen after an attempt.
    setCurrent('');
    setNext('');
    setAgain('');
    api.userPassphraseSet(input).then(
      (u) => {
        setBusy(false);
        onSaved(u);
      },
      (e: AppError) => {
        setBusy(false);
        const target = e.field === 'current' ? PASSPHRASE_TARGETS.current : e.field === 'new' ? PASSPHRASE_TARGETS.new : undefined;
        if (target) setProblems([{ target, message: fieldMessage(e) }]);
        else setGeneral(plainError(e));
      },
    );
  };

  return (
    <section aria-labelledby="people-pass-heading" className="sc-people-form">
      <h3 className="nhsuk-heading-s" id="people-pass-heading">
        {user.has_passphrase ? 'Change' : 'Set'} the passphrase of {user.display_name}
      </h3>
      <p className="nhsuk-body-s">
        Only {user.display_name} should type it. It must be at least {MIN_PASSPHRASE_CHARS} characters long; a few unrelated
        words are easier to remember than a short password.
      </p>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="people-pass-error" />}
      {general && <AppErrorSummary error={general} id="people-pass-error" />}
      <form
        noValidate
        aria-labelledby="people-pass-heading"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        {user.has_passphrase && (
          <TextField
            id="people-pass-current"
            label="Current passphrase"
            type="password"
            value={current}
            onValue={setCurrent}
            error={errorFor('people-pass-current')}
            autoComplete="off"
            spellCheck={false}
            className="nhsuk-input--width-20"
            inputRef={firstRef}
          />
        )}
        <TextField
          id="people-pass-new"
          label="New passphrase"
          hint={`At least ${MIN_PASSPHRASE_CHARS} characters.`}
          type="password"
          value={next}
          onValue={setNext}
          error={errorFor('people-pass-new')}
          autoComplete="off"
          spellCheck={false}
          className="nhsuk-input--width-20"
          inputRef={user.has_passphrase ? undefined : firstRef}
        />
        <TextField
          id="people-pass-again"
          label="New passphrase again"
          type="password"
          value={again}
          onValue={setAgain}
          error={errorFor('people-pass-again')}
          autoComplete="off"
          spellCheck={false}
          className="nhsuk-input--width-20"
        />
        <div className="sc-inline">
          <button type="submit" className="nhsuk-button" id="people-pass-save" disabled={busy}>
            {busy ? 'Saving…' : 'Set passphrase'}
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
