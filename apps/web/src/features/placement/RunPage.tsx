import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table, type Column } from '../../ui/Table';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { ApiError } from '../../api/client';
import { approve, discard, explain, getRun, override, resolveAgain, type Run } from './api';
import { ExplanationPanel } from './ExplanationPanel';
import { PlacementMap } from './PlacementMap';

type Line = Run['assignments'][number];
type MuniRow = Run['municipalities'][number];

export function RunPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  // A 409 at approval names where capacity changed: say it with the resource's name, not its code.
  const actionMessage = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409 && typeof err.problem.resource === 'string' && err.problem.organisation) {
      const p = err.problem as unknown as { organisation: { name: string }; resource: string; free: number; needed: number };
      return t('placement.capacityChanged', { organisation: p.organisation.name, resource: t(`placement.resources.${p.resource}`, { defaultValue: p.resource }), free: nf.format(p.free), needed: nf.format(p.needed) });
    }
    return errorMessage(err, t);
  };
  const run = useApi(`run|${id}`, (signal) => getRun(id, signal));
  const [explainFor, setExplainFor] = useState<string | null>(null);
  const [overrideFor, setOverrideFor] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const explanation = useApi(explainFor ? `explain|${id}|${explainFor}|${run.data?.version}` : null, (signal) => explain(id, explainFor!, signal));

  if (run.error) return <ErrorState error={run.error} onRetry={run.reload} />;
  if (!run.data) return <Loading />;
  const r = run.data;
  const proposed = r.status === 'proposed';

  async function act(fn: () => Promise<Run>) {
    setBusy(true);
    setActionError(null);
    try {
      const next = await fn();
      run.setData(() => next);
      return next;
    } catch (err) {
      setActionError(err);
      return null;
    } finally {
      setBusy(false);
    }
  }

  const lineColumns: Column<Line>[] = [
    { key: 'household', header: t('placement.reference'), rowHeader: true, cell: (l) => <span className="nowrap">{l.household.reference}</span> },
    { key: 'size', header: t('placement.size'), numeric: true, cell: (l) => nf.format(l.household.size) },
    {
      key: 'municipality', header: t('placement.municipality'),
      cell: (l) => (
        <>
          {l.municipality ? l.municipality.name : <span className="muted">{t('placement.unassigned')}</span>}
          {l.overridden && <span className="badge">{t('placement.overridden')}</span>}
        </>
      ),
    },
    { key: 'score', header: t('placement.score'), numeric: true, cell: (l) => (l.score === null ? '—' : nf.format(l.score)) },
    {
      key: 'actions', header: t('placement.actions'),
      cell: (l) => (
        <div className="actions">
          <Button variant="secondary" aria-expanded={explainFor === l.household.id} onClick={() => { setExplainFor(explainFor === l.household.id ? null : l.household.id); setOverrideFor(null); }}>
            {t('placement.explain', { reference: l.household.reference })}
          </Button>
          {proposed && (
            <Button variant="secondary" aria-expanded={overrideFor === l.household.id} onClick={() => { setOverrideFor(overrideFor === l.household.id ? null : l.household.id); setExplainFor(null); }}>
              {t('placement.override', { reference: l.household.reference })}
            </Button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageTitle documentTitle={t('placement.runTitle', { name: r.territory.name })}>{t('placement.runTitle', { name: r.territory.name })}</PageTitle>
      <p><Link to="/placement">{t('placement.back')}</Link></p>
      <RunFacts run={r} />
      {actionError !== null && !overrideFor && <Alert tone="error" title={t('placement.actionFailed')}><p>{actionMessage(actionError)}</p></Alert>}
      {r.status === 'approved' && <Alert tone="success" title={t('placement.approvedTitle')}><p>{t('placement.approvedText')}</p></Alert>}

      <div className="actions">
        {proposed && <Button busy={busy} onClick={() => { if (window.confirm(t('placement.confirmApprove'))) void act(() => approve(r.id, r.version)); }}>{t('placement.approve')}</Button>}
        {proposed && <Button variant="secondary" busy={busy} onClick={() => void act(() => discard(r.id, r.version))}>{t('placement.discard')}</Button>}
        <Button variant="secondary" busy={busy} onClick={async () => { const next = await act(() => resolveAgain(r.id)); if (next) navigate(`/placement/runs/${next.id}`); }}>{t('placement.resolve')}</Button>
      </div>

      <section aria-labelledby="proposal" className="section">
        <h2 id="proposal">{t('placement.proposal')}</h2>
        <Table caption={t('placement.proposalCaption', { count: r.assignments.length })} columns={lineColumns} rows={r.assignments} rowKey={(l) => l.household.id} />
        {explainFor && (
          <div className="panel" role="region" aria-label={t('placement.explanationOf', { reference: r.assignments.find((l) => l.household.id === explainFor)?.household.reference })}>
            {explanation.error ? <ErrorState error={explanation.error} onRetry={explanation.reload} /> : explanation.data ? <ExplanationPanel e={explanation.data} /> : <Loading />}
          </div>
        )}
        {overrideFor && proposed && (
          <OverrideForm run={r} householdId={overrideFor} busy={busy} serverError={actionError === null ? null : errorMessage(actionError, t)}
            onSubmit={async (municipalityId, reason) => { const next = await act(() => override(r.id, { version: r.version, householdId: overrideFor, municipalityId, reason })); if (next) setOverrideFor(null); }} />
        )}
      </section>

      <RunQuotas run={r} />

      {r.overrides.length > 0 && (
        <section aria-labelledby="overrides" className="section">
          <h2 id="overrides">{t('placement.overrides')}</h2>
          <ul>
            {r.overrides.map((o, i) => (
              <li key={i}>{t('placement.overrideLine', {
                reference: r.assignments.find((l) => l.household.id === o.householdId)?.household.reference ?? '',
                from: r.municipalities.find((m) => m.id === o.from)?.name ?? t('placement.unassigned'),
                to: r.municipalities.find((m) => m.id === o.to)?.name ?? t('placement.unassigned'),
                by: o.by, reason: o.reason, at: new Date(o.at).toLocaleString(i18n.language),
              })}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function OverrideForm({ run, householdId, busy, serverError, onSubmit }: { run: Run; householdId: string; busy: boolean; serverError: string | null; onSubmit: (municipalityId: string | null, reason: string) => void }) {
  const { t } = useTranslation();
  const line = run.assignments.find((l) => l.household.id === householdId)!;
  const [target, setTarget] = useState(line.municipality?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) { setError(t('placement.reasonRequired')); return; }
    setError('');
    onSubmit(target || null, reason.trim());
  }
  return (
    <form className="panel form" onSubmit={submit} aria-label={t('placement.overrideOf', { reference: line.household.reference })}>
      <h3>{t('placement.overrideOf', { reference: line.household.reference })}</h3>
      {serverError && <Alert tone="error" title={t('placement.overrideRefused')}><p>{serverError}</p></Alert>}
      <Select label={t('placement.newMunicipality')} value={target} onChange={(e) => setTarget(e.target.value)}
        emptyOption={t('placement.unassigned')} options={run.municipalities.map((m) => ({ value: m.id, label: m.name }))} />
      <div className={['field', error ? 'field--error' : ''].join(' ')}>
        <label htmlFor="override-reason" className="field__label">{t('placement.reason')}</label>
        <p id="override-reason-hint" className="field__hint">{t('placement.reasonHint')}</p>
        {error && <p id="override-reason-error" className="field__error">{error}</p>}
        <textarea id="override-reason" className="field__input" rows={3} aria-required="true" value={reason} onChange={(e) => setReason(e.target.value)}
          aria-describedby={['override-reason-hint', error ? 'override-reason-error' : ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined} />
      </div>
      <Button type="submit" busy={busy}>{t('placement.saveOverride')}</Button>
    </form>
  );
}

/** The run's figures: how it was made, how good it is, the weights it used. */
function RunFacts({ run: r }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <>
      <dl className="facts">
        <div><dt>{t('placement.status')}</dt><dd>{t(`placement.statuses.${r.status}`)}</dd></div>
        <div><dt>{t('placement.key')}</dt><dd>{t(`placement.keys.${r.distributionKey}`)}</dd></div>
        <div><dt>{t('placement.households')}</dt><dd>{nf.format(r.figures.households)}</dd></div>
        <div><dt>{t('placement.notPlacedCount')}</dt><dd>{nf.format(r.assignments.filter((l) => !l.municipality).length)}</dd></div>
        <div><dt>{t('placement.objective')}</dt><dd>{nf.format(r.figures.objective)}</dd></div>
        <div><dt>{t('placement.bound')}</dt><dd>{nf.format(r.figures.bound)}</dd></div>
        <div>
          <dt>{t('placement.gap')}</dt>
          <dd>
            {(r.figures.gap * 100).toLocaleString(i18n.language, { maximumFractionDigits: 3 })} %
            {r.figures.gap === 0 && ` (${t('placement.optimal')})`}
          </dd>
        </div>
        <div><dt>{t('placement.solveTime')}</dt><dd>{nf.format(r.figures.solveMs)} ms</dd></div>
        <div><dt>{t('placement.madeBy')}</dt><dd>{r.createdBy ? `${r.createdBy}, ${r.organisation.name}` : r.organisation.name}</dd></div>
        {r.approvedBy && <div><dt>{t('placement.approvedBy')}</dt><dd>{r.approvedBy}</dd></div>}
      </dl>
      <p className="field__hint">{t('placement.weightsUsed', {
        list: (['labour', 'ties', 'preference', 'services', 'language'] as const).map((k) => `${t(`placement.components.${k}`)} ${nf.format(r.weights[k])}`).join(' · '),
        max: nf.format(r.weights.labour + r.weights.ties + r.weights.preference + r.weights.services + r.weights.language), penalty: nf.format(r.weights.quotaPenalty),
      })}</p>
      <p className="field__hint">{t('placement.objectiveHint')}</p>
      <p className="field__hint">{t('placement.humanDecides')}</p>
    </>
  );
}

/** Each municipality's quota: its share, its target, what this run adds, its loads. */
function RunQuotas({ run: r }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const muniColumns: Column<MuniRow>[] = [
    { key: 'name', header: t('placement.municipality'), rowHeader: true, cell: (m) => <Link to={`/territories/${encodeURIComponent(m.territoryCode)}`}>{m.name}</Link> },
    { key: 'share', header: t('placement.share'), numeric: true, cell: (m) => pct.format(m.share) },
    { key: 'target', header: t('placement.target'), numeric: true, cell: (m) => nf.format(m.target) },
    { key: 'ytd', header: t('placement.intakeYtd'), numeric: true, cell: (m) => nf.format(m.intakeYtd) },
    { key: 'after', header: t('placement.personsAfter'), numeric: true, cell: (m) => nf.format(m.personsAfter - m.personsBefore) },
    { key: 'fulfil', header: t('placement.fulfilment'), numeric: true, cell: (m) => <span data-testid={`of-target-${m.territoryCode}`}>{m.ofTarget === null ? '—' : pct.format(m.ofTarget)}</span> },
    { key: 'loads', header: t('placement.loads'), cell: (m) => Object.entries(m.loads).map(([res, l]) => `${t(`placement.resources.${res}`)} ${nf.format(l.used)}/${nf.format(l.capacity)}`).join(' · ') },
  ];
  return (
    <section aria-labelledby="quotas" className="section">
      <h2 id="quotas">{t('placement.quotas')}</h2>
      <p>{t('placement.quotasIntro', { year: r.year.year, received: nf.format(r.year.received), thisRun: nf.format(r.year.thisRun), total: nf.format(r.year.total) })}</p>
      <PlacementMap municipalities={r.municipalities} />
      <Table caption={t('placement.quotasCaption')} columns={muniColumns} rows={r.municipalities} rowKey={(m) => m.id} />
    </section>
  );
}
