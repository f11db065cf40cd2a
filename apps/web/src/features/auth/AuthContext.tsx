import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedHandler } from '../../api/client';
import type { Me, Right } from '../../api/types';
import i18n, { setLanguage, storedLanguage, toSupported, type LanguageCode } from '../../i18n';

type Status = 'loading' | 'signedIn' | 'signedOut';

interface AuthValue {
  status: Status;
  me: Me | null;
  /** Error while finding out whether a session exists (server unreachable, 5xx). */
  bootError: ApiError | null;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  changeLanguage: (code: LanguageCode) => Promise<void>;
  can: (right: Right) => boolean;
  retry: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [bootError, setBootError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    api<Me>('/me').then(
      (result) => {
        if (cancelled) return;
        setMe(result);
        setStatus('signedIn');
        setBootError(null);
        // A choice made in this browser wins; otherwise use the one saved in the profile.
        const saved = toSupported(result.locale);
        const chosen = storedLanguage();
        if (!chosen && saved && saved !== i18n.language) void setLanguage(saved);
        else if (chosen && chosen !== saved) {
          // Chosen in this browser while signed out: keep the profile in step.
          api<Me>('/me', { method: 'PATCH', body: { locale: chosen } }).then((updated) => !cancelled && setMe(updated), () => undefined);
        }
      },
      (err: unknown) => {
        if (cancelled) return;
        setMe(null);
        setStatus('signedOut');
        if (err instanceof ApiError && err.status !== 401) setBootError(err);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      setStatus('signedOut');
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await api<Me>('/auth/sign-in', { method: 'POST', body: { email, password } });
    const saved = toSupported(result.locale);
    if (saved) {
      if (saved !== i18n.language) await setLanguage(saved);
    } else {
      // First sign-in: keep the language chosen on the sign-in page in the profile.
      api<Me>('/me', { method: 'PATCH', body: { locale: i18n.language } }).catch(() => undefined);
    }
    setMe(result);
    setStatus('signedIn');
    setBootError(null);
    return result;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api<void>('/auth/sign-out', { method: 'POST' });
    } finally {
      setMe(null);
      setStatus('signedOut');
    }
  }, []);

  const changeLanguage = useCallback(
    async (code: LanguageCode) => {
      await setLanguage(code);
      if (status === 'signedIn') {
        try {
          const updated = await api<Me>('/me', { method: 'PATCH', body: { locale: code } });
          setMe(updated);
        } catch {
          /* the choice is still remembered in this browser */
        }
      }
    },
    [status],
  );

  const can = useCallback((right: Right) => !!me?.rights.includes(right), [me]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  const value = useMemo<AuthValue>(
    () => ({ status, me, bootError, signIn, signOut, changeLanguage, can, retry }),
    [status, me, bootError, signIn, signOut, changeLanguage, can, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
