// Capacity across a territory (for regional, national and EU users): per resource, now or at the
// end of a past day, with drill-down to the children the user may see, and the map. Live: any
// capacity change in reach reloads the figures (when looking at "now").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { mapPoints, resourceLabel, resourceTypes, rollup, type Rollup } from './api';
import { EuropeMap } from './EuropeMap';
import { useLive, useLiveEvents, useThrottledReload } from './live';
import './reception.css';

type Figures = Rollup['resources'][number];
type Child = Rollup['children'][number];

const pct = (v: number | null, lang: string) => (v === null ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v) + ' %');

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const { connected } = useLive();
  const [search, setSearch] = useSearchParams();
  const territory = search.get('territory') ?? me?.organisation.territory.code ?? 'EU';
  const at = search.get('at');
  const [resource, setResource] = useState('emergency_beds');
  const [draftAt, setDraftAt] = useState(at ?? '');
  useEffect(() => setDraftAt(at ?? ''), [at]);
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const data = useApi(`${territory}|${at ?? ''}`, (s) => rollup(territory, at, s));
  const points = useApi(`${territory}|${resource}`, (s) => mapPoints(territory, resource, s));
  const reloadAll = useThrottledReload(() => { data.reload(); points.reload(); }, 250);
  useLiveEvents(['capacity.'], () => { if (!at) reloadAll(); });
  const label = (code: string) => resourceLabel(types.data?.items, code, i18n.language);
  const title = data.data ? t('reception.overview.titleOf', { name: data.data.territory.name }) : t('reception.overview.title');
  const go = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    setSearch(p);
  };

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <p className="lead">{t('reception.overview.intro')}</p>
      <p className="muted" aria-live="polite">{connected ? t('reception.live.on') : t('reception.live.off')}</p>
      <form className="form form--inline" onSubmit={(e) => { e.preventDefault(); go({ at: draftAt || null }); }}>
        <TextField label={t('reception.capacity.asOf')} hint={t('reception.capacity.asOfHint')} type="date" name="at" value={draftAt} onChange={(e) => setDraftAt(e.target.value)} />
        <Button type="submit" variant="secondary">{t('reception.capacity.show')}</Button>
      </form>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : !data.data ? <Loading /> : (
        <>
          {data.data.territory.parentCode && me && data.data.territory.code !== me.organisation.territory.code && (
            <p><Link to={`/reception/overview?territory=${encodeURIComponent(data.data.territory.parentCode)}${at ? `&at=${at}` : ''}`}>{t('reception.overview.up')}</Link></p>
          )}
          {at && <Alert tone="info">{t('reception.capacity.pastView', { date: at })}</Alert>}
          <Table
            caption={t('reception.overview.caption', { name: data.data.territory.name })}
            columns={[
              { key: 'resource', header: t('reception.capacity.resource'), rowHeader: true, cell: (f: Figures) => label(f.resource) },
              { key: 'total', header: t('reception.capacity.total'), numeric: true, cell: (f) => f.total },
              { key: 'occupied', header: t('reception.capacity.occupied'), numeric: true, cell: (f) => f.occupied },
              { key: 'reserved', header: t('reception.capacity.reserved'), numeric: true, cell: (f) => f.reserved },
              { key: 'free', header: t('reception.capacity.free'), numeric: true, cell: (f) => <span data-testid={`rollup-free-${f.resource}`}>{f.free}</span> },
              { key: 'occupancy', header: t('reception.overview.occupancy'), numeric: true, cell: (f) => pct(f.occupancy, i18n.language) },
            ]}
            rows={data.data.resources}
            rowKey={(f) => f.resource}
          />
          <section className="section" aria-labelledby="children-heading">
            <h2 id="children-heading">{t('reception.overview.children')}</h2>
            <Select label={t('reception.capacity.resource')} value={resource} onChange={(e) => setResource(e.target.value)} options={(types.data?.items ?? []).map((r) => ({ value: r.code, label: label(r.code) }))} />
            <Table
              caption={t('reception.overview.childrenCaption', { resource: label(resource) })}
              columns={[
                { key: 'name', header: t('reception.overview.place'), rowHeader: true, cell: (c: Child) => c.kind === 'territory'
                  ? <Link to={`/reception/overview?territory=${encodeURIComponent(c.code)}${at ? `&at=${at}` : ''}`}>{c.name}</Link>
                  : <Link to={`/reception/capacity/${encodeURIComponent(c.organisationId!)}`}>{c.name}</Link> },
                { key: 'total', header: t('reception.capacity.total'), numeric: true, cell: (c) => c.resources.find((r) => r.resource === resource)?.total ?? 0 },
                { key: 'free', header: t('reception.capacity.free'), numeric: true, cell: (c) => c.resources.find((r) => r.resource === resource)?.free ?? 0 },
                { key: 'occupancy', header: t('reception.overview.occupancy'), numeric: true, cell: (c) => pct(c.resources.find((r) => r.resource === resource)?.occupancy ?? null, i18n.language) },
              ]}
              rows={data.data.children}
              rowKey={(c) => c.code + (c.organisationId ?? '')}
              empty={t('reception.overview.noChildren')}
            />
          </section>
          <section className="section" aria-labelledby="map-heading">
            <h2 id="map-heading">{t('reception.map.title')}</h2>
            {points.data ? <EuropeMap points={points.data.items} caption={t('reception.map.caption', { resource: label(resource), name: data.data.territory.name })} /> : points.error ? <ErrorState error={points.error} onRetry={points.reload} /> : <Loading />}
          </section>
        </>
      )}
    </>
  );
}
