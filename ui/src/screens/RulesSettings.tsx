import { useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { CoverLevelView } from '../bindings/CoverLevelView';
import type { RuleSetView } from '../bindings/RuleSetView';
import type { RuleSetting } from '../bindings/RuleSetting';
import { AppErrorSummary, type FieldProblem, FieldErrorSummary, fieldMessage } from '../components/ErrorSummary';
import { formatTimestampDate } from '../lib/dates';
import { STAFF_GROUP_LABELS, plural } from '../lib/format';
import { useLoad } from '../lib/useLoad';

/** Who a rule applies to, in words. */
export const APPLIES_TO_LABELS: Record<string, string> = {
  resident: 'Resident doctors (2016 terms and conditions)',
  consultant_sas: 'Consultants and SAS doctors (Working Time Regulations)',
  all: 'All doctors',
};

/** "Version 2, saved by jsmith on 08/01/2025" or "Version 0: the built-in defaults". */
export function rulesVersionText(v: Pick<RuleSetView, 'version' | 'created_by' | 'created_at' | 'note'>): string {
  if (v.version === 0) return 'Version 0: the built-in defaults, from the published terms and regulations';
  const who = v.created_by ? `, saved by ${v.created_by}${v.created_at ? ` on ${formatTimestampDate(v.created_at)}` : ''}` : '';
  return `Version ${v.version}${who}${v.note ? `: ${v.note}` : ''}`;
}

/** A number typed by a person ("48", "11.5", " 4 "); null when it is not one. */
export function parseRuleValue(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Every number the working-time rules use, with its source; saved as a new version. */
export function RulesSettings() {
  const loaded = useLoad('rules', api.rulesGet);
  const [saved, setSaved] = useState<RuleSetView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rules = saved ?? (loaded.status === 'ready' ? loaded.data : null);

  return (
    <section aria-labelledby="rules-heading" className="sc-rules-settings">
      <h2 className="nhsuk-heading-m" id="rules-heading">
        Working-time rules
      </h2>
      <p className="nhsuk-body-s">
        The candidate list leaves out any doctor who would break one of these rules by taking a duty, and says which. Change a
        number only when your trust&rsquo;s agreement or new guidance says so, and record where it comes from.
      </p>
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="rules-saved-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {!rules && loaded.status === 'loading' && <p className="nhsuk-body">Loading the rules…</p>}
      {!rules && loaded.status === 'error' && <AppErrorSummary error={loaded.error} id="rules-load-error" />}
      {rules && (
        <RulesEditor
          key={rules.version}
          rules={rules}
          onSaved={(next, changed) => {
            setSaved(next);
            setMessage(
              next.version === rules.version
                ? 'Nothing changed: the rules in force are the same.'
                : `Saved as version ${next.version}${changed > 0 ? `; ${plural(changed, 'rule')} changed` : ''}.`,
            );
          }}
          onEdited={() => setMessage(null)}
        />
      )}
    </section>
  );
}

function RulesEditor({
  rules,
  onSaved,
  onEdited,
}: {
  rules: RuleSetView;
  onSaved: (v: RuleSetView, changed: number) => void;
  onEdited: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(rules.settings.map((s) => [s.key, String(s.value)])));
  const [sources, setSources] = useState<Record<string, string>>(() => Object.fromEntries(rules.settings.map((s) => [s.key, s.source])));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const rowError = (key: string) => problems.find((p) => p.target === `rule-value-${key}`)?.message;

  const save = () => {
    const list: FieldProblem[] = [];
    const settings: RuleSetting[] = rules.settings.map((s) => {
      const value = parseRuleValue(values[s.key] ?? '');
      if (value === null) list.push({ target: `rule-value-${s.key}`, message: `${s.label}: enter a number` });
      return { ...s, value: value ?? s.value, source: (sources[s.key] ?? s.source).trim() };
    });
    setProblems(list);
    setError(null);
    if (list.length > 0) return;
    const changed = settings.filter((s, i) => s.value !== rules.settings[i].value || s.source !== rules.settings[i].source).length;
    setSaving(true);
    api.rulesSet(settings, note.trim()).then(
      (view) => {
        setSaving(false);
        onSaved(view, changed);
      },
      (e: AppError) => {
        setSaving(false);
        const s = e.field ? rules.settings.find((x) => x.key === e.field) : undefined;
        if (s) setProblems([{ target: `rule-value-${s.key}`, message: `${s.label}: ${fieldMessage(e).replace(/^./, (c) => c.toLocaleLowerCase('en-GB'))}` }]);
        else setError(e);
      },
    );
  };

  return (
    <>
      <p className="nhsuk-body-s sc-version-line" id="rules-version">
        {rulesVersionText(rules)}.
      </p>
      {problems.length > 0 && <FieldErrorSummary problems={problems} id="rules-error" />}
      {error && <AppErrorSummary error={error} id="rules-error" />}
      <form
        noValidate
        aria-labelledby="rules-heading"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact sc-settings-table" id="rules-table">
            <caption className="nhsuk-u-visually-hidden">Working-time rules and their numbers</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Rule
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Applies to
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Value
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Unit
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Source
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rules.settings.map((s) => {
                const err = rowError(s.key);
                const labelId = `rule-label-${s.key}`;
                return (
                  <tr className="nhsuk-table__row" key={s.key} data-testid="rule-row">
                    <th scope="row" className="nhsuk-table__header sc-row-header" id={labelId}>
                      {s.label}
                    </th>
                    <td className="nhsuk-table__cell">{APPLIES_TO_LABELS[s.applies_to] ?? s.applies_to}</td>
                    <td className={`nhsuk-table__cell${err ? ' sc-cell-error' : ''}`}>
                      <label className="nhsuk-u-visually-hidden" htmlFor={`rule-value-${s.key}`}>
                        {s.label}, in {s.unit}
                      </label>
                      {err && (
                        <p className="nhsuk-error-message" id={`rule-value-${s.key}-error`}>
                          <span className="nhsuk-u-visually-hidden">Error:</span> {err}
                        </p>
                      )}
                      <input
                        id={`rule-value-${s.key}`}
                        className={`nhsuk-input sc-rule-value${err ? ' nhsuk-input--error' : ''}`}
                        type="text"
                        inputMode="decimal"
                        value={values[s.key] ?? ''}
                        aria-invalid={err ? true : undefined}
                        aria-describedby={err ? `rule-value-${s.key}-error` : undefined}
                        onChange={(e) => {
                          setValues((v) => ({ ...v, [s.key]: e.target.value }));
                          onEdited();
                        }}
                      />
                    </td>
                    <td className="nhsuk-table__cell">{s.unit}</td>
                    <td className="nhsuk-table__cell">
                      <label className="nhsuk-u-visually-hidden" htmlFor={`rule-source-${s.key}`}>
                        Source of {s.label}
                      </label>
                      <input
                        id={`rule-source-${s.key}`}
                        className="nhsuk-input sc-rule-source"
                        type="text"
                        value={sources[s.key] ?? ''}
                        onChange={(e) => {
                          setSources((v) => ({ ...v, [s.key]: e.target.value }));
                          onEdited();
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="nhsuk-form-group sc-settings-note">
          <label className="nhsuk-label" htmlFor="rules-note">
            Note for this version (optional)
          </label>
          <input id="rules-note" className="nhsuk-input nhsuk-input--width-30" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary" id="rules-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save as a new version'}
        </button>
      </form>
    </>
  );
}

/** What each cover level means (levels 7 to 9 are for the trust's own use). */
export const COVER_LEVEL_MEANINGS: Record<number, string> = {
  1: 'foundation year 1',
  2: 'foundation year 2',
  3: 'core training or ST1–2',
  4: 'registrar or specialty doctor',
  5: 'specialist',
  6: 'consultant',
  7: 'above consultant (trust use)',
  8: 'trust use',
  9: 'trust use',
};

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** "4 – registrar or specialty doctor". */
export function coverLevelLabel(level: number): string {
  const meaning = COVER_LEVEL_MEANINGS[level];
  return meaning ? `${level} – ${meaning}` : String(level);
}

/** Which grades may cover which: a doctor may cover duties of grades at or below their level. */
export function CoverLevelSettings() {
  const loaded = useLoad('cover-levels', api.coverLevelsList);
  const [updated, setUpdated] = useState<CoverLevelView[] | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const levels = updated ?? (loaded.status === 'ready' ? loaded.data : null);

  const change = (g: CoverLevelView, value: string) => {
    const level = value === 'builtin' ? null : Number(value);
    setSaving(g.grade);
    setMessage(null);
    setError(null);
    api.coverLevelSet(g.grade, level).then(
      (next) => {
        setUpdated(next);
        setSaving(null);
        const row = next.find((x) => x.grade === g.grade);
        setMessage(
          level === null
            ? `${g.grade} is back to its built-in cover level${row ? ` (${coverLevelLabel(row.level)})` : ''}.`
            : `${g.grade} now covers duties up to level ${coverLevelLabel(level)}.`,
        );
      },
      (e: AppError) => {
        setSaving(null);
        setError(e);
      },
    );
  };

  return (
    <section aria-labelledby="cover-levels-heading" className="sc-cover-levels">
      <h2 className="nhsuk-heading-m" id="cover-levels-heading">
        Which grades may cover which
      </h2>
      <p className="nhsuk-body-s">
        Each grade has a cover level from 1 to 9: a doctor may cover a duty whose grade is at or below their own level (1 FY1, 2
        FY2, 3 core training or ST1–2, 4 registrar or specialty doctor, 5 specialist, 6 consultant). The built-in level comes
        from the grade&rsquo;s name; set another where your trust&rsquo;s grades differ.
      </p>
      {error && <AppErrorSummary error={error} id="cover-level-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="cover-level-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {!levels && loaded.status === 'loading' && <p className="nhsuk-body">Loading grades…</p>}
      {!levels && loaded.status === 'error' && <AppErrorSummary error={loaded.error} id="cover-level-load-error" />}
      {levels && levels.length === 0 && <p className="nhsuk-body">No grades yet: they come with the first rota import.</p>}
      {levels && levels.length > 0 && (
        <table className="nhsuk-table nhsuk-table--compact sc-grade-table" id="cover-level-table">
          <caption className="nhsuk-u-visually-hidden">Grades and their cover levels</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Grade
              </th>
              <th scope="col" className="nhsuk-table__header">
                Staff group
              </th>
              <th scope="col" className="nhsuk-table__header">
                Cover level
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {levels.map((g, i) => {
              const b = g.built_in;
              return (
                <tr className="nhsuk-table__row" key={g.grade}>
                  <th scope="row" className="nhsuk-table__header sc-row-header">
                    {g.grade}
                  </th>
                  <td className="nhsuk-table__cell">{STAFF_GROUP_LABELS[g.staff_group] ?? g.staff_group}</td>
                  <td className="nhsuk-table__cell">
                    <label className="nhsuk-u-visually-hidden" htmlFor={`cover-level-${i}`}>
                      Cover level for {g.grade}
                    </label>
                    <select
                      id={`cover-level-${i}`}
                      className="nhsuk-select sc-select"
                      value={g.set_by_trust ? String(g.level) : 'builtin'}
                      disabled={saving !== null}
                      aria-busy={saving === g.grade}
                      onChange={(e) => change(g, e.target.value)}
                    >
                      <option value="builtin">{`Built-in (${b})`}</option>
                      {LEVELS.map((l) => (
                        <option key={l} value={l}>
                          {coverLevelLabel(l)}
                        </option>
                      ))}
                    </select>
                    {saving === g.grade && <span className="sc-muted"> Saving…</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
