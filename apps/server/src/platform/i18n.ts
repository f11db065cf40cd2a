// Server messages in the UI's languages. The client sends Accept-Language; problem details and
// validation messages come back in that language (English when none matches). The platform's own
// messages are below; each module brings its own (its manifest's `messages`), merged at start.
import { locales, type LocaleCode } from '@localpact/contracts';
import { securityMessages } from './messages-security.ts';

export { locales };
export type Locale = LocaleCode;

type Catalogue = Record<string, string>;
/** A module's messages: the same keys in every language. */
export type Messages = Record<Locale, Catalogue>;

const en: Catalogue = {
  "what.household": "household",
  'problem.validation': 'The request is not valid',
  'problem.validation.detail': 'Some fields are missing or wrong: see errors.',
  'problem.not_found': 'Not found',
  'problem.not_found.detail': 'There is no {{what}} here, or it is outside your reach.',
  'problem.unauthenticated': 'Sign-in required',
  'problem.unauthenticated.detail': 'Sign in to continue.',
  'problem.forbidden': 'Not allowed',
  'problem.forbidden.detail': 'Your role does not allow this action.',
  'problem.too_many_attempts': 'Too many failed sign-ins',
  'problem.too_many_attempts.detail': 'Wait {{minutes}} minutes before trying again.',
  'problem.conflict': 'Changed by someone else',
  'problem.conflict.detail': 'This {{what}} was changed since you opened it (version {{current}}). Reload and try again.',
  'problem.duplicate': 'Already exists',
  'problem.duplicate.detail': 'A {{what}} with this {{field}} already exists.',
  'problem.payload_too_large': 'Request too large',
  'problem.unsupported_media_type': 'Unsupported content type',
  'problem.bad_request': 'Bad request',
  'problem.internal': 'Something went wrong on our side',
  'problem.internal.detail': 'The error was logged. Nothing was changed.',
  'problem.method_not_allowed': 'Not allowed here',
  'what.territory': 'territory', 'what.organisation': 'organisation', 'what.user': 'user', 'what.route': 'page',
  'validation.required': 'is required',
  'validation.type': 'must be of type {{type}}',
  'validation.format': 'must be a valid {{format}}',
  'validation.minLength': 'must have at least {{limit}} characters',
  'validation.maxLength': 'must have at most {{limit}} characters',
  'validation.minimum': 'must be at least {{limit}}',
  'validation.maximum': 'must be at most {{limit}}',
  'validation.enum': 'must be one of: {{values}}',
  'validation.pattern': 'has the wrong form',
  'validation.additionalProperties': 'is not a known field',
  'validation.minItems': 'must have at least {{limit}} items',
  'validation.maxItems': 'must have at most {{limit}} items',
  'validation.invalid': 'is not valid',
  'validation.organisation_unknown': 'is not a known organisation',
  'validation.territory_unknown': 'is not a known territory',
  'validation.json': 'is not valid JSON',
};

const fr: Catalogue = {
  "what.household": "ménage",
  'problem.validation': "La requête n'est pas valide",
  'problem.validation.detail': 'Des champs manquent ou sont erronés : voir errors.',
  'problem.not_found': 'Introuvable',
  'problem.not_found.detail': "Il n'y a pas de {{what}} ici, ou il est hors de votre portée.",
  'problem.unauthenticated': 'Connexion requise',
  'problem.unauthenticated.detail': 'Connectez-vous pour continuer.',
  'problem.forbidden': 'Non autorisé',
  'problem.forbidden.detail': "Votre rôle ne permet pas cette action.",
  'problem.too_many_attempts': 'Trop de tentatives de connexion échouées',
  'problem.too_many_attempts.detail': 'Attendez {{minutes}} minutes avant de réessayer.',
  'problem.conflict': "Modifié par quelqu'un d'autre",
  'problem.conflict.detail': 'Cet élément ({{what}}) a été modifié depuis son ouverture (version {{current}}). Rechargez et réessayez.',
  'problem.duplicate': 'Existe déjà',
  'problem.duplicate.detail': 'Un élément ({{what}}) avec ce champ {{field}} existe déjà.',
  'problem.payload_too_large': 'Requête trop volumineuse',
  'problem.unsupported_media_type': 'Type de contenu non pris en charge',
  'problem.bad_request': 'Requête incorrecte',
  'problem.internal': 'Une erreur est survenue de notre côté',
  'problem.internal.detail': "L'erreur a été enregistrée. Rien n'a été modifié.",
  'problem.method_not_allowed': 'Non autorisé ici',
  'what.territory': 'territoire', 'what.organisation': 'organisation', 'what.user': 'utilisateur', 'what.route': 'page',
  'validation.required': 'est obligatoire',
  'validation.type': 'doit être de type {{type}}',
  'validation.format': 'doit être un {{format}} valide',
  'validation.minLength': 'doit comporter au moins {{limit}} caractères',
  'validation.maxLength': 'doit comporter au plus {{limit}} caractères',
  'validation.minimum': 'doit être au moins {{limit}}',
  'validation.maximum': 'doit être au plus {{limit}}',
  'validation.enum': "doit être l'une des valeurs : {{values}}",
  'validation.pattern': "n'a pas la bonne forme",
  'validation.additionalProperties': "n'est pas un champ connu",
  'validation.minItems': 'doit comporter au moins {{limit}} éléments',
  'validation.maxItems': 'doit comporter au plus {{limit}} éléments',
  'validation.invalid': "n'est pas valide",
  'validation.organisation_unknown': "n'est pas une organisation connue",
  'validation.territory_unknown': "n'est pas un territoire connu",
  'validation.json': "n'est pas du JSON valide",
};

const de: Catalogue = {
  "what.household": "Haushalt",
  'problem.validation': 'Die Anfrage ist ungültig',
  'problem.validation.detail': 'Einige Felder fehlen oder sind falsch: siehe errors.',
  'problem.not_found': 'Nicht gefunden',
  'problem.not_found.detail': 'Hier gibt es kein(e) {{what}}, oder es liegt außerhalb Ihres Zugriffs.',
  'problem.unauthenticated': 'Anmeldung erforderlich',
  'problem.unauthenticated.detail': 'Melden Sie sich an, um fortzufahren.',
  'problem.forbidden': 'Nicht erlaubt',
  'problem.forbidden.detail': 'Ihre Rolle erlaubt diese Aktion nicht.',
  'problem.too_many_attempts': 'Zu viele fehlgeschlagene Anmeldungen',
  'problem.too_many_attempts.detail': 'Warten Sie {{minutes}} Minuten, bevor Sie es erneut versuchen.',
  'problem.conflict': 'Von jemand anderem geändert',
  'problem.conflict.detail': 'Dieser Datensatz ({{what}}) wurde seit dem Öffnen geändert (Version {{current}}). Neu laden und erneut versuchen.',
  'problem.duplicate': 'Existiert bereits',
  'problem.duplicate.detail': 'Ein Datensatz ({{what}}) mit diesem Feld {{field}} existiert bereits.',
  'problem.payload_too_large': 'Anfrage zu groß',
  'problem.unsupported_media_type': 'Nicht unterstützter Inhaltstyp',
  'problem.bad_request': 'Fehlerhafte Anfrage',
  'problem.internal': 'Bei uns ist ein Fehler aufgetreten',
  'problem.internal.detail': 'Der Fehler wurde protokolliert. Nichts wurde geändert.',
  'problem.method_not_allowed': 'Hier nicht erlaubt',
  'what.territory': 'Gebiet', 'what.organisation': 'Organisation', 'what.user': 'Benutzer', 'what.route': 'Seite',
  'validation.required': 'ist erforderlich',
  'validation.type': 'muss vom Typ {{type}} sein',
  'validation.format': 'muss ein gültiges {{format}} sein',
  'validation.minLength': 'muss mindestens {{limit}} Zeichen haben',
  'validation.maxLength': 'darf höchstens {{limit}} Zeichen haben',
  'validation.minimum': 'muss mindestens {{limit}} sein',
  'validation.maximum': 'darf höchstens {{limit}} sein',
  'validation.enum': 'muss einer dieser Werte sein: {{values}}',
  'validation.pattern': 'hat nicht die richtige Form',
  'validation.additionalProperties': 'ist kein bekanntes Feld',
  'validation.minItems': 'muss mindestens {{limit}} Einträge haben',
  'validation.maxItems': 'darf höchstens {{limit}} Einträge haben',
  'validation.invalid': 'ist ungültig',
  'validation.organisation_unknown': 'ist keine bekannte Organisation',
  'validation.territory_unknown': 'ist kein bekanntes Gebiet',
  'validation.json': 'ist kein gültiges JSON',
};

const uk: Catalogue = {
  "what.household": "домогосподарство",
  'problem.validation': 'Запит недійсний',
  'problem.validation.detail': 'Деякі поля відсутні або неправильні: див. errors.',
  'problem.not_found': 'Не знайдено',
  'problem.not_found.detail': 'Тут немає запису ({{what}}), або він поза вашим доступом.',
  'problem.unauthenticated': 'Потрібно увійти',
  'problem.unauthenticated.detail': 'Увійдіть, щоб продовжити.',
  'problem.forbidden': 'Не дозволено',
  'problem.forbidden.detail': 'Ваша роль не дозволяє цю дію.',
  'problem.too_many_attempts': 'Забагато невдалих спроб входу',
  'problem.too_many_attempts.detail': 'Зачекайте {{minutes}} хв перед наступною спробою.',
  'problem.conflict': 'Змінено кимось іншим',
  'problem.conflict.detail': 'Цей запис ({{what}}) змінено після того, як ви його відкрили (версія {{current}}). Перезавантажте і спробуйте знову.',
  'problem.duplicate': 'Вже існує',
  'problem.duplicate.detail': 'Запис ({{what}}) з таким полем {{field}} вже існує.',
  'problem.payload_too_large': 'Запит завеликий',
  'problem.unsupported_media_type': 'Непідтримуваний тип вмісту',
  'problem.bad_request': 'Неправильний запит',
  'problem.internal': 'Сталася помилка на нашому боці',
  'problem.internal.detail': 'Помилку записано. Нічого не змінено.',
  'problem.method_not_allowed': 'Тут не дозволено',
  'what.territory': 'територія', 'what.organisation': 'організація', 'what.user': 'користувач', 'what.route': 'сторінка',
  'validation.required': "є обов'язковим",
  'validation.type': 'має бути типу {{type}}',
  'validation.format': 'має бути дійсним значенням {{format}}',
  'validation.minLength': 'має містити щонайменше {{limit}} символів',
  'validation.maxLength': 'має містити не більше {{limit}} символів',
  'validation.minimum': 'має бути не менше {{limit}}',
  'validation.maximum': 'має бути не більше {{limit}}',
  'validation.enum': 'має бути одним із: {{values}}',
  'validation.pattern': 'має неправильну форму',
  'validation.additionalProperties': 'не є відомим полем',
  'validation.minItems': 'має містити щонайменше {{limit}} елементів',
  'validation.maxItems': 'має містити не більше {{limit}} елементів',
  'validation.invalid': 'недійсне',
  'validation.organisation_unknown': 'не є відомою організацією',
  'validation.territory_unknown': 'не є відомою територією',
  'validation.json': 'не є дійсним JSON',
};

const ar: Catalogue = {
  "what.household": "أسرة",
  'problem.validation': 'الطلب غير صالح',
  'problem.validation.detail': 'بعض الحقول مفقودة أو خاطئة: انظر errors.',
  'problem.not_found': 'غير موجود',
  'problem.not_found.detail': 'لا يوجد سجل ({{what}}) هنا، أو أنه خارج نطاق صلاحياتك.',
  'problem.unauthenticated': 'يلزم تسجيل الدخول',
  'problem.unauthenticated.detail': 'سجّل الدخول للمتابعة.',
  'problem.forbidden': 'غير مسموح',
  'problem.forbidden.detail': 'دورك لا يسمح بهذا الإجراء.',
  'problem.too_many_attempts': 'محاولات تسجيل دخول فاشلة كثيرة جدًا',
  'problem.too_many_attempts.detail': 'انتظر {{minutes}} دقيقة قبل المحاولة مرة أخرى.',
  'problem.conflict': 'عدّله شخص آخر',
  'problem.conflict.detail': 'تم تعديل هذا السجل ({{what}}) منذ أن فتحته (الإصدار {{current}}). أعد التحميل وحاول مرة أخرى.',
  'problem.duplicate': 'موجود مسبقًا',
  'problem.duplicate.detail': 'يوجد سجل ({{what}}) بهذا الحقل {{field}} مسبقًا.',
  'problem.payload_too_large': 'الطلب كبير جدًا',
  'problem.unsupported_media_type': 'نوع المحتوى غير مدعوم',
  'problem.bad_request': 'طلب غير صحيح',
  'problem.internal': 'حدث خطأ من جهتنا',
  'problem.internal.detail': 'تم تسجيل الخطأ. لم يتغير شيء.',
  'problem.method_not_allowed': 'غير مسموح هنا',
  'what.territory': 'إقليم', 'what.organisation': 'منظمة', 'what.user': 'مستخدم', 'what.route': 'صفحة',
  'validation.required': 'مطلوب',
  'validation.type': 'يجب أن يكون من النوع {{type}}',
  'validation.format': 'يجب أن يكون {{format}} صالحًا',
  'validation.minLength': 'يجب أن يحتوي على {{limit}} حرفًا على الأقل',
  'validation.maxLength': 'يجب ألا يتجاوز {{limit}} حرفًا',
  'validation.minimum': 'يجب ألا يقل عن {{limit}}',
  'validation.maximum': 'يجب ألا يزيد عن {{limit}}',
  'validation.enum': 'يجب أن يكون إحدى القيم: {{values}}',
  'validation.pattern': 'شكله غير صحيح',
  'validation.additionalProperties': 'ليس حقلًا معروفًا',
  'validation.minItems': 'يجب أن يحتوي على {{limit}} عناصر على الأقل',
  'validation.maxItems': 'يجب ألا يتجاوز {{limit}} عناصر',
  'validation.invalid': 'غير صالح',
  'validation.organisation_unknown': 'ليست منظمة معروفة',
  'validation.territory_unknown': 'ليس إقليمًا معروفًا',
  'validation.json': 'ليس JSON صالحًا',
};

// The platform's own security messages (platform/messages-security.ts) override the older texts
// (the sign-in wait); modules add theirs with addMessages.
export const catalogues: Record<Locale, Catalogue> = {
  en: { ...en, ...securityMessages.en }, fr: { ...fr, ...securityMessages.fr }, de: { ...de, ...securityMessages.de },
  uk: { ...uk, ...securityMessages.uk }, ar: { ...ar, ...securityMessages.ar },
};

/**
 * Merges a module's messages into the catalogues. Every language must hold the same keys as
 * English, and a key may not mean two things: the same key with another text is refused.
 */
export function addMessages(owner: string, messages: Messages): void {
  const keys = Object.keys(messages.en);
  for (const l of locales) {
    const missing = keys.filter((k) => messages[l][k] === undefined);
    const extra = Object.keys(messages[l]).filter((k) => messages.en[k] === undefined);
    if (missing.length || extra.length) throw new Error(`messages of ${owner} (${l}): missing ${missing.join(', ') || 'none'}; unknown ${extra.join(', ') || 'none'}`);
    for (const k of keys) {
      const have = catalogues[l][k];
      if (have !== undefined && have !== messages[l][k]) throw new Error(`messages of ${owner}: "${k}" is already defined with another text (${l})`);
      catalogues[l][k] = messages[l][k];
    }
  }
}

export function negotiate(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage.split(',').map((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1, i };
  }).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if ((locales as readonly string[]).includes(r.lang)) return r.lang as Locale;
  return 'en';
}

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const text = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = params[name];
    if (typeof v === 'string' && catalogues[locale][v] !== undefined) return catalogues[locale][v];
    return v === undefined ? '' : String(v);
  });
}
