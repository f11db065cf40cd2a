import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HomeCard } from '../../ui/HomeCard';
import { PageTitle } from '../../ui/PageTitle';
import { useAuth } from '../auth/AuthContext';
import { features } from '../index';

/**
 * The signed-in user's starting point: what needs them today. Each feature brings its cards
 * (Feature.home) and says whom they are for; this page only lays out those the user is admitted to.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  if (!me) return null;
  const widgets = features.flatMap((f) => f.home ?? []).filter((w) => w.show({ can, me }));
  const organisation = me.organisation;

  return (
    <>
      <PageTitle documentTitle={t('home.documentTitle')}>{t('home.title', { name: me.displayName })}</PageTitle>
      <p className="lead">
        {t('home.introToday', { role: t(`roles.${me.role}`), organisation: organisation.name })}{' '}
        {can('organisations.read') && <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{t('home.aboutOrganisation')}</Link>}
        {can('territories.read') && (
          <>
            {' · '}
            <Link to={`/territories/${encodeURIComponent(organisation.territory.code)}`}>{t('home.openTerritory', { name: organisation.territory.name })}</Link>
          </>
        )}
      </p>
      {widgets.length === 0 ? (
        <p>{t('home.nothing')}</p>
      ) : (
        <div className="home-cards">
          {widgets.map((w) => (
            <Suspense key={w.id} fallback={<HomeCard title={t('common.loading')} loading />}>
              {w.element}
            </Suspense>
          ))}
        </div>
      )}
    </>
  );
}
