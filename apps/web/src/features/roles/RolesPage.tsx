import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import type { RoleRights } from '../../api/types';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/PageTitle';
import { ErrorState } from '../errors/ErrorState';

/** Who may do what: one row per right, one column per role. */
export function RolesPage() {
  const { t } = useTranslation();
  const { data, error, reload } = useApi('roles', (signal) => api<{ items: RoleRights[] }>('/roles', { signal }));
  const roles = data?.items ?? [];
  const rights = [...new Set(roles.flatMap((r) => r.rights))].sort();
  const rightLabel = (right: string) => t(`rights.${right}`, { defaultValue: right });

  return (
    <>
      <PageTitle documentTitle={t('rolesPage.title')}>{t('rolesPage.title')}</PageTitle>
      <p className="lead">{t('rolesPage.intro')}</p>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
        <section className="section" aria-labelledby="roles-meanings">
          <h2 id="roles-meanings">{t('rolesPage.rolesTitle')}</h2>
          <dl className="facts">
            {roles.map((r) => (
              <div key={r.role}>
                <dt>{t(`roles.${r.role}`)}</dt>
                <dd>{t(`rolesPage.roleMeanings.${r.role}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="table-wrap table-wrap--scroll" role="region" aria-labelledby="roles-caption" tabIndex={0}>
          <table className="table table--matrix">
            <caption id="roles-caption" className="table__caption">
              {t('rolesPage.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('rolesPage.right')}</th>
                {roles.map((r) => (
                  <th scope="col" key={r.role}>
                    {t(`roles.${r.role}`, { defaultValue: r.role })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rights.map((right) => (
                <tr key={right}>
                  <th scope="row">
                    {rightLabel(right)}
                    <br />
                    <span className="muted">{t(`rolesPage.rightMeanings.${right}`, { defaultValue: '' })}</span>
                  </th>
                  {roles.map((r) => {
                    const granted = r.rights.includes(right);
                    return (
                      <td key={r.role} className={granted ? 'matrix__yes' : 'matrix__no'}>
                        <span aria-hidden="true">{granted ? '✓' : '–'}</span>
                        <span className="visually-hidden">{granted ? t('rolesPage.granted') : t('rolesPage.notGranted')}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
              {roles.some((r) => r.sharedReach) && (
                <tr>
                  <th scope="row">{t('rolesPage.sharedReach')}</th>
                  {roles.map((r) => (
                    <td key={r.role}>{r.sharedReach ? t(`rolesPage.reach.${r.sharedReach}`, { defaultValue: r.sharedReach }) : ''}</td>
                  ))}
                </tr>
              )}
              {roles.some((r) => r.peopleReach) && (
                <tr>
                  <th scope="row">{t('rolesPage.peopleReach')}</th>
                  {roles.map((r) => (
                    <td key={r.role}>{r.peopleReach ? t(`rolesPage.reach.${r.peopleReach}`, { defaultValue: r.peopleReach }) : ''}</td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </div>
        </>
      )}
    </>
  );
}
