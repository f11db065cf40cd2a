import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Right } from '../../api/types';
import { Loading } from '../../ui/Loading';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useAuth } from './AuthContext';

/** Signed-in users only; with `right`, users lacking it see "not found" (existence does not leak). */
export function RequireAuth({ children, right }: { children: ReactNode; right?: Right }) {
  const { status, can } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading block />;
  if (status === 'signedOut') {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  if (right && !can(right)) return <NotFoundPage />;
  return <>{children}</>;
}
