// The body of a `resources` record (issue 17): support lines a circle's facilitators add for
// their circle, shown in "Get help now" after the reviewed regional list. Nobody has checked
// these, so the shape is strict: a web address is an https URL in its canonical form with a plain
// host and no credentials (what a link shows is where it goes), and a phone number is only digits
// and the marks people write them with. Every peer holds a record to this same schema.
import { z } from 'zod';

/** Entries one `resources` record may carry. */
export const MAX_CIRCLE_RESOURCES = 12;
/** The longest each field may be, in characters. */
export const RESOURCE_LIMITS = {
  name: 80,
  phone: 32,
  text: 64,
  web: 200,
  hours: 80,
  note: 300,
} as const;

/** The fields of one entry, in the order they are shown and edited. */
export const RESOURCE_FIELDS = ['name', 'phone', 'text', 'web', 'hours', 'note'] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** True for `https://host/...` in the form URL gives back: no credentials, a plain host name. */
function isPlainHttpsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.href === value &&
    url.username === '' &&
    url.password === '' &&
    // Letters, digits and hyphens between dots (IDNs arrive as xn--): nothing a link could hide behind.
    /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(url.hostname)
  );
}

/** Only digits, spaces, `+`, `-` and brackets, at least one digit, no edge spaces: nothing else to dial. */
export const ResourcePhone = z
  .string()
  .max(RESOURCE_LIMITS.phone)
  .regex(/^[0-9+() -]+$/)
  .refine((v) => /[0-9]/.test(v) && v.trim() === v);

/** Only a canonical `https://` URL with a plain host name and no credentials, at most 200 characters. */
export const ResourceWeb = z.string().max(RESOURCE_LIMITS.web).refine(isPlainHttpsUrl);

/** One support line or service; at least one of phone, text or web reaches it. */
export const CircleResourceEntry = z
  .strictObject({
    name: text(RESOURCE_LIMITS.name),
    phone: ResourcePhone.optional(),
    /** How to reach it by message or chat, as the service words it: "Text HOME to 741741". */
    text: text(RESOURCE_LIMITS.text).optional(),
    web: ResourceWeb.optional(),
    hours: text(RESOURCE_LIMITS.hours).optional(),
    /** Who it is for, or anything else worth knowing. */
    note: text(RESOURCE_LIMITS.note).optional(),
  })
  .refine((e) => e.phone !== undefined || e.text !== undefined || e.web !== undefined, {
    message: 'no way to reach it',
    path: ['phone'],
  });
export type CircleResourceEntry = z.infer<typeof CircleResourceEntry>;

/** The circle's whole list; an empty list clears it. */
export const ResourcesBody = z.strictObject({
  entries: z.array(CircleResourceEntry).max(MAX_CIRCLE_RESOURCES),
});
