import { weightKeys } from '@localpact/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table, type Column } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { Alert } from '../../ui/Alert';
import { ErrorState } from '../errors/ErrorState';
import { errorMessage } from '../errors/errorMessage';
import { createRun, listHouseholds, listRuns, scopeOptions, type PendingHousehold, type RunSummary, type Weights } from './api';

const defaultWeights: Weights = { labour: 40, ties: 30, preference: 20, services: 10, language: 10, quotaPenalty: 5 };

export function PlacementPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const nf = new Intl.NumberFormat(i18n.language);
  const runs = useApi('runs', (signal) => listRuns(signal));
  const pending = useApi('pending', (signal) => listHouseholds('pending', signal));
  const scopes = useApi(me ? `scopes|${me.organisation.territory.code}` : null, (signal) => scopeOptions(me!.organisation.territory.code, signal));
  const [territoryCode, setTerritoryCode] = useState('');
  const [distributionKey, setDistributionKey] = useState('population');
  const [weights, setWeights] = useState<Weights>(defaultWeights);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const run = await createRun({ territoryCode: territoryCode || scopes.data?.[0]?.code || '', distributionKey, weights });
      navigate(`/placement/runs/${run.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const householdColumns: Column<PendingHousehold>[] = [
    { key: 'reference', header: t('placement.reference'), rowHeader: true, cell: (h) => <span className="nowrap">{h.reference}</span> },
    { key: 'size', header: t('placement.size'), numeric: true, cell: (h) => nf.format(h.size) },
    { key: 'procedure', header: t('placement.procedure'), cell: (h) => t(`placement.procedures.${h.procedure}`) },
    { key: 'needs', header: t('placement.needs'), cell: (h) => Object.entries(h.needs).map(([r, n]) => `${t(`placement.resources.${r}`)}: ${nf.format(n)}`).join(', ') },
  ];
  const runColumns: Column<RunSummary>[] = [
    { key: 'created', header: t('placement.created'), rowHeader: true, cell: (r) => <Link to={`/placement/runs/${r.id}`}>{new Date(r.createdAt).toLocaleString(i18n.language)}</Link> },
    { key: 'territory', header: t('placement.scope'), cell: (r) => r.territory.name },
    { key: 'by', header: t('placement.madeBy'), cell: (r) => r.organisation.name },
    { key: 'status', header: t('placement.status'), cell: (r) => t(`placement.statuses.${r.status}`) },
    { key: 'households', header: t('placement.households'), numeric: true, cell: (r) => nf.format(r.households) },
    { key: 'assigned', header: t('placement.assigned'), numeric: true, cell: (r) => <span data-testid={`run-assigned-${r.id}`}>{nf.format(r.assigned)}</span> },
    { key: 'gap', header: t('placement.gap'), numeric: true, cell: (r) => `${(r.gap * 100).toLocaleString(i18n.language, { maximumFractionDigits: 3 })} %` },
  ];

  return (
    <>
      <PageTitle documentTitle={t('placement.title')}>{t('placement.title')}</PageTitle>
      <p className="lead">{t('placement.intro')}</p>

      {/* The three parts arrive together: one placeholder until then, so none pushes another. */}
      {((scopes.loading && !scopes.data) || (pending.loading && !pending.data) || (runs.loading && !runs.data)) ? <Loading block /> : (<>
      <section aria-labelledby="new-run" className="section">
        <h2 id="new-run">{t('placement.newRun')}</h2>
        {error !== null && <Alert tone="error" title={t('placement.runFailed')}><p>{errorMessage(error, t)}</p></Alert>}
        {scopes.loading && !scopes.data ? <Loading /> : (
          <form onSubmit={onSubmit} className="form">
            <Select label={t('placement.scope')} value={territoryCode || scopes.data?.[0]?.code || ''} onChange={(e) => setTerritoryCode(e.target.value)}
              options={(scopes.data ?? []).map((o) => ({ value: o.code, label: `${'\u00a0\u00a0'.repeat(o.depth)}${o.name} (${o.code})` }))} />
            <Select label={t('placement.key')} hint={t('placement.keyHint')} value={distributionKey} onChange={(e) => setDistributionKey(e.target.value)}
              options={['population', 'pact_reference'].map((k) => ({ value: k, label: t(`placement.keys.${k}`) }))} />
            <fieldset className="fieldset">
              <legend>{t('placement.weights')}</legend>
              <p className="field__hint">{t('placement.weightsHint', { max: nf.format(weightKeys.filter((k) => k !== 'quotaPenalty').reduce((sum, k) => sum + (Number.isFinite(weights[k]) ? weights[k] : 0), 0)) })}</p>
              <div className="grid grid--3">
                {weightKeys.map((k) => (
                  <TextField key={k} label={t(`placement.components.${k}`)} type="number" min={0} max={1000} step="any" inputMode="decimal"
                    value={String(weights[k])} onChange={(e) => setWeights({ ...weights, [k]: Number(e.target.value) })} />
                ))}
              </div>
            </fieldset>
            <Button type="submit" busy={busy} disabled={(pending.data?.items.length ?? 0) === 0}>{t('placement.solve', { count: pending.data?.items.length ?? 0 })}</Button>
          </form>
        )}
      </section>

      <section aria-labelledby="pending" className="section">
        <h2 id="pending">{t('placement.pending')}</h2>
        {pending.error ? <ErrorState error={pending.error} onRetry={pending.reload} /> : pending.loading && !pending.data ? <Loading /> : (
          <Table caption={t('placement.pendingCaption', { count: pending.data!.items.length })} columns={householdColumns} rows={pending.data!.items} rowKey={(h) => h.id} empty={t('placement.noPending')} />
        )}
      </section>

      <section aria-labelledby="runs" className="section">
        <h2 id="runs">{t('placement.runs')}</h2>
        {runs.error ? <ErrorState error={runs.error} onRetry={runs.reload} /> : runs.loading && !runs.data ? <Loading /> : (
          <Table caption={t('placement.runsCaption')} columns={runColumns} rows={runs.data!.items} rowKey={(r) => r.id} empty={t('placement.noRuns')} />
        )}
      </section>
      </>)}
    </>
  );
}
