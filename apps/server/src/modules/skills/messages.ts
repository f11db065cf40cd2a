// Server messages of skills and work, in every language of the UI; the platform merges them (platform/i18n.ts).
import type { Messages } from '../../platform/i18n.ts';

export const messages: Messages = {
  en: {
    'what.skill_profile': 'skills profile',
    'what.occupation': 'occupation',
    'validation.unknown_occupation': 'is not an ESCO occupation',
    'validation.unknown_skill': 'is not an ESCO skill',
    'validation.listed_twice': 'is listed twice',
  },
  fr: {
    'what.skill_profile': 'profil de compétences',
    'what.occupation': 'profession',
    'validation.unknown_occupation': 'n’est pas une profession ESCO',
    'validation.unknown_skill': 'n’est pas une compétence ESCO',
    'validation.listed_twice': 'figure deux fois',
  },
  de: {
    'what.skill_profile': 'Kompetenzprofil',
    'what.occupation': 'Beruf',
    'validation.unknown_occupation': 'ist kein ESCO-Beruf',
    'validation.unknown_skill': 'ist keine ESCO-Kompetenz',
    'validation.listed_twice': 'ist doppelt aufgeführt',
  },
  uk: {
    'what.skill_profile': 'профіль навичок',
    'what.occupation': 'професія',
    'validation.unknown_occupation': 'не є професією ESCO',
    'validation.unknown_skill': 'не є навичкою ESCO',
    'validation.listed_twice': 'зазначено двічі',
  },
  ar: {
    'what.skill_profile': 'ملف المهارات',
    'what.occupation': 'مهنة',
    'validation.unknown_occupation': 'ليست مهنة في تصنيف ESCO',
    'validation.unknown_skill': 'ليست مهارة في تصنيف ESCO',
    'validation.listed_twice': 'مذكورة مرتين',
  },
};
