// What a feature folder gives the web app: its pages (routes) and its entries in the navigation.
// Each features/<capability>/routes.tsx exports one Feature; features/index.ts lists them, and
// App.tsx reads only that list. A new capability is its folder and one line there.
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { Me, Right } from '../api/types';

export interface FeatureRoute {
  path: string;
  element: ReactNode;
  /** Signed-in users only; with a right, those lacking it see "not found". Omit for public pages. */
  auth?: { right?: Right };
}

export interface NavContext {
  can: (right: Right) => boolean;
  me: Me | null;
}

export interface FeatureNavItem {
  to: string;
  /** Translation key of the link text. */
  label: string;
  end?: boolean;
  badge?: ReactNode;
  /** Whether the signed-in user sees the link. */
  show: (ctx: NavContext) => boolean;
}

export interface Feature {
  name: string;
  routes: FeatureRoute[];
  /** Links in the navigation, in the order given (features in the list's order). */
  nav?: FeatureNavItem[];
  /** Cards on the home page ("what needs me today"), shown to those `show` admits. */
  home?: HomeWidget[];
}

export interface HomeWidget {
  /** Unique across features: 'reception.notices-due'. */
  id: string;
  show: (ctx: NavContext) => boolean;
  /** A card: a heading, figures from the same API as the page it links to, and the link. */
  element: ReactNode;
}

/**
 * A page in its own chunk, loaded when its route is first shown: the first screen downloads the
 * shell and that page only (App.tsx wraps the routes in Suspense). Adapts a named export to React.lazy.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
