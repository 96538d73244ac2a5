import { useState } from 'react';
import * as api from '../api';
import type { AppError } from '../api/errors';
import type { GradeView } from '../bindings/GradeView';
import type { SiteView } from '../bindings/SiteView';
import type { StaffGroup } from '../bindings/StaffGroup';
import { AppErrorSummary } from '../components/ErrorSummary';
import { STAFF_GROUPS, STAFF_GROUP_LABELS, STAFF_GROUP_NAMES, formatCount, plural } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { LadderSettings } from './LadderSettings';
import { PeopleSettings } from './PeopleSettings';
import { CoverLevelSettings, RulesSettings } from './RulesSettings';

/** "ST3 is now in the resident group; 12 doctors affected". */
export function gradeChangeMessage(grade: string, group: StaffGroup, doctors: number): string {
  return `${grade} is now in the ${STAFF_GROUP_NAMES[group]} group; ${plural(doctors, 'doctor')} affected`;
}

export function SettingsScreen({ trustName, onTrustRenamed }: { trustName: string | null; onTrustRenamed: () => void }) {
  return (
    <>
      <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
        Settings
      </h1>
      <div className="sc-settings">
        <GradeTable />
        <div>
          <TrustName current={trustName} onSaved={onTrustRenamed} />
          <CriticalDepartments />
        </div>
      </div>
      <div className="sc-settings-wide">
        <LadderSettings />
      </div>
      <div className="sc-settings-wide">
        <RulesSettings />
      </div>
      <div className="sc-settings-wide">
        <CoverLevelSettings />
      </div>
      <div className="sc-settings-wide">
        <PeopleSettings />
      </div>
    </>
  );
}

function GradeTable() {
  const loaded = useLoad('grades', api.gradesList);
  const [updated, setUpdated] = useState<GradeView[] | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const grades = updated ?? (loaded.status === 'ready' ? loaded.data : null);

  const change = (grade: string, group: StaffGroup) => {
    setSaving(grade);
    setMessage(null);
    setError(null);
    api.gradeSetGroup(grade, group).then(
      (table) => {
        setUpdated(table);
        setSaving(null);
        const row = table.find((g) => g.grade === grade);
        setMessage(gradeChangeMessage(grade, row?.staff_group ?? group, row?.doctors ?? 0));
      },
      (e: AppError) => {
        setSaving(null);
        setError(e);
      },
    );
  };

  return (
    <section aria-labelledby="grades-heading" className="sc-grades">
      <h2 className="nhsuk-heading-m" id="grades-heading">
        Grades and staff groups
      </h2>
      <p className="nhsuk-body-s">
        Each grade belongs to a staff group, and the group decides which rules apply to its doctors: the 2016 terms and
        conditions for resident doctors, the Working Time Regulations for consultants and SAS doctors. A staff group
        given for a doctor in the rota export takes precedence over this table.
      </p>
      {error && <AppErrorSummary error={error} />}
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="grade-change-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {loaded.status === 'loading' && !updated && <p className="nhsuk-body">Loading grades…</p>}
      {loaded.status === 'error' && !updated && <AppErrorSummary error={loaded.error} />}
      {grades && grades.length === 0 && <p className="nhsuk-body">No grades yet: they come with the first rota import.</p>}
      {grades && grades.length > 0 && (
        <table className="nhsuk-table nhsuk-table--compact sc-grade-table" id="grade-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s nhsuk-u-visually-hidden">
            Grades and their staff groups
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Grade</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Doctors</th>
              <th scope="col" className="nhsuk-table__header">Staff group</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {grades.map((g, i) => (
              <tr className="nhsuk-table__row" key={g.grade}>
                <th scope="row" className="nhsuk-table__header sc-row-header" id={`grade-${i}`}>
                  {g.grade}
                </th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(g.doctors)}</td>
                <td className="nhsuk-table__cell">
                  <label className="nhsuk-u-visually-hidden" htmlFor={`grade-group-${i}`}>
                    Staff group for {g.grade}
                  </label>
                  <select
                    id={`grade-group-${i}`}
                    className="nhsuk-select sc-select"
                    value={g.staff_group}
                    disabled={saving !== null}
                    aria-busy={saving === g.grade}
                    onChange={(e) => change(g.grade, e.target.value as StaffGroup)}
                  >
                    {STAFF_GROUPS.map((s) => (
                      <option key={s} value={s}>
                        {STAFF_GROUP_LABELS[s]}
                      </option>
                    ))}
                  </select>
                  {saving === g.grade && <span className="sc-muted"> Saving…</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TrustName({ current, onSaved }: { current: string | null; onSaved: () => void }) {
  const [text, setText] = useState(current ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const empty = text.trim() === '';

  return (
    <section aria-labelledby="trust-heading" className="sc-trust">
      <h2 className="nhsuk-heading-m" id="trust-heading">
        Trust name
      </h2>
      {error && <AppErrorSummary error={error} id="trust-error" />}
      <form
        className="nhsuk-form-group"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (empty) return;
          const name = text.trim();
          setSaving(true);
          setError(null);
          setSaved(null);
          api.trustSetName(name).then(
            () => {
              setSaving(false);
              setSaved(name);
              onSaved();
            },
            (err: AppError) => {
              setSaving(false);
              setError(err);
            },
          );
        }}
      >
        <label className="nhsuk-label" htmlFor="trust-name">
          Name shown in the header and on documents
        </label>
        <div className="sc-inline">
          <input
            id="trust-name"
            className="nhsuk-input nhsuk-input--width-30"
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="organization"
          />
          <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={saving || empty}>
            Save name
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {saved && <p className="nhsuk-body-s">The trust is now called {saved}.</p>}
      </div>
    </section>
  );
}

/** Which departments are critical: they come first on a walkout's dashboard and gap board. */
function CriticalDepartments() {
  const loaded = useLoad('sites', api.sitesList);
  const [updated, setUpdated] = useState<SiteView[] | null>(null);
  const [saving, setSaving] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const sites = updated ?? (loaded.status === 'ready' ? loaded.data : null);

  const change = (id: number, name: string, critical: boolean) => {
    setSaving(id);
    setMessage(null);
    setError(null);
    api.departmentSetCritical(id, critical).then(
      (next) => {
        setUpdated(next);
        setSaving(null);
        setMessage(`${name} is ${critical ? 'now' : 'no longer'} a critical department.`);
      },
      (e: AppError) => {
        setSaving(null);
        setError(e);
      },
    );
  };

  return (
    <section aria-labelledby="critical-heading" className="sc-critical">
      <h2 className="nhsuk-heading-m" id="critical-heading">
        Critical departments
      </h2>
      <p className="nhsuk-body-s">
        Gaps in critical departments come first on a walkout&rsquo;s dashboard and gap board. Neonatal, emergency,
        intensive care, obstetrics and cancer surgery departments are critical to begin with.
      </p>
      {error && <AppErrorSummary error={error} id="critical-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot">
        {message && (
          <div className="nhsuk-inset-text sc-confirmation" id="critical-change-message">
            <p>{message}</p>
          </div>
        )}
      </div>
      {loaded.status === 'loading' && !updated && <p className="nhsuk-body">Loading departments…</p>}
      {loaded.status === 'error' && !updated && <AppErrorSummary error={loaded.error} id="critical-load-error" />}
      {sites && sites.length === 0 && <p className="nhsuk-body">No departments yet: they come with the first rota import.</p>}
      {sites?.map((site) => (
        <fieldset className="nhsuk-fieldset sc-critical-site" key={site.id}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{site.name}</legend>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            {site.departments.map((d) => (
              <div className="nhsuk-checkboxes__item" key={d.id}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={`critical-${d.id}`}
                  type="checkbox"
                  checked={d.critical}
                  disabled={saving !== null}
                  aria-busy={saving === d.id}
                  onChange={(e) => change(d.id, d.name, e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`critical-${d.id}`}>
                  {d.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      ))}
    </section>
  );
}
