import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { Organisation } from '../../api/types';
import { Breadcrumb } from '../../ui/Breadcrumb';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';
import { NotFoundPage } from '../errors/NotFoundPage';

function getOrganisation(id: string, signal?: AbortSignal) {
  return api<Organisation>(`/organisations/${encodeURIComponent(id)}`, { signal });
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, reload } = useApi(id, (signal) => getOrganisation(id, signal));
  const organisation = data && data.id === id ? data : undefined;
  const parentId = organisation?.parentId ?? null;
  const parent = useApi(parentId, (signal) => getOrganisation(parentId!, signal));

  // 400: not an organisation id at all; 404: unknown or out of reach.
  if (error?.status === 404 || error?.status === 400) return <NotFoundPage />;
  const title = organisation?.name ?? t('organisations.detailTitle');
  return (
    <>
      <Breadcrumb items={[{ label: t('organisations.title'), to: '/organisations' }, { label: title }]} />
      <PageTitle documentTitle={title}>{title}</PageTitle>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !organisation ? (
        <Loading />
      ) : (
        <dl className="facts facts--wide">
          <div>
            <dt>{t('organisations.kind')}</dt>
            <dd>{t(`kinds.${organisation.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('organisations.territory')}</dt>
            <dd>
              <Link to={`/territories/${encodeURIComponent(organisation.territory.code)}`}>{organisation.territory.name}</Link>{' '}
              <span className="muted">({t(`levels.${organisation.territory.level}`)})</span>
            </dd>
          </div>
          <div>
            <dt>{t('organisations.parent')}</dt>
            <dd>
              {parentId ? (
                <Link to={`/organisations/${encodeURIComponent(parentId)}`}>
                  {(!parent.loading && parent.data?.id === parentId && parent.data.name) || t('organisations.parentLink')}
                </Link>
              ) : (
                <span className="muted">{t('common.none')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('organisations.email')}</dt>
            <dd>
              {organisation.email ? (
                <a href={`mailto:${organisation.email}`}>
                  <bdi>{organisation.email}</bdi>
                </a>
              ) : (
                <span className="muted">{t('common.none')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('organisations.website')}</dt>
            <dd>
              {organisation.website && /^https?:\/\//i.test(organisation.website) ? (
                <a href={organisation.website} rel="noopener noreferrer" target="_blank">
                  <bdi>{organisation.website}</bdi>
                  <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
                </a>
              ) : organisation.website ? (
                <bdi>{organisation.website}</bdi>
              ) : (
                <span className="muted">{t('common.none')}</span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </>
  );
}
