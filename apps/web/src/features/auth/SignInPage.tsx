import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { useAuth } from './AuthContext';
import { errorMessage } from '../errors/errorMessage';

export function SignInPage() {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (status === 'signedIn' && !busy) return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: { email?: string; password?: string } = {};
    if (!email.trim()) errors.email = t('signIn.emailRequired');
    if (!password) errors.password = t('signIn.passwordRequired');
    setFieldErrors(errors);
    setError(null);
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(from, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signIn.wrongCredentials'));
      // The server says how long to wait (Retry-After, and in words in the detail).
      else if (err instanceof ApiError && err.status === 429) setError(err.detail ?? t('signIn.rateLimited'));
      else setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <PageTitle documentTitle={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <p className="lead">{t('signIn.intro')}</p>
      {error && (
        <Alert tone="error" title={t('signIn.failed')}>
          <p>{error}</p>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate className="form sign-in__form" aria-describedby="sign-in-hint">
        <TextField
          ref={emailRef}
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          ref={passwordRef}
          label={t('signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" busy={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </form>
      <p id="sign-in-hint" className="hint-box">
        {t('signIn.demoHint', { password: 'localpact-demo' })}
      </p>
    </div>
  );
}
