import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../errors/ErrorState';
import { getTerritory } from '../territories/api';
import { ChildrenSection, TerritoryBreadcrumb, TerritoryFacts } from '../territories/TerritoryView';

/** The signed-in user's starting point: their organisation and the territory it serves. */
export function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const code = me?.organisation.territory.code ?? null;
  const canReadTerritories = can('territories.read');
  const { data: territory, error, reload } = useApi(canReadTerritories ? code : null, (signal) => getTerritory(code!, signal));
  if (!me) return null;
  const organisation = me.organisation;
  const title = t('home.title', { name: me.displayName });

  return (
    <>
      <PageTitle documentTitle={t('home.documentTitle')}>{title}</PageTitle>
      <p className="lead">{t('home.intro', { role: t(`roles.${me.role}`) })}</p>

      <section aria-labelledby="home-organisation" className="section card">
        <h2 id="home-organisation">{t('home.yourOrganisation')}</h2>
        <p className="card__title">
          {can('organisations.read') ? (
            <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{organisation.name}</Link>
          ) : (
            organisation.name
          )}
        </p>
        <p className="muted">{t(`kinds.${organisation.kind}`)}</p>
      </section>

      <section aria-labelledby="home-territory" className="section">
        <h2 id="home-territory">
          {t('home.yourTerritory', { name: organisation.territory.name, level: t(`levels.${organisation.territory.level}`) })}
        </h2>
        {!canReadTerritories ? (
          <p>{organisation.territory.name}</p>
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !territory ? (
          <Loading />
        ) : (
          <>
            <TerritoryBreadcrumb territory={territory} />
            <TerritoryFacts territory={territory} />
            <p>
              <Link to={`/territories/${encodeURIComponent(territory.code)}`} className="link-strong">
                {t('home.openTerritory', { name: territory.name })}
              </Link>
            </p>
            <ChildrenSection key={territory.code} territory={territory} headingLevel={3} />
          </>
        )}
      </section>
    </>
  );
}
