// The translation layer: every visible string goes through t(). One JSON file per language;
// adding a language is adding a file here.
import en from "./en.json";
import it from "./it.json";

export const dictionaries = { en, it } as const;
export type Lang = keyof typeof dictionaries;
export type Key = keyof typeof en;
export const languages = Object.keys(dictionaries) as Lang[];

function initial(): Lang {
  const saved = globalThis.localStorage?.getItem("sportello.lang");
  if (saved && saved in dictionaries) return saved as Lang;
  const nav = globalThis.navigator?.language?.slice(0, 2);
  return nav && nav in dictionaries ? (nav as Lang) : "en";
}

export const locale = $state({ lang: initial() });

export function setLang(lang: Lang) {
  locale.lang = lang;
  globalThis.localStorage?.setItem("sportello.lang", lang);
  document.documentElement.lang = lang;
}

/** Whether `key` has a text (checked against English, which has every key). */
export function hasKey(key: string): key is Key {
  return Object.hasOwn(en, key);
}

/** The text of `key` in the current language, with `{name}` replaced from `params`. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text: string = dictionaries[locale.lang][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Translates a snake_case enum value under a prefix, e.g. tEnum("ticket", "open"). */
export function tEnum(prefix: string, value: string): string {
  return t(`${prefix}.${value}` as Key);
}

/** A count in words: `tCount("queue.total", 1)` reads the `.one` or `.other` form of the key. */
export function tCount(key: string, count: number): string {
  const form = new Intl.PluralRules(locale.lang).select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}` as Key, { count: count.toLocaleString(locale.lang) });
}
