/**
 * The window's only way to the backend: every `invoke()` of the app is in this file, with the
 * command's name, its argument names and its result type (generated from Rust by ts-rs into
 * ../bindings/). A failed command rejects with an `AppError` (see ./errors.ts).
 */

import { Channel, invoke, isTauri } from '@tauri-apps/api/core';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { AppStatus } from '../bindings/AppStatus';
import type { AuditFilter } from '../bindings/AuditFilter';
import type { AuditPage } from '../bindings/AuditPage';
import type { AuditVerifyView } from '../bindings/AuditVerifyView';
import type { ApproveInput } from '../bindings/ApproveInput';
import type { DecisionInput } from '../bindings/DecisionInput';
import type { DocKind } from '../bindings/DocKind';
import type { ExportResult } from '../bindings/ExportResult';
import type { PassphraseInput } from '../bindings/PassphraseInput';
import type { RecallChoice } from '../bindings/RecallChoice';
import type { RecallInput } from '../bindings/RecallInput';
import type { RequestInput } from '../bindings/RequestInput';
import type { RequestProposal } from '../bindings/RequestProposal';
import type { RequestSummary } from '../bindings/RequestSummary';
import type { RequestView } from '../bindings/RequestView';
import type { SendInput } from '../bindings/SendInput';
import type { UserInput } from '../bindings/UserInput';
import type { UserView } from '../bindings/UserView';
import type { VerifyResult } from '../bindings/VerifyResult';
import type { AttemptInput } from '../bindings/AttemptInput';
import type { CandidatesView } from '../bindings/CandidatesView';
import type { CoverLevelView } from '../bindings/CoverLevelView';
import type { DashboardView } from '../bindings/DashboardView';
import type { DutyView } from '../bindings/DutyView';
import type { FillInput } from '../bindings/FillInput';
import type { GapMark } from '../bindings/GapMark';
import type { GapView } from '../bindings/GapView';
import type { GradeView } from '../bindings/GradeView';
import type { ImpactExport } from '../bindings/ImpactExport';
import type { ImpactFormat } from '../bindings/ImpactFormat';
import type { ImpactReport } from '../bindings/ImpactReport';
import type { ImportPreview } from '../bindings/ImportPreview';
import type { IncidentInput } from '../bindings/IncidentInput';
import type { IncidentSummary } from '../bindings/IncidentSummary';
import type { IncidentView } from '../bindings/IncidentView';
import type { ImportProgress } from '../bindings/ImportProgress';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { Intent } from '../bindings/Intent';
import type { IntentImportSummary } from '../bindings/IntentImportSummary';
import type { IntentView } from '../bindings/IntentView';
import type { LadderView } from '../bindings/LadderView';
import type { ReleaseInput } from '../bindings/ReleaseInput';
import type { RotaQuery } from '../bindings/RotaQuery';
import type { RuleSetView } from '../bindings/RuleSetView';
import type { RuleSetting } from '../bindings/RuleSetting';
import type { RungInput } from '../bindings/RungInput';
import type { RungMarkInput } from '../bindings/RungMarkInput';
import type { SiteView } from '../bindings/SiteView';
import type { SourcingView } from '../bindings/SourcingView';
import type { StaffGroup } from '../bindings/StaffGroup';
import type { StaffView } from '../bindings/StaffView';
import type { WalkoutInput } from '../bindings/WalkoutInput';
import type { WalkoutView } from '../bindings/WalkoutView';
import { toAppError } from './errors';

export { AppError, toAppError } from './errors';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

/** Is there a rota yet, where is the database, who is acting. */
export function appStatus(): Promise<AppStatus> {
  return call('app_status');
}

/** Creates the demo trust (offered only while the database is empty). */
export function demoLoad(): Promise<ImportSummary> {
  return call('demo_load');
}

/** Reads a rota export's header and first rows; changes nothing. */
export function importPreview(path: string): Promise<ImportPreview> {
  return call('import_preview', { path });
}

/** Imports a rota export (all or nothing), reporting progress as it goes. */
export function importRun(path: string, onProgress: (p: ImportProgress) => void): Promise<ImportSummary> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return call('import_run', { path, onProgress: channel });
}

/** Sites with their departments. */
export function sitesList(): Promise<SiteView[]> {
  return call('sites_list');
}

/** Duties of a site or a department over some days. */
export function rotaQuery(query: RotaQuery): Promise<DutyView[]> {
  return call('rota_query', { query });
}

export function staffList(): Promise<StaffView[]> {
  return call('staff_list');
}

export function gradesList(): Promise<GradeView[]> {
  return call('grades_list');
}

/** Puts a grade in a staff group; returns the whole updated grade table. */
export function gradeSetGroup(grade: string, staffGroup: StaffGroup): Promise<GradeView[]> {
  return call('grade_set_group', { grade, staffGroup });
}

/** Names the trust (shown in the header and on documents). */
export function trustSetName(name: string): Promise<void> {
  return call('trust_set_name', { name });
}

/** The system's file dialog, for rota exports. Resolves to the chosen path, or null. */
export async function pickRotaFile(): Promise<string | null> {
  try {
    const chosen = await open({
      multiple: false,
      directory: false,
      title: 'Choose a rota export',
      filters: [{ name: 'Rota export', extensions: ['csv', 'xlsx', 'txt'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (e) {
    throw toAppError(e);
  }
}

/** Creates a walkout (all fields checked by the backend; nothing is stored on an error). */
export function walkoutCreate(input: WalkoutInput): Promise<WalkoutView> {
  return call('walkout_create', { input });
}

/** Every walkout the trust holds, with its intent counts. */
export function walkoutList(): Promise<WalkoutView[]> {
  return call('walkout_list');
}

/** The doctors a walkout affects, each with their intent (not declared until recorded). */
export function intentList(walkoutId: number): Promise<IntentView[]> {
  return call('intent_list', { walkoutId });
}

/** Records one intent for one or many doctors of a walkout. */
export function intentSet(walkoutId: number, staffIds: number[], intent: Intent): Promise<IntentView[]> {
  return call('intent_set', { walkoutId, staffIds, intent });
}

/** Reads a CSV of staff_id,intent (all or nothing). */
export function intentImport(walkoutId: number, path: string): Promise<IntentImportSummary> {
  return call('intent_import', { walkoutId, path });
}

/** Every duty the walkout leaves uncovered. */
export function gapList(walkoutId: number): Promise<GapView[]> {
  return call('gap_list', { walkoutId });
}

/** Marks a duty as uncovered (or not uncovered after all) by hand, with the reason. */
export function gapMark(walkoutId: number, mark: GapMark): Promise<GapView> {
  return call('gap_mark', { walkoutId, mark });
}

/** Flags a department as critical (or not); returns the sites with their departments. */
export function departmentSetCritical(departmentId: number, critical: boolean): Promise<SiteView[]> {
  return call('department_set_critical', { departmentId, critical });
}

/** The heat map and the daily situation report of a walkout. */
export function walkoutDashboard(walkoutId: number): Promise<DashboardView> {
  return call('walkout_dashboard', { walkoutId });
}

/** Writes the daily situation report as CSV to `path` (never overwrites); resolves to the rows written. */
export function sitrepExport(walkoutId: number, path: string): Promise<number> {
  return call('sitrep_export', { walkoutId, path });
}

/** The ladder of staffing sources in force (its latest version). */
export function ladderGet(): Promise<LadderView> {
  return call('ladder_get');
}

/**
 * Saves the ladder as a new version (earlier versions stay on record). Existing rungs keep
 * their `code`; a new rung is sent with code "" and the backend makes one from its name.
 */
export function ladderSet(rungs: RungInput[], note: string): Promise<LadderView> {
  return call('ladder_set', { rungs, note });
}

/** The sourcing screen for one gap or a group of gaps: each rung's state, the attempts, the fills. */
export function sourcingGet(walkoutId: number, dutyIds: number[]): Promise<SourcingView> {
  return call('sourcing_get', { walkoutId, dutyIds });
}

/**
 * Logs an attempt to find cover (append-only: a correction or an answer supersedes an earlier
 * attempt). Resolves to the sourcing view of the attempt's gaps.
 */
export function attemptAdd(walkoutId: number, input: AttemptInput): Promise<SourcingView> {
  return call('attempt_add', { walkoutId, input });
}

/** Marks a rung not applicable for some gaps (or applicable again), with the reason. */
export function rungMark(walkoutId: number, input: RungMarkInput): Promise<SourcingView> {
  return call('rung_mark', { walkoutId, input });
}

/** The doctors who could take a gap, ranked, and every doctor left out with the rules that exclude them. */
export function candidatesGet(walkoutId: number, dutyId: number): Promise<CandidatesView> {
  return call('candidates_get', { walkoutId, dutyId });
}

/**
 * Covers a gap, with a doctor from the rota or someone from outside it. A doctor who breaks a
 * rule is refused with field `override_reason` (the message lists the rules) unless the input
 * carries the reason for overriding.
 */
export function gapFill(walkoutId: number, input: FillInput): Promise<SourcingView> {
  return call('gap_fill', { walkoutId, input });
}

/** Records that a gap's cover fell through (the fill stays on record; the gap is open again). */
export function gapRelease(walkoutId: number, input: ReleaseInput): Promise<SourcingView> {
  return call('gap_release', { walkoutId, input });
}

/** The working-time rules in force (version 0: the built-in defaults). */
export function rulesGet(): Promise<RuleSetView> {
  return call('rules_get');
}

/** Saves the working-time rules as a new version. A bad value is refused with field = the rule's key. */
export function rulesSet(settings: RuleSetting[], note: string): Promise<RuleSetView> {
  return call('rules_set', { settings, note });
}

/** Every grade with the level that decides which duties its doctors may cover. */
export function coverLevelsList(): Promise<CoverLevelView[]> {
  return call('cover_levels_list');
}

/** Sets a grade's cover level (1 to 9), or `null` for the built-in level; returns the whole table. */
export function coverLevelSet(grade: string, level: number | null): Promise<CoverLevelView[]> {
  return call('cover_level_set', { grade, level });
}

/** Splits a selection of gaps into narrow requests (one department and grade each). */
export function requestsPropose(walkoutId: number, dutyIds: number[]): Promise<RequestProposal[]> {
  return call('requests_propose', { walkoutId, dutyIds });
}

/** Builds a draft request (version 1); its evidence is generated from the attempt log. */
export function requestCreate(input: RequestInput): Promise<RequestView> {
  return call('request_create', { input });
}

/**
 * Saves a change as a new version. A request awaiting approval or approved goes back to draft:
 * its approval no longer applies.
 */
export function requestUpdate(requestId: number, input: RequestInput): Promise<RequestView> {
  return call('request_update', { requestId, input });
}

/** Requests, newest first; of one walkout, or all when `walkoutId` is null. */
export function requestsList(walkoutId: number | null): Promise<RequestSummary[]> {
  return call('requests_list', { walkoutId });
}

/** One request with its content, checks, approval, decision, recalls, documents and history. */
export function requestGet(requestId: number): Promise<RequestView> {
  return call('request_get', { requestId });
}

/** Sends a draft for approval (refused while a check fails or if `version` is not current). */
export function requestSubmit(requestId: number, version: number): Promise<RequestView> {
  return call('request_submit', { requestId, version });
}

/** The medical director approves exactly the version and hash shown, or returns it with a comment. */
export function requestApprove(input: ApproveInput): Promise<RequestView> {
  return call('request_approve', { input });
}

/** Records that the approved request went out. */
export function requestSend(input: SendInput): Promise<RequestView> {
  return call('request_send', { input });
}

/** Records a decision: granted (maybe narrower), declined, withdrawn, not decided, revoked. */
export function requestDecide(input: DecisionInput): Promise<RequestView> {
  return call('request_decide', { input });
}

/** Who may be recalled for each granted shift. */
export function requestRecallChoices(requestId: number): Promise<RecallChoice[]> {
  return call('request_recall_choices', { requestId });
}

/** Records the doctors recalled under a grant; their shifts become covered by derogation. */
export function requestRecall(input: RecallInput): Promise<RequestView> {
  return call('request_recall', { input });
}

/**
 * Writes a document of the request to `path` (PDF, JSON, email text, or the recalled duties as
 * iCalendar) and records the SHA-256 of its bytes.
 */
export function requestExport(requestId: number, kind: DocKind, path: string): Promise<ExportResult> {
  return call('request_export', { requestId, kind, path });
}

/** Checks an exported PDF or JSON against the database. */
export function requestVerify(path: string): Promise<VerifyResult> {
  return call('request_verify', { path });
}

/** The local user profiles. */
export function usersList(): Promise<UserView[]> {
  return call('users_list');
}

/** Adds or changes a profile (a medical director's role needs a medical director's passphrase). */
export function userSave(input: UserInput): Promise<UserView> {
  return call('user_save', { input });
}

/** Sets or changes a profile's passphrase. */
export function userPassphraseSet(input: PassphraseInput): Promise<UserView> {
  return call('user_passphrase_set', { input });
}

/** The system's save dialog for a document the app writes. Resolves to the chosen path, or null. */
export async function chooseSavePath(title: string, defaultPath: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  try {
    const chosen = await save({ title, defaultPath, filters: [filter] });
    return typeof chosen === 'string' ? chosen : null;
  } catch (e) {
    throw toAppError(e);
  }
}

/** The system's file dialog, for a document to verify. Resolves to the chosen path, or null. */
export async function pickDocumentToVerify(): Promise<string | null> {
  try {
    const chosen = await open({
      multiple: false,
      directory: false,
      title: 'Choose an exported request (PDF or JSON) to verify',
      filters: [{ name: 'Request documents', extensions: ['pdf', 'json'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (e) {
    throw toAppError(e);
  }
}

/** The system's file dialog, for an intents CSV. Resolves to the chosen path, or null. */
export async function pickIntentsFile(): Promise<string | null> {
  try {
    const chosen = await open({
      multiple: false,
      directory: false,
      title: 'Choose a CSV of intents (staff_id, intent)',
      filters: [{ name: 'Intents (CSV)', extensions: ['csv', 'txt'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (e) {
    throw toAppError(e);
  }
}

/** The system's save dialog, for a CSV the app writes. Resolves to the chosen path, or null. */
export async function chooseCsvSavePath(title: string, defaultPath: string): Promise<string | null> {
  try {
    const chosen = await save({
      title,
      defaultPath,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  } catch (e) {
    throw toAppError(e);
  }
}

export type FileDragEvent = { type: 'over' } | { type: 'drop'; paths: string[] } | { type: 'leave' };

/**
 * Files dragged over and dropped on the window. Returns the function that stops listening.
 * Outside the Tauri window (tests, a plain browser) there are no such events: nothing happens.
 */
export function listenForFileDrops(handler: (event: FileDragEvent) => void): () => void {
  if (!isTauri()) return () => {};
  let stopped = false;
  let unlisten: (() => void) | null = null;
  try {
    getCurrentWebview()
      .onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === 'enter' || p.type === 'over') handler({ type: 'over' });
        else if (p.type === 'drop') handler({ type: 'drop', paths: p.paths });
        else handler({ type: 'leave' });
      })
      .then((u) => {
        if (stopped) u();
        else unlisten = u;
      })
      .catch(() => {
        // No drag and drop (e.g. the capability is missing): the dialog and the path field remain.
      });
  } catch {
    return () => {};
  }
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/** A page of the audit trail in plain English, newest first, with the viewer's filters. */
export function auditList(filter: AuditFilter): Promise<AuditPage> {
  return call('audit_list', { filter });
}

/**
 * Walks the audit trail's hash chain and reports the first broken row; with `anchor` (a hash
 * printed on a document), also whether that hash is still in the trail.
 */
export function auditVerify(anchor: string | null): Promise<AuditVerifyView> {
  return call('audit_verify', { anchor });
}

/** The impact report of a walkout. */
export function impactReport(walkoutId: number): Promise<ImpactReport> {
  return call('impact_report', { walkoutId });
}

/** Saves the impact report as PDF or CSV; its SHA-256 is recorded in the audit trail. */
export function impactExport(walkoutId: number, format: ImpactFormat, path: string): Promise<ImpactExport> {
  return call('impact_export', { walkoutId, format, path });
}

/** Logs a patient safety incident of a walkout (version 1). */
export function incidentAdd(input: IncidentInput): Promise<IncidentView> {
  return call('incident_add', { input });
}

/** Saves a change to an incident as a new version with its reason (nothing changed: no version). */
export function incidentUpdate(incidentId: number, input: IncidentInput): Promise<IncidentView> {
  return call('incident_update', { incidentId, input });
}

/** The incidents of a walkout (their current versions), in the order they happened. */
export function incidentsList(walkoutId: number): Promise<IncidentSummary[]> {
  return call('incidents_list', { walkoutId });
}

/** One incident with every version, oldest first. */
export function incidentGet(incidentId: number): Promise<IncidentView> {
  return call('incident_get', { incidentId });
}

// Rounds: start a walkout from a previous one, its contact list, carried request wording.

/** What starting a walkout from a previous one would carry over. */
export function walkoutCarryPreview(previousId: number): Promise<import('../bindings/CarryPreview').CarryPreview> {
  return call('walkout_carry_preview', { previousId });
}

/** Creates a walkout from a previous one (its ladder, contacts, criticality and wording). */
export function walkoutCreateFrom(previousId: number, input: WalkoutInput): Promise<WalkoutView> {
  return call('walkout_create_from', { previousId, input });
}

/** The ladder a walkout uses (its pinned version, or the trust's latest). */
export function walkoutLadder(walkoutId: number): Promise<LadderView> {
  return call('walkout_ladder', { walkoutId });
}

export function contactsList(walkoutId: number): Promise<import('../bindings/ContactView').ContactView[]> {
  return call('contacts_list', { walkoutId });
}

export function contactAdd(
  walkoutId: number,
  input: import('../bindings/ContactInput').ContactInput,
): Promise<import('../bindings/ContactView').ContactView[]> {
  return call('contact_add', { walkoutId, input });
}

export function contactRemove(walkoutId: number, contactId: number): Promise<import('../bindings/ContactView').ContactView[]> {
  return call('contact_remove', { walkoutId, contactId });
}

/** Wording carried into a walkout for a department and role, or null. */
export function requestWording(
  walkoutId: number,
  departmentId: number,
  role: string,
): Promise<import('../bindings/CarriedWording').CarriedWording | null> {
  return call('request_wording', { walkoutId, departmentId, role });
}
