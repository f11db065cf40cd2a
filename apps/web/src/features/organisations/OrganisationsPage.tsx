import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, queryString } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ORGANISATION_KINDS, type Organisation, type Page } from '../../api/types';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { Pagination, useOffsetParam } from '../../ui/Pagination';
import { Select } from '../../ui/Select';
import { Table, type Column } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ErrorState } from '../errors/ErrorState';

const PAGE_SIZE = 25;

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const territory = params.get('territory') ?? '';
  const [offset, setOffset] = useOffsetParam();
  const [draftQ, setDraftQ] = useState(q);
  const [draftKind, setDraftKind] = useState(kind);
  useEffect(() => {
    setDraftQ(q);
    setDraftKind(kind);
  }, [q, kind]);

  const { data, error, loading, reload } = useApi(`${q}|${kind}|${territory}|${offset}`, (signal) =>
    api<Page<Organisation>>('/organisations', { query: { q, kind, territory, limit: PAGE_SIZE, offset }, signal }),
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftKind) next.set('kind', draftKind);
    if (territory) next.set('territory', territory);
    setParams(next);
  }

  const columns: Column<Organisation>[] = [
    {
      key: 'name',
      header: t('organisations.name'),
      rowHeader: true,
      cell: (o) => <Link to={`/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link>,
    },
    { key: 'kind', header: t('organisations.kind'), cell: (o) => t(`kinds.${o.kind}`) },
    {
      key: 'territory',
      header: t('organisations.territory'),
      cell: (o) => <Link to={`/territories/${encodeURIComponent(o.territory.code)}`}>{o.territory.name}</Link>,
    },
    {
      key: 'email',
      header: t('organisations.email'),
      cell: (o) => (o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : <span className="muted">{t('common.none')}</span>),
    },
  ];

  return (
    <>
      <PageTitle documentTitle={t('organisations.title')}>{t('organisations.title')}</PageTitle>
      {territory && (
        <p className="filter-chip">
          {t('organisations.territoryFilter', { code: territory })}{' '}
          <Link
            to={`/organisations${queryString({ q, kind })}`}
          >
            {t('organisations.removeTerritoryFilter')}
          </Link>
        </p>
      )}
      <form role="search" aria-label={t('organisations.filters')} onSubmit={apply} className="form form--filters">
        <TextField label={t('organisations.search')} type="search" value={draftQ} onChange={(e) => setDraftQ(e.target.value)} />
        <Select
          label={t('organisations.kind')}
          value={draftKind}
          onChange={(e) => setDraftKind(e.target.value)}
          emptyOption={t('organisations.anyKind')}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <Button type="submit">{t('common.apply')}</Button>
      </form>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <Table
            caption={t('organisations.caption', { count: data.total })}
            columns={columns}
            rows={data.items}
            rowKey={(o) => o.id}
            empty={t('organisations.empty')}
          />
          {loading && <Loading />}
          <Pagination
            total={data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
          />
        </>
      )}
    </>
  );
}
