import type { Feature } from '../../app/feature';
import { SignInPage } from './SignInPage';

export const authFeature: Feature = {
  name: 'auth',
  routes: [{ path: '/sign-in', element: <SignInPage /> }],
};
