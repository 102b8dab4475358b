// The offline directory of crisis lines Hearth ships for "Get help now" (issue 17). A wrong
// number here can cost a life, so every entry names the public page it was copied from and the
// day it was read, and the data is parsed through a strict schema once, when this module loads:
// a broken data file fails at import (and so in the tests), never in front of someone in crisis.
// How to add or correct an entry: ./README.md. Runs anywhere: no DOM, no Node, no network.
import { z } from 'zod';
import at from './resources/at.json';
import au from './resources/au.json';
import be from './resources/be.json';
import br from './resources/br.json';
import ca from './resources/ca.json';
import ch from './resources/ch.json';
import de from './resources/de.json';
import es from './resources/es.json';
import fi from './resources/fi.json';
import fr from './resources/fr.json';
import gb from './resources/gb.json';
import hk from './resources/hk.json';
import ie from './resources/ie.json';
import inResources from './resources/in.json';
import it from './resources/it.json';
import jp from './resources/jp.json';
import kr from './resources/kr.json';
import mx from './resources/mx.json';
import nl from './resources/nl.json';
import no from './resources/no.json';
import nz from './resources/nz.json';
import pl from './resources/pl.json';
import pt from './resources/pt.json';
import se from './resources/se.json';
import sg from './resources/sg.json';
import us from './resources/us.json';
import za from './resources/za.json';
import international from './resources/international.json';

/** Every region file, as imported; each must parse as RegionResources. */
const REGION_FILES: readonly unknown[] = [
  at,
  au,
  be,
  br,
  ca,
  ch,
  de,
  es,
  fi,
  fr,
  gb,
  hk,
  ie,
  inResources,
  it,
  jp,
  kr,
  mx,
  nl,
  no,
  nz,
  pl,
  pt,
  se,
  sg,
  us,
  za,
];

const MAX_LABEL_CHARS = 160;
const label = z.string().trim().min(1).max(MAX_LABEL_CHARS);

function isHttpsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // No credentials in a link we show: `https://bank.example@evil.example` reads as the bank.
  return url.protocol === 'https:' && url.username === '' && url.password === '';
}

/** An absolute https URL without credentials; `javascript:`, `http:` and the like are refused. */
export const HttpsUrl = z.string().max(500).refine(isHttpsUrl, 'must be an https URL');

/** A calendar date written YYYY-MM-DD (the day a source was read). */
export const IsoDate = z.iso.date();

/** A number as the source prints it: digits, spaces, `+`, `-`, `(`, `)`; at least three digits. */
export const PhoneNumber = z
  .string()
  .max(30)
  .regex(/^[0-9+() -]+$/, 'only digits, spaces, +, -, ( and )')
  .refine((value) => value.replace(/[^0-9]/g, '').length >= 3, 'too few digits');

/**
 * A BCP 47 language tag in its canonical form with a two- or three-letter language (`en`,
 * `pt-BR`, `yue`, `zh-Hant`): Mandarin is `zh` (`cmn` canonicalises to it).
 */
export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must start with a two- or three-letter language')
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag)[0] === tag;
    } catch {
      return false;
    }
  }, 'must be a canonical BCP 47 language tag');

/** Where a fact was confirmed: a public https page and the day it was read. */
const sourced = { source: HttpsUrl, checked: IsoDate };

/** A number to dial in an emergency (ambulance, police, fire). */
export const EmergencyNumber = z.strictObject({
  number: z.string().regex(/^[0-9]{2,6}$/, 'digits only'),
  /** What the number reaches, when the source says so: "ambulance", "police". */
  for: label.optional(),
  ...sourced,
});

/** A crisis line or service; at least one of phone, text or web reaches it. */
export const CrisisService = z
  .strictObject({
    name: label,
    phone: PhoneNumber.optional(),
    /** How to reach it by message, as the source words it: "Text SHOUT to 85258". */
    text: label.optional(),
    web: HttpsUrl.optional(),
    /** "24/7" or a precise schedule in the region's local time. */
    hours: label,
    languages: z.array(LanguageTag).min(1),
    /** Who it is for, when it is not for everyone: "young people aged 5 to 25". */
    for: label.optional(),
    /** Anything else a caller should know, from the same source. */
    note: label.optional(),
    ...sourced,
  })
  .refine(
    (service) =>
      service.phone !== undefined || service.text !== undefined || service.web !== undefined,
    'a service needs a phone, a text or a web way to reach it',
  );

/** One country or region's file: resources/<code>.json. */
export const RegionResources = z.strictObject({
  /** ISO 3166-1 alpha-2, lower case; also the file's name. */
  code: z.string().regex(/^[a-z]{2}$/),
  /** The region's name in English. */
  name: label,
  emergency: z.array(EmergencyNumber).min(1),
  services: z.array(CrisisService).min(1),
});

/** A directory that lists helplines worldwide, for regions we do not ship. */
export const Directory = z.strictObject({
  name: label,
  web: HttpsUrl,
  description: label,
  ...sourced,
});

/** resources/international.json. */
export const InternationalFile = z.strictObject({
  directories: z.array(Directory).min(1),
});

export type EmergencyNumber = z.infer<typeof EmergencyNumber>;
export type CrisisService = z.infer<typeof CrisisService>;
export type RegionResources = z.infer<typeof RegionResources>;
export type Directory = z.infer<typeof Directory>;
export interface RegionSummary {
  readonly code: string;
  readonly name: string;
}

/** Freezes a parsed JSON value all the way down, so no caller can alter the shared copy. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function indexRegions(files: readonly unknown[]): ReadonlyMap<string, RegionResources> {
  const byCode = new Map<string, RegionResources>();
  for (const file of files) {
    const region = deepFreeze(RegionResources.parse(file));
    if (byCode.has(region.code)) throw new Error(`crisis resources: ${region.code} twice`);
    byCode.set(region.code, region);
  }
  return byCode;
}

const BY_CODE = indexRegions(REGION_FILES);
const SUMMARIES: readonly RegionSummary[] = deepFreeze(
  [...BY_CODE.values()]
    .map(({ code, name }) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en')),
);
const DIRECTORIES: readonly Directory[] = deepFreeze(
  InternationalFile.parse(international).directories,
);

/** Every shipped region as { code, name }, sorted by English name, for a picker. */
export function regions(): readonly RegionSummary[] {
  return SUMMARIES;
}

/** The frozen resources for an ISO 3166-1 alpha-2 code (any case), or null if we ship none. */
export function resourcesFor(code: string): RegionResources | null {
  return BY_CODE.get(code.toLowerCase()) ?? null;
}

/** The frozen list of worldwide helpline directories, for anyone whose region we lack. */
export function internationalDirectories(): readonly Directory[] {
  return DIRECTORIES;
}

/** The region in a locale tag (`en-GB` -> `gb`, `zh-Hant-TW` -> `tw`), or null if it names none. */
function regionOf(locale: string): string | null {
  // POSIX spellings such as `de_AT.UTF-8` or `sr_RS@latin` come from some systems.
  const tag = locale.split(/[.@]/)[0]?.replace(/_/g, '-') ?? '';
  try {
    const region = new Intl.Locale(tag).region;
    return region !== undefined && /^[A-Z]{2}$/.test(region) ? region.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * The first shipped region named by the system's preferred locales (`navigator.languages`,
 * Electron's `app.getPreferredSystemLanguages()`), or null: a bare language (`fr`) names no
 * region, and a region we do not ship is skipped. Never looks anything up on the network.
 */
export function suggestRegion(locales: readonly string[]): string | null {
  for (const locale of locales) {
    const region = regionOf(locale);
    if (region !== null && BY_CODE.has(region)) return region;
  }
  return null;
}
