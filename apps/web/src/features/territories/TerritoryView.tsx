import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import type { Territory, TerritoryDetail } from '../../api/types';
import { useFormat } from '../../i18n';
import { Breadcrumb } from '../../ui/Breadcrumb';
import { Loading } from '../../ui/Loading';
import { Pagination } from '../../ui/Pagination';
import { Table, type Column } from '../../ui/Table';
import { ErrorState } from '../errors/ErrorState';
import { getChildren, type ChildSort } from './api';

export const CHILDREN_PAGE_SIZE = 50;

export function TerritoryBreadcrumb({ territory }: { territory: TerritoryDetail }) {
  return (
    <Breadcrumb
      items={[
        ...territory.ancestors.map((a) => ({ label: a.name, to: `/territories/${encodeURIComponent(a.code)}` })),
        { label: territory.name },
      ]}
    />
  );
}

export function TerritoryFacts({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  return (
    <dl className="facts">
      <div>
        <dt>{t('territory.level')}</dt>
        <dd>{t(`levels.${territory.level}`)}</dd>
      </div>
      <div>
        <dt>{t('territory.code')}</dt>
        <dd>
          <bdi>{territory.code}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t('territory.population')}</dt>
        <dd data-testid="population">
          {territory.population === null ? t('territory.populationUnknown') : number(territory.population)}
        </dd>
      </div>
      <div>
        <dt>{t('territory.subTerritories')}</dt>
        <dd>{number(territory.childCount)}</dd>
      </div>
    </dl>
  );
}

export function ChildrenSection({ territory, headingLevel = 2 }: { territory: Territory; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<ChildSort>('name');
  const key = territory.childCount > 0 ? `${territory.code}|${offset}|${sort}` : null;
  const { data, error, loading, reload } = useApi(key, (signal) =>
    getChildren(territory.code, { limit: CHILDREN_PAGE_SIZE, offset, sort }, signal),
  );
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `children-${territory.code}`;

  const columns: Column<Territory>[] = [
    {
      key: 'name',
      header: t('territory.name'),
      sortable: true,
      rowHeader: true,
      cell: (row) => <Link to={`/territories/${encodeURIComponent(row.code)}`}>{row.name}</Link>,
    },
    { key: 'level', header: t('territory.level'), cell: (row) => t(`levels.${row.level}`) },
    {
      key: 'population',
      header: t('territory.population'),
      sortable: true,
      numeric: true,
      cell: (row) => (row.population === null ? t('territory.populationUnknown') : number(row.population)),
    },
    {
      key: 'childCount',
      header: t('territory.subTerritories'),
      numeric: true,
      cell: (row) => number(row.childCount),
    },
  ];

  return (
    <section aria-labelledby={headingId} className="section">
      <Heading id={headingId}>{t('territory.childrenHeading', { name: territory.name })}</Heading>
      {territory.childCount === 0 ? (
        <p>{t('territory.noChildren')}</p>
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading block />
      ) : (
        <>
          <Table
            caption={t('territory.childrenCaption', { name: territory.name, count: data.total })}
            columns={columns}
            rows={data.items}
            rowKey={(row) => row.code}
            sort={{ key: sort, direction: sort === 'name' ? 'ascending' : 'descending' }}
            onSort={(column) => {
              if (column === 'name' || column === 'population') {
                setSort(column);
                setOffset(0);
              }
            }}
          />
          {loading && <Loading />}
          <Pagination
            total={data.total}
            limit={CHILDREN_PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
            label={t('territory.childrenPages')}
          />
        </>
      )}
    </section>
  );
}

/** Breadcrumb, key facts and sub-territories of one territory. */
export function TerritoryView({ territory }: { territory: TerritoryDetail }) {
  return (
    <>
      <TerritoryBreadcrumb territory={territory} />
      <TerritoryFacts territory={territory} />
      <ChildrenSection key={territory.code} territory={territory} />
    </>
  );
}
