import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useApi } from '../../api/useApi';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';
import { NotFoundPage } from '../errors/NotFoundPage';
import { getTerritory } from './api';
import { TerritorySearch } from './TerritorySearch';
import { TerritoryView } from './TerritoryView';

export function TerritoryPage() {
  const { t } = useTranslation();
  const { code = 'EU' } = useParams();
  const { can } = useAuth();
  const { data, error, reload } = useApi(code, (signal) => getTerritory(code, signal));

  if (error?.status === 404) return <NotFoundPage />;
  const territory = data && data.code === code ? data : undefined;
  const title = territory?.name ?? t('territory.title');
  // Search within the country (or everywhere from the EU root).
  const countryCode = territory ? (territory.level === 'eu' ? null : (territory.country ?? territory.code)) : null;
  const countryName = territory
    ? territory.level === 'eu'
      ? territory.name
      : territory.level === 'country'
        ? territory.name
        : (territory.ancestors.find((a) => a.level === 'country')?.name ?? territory.name)
    : '';

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !territory ? (
        <Loading />
      ) : (
        <>
          <TerritoryView territory={territory} />
          {can('organisations.read') && (
            <p>
              <Link to={`/organisations?territory=${encodeURIComponent(territory.code)}`}>
                {t('territory.organisationsLink', { name: territory.name })}
              </Link>
            </p>
          )}
          <TerritorySearch key={countryCode ?? 'EU'} within={countryCode} withinName={countryName} />
        </>
      )}
    </>
  );
}
