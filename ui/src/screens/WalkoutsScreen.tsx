import { useEffect, useState } from 'react';
import * as api from '../api';
import type { WalkoutView } from '../bindings/WalkoutView';
import { AppErrorSummary } from '../components/ErrorSummary';
import { formatDate } from '../lib/dates';
import { describeAffected, formatCount } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { WalkoutForm } from './WalkoutForm';
import { WalkoutScreen } from './WalkoutScreen';

type View = { kind: 'list' } | { kind: 'new' } | { kind: 'walkout'; walkout: WalkoutView; created: boolean };

/** The walkouts the trust holds, a new one, or one walkout's dashboard, gaps and doctors. */
export function WalkoutsScreen() {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [focusRequest, setFocusRequest] = useState(0);
  const show = (next: View) => {
    setView(next);
    setFocusRequest((n) => n + 1);
  };
  useEffect(() => {
    if (focusRequest > 0) document.getElementById('screen-heading')?.focus();
  }, [focusRequest]);

  if (view.kind === 'new') {
    return (
      <>
        <BackLink onClick={() => show({ kind: 'list' })} />
        <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
          New walkout
        </h1>
        <WalkoutForm
          onCreated={(walkout) => show({ kind: 'walkout', walkout, created: true })}
          onCancel={() => show({ kind: 'list' })}
        />
      </>
    );
  }
  if (view.kind === 'walkout') {
    return (
      <>
        <BackLink onClick={() => show({ kind: 'list' })} />
        <WalkoutScreen walkout={view.walkout} created={view.created} />
      </>
    );
  }
  return (
    <>
      <h1 className="nhsuk-heading-l sc-screen-title" tabIndex={-1} id="screen-heading">
        Walkouts
      </h1>
      <WalkoutList onNew={() => show({ kind: 'new' })} onOpen={(walkout) => show({ kind: 'walkout', walkout, created: false })} />
    </>
  );
}

function BackLink({ onClick }: { onClick: () => void }) {
  return (
    <div className="nhsuk-back-link sc-back-link">
      <button type="button" className="nhsuk-back-link__link sc-link-button" onClick={onClick}>
        All walkouts
      </button>
    </div>
  );
}

function WalkoutList({ onNew, onOpen }: { onNew: () => void; onOpen: (w: WalkoutView) => void }) {
  const walkouts = useLoad('walkouts', api.walkoutList);
  return (
    <section aria-labelledby="screen-heading" className="sc-walkouts">
      <p className="nhsuk-body sc-lede">
        A walkout is a period of industrial action by a union. Record it, and Strike Cover shows which duties it leaves
        without a doctor, department by department and day by day. The rota itself is never changed.
      </p>
      <button type="button" className="nhsuk-button" onClick={onNew} id="walkout-new-button">
        New walkout
      </button>
      {walkouts.status === 'loading' && (
        <p className="nhsuk-body" role="status">
          Loading walkouts…
        </p>
      )}
      {walkouts.status === 'error' && <AppErrorSummary error={walkouts.error} />}
      {walkouts.status === 'ready' && walkouts.data.length === 0 && (
        <p className="nhsuk-body" id="walkout-list-empty">
          No walkouts recorded yet.
        </p>
      )}
      {walkouts.status === 'ready' && walkouts.data.length > 0 && (
        <div className="sc-table-scroll">
          <table className="nhsuk-table nhsuk-table--compact sc-walkout-table" id="walkout-list">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s nhsuk-u-visually-hidden">Walkouts</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Title</th>
                <th scope="col" className="nhsuk-table__header">Body</th>
                <th scope="col" className="nhsuk-table__header">Starts</th>
                <th scope="col" className="nhsuk-table__header">Ends</th>
                <th scope="col" className="nhsuk-table__header">Who</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Striking</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Working</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Not declared</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {walkouts.data.map((w) => (
                <tr className="nhsuk-table__row" key={w.id} data-testid="walkout-row">
                  <th scope="row" className="nhsuk-table__header sc-row-header">
                    <button type="button" className="sc-link-button" onClick={() => onOpen(w)}>
                      {w.title}
                    </button>
                  </th>
                  <td className="nhsuk-table__cell">{w.body}</td>
                  <td className="nhsuk-table__cell sc-nowrap">{w.start_local}</td>
                  <td className="nhsuk-table__cell sc-nowrap">{w.end_local}</td>
                  <td className="nhsuk-table__cell">{describeAffected(w.staff_groups, w.grades)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(w.striking)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(w.working)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(w.undeclared)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "BMA, resident doctors, 03/01/2024 07:00 to 09/01/2024 07:00 (notice given 20/12/2023)". */
export function describeWalkout(w: WalkoutView): string {
  const notice = w.notice_date ? ` (notice given ${formatDate(w.notice_date)})` : '';
  return `${w.body}: ${describeAffected(w.staff_groups, w.grades, false)}, ${w.start_local} to ${w.end_local}${notice}`;
}
