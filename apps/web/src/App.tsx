import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AuthProvider, useAuth } from './features/auth/AuthContext';
import { RequireAuth } from './features/auth/RequireAuth';
import { NotFoundPage } from './features/errors/NotFoundPage';
import { features } from './features';
import { Alert } from './ui/Alert';
import { Loading } from './ui/Loading';
import { Button } from './ui/Button';
import { Layout, type NavItem } from './ui/Layout';
import { errorMessage } from './features/errors/errorMessage';
import { LiveProvider } from './features/reception/live';

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

  // Each feature's links, in the order of the feature list (features/index.ts).
  const navItems = useMemo<NavItem[]>(() => {
    if (status !== 'signedIn') return [];
    return features.flatMap((f) => f.nav ?? []).filter((n) => n.show({ can, me })).map((n) => ({ to: n.to, label: t(n.label), end: n.end, badge: n.badge }));
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
        {features.flatMap((f) => f.routes).map((r) => (
          <Route key={r.path} path={r.path} element={r.auth ? <RequireAuth right={r.auth.right}>{r.element}</RequireAuth> : r.element} />
        ))}
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
