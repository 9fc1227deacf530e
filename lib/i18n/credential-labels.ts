import { credentialTypes } from "@/lib/credentials/credential-types";
import type { Locale } from "./locales";

/**
 * The wallet's words for what a credential says. The credential types (lib/credentials) name
 * their fields in English, for the issuer console, the verifier and the API; the wallet shows
 * them in the doctor's language through these maps, keyed by the field's subject path (as
 * `describeCredential` gives it), so the universal core stays English and unchanged.
 */

type Labels = {
  titles: Record<string, string>;
  fields: Record<string, string>;
  /** Values of select fields, by field path then English option label. */
  options: Record<string, Record<string, string>>;
};

const ru: Labels = {
  titles: {
    MedicalDegreeCredential: "Диплом врача",
    MedicalLicenseCredential: "Лицензия на медицинскую деятельность",
    SpecialtyCertificationCredential: "Сертификат специалиста",
    PostgraduateTrainingCredential: "Последипломное образование",
    ClinicalPrivilegesCredential: "Клинические полномочия",
    CompetencyCredential: "Подтверждённая компетенция",
    VerifiableCredential: "Документ",
  },
  fields: {
    name: "Владелец",
    id: "DID владельца",
    // Medical degree
    degree: "Степень",
    programme: "Программа",
    institution: "Учебное заведение",
    graduationDate: "Дата окончания",
    // Medical licence
    licenseNumber: "Номер лицензии",
    jurisdiction: "Юрисдикция",
    scope: "Вид деятельности",
    validFrom: "Действует с",
    validUntil: "Действует до",
    conditions: "Условия практики",
    // Specialty certification
    specialty: "Специальность",
    "specialty.code": "Код специальности",
    "specialty.label": "Специальность",
    "specialty.system": "Система кодов",
    certifyingBoard: "Аккредитующий орган",
    certifiedOn: "Дата аккредитации",
    recertifyBy: "Переаккредитация до",
    // Postgraduate training
    trainingKind: "Вид подготовки",
    period: "Период обучения",
    "period.start": "Начало",
    "period.end": "Окончание",
    outcome: "Результат",
    // Clinical privileges
    facility: "Медицинская организация",
    department: "Отделение",
    role: "Должность",
    procedures: "Разрешённые вмешательства",
    // Competency
    achievement: "Достижение",
    "achievement.id": "URI достижения",
    "achievement.achievementType": "Вид",
    "achievement.name": "Достижение",
    "achievement.description": "Описание",
    "achievement.criteria": "Критерии",
    "achievement.criteria.narrative": "Критерии",
    caseCount: "Выполнено случаев",
    creditsEarned: "Часы НМО",
    completedOn: "Дата завершения",
  },
  options: {
    trainingKind: { Residency: "Ординатура", Fellowship: "Стажировка (fellowship)" },
    outcome: {
      Completed: "Завершена",
      "In progress": "Продолжается",
      Extended: "Продлена",
      Withdrawn: "Прекращена",
    },
    "achievement.achievementType": {
      "Procedure competency": "Допуск к вмешательству",
      "Life-support course": "Курс сердечно-лёгочной реанимации",
      "CME activity": "Мероприятие НМО",
    },
  },
};

/** The period fields of the types read better with their type's words. */
const ruPeriodByType: Record<string, Record<string, string>> = {
  PostgraduateTrainingCredential: {
    "period.start": "Начало обучения",
    "period.end": "Окончание обучения",
  },
  ClinicalPrivilegesCredential: {
    "period.start": "Полномочия с",
    "period.end": "Полномочия до",
  },
  CompetencyCredential: { validUntil: "Действительно до" },
};

const byLocale: Partial<Record<Locale, Labels>> = { ru };

/** The credential type's title in the locale, or `fallback` (the English title). */
export function credentialTitleIn(locale: Locale, type: string, fallback: string): string {
  return byLocale[locale]?.titles[type] ?? fallback;
}

/**
 * A title the wallet stored in English (e.g. in a shared dossier's record), in the locale: the
 * known types' English titles are matched back to their type.
 */
export function credentialTitleFromEnglish(locale: Locale, title: string): string {
  const type = Object.values(credentialTypes).find((d) => d.title === title)?.type;
  return type ? credentialTitleIn(locale, type, title) : title;
}

/** A field's label in the locale, or `fallback` (the English label) for fields it does not know. */
export function fieldLabelIn(locale: Locale, type: string, key: string, fallback: string): string {
  if (locale === "ru") return ruPeriodByType[type]?.[key] ?? ru.fields[key] ?? fallback;
  return byLocale[locale]?.fields[key] ?? fallback;
}

/** A select field's value in the locale; free text (names, numbers) is left as written. */
export function optionLabelIn(locale: Locale, key: string, value: string): string {
  return byLocale[locale]?.options[key]?.[value] ?? value;
}
