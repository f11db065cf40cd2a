import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import type { LanguageCode } from '../i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import { PAGE_TITLE_ID } from './PageTitle';
import { SkipLink } from './SkipLink';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Shown after the label inside the link (e.g. an unread count with its visually hidden text). */
  badge?: ReactNode;
}

export interface LayoutProps {
  navItems: NavItem[];
  /** Signed-in user's name and organisation, and the sign-out button. */
  account?: ReactNode;
  onLanguageChange: (code: LanguageCode) => void;
  /** The session is being checked: keep the navigation's room, so the page does not jump when it arrives. */
  navPending?: boolean;
  children: ReactNode;
}

/** Moves focus to the page's h1 whenever the path changes (not on first load). */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.getElementById(PAGE_TITLE_ID);
    if (heading) heading.focus({ preventScroll: false });
    else document.getElementById('main')?.focus();
  }, [pathname]);
}

export function Layout({ navItems, account, onLanguageChange, navPending = false, children }: LayoutProps) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  useFocusOnNavigate();
  return (
    <div className="app">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner">
          <p className="brand">
            <NavLink to="/" className="brand__link">
              <span className="brand__name">localpact</span>
              <span className="brand__tagline">{t('layout.tagline')}</span>
            </NavLink>
          </p>
          {/* The account comes first: when it appears after sign-in, the language switcher stays put. */}
          <div className="app-header__tools">
            {account}
            <LanguageSwitcher onChange={onLanguageChange} />
          </div>
        </div>
      </header>
      <div className="app-body">
        {navItems.length === 0 && navPending && <div className="app-nav app-nav--pending" aria-hidden="true" />}
        {navItems.length > 0 && (
          <nav className="app-nav" aria-label={t('layout.mainNavigation')}>
            <ul>
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="app-nav__link">
                    {item.label}
                    {item.badge}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1} className="app-main" data-path={pathname + search}>
          {children}
        </main>
      </div>
      <footer className="app-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </div>
  );
}
