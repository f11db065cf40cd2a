import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AuthProvider, useAuth } from './features/auth/AuthContext';
import { RequireAuth } from './features/auth/RequireAuth';
import { SignInPage } from './features/auth/SignInPage';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { Alert } from './ui/Alert';
import { Loading } from './ui/Loading';
import { Button } from './ui/Button';
import { Layout, type NavItem } from './ui/Layout';
import { errorMessage } from './features/errors/errorMessage';
import { LiveProvider } from './features/reception/live';
import { UnreadBadge } from './features/reception/UnreadBadge';

/**
 * Each page is its own chunk, loaded when its route is first shown: the first screen downloads
 * the shell and that page only. `page()` adapts a named export to React.lazy.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const AuditPage = page(() => import('./features/audit/AuditPage'), 'AuditPage');
const HomePage = page(() => import('./features/home/HomePage'), 'HomePage');
const OrganisationPage = page(() => import('./features/organisations/OrganisationPage'), 'OrganisationPage');
const OrganisationsPage = page(() => import('./features/organisations/OrganisationsPage'), 'OrganisationsPage');
const RolesPage = page(() => import('./features/roles/RolesPage'), 'RolesPage');
const TerritoryPage = page(() => import('./features/territories/TerritoryPage'), 'TerritoryPage');
const UsersAdminPage = page(() => import('./features/users/UsersAdminPage'), 'UsersAdminPage');
const PlacementPage = page(() => import('./features/placement/PlacementPage'), 'PlacementPage');
const RunPage = page(() => import('./features/placement/RunPage'), 'RunPage');
const ExportPage = page(() => import('./features/pathways/ExportPage'), 'ExportPage');
const PeoplePage = page(() => import('./features/pathways/PeoplePage'), 'PeoplePage');
const PersonPage = page(() => import('./features/pathways/PersonPage'), 'PersonPage');
const ReferralsPage = page(() => import('./features/pathways/ReferralsPage'), 'ReferralsPage');
const StatusTypesPage = page(() => import('./features/pathways/StatusTypesPage'), 'StatusTypesPage');
const TemplatesPage = page(() => import('./features/pathways/TemplatesPage'), 'TemplatesPage');
const SubjectRequestsPage = page(() => import('./features/pathways/SubjectRequestsPage'), 'SubjectRequestsPage');
const WorklistPage = page(() => import('./features/pathways/WorklistPage'), 'WorklistPage');
const CapacityPage = page(() => import('./features/reception/CapacityPage'), 'CapacityPage');
const DashboardPage = page(() => import('./features/reception/DashboardPage'), 'DashboardPage');
const NoticePage = page(() => import('./features/reception/NoticePage'), 'NoticePage');
const NoticesPage = page(() => import('./features/reception/NoticesPage'), 'NoticesPage');
const NotificationsPage = page(() => import('./features/reception/NotificationsPage'), 'NotificationsPage');
const ResourceTypesPage = page(() => import('./features/reception/ResourceTypesPage'), 'ResourceTypesPage');

/** While a page's code loads: an announced status, in a box the size of a page heading. */
function PageLoading() {
  return (
    <div className="page-loading">
      <Loading />
      <span className="page-loading__title" aria-hidden="true" />
    </div>
  );
}

function Account() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <div className="account">
      <p className="account__who">
        <span className="account__name">{me.displayName}</span>
        <span className="account__org">{me.organisation.name}</span>
      </p>
      <Button
        variant="inverse"
        className="account__sign-out"
        onClick={async () => {
          await signOut().catch(() => undefined);
          navigate('/sign-in', { replace: true });
        }}
      >
        {t('layout.signOut')}
      </Button>
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { status, can, changeLanguage, bootError, retry, me } = useAuth();
  const { pathname } = useLocation();

  const navItems = useMemo<NavItem[]>(() => {
    if (status !== 'signedIn') return [];
    const items: NavItem[] = [{ to: '/', label: t('nav.home'), end: true }];
    if (can('territories.read')) items.push({ to: '/territories/EU', label: t('nav.territories') });
    if (can('organisations.read')) items.push({ to: '/organisations', label: t('nav.organisations') });
    if (can('placement.manage')) items.push({ to: '/placement', label: t('nav.placement') });
    if (can('people.read')) items.push({ to: '/worklist', label: t('pathways.nav.worklist') }, { to: '/people', label: t('pathways.nav.people') });
    if (can('people.read') && can('shared.write')) items.push({ to: '/pathways/templates', label: t('pathways.nav.templates') });
    if (can('referrals.receive')) items.push({ to: '/referrals', label: t('pathways.nav.referrals') });
    if (can('people.rights') && can('audit.read')) items.push({ to: '/subject-requests', label: t('pathways.nav.dpo') });
    if (can('status_types.manage')) items.push({ to: '/admin/status-types', label: t('pathways.nav.statusTypes') });
    if (can('users.manage')) items.push({ to: '/admin/users', label: t('nav.users') });
    if (can('audit.read')) items.push({ to: '/audit', label: t('nav.audit') });
    if (me?.organisation.kind === 'municipality' && can('shared.read')) items.push({ to: '/reception/capacity', label: t('reception.nav.capacity') });
    if (can('aggregates.read')) items.push({ to: '/reception/overview', label: t('reception.nav.overview') });
    if (can('shared.read')) items.push({ to: '/reception/notices', label: t('reception.nav.notices') });
    if (can('shared.read') || can('aggregates.read')) items.push({ to: '/reception/notifications', label: t('reception.nav.notifications'), badge: <UnreadBadge /> });
    // Adding a resource type needs organisations.manage (platform administrators), as the API does.
    if (can('organisations.manage')) items.push({ to: '/reception/resource-types', label: t('reception.nav.resourceTypes') });
    items.push({ to: '/roles', label: t('nav.roles') });
    return items;
  }, [status, can, t, me]);

  return (
    <LiveProvider enabled={status === 'signedIn' && (can('shared.read') || can('aggregates.read'))}>
    <Layout navItems={navItems} navPending={status === 'loading' && pathname !== '/sign-in'} account={<Account />} onLanguageChange={(code) => void changeLanguage(code)}>
      {bootError && (
        <Alert tone="error" title={t('errors.title')}>
          <p>{errorMessage(bootError, t)}</p>
          <Button variant="secondary" onClick={retry}>
            {t('common.retry')}
          </Button>
        </Alert>
      )}
      <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/" element={<RequireAuth><HomePage /></RequireAuth>} />
        <Route path="/territories/:code" element={<RequireAuth right="territories.read"><TerritoryPage /></RequireAuth>} />
        <Route path="/organisations" element={<RequireAuth right="organisations.read"><OrganisationsPage /></RequireAuth>} />
        <Route path="/organisations/:id" element={<RequireAuth right="organisations.read"><OrganisationPage /></RequireAuth>} />
        <Route path="/admin/users" element={<RequireAuth right="users.manage"><UsersAdminPage /></RequireAuth>} />
        <Route path="/placement" element={<RequireAuth right="placement.manage"><PlacementPage /></RequireAuth>} />
        <Route path="/placement/runs/:id" element={<RequireAuth right="placement.manage"><RunPage /></RequireAuth>} />
        <Route path="/audit" element={<RequireAuth right="audit.read"><AuditPage /></RequireAuth>} />
        <Route path="/roles" element={<RequireAuth><RolesPage /></RequireAuth>} />
        <Route path="/reception/capacity" element={<RequireAuth right="shared.read"><CapacityPage /></RequireAuth>} />
        <Route path="/reception/capacity/:organisationId" element={<RequireAuth right="shared.read"><CapacityPage /></RequireAuth>} />
        <Route path="/reception/overview" element={<RequireAuth right="aggregates.read"><DashboardPage /></RequireAuth>} />
        <Route path="/reception/notices" element={<RequireAuth right="shared.read"><NoticesPage /></RequireAuth>} />
        <Route path="/reception/notices/:id" element={<RequireAuth right="shared.read"><NoticePage /></RequireAuth>} />
        <Route path="/reception/resource-types" element={<RequireAuth right="organisations.manage"><ResourceTypesPage /></RequireAuth>} />
        <Route path="/reception/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
        <Route path="/people" element={<RequireAuth right="people.read"><PeoplePage /></RequireAuth>} />
        <Route path="/people/:id" element={<RequireAuth right="people.read"><PersonPage /></RequireAuth>} />
        <Route path="/people/:id/export" element={<RequireAuth right="people.rights"><ExportPage /></RequireAuth>} />
        <Route path="/worklist" element={<RequireAuth right="people.read"><WorklistPage /></RequireAuth>} />
        <Route path="/pathways/templates" element={<RequireAuth right="shared.write"><TemplatesPage /></RequireAuth>} />
        <Route path="/referrals" element={<RequireAuth right="referrals.receive"><ReferralsPage /></RequireAuth>} />
        <Route path="/subject-requests" element={<RequireAuth right="people.rights"><SubjectRequestsPage /></RequireAuth>} />
        <Route path="/admin/status-types" element={<RequireAuth right="status_types.manage"><StatusTypesPage /></RequireAuth>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      </Suspense>
    </Layout>
    </LiveProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  );
}
