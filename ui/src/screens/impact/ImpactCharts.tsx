import type { ImpactReport } from '../../bindings/ImpactReport';
import { formatCount, plural } from '../../lib/format';
import { barLength, hoursMinutes, niceMax, sourceColour, stack, ticks } from './chartGeometry';

const WIDTH = 640;
const LABEL = 120;
const VALUE = 70;
const PLOT = WIDTH - LABEL - VALUE;
const BAR = 22;
const GAP = 10;
const AXIS = 26;

/** A horizontal axis under a plot: ticks and their labels. */
function Axis({ max, y, unit, x0 = LABEL, width = PLOT }: { max: number; y: number; unit: (v: number) => string; x0?: number; width?: number }) {
  return (
    <g className="sc-chart-axis" aria-hidden="true">
      <line x1={x0} x2={x0 + width} y1={y} y2={y} stroke="#aeb7bd" />
      {ticks(max).map((v) => {
        const x = x0 + barLength(v, max, width);
        return (
          <g key={v}>
            <line x1={x} x2={x} y1={y} y2={y + 4} stroke="#aeb7bd" className="sc-chart-tick" />
            <text x={x} y={y + 17} textAnchor="middle" fontSize="12" fill="#4c6272" data-tick={v}>
              {unit(v)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** A table with the chart's figures, for screen readers and for anyone who prefers numbers. */
function FiguresTable({ id, caption, head, rows }: { id: string; caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="nhsuk-details sc-chart-table">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Show the figures as a table</span>
      </summary>
      <div className="nhsuk-details__text sc-table-scroll">
        <table className="nhsuk-table nhsuk-table--compact" id={id}>
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {head.map((h) => (
                <th key={h} scope="col" className="nhsuk-table__header">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((r, i) => (
              <tr key={i} className="nhsuk-table__row">
                {r.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="nhsuk-table__header">
                      {c}
                    </th>
                  ) : (
                    <td key={j} className="nhsuk-table__cell">
                      {typeof c === 'number' ? formatCount(c) : c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** (a) Gaps by how they were covered, one stacked bar per walkout day. */
export function CoverByDayChart({ report }: { report: ImpactReport }) {
  const used = report.sources.map((s, i) => ({ ...s, index: i, colour: sourceColour(s.key, i) })).filter((s) => s.total > 0);
  const days = report.coverage_days;
  const max = niceMax(Math.max(0, ...days.map((d) => d.counts.reduce((a, b) => a + b, 0))));
  const height = days.length * (BAR + GAP) + AXIS;
  const desc =
    days.length === 0
      ? 'No walkout days.'
      : days
          .map((d) => `${d.date}: ${used.map((s) => `${s.label} ${d.counts[s.index]}`).join(', ')}`)
          .join('. ') + '.';
  return (
    <figure className="sc-chart" id="impact-chart-cover">
      <svg role="img" aria-labelledby="impact-cover-title impact-cover-desc" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" className="sc-chart-svg">
        <title id="impact-cover-title">Gaps covered by source per day</title>
        <desc id="impact-cover-desc">{desc}</desc>
        {days.map((d, k) => {
          const y = k * (BAR + GAP);
          const total = d.counts.reduce((a, b) => a + b, 0);
          const segs = stack(d.counts, max, PLOT, LABEL);
          return (
            <g key={d.date}>
              <text x={LABEL - 8} y={y + BAR / 2 + 5} textAnchor="end" fontSize="13" fill="#212b32">
                {d.date}
              </text>
              {segs.map((s) => (
                <rect key={s.index} x={s.x} y={y} width={s.width} height={BAR} fill={sourceColour(report.sources[s.index].key, s.index)} stroke="#fff" strokeWidth="1">
                  <title>{`${d.date}: ${report.sources[s.index].label} ${s.count}`}</title>
                </rect>
              ))}
              <text x={LABEL + barLength(total, max, PLOT) + 6} y={y + BAR / 2 + 5} fontSize="13" fontWeight="bold" fill="#212b32">
                {formatCount(total)}
              </text>
            </g>
          );
        })}
        <Axis max={max} y={days.length * (BAR + GAP)} unit={(v) => formatCount(v)} />
      </svg>
      <ul className="sc-chart-legend" aria-label="Sources">
        {used.map((s) => (
          <li key={s.key}>
            <span className="sc-swatch" style={{ background: s.colour }} aria-hidden="true" />
            {s.label} ({formatCount(s.total)})
          </li>
        ))}
      </ul>
      <FiguresTable
        id="impact-cover-table"
        caption="Gaps by how they were covered, per day"
        head={['Day', ...used.map((s) => s.label), 'All gaps']}
        rows={[
          ['All days', ...used.map((s) => s.total), report.gaps],
          ...days.map((d) => [d.date, ...used.map((s) => d.counts[s.index]), d.counts.reduce((a, b) => a + b, 0)]),
        ]}
      />
    </figure>
  );
}

/** The outcomes in the order the chart shows them, with their colours. */
export function outcomeBars(report: ImpactReport): { label: string; count: number; colour: string }[] {
  const o = report.outcomes;
  return [
    { label: 'Granted', count: o.granted, colour: '#009639' },
    { label: 'Declined', count: o.declined, colour: '#d5281b' },
    { label: 'Revoked', count: o.revoked, colour: '#8a1538' },
    { label: 'Not decided by the deadline', count: o.not_decided, colour: '#ed8b00' },
    { label: 'Withdrawn', count: o.withdrawn, colour: '#768692' },
    { label: 'Awaiting a decision', count: o.awaiting, colour: '#41b6e6' },
    { label: 'Not sent', count: o.not_sent, colour: '#aeb7bd' },
  ];
}

/** (b) Request outcomes, one bar each. */
export function OutcomesChart({ report }: { report: ImpactReport }) {
  const bars = outcomeBars(report);
  const max = niceMax(Math.max(0, ...bars.map((b) => b.count)));
  const label = 200;
  const plot = WIDTH - label - VALUE;
  const height = bars.length * (BAR + GAP);
  return (
    <figure className="sc-chart" id="impact-chart-outcomes">
      <svg role="img" aria-labelledby="impact-outcomes-title impact-outcomes-desc" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" className="sc-chart-svg">
        <title id="impact-outcomes-title">Request outcomes</title>
        <desc id="impact-outcomes-desc">
          {`${plural(report.outcomes.made, 'request')} made: ${bars.map((b) => `${b.label} ${b.count}`).join(', ')}; ${report.outcomes.late_answers} answered after the deadline.`}
        </desc>
        {bars.map((b, k) => {
          const y = k * (BAR + GAP);
          const w = barLength(b.count, max, plot);
          return (
            <g key={b.label}>
              <text x={label - 8} y={y + BAR / 2 + 5} textAnchor="end" fontSize="13" fill="#212b32">
                {b.label}
              </text>
              {w > 0 && <rect x={label} y={y} width={w} height={BAR} fill={b.colour} />}
              <text x={label + w + 6} y={y + BAR / 2 + 5} fontSize="13" fontWeight="bold" fill="#212b32">
                {formatCount(b.count)}
              </text>
            </g>
          );
        })}
      </svg>
      <FiguresTable id="impact-outcomes-table" caption="Request outcomes" head={['Outcome', 'Requests']} rows={bars.map((b) => [b.label, b.count])} />
    </figure>
  );
}

/** (c) Each sent request's time to its answer against the time its deadline allowed. */
export function DecisionTimesChart({ report }: { report: ImpactReport }) {
  const rows = report.timings;
  const hours = (s: number | null) => (s === null ? 0 : s / 3600);
  const max = niceMax(Math.max(0, ...rows.map((t) => Math.max(hours(t.taken_secs), hours(t.allowed_secs)))));
  const height = rows.length * (BAR + GAP) + AXIS;
  const label = 90;
  const value = 150;
  const plot = WIDTH - label - value;
  const verdict = (t: (typeof rows)[number]) =>
    t.timing === 'late' ? `${t.taken} — late` : t.timing === 'on_time' ? `${t.taken} — on time` : 'No decision';
  if (rows.length === 0) return <p className="nhsuk-body">No request was sent.</p>;
  return (
    <figure className="sc-chart" id="impact-chart-times">
      <svg role="img" aria-labelledby="impact-times-title impact-times-desc" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" className="sc-chart-svg">
        <title id="impact-times-title">Time to decision against the deadline</title>
        <desc id="impact-times-desc">
          {rows
            .map((t) => `${t.reference}: ${verdict(t)}${t.allowed_secs !== null ? `, deadline after ${hoursMinutes(hours(t.allowed_secs))}` : ', no deadline'}`)
            .join('. ') + '.'}
        </desc>
        {rows.map((t, k) => {
          const y = k * (BAR + GAP);
          const w = barLength(hours(t.taken_secs), max, plot);
          const deadline = t.allowed_secs === null ? null : label + barLength(hours(t.allowed_secs), max, plot);
          const late = t.timing === 'late';
          return (
            <g key={t.request_id}>
              <text x={label - 8} y={y + BAR / 2 + 5} textAnchor="end" fontSize="13" fill="#212b32">
                {t.reference}
              </text>
              {t.timing === 'no_decision' ? (
                <rect x={label} y={y + 4} width={deadline === null ? plot : deadline - label} height={BAR - 8} fill="none" stroke="#768692" strokeDasharray="4 3" />
              ) : (
                <rect x={label} y={y} width={Math.max(w, 2)} height={BAR} fill={late ? '#d5281b' : '#009639'} />
              )}
              {deadline !== null && <line x1={deadline} x2={deadline} y1={y - 3} y2={y + BAR + 3} stroke="#212b32" strokeWidth="3" />}
              <text x={label + plot + 8} y={y + BAR / 2 + 5} fontSize="13" fontWeight="bold" fill={late ? '#d5281b' : '#212b32'}>
                {verdict(t)}
              </text>
            </g>
          );
        })}
        <Axis max={max} y={rows.length * (BAR + GAP)} unit={(v) => `${v} h`} x0={label} width={plot} />
      </svg>
      <ul className="sc-chart-legend" aria-label="Key">
        <li>
          <span className="sc-swatch" style={{ background: '#009639' }} aria-hidden="true" />
          Answered by the deadline
        </li>
        <li>
          <span className="sc-swatch" style={{ background: '#d5281b' }} aria-hidden="true" />
          Answered late
        </li>
        <li>
          <span className="sc-swatch sc-swatch--dashed" aria-hidden="true" />
          No decision
        </li>
        <li>
          <span className="sc-swatch sc-swatch--line" aria-hidden="true" />
          Deadline (hours after sending)
        </li>
      </ul>
    </figure>
  );
}
