// The reception cards of the home page: notices awaiting an answer with their deadlines and the
// escalations (overdue answers) in reach; a municipality's capacity that is stale or nearly full;
// a coordinator's municipalities near full; the EU observer's picture by country with its trend.
// Figures come from the endpoints of the pages they link to.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { HomeCard, HomeFigure, HomeFigures, HomeList } from '../../ui/HomeCard';
import { Table } from '../../ui/Table';
import { TrendChart } from '../../ui/TrendChart';
import { territoryName } from '../../ui/names';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { capacityOf, mapPoints, resourceLabel, resourceTypes, rollup, worklist, type Rollup } from './api';

/** A declaration not updated for this many days is stale: the figures others plan with may be wrong. */
export const STALE_DAYS = 7;
/** At or above this share of places in use, a resource is nearly full. */
export const NEARLY_FULL = 0.9;
/** The resource the coordinators' and the observer's cards follow (the overview page's default). */
const MAIN_RESOURCE = 'emergency_beds';
const WEEKS = 8;

function useFormats() {
  const { i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return { when: (iso: string) => when.format(new Date(iso)), pct: (share: number) => pct.format(share) };
}

export function NoticesDueCard() {
  const { t } = useTranslation();
  const { when } = useFormats();
  const { data, error, reload } = useApi('home-reception-worklist', (s) => worklist(s));
  const awaiting = [...(data?.awaiting ?? [])].sort((a, b) => (a.nextBy ?? a.deadlineAt).localeCompare(b.nextBy ?? b.deadlineAt));
  return (
    <HomeCard title={t('homeCards.notices.title')} loading={!data} error={error && <ErrorState error={error} onRetry={reload} />}>
      {data && (
        <>
          <HomeFigures>
            <HomeFigure value={awaiting.length} label={t('homeCards.notices.awaiting', { count: awaiting.length })} to="/reception/notices" tone={awaiting.length ? 'attention' : undefined} />
            <HomeFigure value={data.overdue.length} label={t('homeCards.notices.overdue', { count: data.overdue.length })} to="/reception/notices" tone={data.overdue.length ? 'attention' : undefined} />
          </HomeFigures>
          {awaiting.length > 0 && (
            <HomeList label={t('homeCards.notices.awaitingList')}>
              {awaiting.slice(0, 5).map((n) => (
                <li key={n.id}>
                  <Link to={`/reception/notices/${n.id}`}>{t('homeCards.notices.item', { reference: n.reference, issuer: n.issuer.name, count: n.persons })}</Link>
                  <span className="home-list__when">{t('homeCards.notices.answerBy', { when: when(n.nextBy ?? n.deadlineAt) })}</span>
                </li>
              ))}
            </HomeList>
          )}
        </>
      )}
    </HomeCard>
  );
}

export function CapacityCheckCard() {
  const { t, i18n } = useTranslation();
  const { pct } = useFormats();
  const { me } = useAuth();
  const orgId = me?.organisation.id ?? null;
  const cap = useApi(orgId, (s) => capacityOf(orgId!, null, s));
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const staleBefore = Date.now() - STALE_DAYS * 86_400_000;
  const items = cap.data?.items ?? [];
  const stale = items.filter((d) => d.version > 0 && d.updatedAt !== null && new Date(d.updatedAt).getTime() < staleBefore);
  const never = items.filter((d) => d.version === 0);
  const full = items.filter((d) => d.total > 0 && (d.total - d.free) / d.total >= NEARLY_FULL);
  const label = (code: string) => resourceLabel(types.data?.items, code, i18n.language);
  return (
    <HomeCard title={t('homeCards.capacity.title')} loading={!cap.data} error={cap.error && <ErrorState error={cap.error} onRetry={cap.reload} />}>
      {cap.data && (
        <>
          <HomeFigures>
            <HomeFigure value={full.length} label={t('homeCards.capacity.full', { count: full.length })} to="/reception/capacity" tone={full.length ? 'attention' : undefined} />
            <HomeFigure value={stale.length} label={t('homeCards.capacity.stale', { count: stale.length, days: STALE_DAYS })} to="/reception/capacity" tone={stale.length ? 'attention' : undefined} />
            <HomeFigure value={never.length} label={t('homeCards.capacity.never', { count: never.length })} to="/reception/capacity" />
          </HomeFigures>
          {full.length > 0 && (
            <HomeList label={t('homeCards.capacity.fullList')}>
              {full.map((d) => (
                <li key={d.resource}>
                  <Link to="/reception/capacity">{label(d.resource)}</Link>
                  <span className="home-list__when">{t('homeCards.capacity.inUse', { share: pct((d.total - d.free) / d.total), count: d.free })}</span>
                </li>
              ))}
            </HomeList>
          )}
        </>
      )}
    </HomeCard>
  );
}

export function NearFullCard() {
  const { t, i18n } = useTranslation();
  const { pct } = useFormats();
  const { me } = useAuth();
  const code = me?.organisation.territory.code ?? null;
  const points = useApi(code ? `near-full|${code}` : null, (s) => mapPoints(code!, MAIN_RESOURCE, s));
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const near = (points.data?.items ?? []).filter((p) => p.organisationId && p.total > 0 && (p.total - p.free) / p.total >= NEARLY_FULL)
    .sort((a, b) => a.free / a.total - b.free / b.total);
  return (
    <HomeCard title={t('homeCards.nearFull.title', { resource: resourceLabel(types.data?.items, MAIN_RESOURCE, i18n.language) })} loading={!points.data} error={points.error && <ErrorState error={points.error} onRetry={points.reload} />}>
      {points.data && (
        <>
          <HomeFigures>
            <HomeFigure value={near.length} label={t('homeCards.nearFull.count', { count: near.length, total: points.data.items.length })} to="/reception/overview" tone={near.length ? 'attention' : undefined} />
          </HomeFigures>
          {near.length > 0 && (
            <HomeList label={t('homeCards.nearFull.list')}>
              {near.slice(0, 6).map((p) => (
                <li key={p.organisationId}>
                  <Link to={`/reception/capacity/${p.organisationId}`}>{p.name}</Link>
                  <span className="home-list__when">{t('homeCards.capacity.inUse', { share: pct((p.total - p.free) / p.total), count: p.free })}</span>
                </li>
              ))}
            </HomeList>
          )}
        </>
      )}
    </HomeCard>
  );
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const share = (f: Rollup['resources'][number] | undefined) => (f && f.total > 0 ? (f.total - f.free) / f.total : null);

/** Weekly roll-ups of the territory, oldest first: a past day's figures are those at its end. */
async function weekly(territory: string, signal: AbortSignal): Promise<Array<{ date: string; rollup: Rollup }>> {
  const now = Date.now();
  const dates = Array.from({ length: WEEKS }, (_, i) => isoDay(now - (WEEKS - 1 - i) * 7 * 86_400_000));
  // Today's figures are "now" (null), the others the end of their day.
  const rollups = await Promise.all(dates.map((d, i) => rollup(territory, i === WEEKS - 1 ? null : d, signal)));
  return dates.map((date, i) => ({ date, rollup: rollups[i] }));
}

export function EuropePictureCard() {
  const { t, i18n } = useTranslation();
  const { pct } = useFormats();
  const { me } = useAuth();
  const code = me?.organisation.territory.code ?? null;
  const { data, error, reload } = useApi(code ? `europe|${code}` : null, (s) => weekly(code!, s));
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const resource = resourceLabel(types.data?.items, MAIN_RESOURCE, i18n.language);
  const now = data?.[data.length - 1]?.rollup;
  const before = data?.[Math.max(0, data.length - 5)]?.rollup;
  const fig = (r: Rollup | undefined, childCode?: string) =>
    (childCode ? r?.children.find((c) => c.code === childCode)?.resources : r?.resources)?.find((f) => f.resource === MAIN_RESOURCE);
  const rows = (now?.children ?? []).map((c) => ({ code: c.code, name: territoryName(c.code, c.name, i18n.language), now: share(fig(now, c.code)), before: share(fig(before, c.code)), free: fig(now, c.code)?.free ?? 0 }))
    .filter((r) => r.now !== null).sort((a, b) => (b.now ?? 0) - (a.now ?? 0) || a.name.localeCompare(b.name, i18n.language));
  const points = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return (
    <div className="home-card--wide">
      <HomeCard title={t('homeCards.europe.title', { name: now ? territoryName(now.territory.code, now.territory.name, i18n.language) : '', resource })} loading={!data} error={error && <ErrorState error={error} onRetry={reload} />}>
        {data && now && (
          <>
            <TrendChart
              title={t('homeCards.europe.trend', { resource })}
              points={data.map((d) => ({ date: d.date, value: share(fig(d.rollup)) }))}
              format={pct}
              max={1}
            />
            <Table
              caption={t('homeCards.europe.byCountry', { resource })}
              rows={rows}
              rowKey={(r) => r.code}
              empty={t('charts.noData')}
              columns={[
                { key: 'name', header: t('homeCards.europe.country'), rowHeader: true, cell: (r) => <Link to={`/reception/overview?territory=${encodeURIComponent(r.code)}`}>{r.name}</Link> },
                { key: 'now', header: t('homeCards.europe.inUse'), numeric: true, cell: (r) => (r.now === null ? '—' : pct(r.now)) },
                { key: 'trend', header: t('homeCards.europe.change'), numeric: true, cell: (r) => (r.now === null || r.before === null ? t('charts.none') : t('homeCards.europe.points', { value: points.format((r.now - r.before) * 100) })) },
                { key: 'free', header: t('homeCards.europe.free'), numeric: true, cell: (r) => r.free },
              ]}
            />
            <p className="home-card__more"><Link to="/reception/overview">{t('homeCards.europe.open')}</Link></p>
          </>
        )}
      </HomeCard>
    </div>
  );
}

/** A municipality's places in use over the last weeks (the officer's trend), with "no data before" where its history starts. */
export function CapacityTrendCard() {
  const { t, i18n } = useTranslation();
  const { pct } = useFormats();
  const { me } = useAuth();
  const code = me?.organisation.territory.code ?? null;
  const { data, error, reload } = useApi(code ? `trend|${code}` : null, (s) => weekly(code!, s));
  const types = useApi('resource-types', (s) => resourceTypes(s));
  const resource = resourceLabel(types.data?.items, MAIN_RESOURCE, i18n.language);
  const figures = (r: Rollup) => r.resources.find((f) => f.resource === MAIN_RESOURCE);
  return (
    <HomeCard title={t('homeCards.trend.title', { resource })} loading={!data} error={error && <ErrorState error={error} onRetry={reload} />}>
      {data && (
        <>
          <TrendChart title={t('homeCards.europe.trend', { resource })} points={data.map((d) => ({ date: d.date, value: share(figures(d.rollup)) }))} format={pct} max={1} />
          <p className="home-card__more"><Link to="/reception/capacity">{t('homeCards.trend.open')}</Link></p>
        </>
      )}
    </HomeCard>
  );
}
