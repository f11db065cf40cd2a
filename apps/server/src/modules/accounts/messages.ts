// Server messages of accounts, in every language of the UI; the platform merges them (platform/i18n.ts).
import type { Messages } from '../../platform/i18n.ts';

export const messages: Messages = {
  en: {
    "problem.bad_credentials": "Wrong email or password",
    "problem.bad_credentials.detail": "The email or the password is not right, or the account is disabled.",
    "validation.password_weak": "must have at least 12 characters",
  },
  fr: {
    "problem.bad_credentials": "Adresse e-mail ou mot de passe erroné",
    "problem.bad_credentials.detail": "L'adresse e-mail ou le mot de passe n'est pas correct, ou le compte est désactivé.",
    "validation.password_weak": "doit comporter au moins 12 caractères",
  },
  de: {
    "problem.bad_credentials": "E-Mail oder Passwort falsch",
    "problem.bad_credentials.detail": "E-Mail-Adresse oder Passwort stimmen nicht, oder das Konto ist deaktiviert.",
    "validation.password_weak": "muss mindestens 12 Zeichen haben",
  },
  uk: {
    "problem.bad_credentials": "Неправильна електронна адреса або пароль",
    "problem.bad_credentials.detail": "Електронна адреса або пароль неправильні, або обліковий запис вимкнено.",
    "validation.password_weak": "має містити щонайменше 12 символів",
  },
  ar: {
    "problem.bad_credentials": "البريد الإلكتروني أو كلمة المرور خاطئة",
    "problem.bad_credentials.detail": "البريد الإلكتروني أو كلمة المرور غير صحيحة، أو الحساب معطّل.",
    "validation.password_weak": "يجب أن تحتوي على 12 حرفًا على الأقل",
  },
};
