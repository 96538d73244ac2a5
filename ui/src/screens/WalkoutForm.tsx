import { useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { StaffGroup } from '../bindings/StaffGroup';
import type { WalkoutInput } from '../bindings/WalkoutInput';
import type { WalkoutView } from '../bindings/WalkoutView';
import { AppErrorSummary, FieldErrorSummary, type FieldProblem, fieldMessage } from '../components/ErrorSummary';
import { addDays, formatDate, parseTime, parseUkDate } from '../lib/dates';
import { STAFF_GROUPS, WALKOUT_BODIES } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { PreviousWalkoutPicker } from './rounds/PreviousWalkoutPicker';

type Body = (typeof WALKOUT_BODIES)[number] | 'other';

const GROUP_LABELS: Record<StaffGroup, string> = {
  resident: 'Resident doctors',
  consultant: 'Consultants',
  sas: 'SAS doctors',
  other: 'Other doctors',
};

/** What the coordinator has typed, as typed. */
export interface WalkoutFormState {
  body: Body;
  bodyOther: string;
  title: string;
  groups: StaffGroup[];
  grades: string[];
  firstDay: string;
  lastDay: string;
  startTime: string;
  /** null while the end follows the last day (07:00 the day after it). */
  endDate: string | null;
  endTime: string;
  notice: string;
  undeclaredUncovered: boolean;
}

export const EMPTY_WALKOUT_FORM: WalkoutFormState = {
  body: 'BMA',
  bodyOther: '',
  title: '',
  groups: ['resident'],
  grades: [],
  firstDay: '',
  lastDay: '',
  startTime: '07:00',
  endDate: null,
  endTime: '07:00',
  notice: '',
  undeclaredUncovered: true,
};

/** The end date shown: what was typed, or the day after the last day while it follows it. */
export function shownEndDate(form: WalkoutFormState): string {
  if (form.endDate !== null) return form.endDate;
  const last = parseUkDate(form.lastDay);
  return last ? formatDate(addDays(last, 1)) : '';
}

/** Ids of the controls, for labels, errors and the end-to-end test. */
export const FIELD_IDS = {
  previous: 'walkout-previous',
  body: 'walkout-body-BMA',
  bodyOther: 'walkout-body-other-name',
  title: 'walkout-title',
  groups: 'walkout-group-resident',
  firstDay: 'walkout-first-day',
  lastDay: 'walkout-last-day',
  startTime: 'walkout-start-time',
  endDate: 'walkout-end-date',
  endTime: 'walkout-end-time',
  notice: 'walkout-notice',
  undeclared: 'walkout-undeclared-uncovered',
} as const;

type FieldKey = keyof typeof FIELD_IDS;

/** The backend names fields by WalkoutInput's names; the window by its own controls. */
function fieldOfBackend(field: string | null, form: WalkoutFormState): FieldKey | null {
  switch (field) {
    case 'previous_id':
      return 'previous';
    case 'body':
      return form.body === 'other' ? 'bodyOther' : 'body';
    case 'title':
      return 'title';
    case 'staff_groups':
    case 'staff_group':
    case 'groups':
    case 'grades':
    case 'grade':
      return 'groups';
    case 'start_date':
    case 'start':
    case 'from':
    case 'first_day':
      return 'firstDay';
    case 'last_day':
      return 'lastDay';
    case 'start_time':
      return 'startTime';
    case 'end_date':
    case 'end':
    case 'to':
      return form.endDate === null ? 'lastDay' : 'endDate';
    case 'end_time':
      return 'endTime';
    case 'notice_date':
    case 'notice':
      return 'notice';
    case 'undeclared_uncovered':
      return 'undeclared';
    default:
      return null;
  }
}

type Checked = { input: WalkoutInput; problems: null } | { input: null; problems: Partial<Record<FieldKey, string>> };

/** The walkout to send, or what is wrong with the form (checked before anything is sent). */
export function buildWalkoutInput(form: WalkoutFormState): Checked {
  const problems: Partial<Record<FieldKey, string>> = {};
  const body = form.body === 'other' ? form.bodyOther.trim() : form.body;
  if (body === '') problems.bodyOther = 'Enter the name of the body taking action';
  if (form.groups.length === 0 && form.grades.length === 0) problems.groups = 'Select at least one staff group or grade';
  const first = parseUkDate(form.firstDay);
  if (!first) problems.firstDay = form.firstDay.trim() === '' ? 'Enter the first day of the action' : 'Enter the first day as dd/mm/yyyy';
  const last = parseUkDate(form.lastDay);
  if (!last) problems.lastDay = form.lastDay.trim() === '' ? 'Enter the last day of the action' : 'Enter the last day as dd/mm/yyyy';
  else if (first && last < first) problems.lastDay = 'The last day must be the same as or after the first day';
  const startTime = parseTime(form.startTime);
  if (!startTime) problems.startTime = 'Enter the start time as HH:MM, 24-hour (for example 07:00)';
  const endText = shownEndDate(form);
  const end = parseUkDate(endText);
  if (form.endDate !== null && !end) problems.endDate = 'Enter the end date as dd/mm/yyyy';
  const endTime = parseTime(form.endTime);
  if (!endTime) problems.endTime = 'Enter the end time as HH:MM, 24-hour (for example 07:00)';
  const notice = form.notice.trim() === '' ? null : parseUkDate(form.notice);
  if (form.notice.trim() !== '' && !notice) problems.notice = 'Enter the date notice was given as dd/mm/yyyy, or leave it blank';
  if (Object.keys(problems).length > 0 || !first || !end || !startTime || !endTime) {
    return { input: null, problems };
  }
  return {
    problems: null,
    input: {
      body,
      title: form.title.trim(),
      staff_groups: STAFF_GROUPS.filter((g) => form.groups.includes(g)),
      grades: form.grades,
      start_date: first,
      start_time: startTime,
      end_date: end,
      end_time: endTime,
      notice_date: notice,
      undeclared_uncovered: form.undeclaredUncovered,
    },
  };
}

const FIELD_ORDER: FieldKey[] = [
  'previous',
  'body',
  'bodyOther',
  'title',
  'groups',
  'firstDay',
  'lastDay',
  'startTime',
  'endDate',
  'endTime',
  'notice',
  'undeclared',
];

export function WalkoutForm({ onCreated, onCancel }: { onCreated: (w: WalkoutView) => void; onCancel: () => void }) {
  const [form, setForm] = useState<WalkoutFormState>(EMPTY_WALKOUT_FORM);
  const [problems, setProblems] = useState<Partial<Record<FieldKey, string>>>({});
  const [backendError, setBackendError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  // The walkout this one starts from (a new round), if any.
  const [previousId, setPreviousId] = useState<number | null>(null);
  // Bumped on each failed submit so the summary takes focus again.
  const [attempt, setAttempt] = useState(0);
  const grades = useLoad('grades', api.gradesList);

  const update = (patch: Partial<WalkoutFormState>) => setForm((f) => ({ ...f, ...patch }));

  const submit = () => {
    const checked = buildWalkoutInput(form);
    setBackendError(null);
    setAttempt((n) => n + 1);
    if (checked.input === null) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setSaving(true);
    (previousId === null ? api.walkoutCreate(checked.input) : api.walkoutCreateFrom(previousId, checked.input)).then(
      (created) => {
        setSaving(false);
        onCreated(created);
      },
      (e: AppError) => {
        setSaving(false);
        const key = fieldOfBackend(e.field, form);
        if (key) {
          setProblems({ [key]: fieldMessage(e) });
        } else {
          setBackendError(e);
        }
      },
    );
  };

  const listed: FieldProblem[] = FIELD_ORDER.filter((k) => problems[k]).map((k) => ({
    target: FIELD_IDS[k],
    message: problems[k] as string,
  }));

  const errorOf = (key: FieldKey) =>
    problems[key] ? (
      <p className="nhsuk-error-message" id={`${FIELD_IDS[key]}-error`}>
        <span className="nhsuk-u-visually-hidden">Error:</span> {problems[key]}
      </p>
    ) : null;
  const groupClass = (key: FieldKey | FieldKey[]) =>
    `nhsuk-form-group${(Array.isArray(key) ? key : [key]).some((k) => problems[k]) ? ' nhsuk-form-group--error' : ''}`;
  const describedBy = (key: FieldKey, hint?: string) =>
    [hint, problems[key] ? `${FIELD_IDS[key]}-error` : null].filter(Boolean).join(' ') || undefined;
  const inputClass = (key: FieldKey, extra: string) => `nhsuk-input ${extra}${problems[key] ? ' nhsuk-input--error' : ''}`;

  const gradeList = grades.status === 'ready' ? grades.data : [];

  return (
    <form
      className="sc-walkout-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-labelledby="screen-heading"
    >
      {listed.length > 0 && <FieldErrorSummary key={attempt} problems={listed} id="walkout-errors" />}
      {backendError && <AppErrorSummary key={attempt} error={backendError} id="walkout-errors" />}

      <PreviousWalkoutPicker id={FIELD_IDS.previous} value={previousId} onChange={setPreviousId} error={errorOf('previous')} />

      <div className={groupClass(['body', 'bodyOther'])}>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Body taking action</legend>
          {errorOf('body')}
          <div className="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small">
            {[...WALKOUT_BODIES, 'other' as const].map((b) => (
              <div className="nhsuk-radios__item" key={b}>
                <input
                  className="nhsuk-radios__input"
                  id={`walkout-body-${b}`}
                  name="walkout-body"
                  type="radio"
                  value={b}
                  checked={form.body === b}
                  onChange={() => update({ body: b })}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`walkout-body-${b}`}>
                  {b === 'other' ? 'Other' : b}
                </label>
              </div>
            ))}
          </div>
          {form.body === 'other' && (
            <div className="sc-conditional">
              <label className="nhsuk-label" htmlFor={FIELD_IDS.bodyOther}>
                Name of the body
              </label>
              {errorOf('bodyOther')}
              <input
                id={FIELD_IDS.bodyOther}
                className={inputClass('bodyOther', 'nhsuk-input--width-20')}
                type="text"
                value={form.bodyOther}
                aria-describedby={describedBy('bodyOther')}
                onChange={(e) => update({ bodyOther: e.target.value })}
              />
            </div>
          )}
        </fieldset>
      </div>

      <div className={groupClass('title')}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.title}>
          Title
        </label>
        <div className="nhsuk-hint" id="walkout-title-hint">
          For example &ldquo;Resident doctors, January&rdquo;. Left blank, the body and the first day are used.
        </div>
        {errorOf('title')}
        <input
          id={FIELD_IDS.title}
          className={inputClass('title', 'nhsuk-input--width-30')}
          type="text"
          value={form.title}
          aria-describedby={describedBy('title', 'walkout-title-hint')}
          onChange={(e) => update({ title: e.target.value })}
        />
      </div>

      <div className={groupClass('groups')}>
        <fieldset className="nhsuk-fieldset" aria-describedby={describedBy('groups', 'walkout-groups-hint')}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Who is taking action</legend>
          <div className="nhsuk-hint" id="walkout-groups-hint">
            Select the staff groups, and any particular grades besides them.
          </div>
          {errorOf('groups')}
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small sc-checkbox-row">
            {STAFF_GROUPS.map((g) => (
              <div className="nhsuk-checkboxes__item" key={g}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={`walkout-group-${g}`}
                  type="checkbox"
                  checked={form.groups.includes(g)}
                  onChange={(e) =>
                    update({ groups: e.target.checked ? [...form.groups, g] : form.groups.filter((x) => x !== g) })
                  }
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`walkout-group-${g}`}>
                  {GROUP_LABELS[g]}
                </label>
              </div>
            ))}
          </div>
          {gradeList.length > 0 && (
            <details className="nhsuk-details sc-grades-details" open={form.grades.length > 0 || undefined}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">
                  Particular grades{form.grades.length > 0 ? ` (${form.grades.length} selected)` : ' (optional)'}
                </span>
              </summary>
              <div className="nhsuk-details__text">
                <div className="nhsuk-checkboxes nhsuk-checkboxes--small sc-grade-checkboxes">
                  {gradeList.map((g, i) => (
                    <div className="nhsuk-checkboxes__item" key={g.grade}>
                      <input
                        className="nhsuk-checkboxes__input"
                        id={`walkout-grade-${i}`}
                        type="checkbox"
                        checked={form.grades.includes(g.grade)}
                        onChange={(e) =>
                          update({
                            grades: e.target.checked ? [...form.grades, g.grade] : form.grades.filter((x) => x !== g.grade),
                          })
                        }
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`walkout-grade-${i}`}>
                        {g.grade}
                      </label>
                    </div>
                  ))}
                </div>
              </div>
            </details>
          )}
        </fieldset>
      </div>

      <div className="sc-form-row">
        <div className={groupClass('firstDay')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.firstDay}>
            First day
          </label>
          <div className="nhsuk-hint" id="walkout-first-day-hint">
            dd/mm/yyyy
          </div>
          {errorOf('firstDay')}
          <DateInput
            id={FIELD_IDS.firstDay}
            invalid={!!problems.firstDay}
            describedBy={describedBy('firstDay', 'walkout-first-day-hint')}
            value={form.firstDay}
            onChange={(v) => update({ firstDay: v })}
          />
        </div>
        <div className={groupClass('lastDay')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.lastDay}>
            Last day
          </label>
          <div className="nhsuk-hint" id="walkout-last-day-hint">
            dd/mm/yyyy
          </div>
          {errorOf('lastDay')}
          <DateInput
            id={FIELD_IDS.lastDay}
            invalid={!!problems.lastDay}
            describedBy={describedBy('lastDay', 'walkout-last-day-hint')}
            value={form.lastDay}
            onChange={(v) => update({ lastDay: v })}
          />
        </div>
      </div>

      <div className="sc-form-row">
        <div className={groupClass('startTime')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.startTime}>
            Starts at
          </label>
          <div className="nhsuk-hint" id="walkout-start-time-hint">
            On the first day, 24-hour
          </div>
          {errorOf('startTime')}
          <TimeInput
            id={FIELD_IDS.startTime}
            invalid={!!problems.startTime}
            describedBy={describedBy('startTime', 'walkout-start-time-hint')}
            value={form.startTime}
            onChange={(v) => update({ startTime: v })}
          />
        </div>
        <div className={groupClass('endDate')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.endDate}>
            Ends on
          </label>
          <div className="nhsuk-hint" id="walkout-end-date-hint">
            {form.endDate === null ? 'The day after the last day, unless you change it' : 'dd/mm/yyyy'}
          </div>
          {errorOf('endDate')}
          <DateInput
            id={FIELD_IDS.endDate}
            invalid={!!problems.endDate}
            describedBy={describedBy('endDate', 'walkout-end-date-hint')}
            value={shownEndDate(form)}
            onChange={(v) => update({ endDate: v })}
          />
        </div>
        <div className={groupClass('endTime')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.endTime}>
            Ends at
          </label>
          <div className="nhsuk-hint" id="walkout-end-time-hint">
            24-hour
          </div>
          {errorOf('endTime')}
          <TimeInput
            id={FIELD_IDS.endTime}
            invalid={!!problems.endTime}
            describedBy={describedBy('endTime', 'walkout-end-time-hint')}
            value={form.endTime}
            onChange={(v) => update({ endTime: v })}
          />
        </div>
      </div>

      <div className={groupClass('notice')}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD_IDS.notice}>
          Date notice was given (optional)
        </label>
        <div className="nhsuk-hint" id="walkout-notice-hint">
          dd/mm/yyyy
        </div>
        {errorOf('notice')}
        <DateInput
          id={FIELD_IDS.notice}
          invalid={!!problems.notice}
          describedBy={describedBy('notice', 'walkout-notice-hint')}
          value={form.notice}
          onChange={(v) => update({ notice: v })}
        />
      </div>

      <div className={groupClass('undeclared')}>
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id={FIELD_IDS.undeclared}
              type="checkbox"
              checked={form.undeclaredUncovered}
              aria-describedby="walkout-undeclared-hint"
              onChange={(e) => update({ undeclaredUncovered: e.target.checked })}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={FIELD_IDS.undeclared}>
              Count doctors who have not declared as uncovered
            </label>
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id="walkout-undeclared-hint">
              Doctors need not say in advance whether they will strike, so the trust cannot rely on them.
            </div>
          </div>
        </div>
      </div>

      <div className="sc-actions">
        <button type="submit" className="nhsuk-button" id="walkout-create-button" disabled={saving}>
          {saving ? 'Creating the walkout…' : 'Create walkout'}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type FieldProps = {
  id: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
  describedBy?: string;
};

/** A date typed day first (dd/mm/yyyy), whatever the system's locale. */
function DateInput(props: FieldProps) {
  return <TypedInput {...props} className="sc-date-field" placeholder="dd/mm/yyyy" />;
}

/** A 24-hour time (HH:MM). */
function TimeInput(props: FieldProps) {
  return <TypedInput {...props} className="sc-time-field" placeholder="HH:MM" />;
}

function TypedInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  className,
  placeholder,
}: FieldProps & { className: string; placeholder: string }) {
  return (
    <input
      id={id}
      className={`nhsuk-input ${className}${invalid ? ' nhsuk-input--error' : ''}`}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
