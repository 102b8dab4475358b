import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CrisisService,
  Directory,
  EmergencyNumber,
  InternationalFile,
  RegionResources,
  internationalDirectories,
  regions,
  resourcesFor,
  suggestRegion,
} from '../../src-shared/safety/crisis-resources';

const RESOURCES_DIR = join(__dirname, '../../src-shared/safety/resources');
const TODAY = new Date().toISOString().slice(0, 10);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(RESOURCES_DIR, file), 'utf8'));
}

const regionFiles = readdirSync(RESOURCES_DIR)
  .filter((file) => file.endsWith('.json') && file !== 'international.json')
  .sort();

/** Every place a source and a checked date sit, with a label for failure messages. */
function everySourced(): { where: string; source: string; checked: string }[] {
  const out: { where: string; source: string; checked: string }[] = [];
  for (const { code } of regions()) {
    const region = resourcesFor(code)!;
    for (const e of region.emergency) out.push({ where: `${code} ${e.number}`, ...e });
    for (const s of region.services) out.push({ where: `${code} ${s.name}`, ...s });
  }
  for (const d of internationalDirectories()) out.push({ where: d.name, ...d });
  return out;
}

const validService = {
  name: 'Example line',
  phone: '0800 000 000',
  hours: '24/7',
  languages: ['en'],
  source: 'https://example.org/helpline',
  checked: '2026-12-07',
};

describe('shipped data', () => {
  it('every file in resources/ parses, is named after its code and is loaded by the module', () => {
    expect(regionFiles.length).toBeGreaterThan(0);
    for (const file of regionFiles) {
      const region = RegionResources.parse(readJson(file));
      expect(file).toBe(`${region.code}.json`);
    }
    // A file added to resources/ but not imported by crisis-resources.ts fails here.
    expect(regions().map((r) => `${r.code}.json`)).toEqual(expect.arrayContaining(regionFiles));
    expect(regions()).toHaveLength(regionFiles.length);
    expect(InternationalFile.parse(readJson('international.json')).directories).toEqual(
      internationalDirectories(),
    );
  });

  it('ships at least 25 regions, each with an emergency number and a service', () => {
    expect(regions().length).toBeGreaterThanOrEqual(25);
    for (const { code } of regions()) {
      const region = resourcesFor(code)!;
      expect(region.emergency.length, code).toBeGreaterThan(0);
      expect(region.services.length, code).toBeGreaterThan(0);
      for (const e of region.emergency) expect(e.number, code).toMatch(/^[0-9]{2,6}$/);
    }
  });

  it('names an https source and a real, past-or-today checked date for every entry', () => {
    const sourced = everySourced();
    expect(sourced.length).toBeGreaterThan(50);
    for (const { where, source, checked } of sourced) {
      expect(new URL(source).protocol, where).toBe('https:');
      expect(checked, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Round trip through Date: 2026-02-30 would come back as 2026-03-02.
      expect(new Date(`${checked}T00:00:00Z`).toISOString().slice(0, 10), where).toBe(checked);
      expect(checked <= TODAY, `${where} checked ${checked} is in the future`).toBe(true);
    }
  });

  it('writes phone numbers with digits, spaces, +, -, ( and ) only, and reaches every service', () => {
    for (const { code } of regions()) {
      for (const s of resourcesFor(code)!.services) {
        if (s.phone !== undefined) expect(s.phone, `${code} ${s.name}`).toMatch(/^[0-9 +\-()]+$/);
        expect(s.phone ?? s.text ?? s.web, `${code} ${s.name}`).toBeDefined();
        if (s.web !== undefined) expect(new URL(s.web).protocol).toBe('https:');
      }
    }
  });

  it('lists regions sorted by English name, one per code', () => {
    const names = regions().map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(new Set(regions().map((r) => r.code)).size).toBe(regions().length);
  });

  it('lists international directories with https links', () => {
    expect(internationalDirectories().length).toBeGreaterThanOrEqual(2);
    for (const d of internationalDirectories()) expect(new URL(d.web).protocol).toBe('https:');
  });
});

describe('resourcesFor', () => {
  it('finds a region by code in any case and answers null for one we do not ship', () => {
    expect(resourcesFor('gb')?.name).toBe('United Kingdom');
    expect(resourcesFor('GB')).toBe(resourcesFor('gb'));
    expect(resourcesFor('tw')).toBeNull();
    expect(resourcesFor('')).toBeNull();
    expect(resourcesFor('__proto__')).toBeNull();
  });

  it('hands out data no caller can alter for the next one', () => {
    const gb = resourcesFor('gb')!;
    const first = gb.services[0]!;
    expect(() => {
      (first as { phone?: string }).phone = '0900 123 456';
    }).toThrow(TypeError);
    expect(() => (gb.services as unknown[]).push(validService)).toThrow(TypeError);
    expect(() => (regions() as unknown[]).pop()).toThrow(TypeError);
    expect(() => {
      (internationalDirectories()[0] as { web: string }).web = 'https://evil.example';
    }).toThrow(TypeError);
    expect(resourcesFor('gb')!.services[0]!.phone).toBe(first.phone);
  });
});

describe('schema refuses', () => {
  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['http:', 'http://example.org/'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', '/helpline'],
    ['credentials in the host', 'https://samaritans.org@evil.example/'],
    ['not a URL', 'call us'],
  ])('a %s web link', (_what, web) => {
    expect(CrisisService.safeParse({ ...validService, web }).success).toBe(false);
    expect(CrisisService.safeParse({ ...validService, source: web }).success).toBe(false);
  });

  it('a valid service, as the control', () => {
    expect(CrisisService.safeParse(validService).success).toBe(true);
    expect(CrisisService.safeParse({ ...validService, web: 'https://example.org' }).success).toBe(
      true,
    );
  });

  it('an unknown key, in a service, a region, an emergency number and a directory', () => {
    expect(CrisisService.safeParse({ ...validService, email: 'jo@example.org' }).success).toBe(
      false,
    );
    const region = { code: 'xx', name: 'X', emergency: [], services: [validService] };
    expect(RegionResources.safeParse({ ...region, notes: 'x' }).success).toBe(false);
    const emergency = { number: '112', source: validService.source, checked: '2026-12-07' };
    expect(EmergencyNumber.safeParse({ ...emergency, extra: true }).success).toBe(false);
    const directory = {
      name: 'D',
      web: 'https://example.org',
      description: 'd',
      source: validService.source,
      checked: '2026-12-07',
    };
    expect(Directory.safeParse(directory).success).toBe(true);
    expect(Directory.safeParse({ ...directory, phone: '1' }).success).toBe(false);
  });

  it('a service with no way to reach it', () => {
    const { phone: _phone, ...unreachable } = validService;
    expect(CrisisService.safeParse(unreachable).success).toBe(false);
    expect(CrisisService.safeParse({ ...unreachable, text: 'Text HELLO to 50808' }).success).toBe(
      true,
    );
  });

  it('a phone number with letters or a trick character, and a bad date or language', () => {
    for (const phone of ['1-800-273-TALK', '116 123#', '+44 116 123;', '12', 'tel:116123']) {
      expect(CrisisService.safeParse({ ...validService, phone }).success, phone).toBe(false);
    }
    for (const checked of ['2026-13-01', '2026-02-30', '07/12/2026', '']) {
      expect(CrisisService.safeParse({ ...validService, checked }).success, checked).toBe(false);
    }
    for (const languages of [[], ['english'], ['EN'], ['en_GB'], ['cmn'], ['en-gb']]) {
      expect(CrisisService.safeParse({ ...validService, languages }).success).toBe(false);
    }
  });

  it('a region without an emergency number or a service, or with a bad code', () => {
    const region = {
      code: 'xx',
      name: 'X',
      emergency: [{ number: '112', source: validService.source, checked: '2026-12-07' }],
      services: [validService],
    };
    expect(RegionResources.safeParse(region).success).toBe(true);
    expect(RegionResources.safeParse({ ...region, emergency: [] }).success).toBe(false);
    expect(RegionResources.safeParse({ ...region, services: [] }).success).toBe(false);
    expect(RegionResources.safeParse({ ...region, code: 'GB' }).success).toBe(false);
    expect(RegionResources.safeParse({ ...region, code: 'gbr' }).success).toBe(false);
    const badNumber = [{ ...region.emergency[0], number: '11 2' }];
    expect(RegionResources.safeParse({ ...region, emergency: badNumber }).success).toBe(false);
  });
});

describe('suggestRegion', () => {
  it.each<[readonly string[], string | null]>([
    [['en-GB'], 'gb'],
    [['en-US'], 'us'],
    [['de-DE'], 'de'],
    [['de-AT'], 'at'],
    [['fr-CA'], 'ca'],
    [['pt-BR'], 'br'],
    // Taiwan is not shipped (yet), so no suggestion rather than a wrong one.
    [['zh-Hant-TW'], null],
    [['fr'], null],
    [['xx-YY'], null],
    [[], null],
  ])('%j -> %s', (locales, expected) => {
    expect(suggestRegion(locales)).toBe(expected);
  });

  it('takes the first shipped region in preference order and skips what it cannot use', () => {
    expect(suggestRegion(['fr', 'en-GB', 'de-DE'])).toBe('gb');
    expect(suggestRegion(['zh-Hant-TW', 'en-NZ'])).toBe('nz');
    expect(suggestRegion(['es-419', 'es-MX'])).toBe('mx');
    expect(suggestRegion(['', 'not a locale!', '@@', 'de-CH'])).toBe('ch');
  });

  it('reads POSIX locale names and any letter case', () => {
    expect(suggestRegion(['de_AT.UTF-8'])).toBe('at');
    expect(suggestRegion(['EN-gb'])).toBe('gb');
    expect(suggestRegion(['sr_RS@latin', 'it_IT'])).toBe('it');
  });

  it('suggests only codes resourcesFor answers', () => {
    for (const { code } of regions()) {
      const suggestion = suggestRegion([`en-${code.toUpperCase()}`]);
      expect(suggestion).toBe(code);
      expect(resourcesFor(suggestion!)).not.toBeNull();
    }
  });
});
