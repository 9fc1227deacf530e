import type { Locale } from "./locales";

/**
 * The grammatical forms of a counted word. English needs `one` and `other`; Russian also `few`
 * (2–4, 22–24 …) and `many` (5–20, 25–30 …, 11–14). A missing form falls back to `other`.
 */
export type PluralForms = { one: string; few?: string; many?: string; other: string };

const rulesByLocale = new Map<Locale, Intl.PluralRules>();

function rules(locale: Locale): Intl.PluralRules {
  let r = rulesByLocale.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, r);
  }
  return r;
}

/**
 * The form of a word for a count, with `#` replaced by the count:
 * `plural("ru", 3, { one: "# документ", few: "# документа", many: "# документов", other: "# документа" })`
 * → "3 документа". Categories come from `Intl.PluralRules`, so 21 is "one" and 11 is "many".
 */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const category = rules(locale).select(count);
  const form =
    category === "one"
      ? forms.one
      : category === "few"
        ? (forms.few ?? forms.other)
        : category === "many"
          ? (forms.many ?? forms.other)
          : forms.other;
  return form.replaceAll("#", count.toLocaleString(locale));
}
