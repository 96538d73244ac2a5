import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../api';
import { type AppError, toAppError } from '../api/errors';
import type { AttemptInput } from '../bindings/AttemptInput';
import type { AttemptView } from '../bindings/AttemptView';
import type { CandidateView } from '../bindings/CandidateView';
import type { CandidatesView } from '../bindings/CandidatesView';
import type { ContactView } from '../bindings/ContactView';
import type { FillInput } from '../bindings/FillInput';
import type { SourcingView } from '../bindings/SourcingView';
import { AppErrorSummary, fieldMessage } from '../components/ErrorSummary';
import { plural } from '../lib/format';
import { useFocusLater } from '../lib/useFocusLater';
import {
  type AttemptForm as Form,
  EMPTY_ATTEMPT_FORM,
  answerForm,
  clearedForm,
  correctionForm,
  gapShortLabel,
  newestAttempt,
  rateText,
} from '../lib/sourcing';
import { AttemptForm, type SubmitResult } from './sourcing/AttemptForm';
import { AttemptHistory } from './sourcing/AttemptHistory';
import { CandidateList, askRung } from './sourcing/CandidateList';
import { FillPanel, OverrideBox, type OverrideRequest } from './sourcing/FillPanel';
import { GapList } from './sourcing/GapList';
import { LadderChecklist } from './sourcing/LadderChecklist';

type Result = { ok: true; view: SourcingView } | { ok: false; error: AppError };

/** Where on the screen a result or a problem is shown (next to what the user did). */
type Area = 'gaps' | 'ladder' | 'candidates';

/**
 * Merges the view an action answered with (it covers the action's gaps only) into the screen's
 * view: those gaps replaced, the attempts joined, newest first.
 */
export function mergeSourcing(prev: SourcingView | null, next: SourcingView): SourcingView {
  if (!prev) return next;
  const gaps = prev.gaps.map((g) => next.gaps.find((n) => n.gap.duty_id === g.gap.duty_id) ?? g);
  const byId = new Map(prev.attempts.map((a) => [a.id, a]));
  for (const a of next.attempts) byId.set(a.id, a);
  const attempts = [...byId.values()].sort((a, b) => b.id - a.id);
  return { ...prev, ladder: next.ladder, gaps, attempts };
}

function covers(view: SourcingView, dutyIds: number[]): boolean {
  return view.gaps.length === dutyIds.length && dutyIds.every((id) => view.gaps.some((g) => g.gap.duty_id === id));
}

/**
 * Sourcing cover for one gap or a group of gaps: the ladder checklist, a fast attempt form, the
 * history, the candidates with their reasons, and fill, override and release.
 */
export function SourcingScreen({
  walkoutId,
  dutyIds,
  onBack,
  onChanged,
}: {
  walkoutId: number;
  dutyIds: number[];
  onBack: () => void;
  /** Something changed the gaps (an attempt, a fill): the board reloads. */
  onChanged: () => void;
}) {
  const key = dutyIds.join(',');
  // The walkout's contact list, as suggestions for who was asked (none if it cannot be read).
  const [contacts, setContacts] = useState<ContactView[]>([]);
  useEffect(() => {
    let live = true;
    api.contactsList(walkoutId).then(
      (l) => live && setContacts(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [walkoutId]);
  const [view, setView] = useState<SourcingView | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [retry, setRetry] = useState(0);
  const [form, setForm] = useState<Form>(EMPTY_ATTEMPT_FORM);
  const [formFocus, setFormFocus] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ area: Area; text: string } | null>(null);
  const [problem, setProblem] = useState<{ area: Area; error: AppError } | null>(null);
  const [markError, setMarkError] = useState<string | null>(null);
  const [releaseError, setReleaseError] = useState<{ dutyId: number; message: string } | null>(null);
  const [override, setOverride] = useState<(OverrideRequest & { input: FillInput }) | null>(null);
  const [overrideError, setOverrideError] = useState<string | null>(null);
  const [candidateDuty, setCandidateDuty] = useState(dutyIds[0]);
  const [candidatesVersion, setCandidatesVersion] = useState(0);
  const [candidates, setCandidates] = useState<{ dutyId: number; data?: CandidatesView; error?: AppError } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusLater = useFocusLater();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    api.sourcingGet(walkoutId, key === '' ? [] : key.split(',').map(Number)).then(
      (v) => {
        if (!live) return;
        setView(v);
        setLoadError(null);
      },
      (e: unknown) => {
        if (live) setLoadError(toAppError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [walkoutId, key, retry]);

  useEffect(() => {
    let live = true;
    api.candidatesGet(walkoutId, candidateDuty).then(
      (data) => {
        if (live) setCandidates({ dutyId: candidateDuty, data });
      },
      (e: unknown) => {
        if (live) setCandidates({ dutyId: candidateDuty, error: toAppError(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [walkoutId, candidateDuty, candidatesVersion]);

  /** Takes an action's answer; when it covers fewer gaps than the screen, reloads them all. */
  const apply = useCallback(
    (next: SourcingView) => {
      if (covers(next, dutyIds)) {
        setView(next);
        return;
      }
      setView((prev) => mergeSourcing(prev, next));
      api.sourcingGet(walkoutId, dutyIds).then(
        (v) => setView(v),
        () => {
          // The merged view stays; the next action or a reopen brings the rest.
        },
      );
    },
    [walkoutId, dutyIds],
  );

  const mutate = useCallback(
    async (call: () => Promise<SourcingView>): Promise<Result> => {
      setBusy(true);
      setNotice(null);
      setProblem(null);
      try {
        const next = await call();
        apply(next);
        onChanged();
        setCandidatesVersion((n) => n + 1);
        return { ok: true, view: next };
      } catch (e) {
        return { ok: false, error: toAppError(e) };
      } finally {
        setBusy(false);
      }
    },
    [apply, onChanged],
  );

  if (!view) {
    return (
      <section aria-labelledby="sourcing-heading" className="sc-sourcing">
        <BackLink onBack={onBack} />
        <h2 className="nhsuk-heading-m sc-sourcing-title" id="sourcing-heading" tabIndex={-1} ref={headingRef}>
          Source cover for {plural(dutyIds.length, 'gap')}
        </h2>
        {loadError ? (
          <>
            <AppErrorSummary error={loadError} id="sourcing-load-error" />
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setRetry((n) => n + 1)}>
              Try again
            </button>
          </>
        ) : (
          <p className="nhsuk-body" role="status">
            Loading the ladder and the attempts…
          </p>
        )}
      </section>
    );
  }

  const rungs = [...view.ladder.rungs].sort((a, b) => a.position - b.position);
  const allIds = view.gaps.map((g) => g.gap.duty_id);
  const several = view.gaps.length > 1;
  const candidateGap = view.gaps.find((g) => g.gap.duty_id === candidateDuty) ?? view.gaps[0];
  const candidateData = candidates && candidates.dutyId === candidateDuty ? (candidates.data ?? null) : null;
  const candidateError = candidates && candidates.dutyId === candidateDuty ? (candidates.error ?? null) : null;
  const rungName = (code: string) => rungs.find((r) => r.code === code)?.name ?? code;

  const logged = (next: SourcingView, prefix = 'Logged'): string => {
    const a = newestAttempt(next.attempts);
    if (!a) return `${prefix}.`;
    const n = a.duty_ids.length;
    return `${prefix} #${a.id}${n > 1 ? ` for ${plural(n, 'gap')}` : ''}: ${a.summary}.`;
  };

  const submitAttempt = async (input: AttemptInput): Promise<SubmitResult> => {
    const r = await mutate(() => api.attemptAdd(walkoutId, input));
    if (!r.ok) return r;
    setForm((f) => clearedForm(f));
    return { ok: true, message: logged(r.view) };
  };

  const logOnRung = (code: string) => {
    setForm((f) => ({ ...f, rung: code }));
    setFormFocus((n) => n + 1);
  };

  const prefill = (next: Form) => {
    setForm(next);
    setFormFocus((n) => n + 1);
  };

  const mark = async (code: string, notApplicable: boolean, reason: string): Promise<boolean> => {
    setMarkError(null);
    const r = await mutate(() => api.rungMark(walkoutId, { duty_ids: allIds, rung_code: code, not_applicable: notApplicable, reason }));
    if (!r.ok) {
      if (r.error.field === 'reason') setMarkError(fieldMessage(r.error));
      else setProblem({ area: 'ladder', error: r.error });
      return false;
    }
    setNotice({
      area: 'ladder',
      text: `“${rungName(code)}” marked ${notApplicable ? 'not applicable' : 'applicable again'} for ${plural(allIds.length, 'gap')}: ${reason}`,
    });
    return true;
  };

  const release = async (dutyId: number, reason: string): Promise<boolean> => {
    setReleaseError(null);
    const r = await mutate(() => api.gapRelease(walkoutId, { duty_id: dutyId, reason }));
    if (!r.ok) {
      if (r.error.field === 'reason') setReleaseError({ dutyId, message: fieldMessage(r.error) });
      else setProblem({ area: 'gaps', error: r.error });
      return false;
    }
    const g = view.gaps.find((x) => x.gap.duty_id === dutyId);
    setNotice({ area: 'gaps', text: `Cover fell through${g ? ` for ${gapShortLabel(g.gap)}` : ''}: the gap is open again. Reason: ${reason}` });
    focusLater(`sourcing-gap-${dutyId}`);
    return true;
  };

  const noRung = (): AppError =>
    toAppError({
      code: 'invalid',
      field: 'rung_code',
      message: 'Choose the rung in the form first: the ladder has no rung for this doctor’s group.',
    });

  const ask = async (c: CandidateView): Promise<boolean> => {
    const rung = askRung(c, form.rung, rungs);
    if (!rung) {
      setProblem({ area: 'candidates', error: noRung() });
      return false;
    }
    const r = await mutate(() =>
      api.attemptAdd(walkoutId, {
        duty_ids: [candidateDuty],
        rung_code: rung,
        contact_kind: 'doctor',
        asked: '',
        staff_id: c.staff_id,
        asked_at: '',
        channel: 'phone',
        rate: '',
        outcome: 'asked',
        reply_by: '',
        accepted_duty_ids: [],
        notes: '',
        supersedes: null,
      }),
    );
    if (!r.ok) {
      setProblem({ area: 'candidates', error: r.error });
      return false;
    }
    setNotice({ area: 'candidates', text: logged(r.view) });
    return true;
  };

  const answer = async (c: CandidateView, asked: AttemptView, outcome: 'accepted' | 'declined'): Promise<boolean> => {
    const r = await mutate(() =>
      api.attemptAdd(walkoutId, {
        duty_ids: asked.duty_ids,
        rung_code: asked.rung_code,
        contact_kind: 'doctor',
        asked: '',
        staff_id: c.staff_id,
        asked_at: '',
        channel: asked.channel,
        rate: rateText(asked.rate_pence_per_hour),
        outcome,
        reply_by: '',
        accepted_duty_ids: [],
        notes: '',
        supersedes: asked.id,
      }),
    );
    if (!r.ok) {
      setProblem({ area: 'candidates', error: r.error });
      return false;
    }
    setNotice({ area: 'candidates', text: logged(r.view) });
    return true;
  };

  /** Fills a gap; a doctor who breaks a rule opens the override box instead. */
  const fill = async (input: FillInput, who: string): Promise<AppError | null> => {
    const r = await mutate(() => api.gapFill(walkoutId, input));
    if (!r.ok) {
      if (r.error.field === 'override_reason' && input.staff_id !== null) {
        if (input.override_reason === '') {
          setOverride({ dutyId: input.duty_id, who, message: fieldMessage(r.error), input });
          setOverrideError(null);
        } else {
          setOverrideError(fieldMessage(r.error));
        }
        return null;
      }
      return r.error;
    }
    setOverride(null);
    setOverrideError(null);
    const g = r.view.gaps.find((x) => x.gap.duty_id === input.duty_id);
    const f = g?.fill;
    setNotice({
      area: 'gaps',
      text: f
        ? `${g ? gapShortLabel(g.gap) : 'The gap'} is covered by ${f.covered_by}, from “${f.rung_name}”.${f.overridden.length > 0 ? ' Rules overridden; the reason is recorded.' : ''}`
        : `Cover recorded for ${who}.`,
    });
    focusLater(`fill-info-${input.duty_id}`);
    return null;
  };

  const fillWith = async (c: CandidateView, accepted: AttemptView | null): Promise<boolean> => {
    const rung = accepted?.rung_code ?? askRung(c, form.rung, rungs);
    if (!rung) {
      setProblem({ area: 'candidates', error: noRung() });
      return false;
    }
    const error = await fill(
      {
        duty_id: candidateDuty,
        rung_code: rung,
        staff_id: c.staff_id,
        external_name: '',
        external_org: '',
        attempt_id: accepted?.id ?? null,
        override_reason: '',
      },
      c.name,
    );
    if (error) setProblem({ area: 'candidates', error });
    return false;
  };

  return (
    <section aria-labelledby="sourcing-heading" className="sc-sourcing">
      <BackLink onBack={onBack} />
      <h2 className="nhsuk-heading-m sc-sourcing-title" id="sourcing-heading" tabIndex={-1} ref={headingRef}>
        Source cover for {plural(view.gaps.length, 'gap')}
      </h2>
      {problem?.area === 'gaps' && <AppErrorSummary error={problem.error} id="sourcing-gaps-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot" id="sourcing-message">
        {notice?.area === 'gaps' && (
          <div className="nhsuk-inset-text sc-confirmation">
            <p>{notice.text}</p>
          </div>
        )}
      </div>
      <GapList gaps={view.gaps} busy={busy} releaseError={releaseError} onRelease={release} />

      {problem?.area === 'ladder' && <AppErrorSummary error={problem.error} id="ladder-error" />}
      <div role="status" aria-live="polite" className="sc-status-slot" id="ladder-message">
        {notice?.area === 'ladder' && (
          <div className="nhsuk-inset-text sc-confirmation">
            <p>{notice.text}</p>
          </div>
        )}
      </div>
      <div className="sc-sourcing-columns">
        <LadderChecklist ladder={view.ladder} gaps={view.gaps} busy={busy} markError={markError} onLog={logOnRung} onMark={mark} />
        <AttemptForm
          form={form}
          onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
          rungs={rungs}
          contacts={contacts}
          gaps={view.gaps}
          candidates={candidateData?.eligible ?? null}
          candidatesFor={several ? gapShortLabel(candidateGap.gap) : null}
          busy={busy}
          focusRequest={formFocus}
          onSubmit={submitAttempt}
          onStopSuperseding={() => {
            setForm((f) => clearedForm(f));
            setFormFocus((n) => n + 1);
          }}
        />
      </div>

      <CandidateList
        gaps={view.gaps}
        dutyId={candidateGap.gap.duty_id}
        onDutyChange={(id) => {
          setCandidateDuty(id);
          setOverride(null);
        }}
        data={candidateData}
        loadError={candidateError}
        attempts={view.attempts}
        formRung={form.rung}
        rungs={rungs}
        busy={busy}
        notice={notice?.area === 'candidates' ? notice.text : null}
        problem={problem?.area === 'candidates' ? problem.error : null}
        onAsk={ask}
        onAnswer={answer}
        onFill={fillWith}
      >
        {override && override.dutyId === candidateGap.gap.duty_id && !candidateGap.fill && (
          <OverrideBox
            override={override}
            busy={busy}
            error={overrideError}
            onOverride={(reason) => void fill({ ...override.input, override_reason: reason }, override.who)}
            onCancel={() => {
              const staff = override.input.staff_id;
              setOverride(null);
              setOverrideError(null);
              if (staff !== null) focusLater(`cand-fill-${staff}`);
            }}
          />
        )}
      </CandidateList>
      <FillPanel
        gap={candidateGap}
        several={several}
        rungs={rungs}
        formRung={form.rung}
        busy={busy}
        onOutside={(name, org, rung) =>
          fill(
            {
              duty_id: candidateGap.gap.duty_id,
              rung_code: rung,
              staff_id: null,
              external_name: name,
              external_org: org,
              attempt_id: null,
              override_reason: '',
            },
            name,
          )
        }
      />

      <AttemptHistory attempts={view.attempts} gaps={view.gaps} onAnswer={(a) => prefill(answerForm(a))} onCorrect={(a) => prefill(correctionForm(a))} />
    </section>
  );
}

function BackLink({ onBack }: { onBack: () => void }) {
  return (
    <p className="sc-back-link">
      <button type="button" className="sc-link-button" id="sourcing-back" onClick={onBack}>
        Back to gaps
      </button>
    </p>
  );
}
