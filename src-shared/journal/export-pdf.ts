// PDF export with pdf-lib, for hosts without printToPDF (the browser build): a summary, the
// mood chart drawn as vector paths, then every entry. Pure: the font is passed in as bytes
// (DejaVu Sans covers Latin, Greek and Cyrillic); a character the font lacks, such as an
// emoji, is printed as □ so the rest of the line still reads.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { moodChartShape, periodFor } from './chart';
import {
  entriesForExport,
  entryHeading,
  exportSummary,
  measuresForExport,
  moodText,
  type ExportInput,
} from './export-common';
import { MEASURES_HEADING, MEASURES_NOTE, measureSummaryLines } from './measures/summary';

export interface PdfOptions {
  /** A TrueType/OpenType font (the app ships DejaVu Sans). */
  font: Uint8Array;
  /** Called with 0..1 while entries are laid out; awaited, so a UI can repaint between calls. */
  onProgress?: (fraction: number) => void | Promise<void>;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const INK = rgb(0.165, 0.133, 0.114);
const MUTED = rgb(0.37, 0.32, 0.29);
const ACCENT = rgb(0.61, 0.29, 0.12);
const RULE = rgb(0.87, 0.82, 0.78);
const MISSING = '\u25A1';
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

/**
 * fontkit without OpenType shaping: glyphs map one-to-one from characters, each looked up once.
 * Shaping was most of the export's time (about 5 s of 7 for 5,000 entries, in fontkit's
 * lookups); DejaVu Sans needs none for the scripts it covers, and line widths are measured per
 * character anyway, so kerning would only make the measure disagree with the drawing.
 * pdf-lib reads only `glyphs` from a layout.
 */
const unshapedFontkit: Fontkit = {
  create(data) {
    const font = fontkit.create(data);
    const glyphs = new Map<number, ReturnType<Font['glyphForCodePoint']>>();
    const glyphFor = (cp: number) => {
      let g = glyphs.get(cp);
      if (g === undefined) {
        g = font.glyphForCodePoint(cp);
        glyphs.set(cp, g);
      }
      return g;
    };
    const layout = (text: string) => ({
      glyphs: Array.from(text, (ch) => glyphFor(ch.codePointAt(0)!)),
    });
    return new Proxy(font, {
      get: (target, prop): unknown =>
        prop === 'layout' ? layout : Reflect.get(target, prop, target),
    });
  },
};

/** Writes text top-down, wrapping lines and starting new pages as needed. */
class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly widths = new Map<number, number>();
  /** Widths of the ASCII characters at size 1, looked up by char code. */
  private readonly ascii = new Float64Array(128);
  private readonly supported: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.supported = new Set(font.getCharacterSet());
    for (let c = 32; c < 127; c++)
      this.ascii[c] = font.widthOfTextAtSize(String.fromCharCode(c), 1);
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  get width(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  /** Makes room for `height` points, on a new page if this one is too full. */
  need(height: number): void {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Replaces characters the font cannot draw; tabs become spaces, other controls go. */
  clean(text: string): string {
    if (PRINTABLE_ASCII.test(text)) return text; // most text, and the font has all of it
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (ch === '\t') out += '    ';
      else if (cp < 32 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfe0f || cp === 0x200d) continue;
      else out += this.supported.has(cp) ? ch : MISSING;
    }
    return out;
  }

  /** Width of cleaned text at size 1 (per character: shaping is off, see unshapedFontkit). */
  private widthOf(text: string): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        w += this.ascii[c]!;
        continue;
      }
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      let cw = this.widths.get(cp);
      if (cw === undefined) {
        cw = this.font.widthOfTextAtSize(String.fromCodePoint(cp), 1);
        this.widths.set(cp, cw);
      }
      w += cw;
    }
    return w;
  }

  /** Splits one paragraph into lines no wider than the text column. */
  private wrap(text: string, size: number): string[] {
    const max = this.width / size;
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(/(?<= )/)) {
      const w = this.widthOf(word);
      if (lineWidth + w <= max) {
        line += word;
        lineWidth += w;
        continue;
      }
      if (line) lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
      // A word longer than the column is broken wherever it must be.
      for (const ch of word) {
        const c = this.widthOf(ch);
        if (lineWidth + c > max && line) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += ch;
        lineWidth += c;
      }
    }
    if (line.trimEnd() || lines.length === 0) lines.push(line.trimEnd());
    return lines;
  }

  text(text: string, size: number, color = INK): void {
    const lineHeight = size * 1.4;
    const lines = text
      .split(/\r\n?|\n/)
      .flatMap((paragraph) => this.wrap(this.clean(paragraph), size));
    // As many lines as fit go into one text object per page (far fewer PDF operators than a
    // drawText per line, which matters at thousands of entries).
    while (lines.length > 0) {
      this.need(lineHeight);
      const fit = Math.max(1, Math.floor((this.y - PAGE.margin) / lineHeight));
      const chunk = lines.splice(0, fit);
      this.page.drawText(chunk.join('\n'), {
        x: PAGE.margin,
        y: this.y - lineHeight + size * 0.3,
        size,
        font: this.font,
        color,
        lineHeight,
      });
      this.y -= chunk.length * lineHeight;
    }
  }

  rule(): void {
    this.need(8);
    this.y -= 6;
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y },
      end: { x: PAGE.width - PAGE.margin, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }

  /** Draws the mood chart, as vectors, in a box of the column's width. */
  chart(entries: ReturnType<typeof entriesForExport>, height: number): void {
    const shape = moodChartShape(entries, periodFor(entries), { width: this.width, height });
    this.need(height + 16);
    const top = this.y;
    const { plot } = shape;
    const x0 = PAGE.margin;
    const yAt = (y: number) => top - y;
    this.page.drawRectangle({
      x: x0 + plot.left,
      y: yAt(plot.top + plot.height),
      width: plot.width,
      height: plot.height,
      borderColor: RULE,
      borderWidth: 0.5,
    });
    for (const t of shape.yTicks) {
      this.page.drawText(t.label, {
        x: x0 + plot.left - 12,
        y: yAt(t.y) - 3,
        size: 8,
        font: this.font,
        color: MUTED,
      });
    }
    for (const t of shape.xTicks) {
      const w = this.font.widthOfTextAtSize(t.label, 8);
      this.page.drawText(t.label, {
        x: x0 + Math.max(0, Math.min(t.x - w / 2, this.width - w)),
        y: yAt(height) + 4,
        size: 8,
        font: this.font,
        color: MUTED,
      });
    }
    if (shape.path)
      this.page.drawSvgPath(shape.path, { x: x0, y: top, borderColor: ACCENT, borderWidth: 1.2 });
    this.y = top - height - 8;
    this.text(
      shape.points.length === 0
        ? 'No moods recorded in this period.'
        : `Average mood by ${shape.period} (1 = very low, 5 = very good).`,
      8,
      MUTED,
    );
  }
}

/** The journal as PDF bytes: summary, mood chart, questionnaire results, then entries oldest first. */
export async function journalToPdf(input: ExportInput, options: PdfOptions): Promise<Uint8Array> {
  const entries = entriesForExport(input);
  const doc = await PDFDocument.create();
  doc.registerFontkit(unshapedFontkit);
  const font = await doc.embedFont(options.font, { subset: true });
  const exportedAt = new Date(input.exportedAt);
  doc.setTitle('Hearth journal');
  doc.setCreator('Hearth');
  doc.setProducer('Hearth (pdf-lib)');
  doc.setCreationDate(exportedAt);
  doc.setModificationDate(exportedAt);

  const w = new Writer(doc, font);
  w.text('Hearth journal', 20);
  w.text(`${exportSummary(entries.length, input.range)}. Exported ${input.exportedAt}.`, 10, MUTED);
  w.gap(12);
  w.chart(entries, 180);
  w.gap(8);
  const measures = measureSummaryLines(measuresForExport(input));
  if (measures.length > 0) {
    w.text(MEASURES_HEADING, 13, ACCENT);
    w.text(MEASURES_NOTE, 9, MUTED);
    w.gap(4);
    w.text(measures.join('\n'), 10);
    w.rule();
  }
  const listed = input.withEntries === false ? [] : entries;
  for (let i = 0; i < listed.length; i++) {
    const e = listed[i]!;
    w.need(60);
    w.gap(10);
    w.text(`${entryHeading(e)}${e.kind === 'check-in' ? ' (check-in)' : ''}`, 13, ACCENT);
    // The facts share one text object: fewer PDF operators per entry.
    const facts: string[] = [];
    if (e.mood !== null) facts.push(`Mood: ${moodText(e.mood)}`);
    if (e.emotions.length > 0) facts.push(`Emotions: ${e.emotions.join(', ')}`);
    if (e.sleep) facts.push(`Sleep: ${e.sleep}`);
    if (e.energy) facts.push(`Energy: ${e.energy}`);
    if (facts.length > 0) w.text(facts.join('\n'), 10, MUTED);
    if (e.text.trim()) {
      w.gap(4);
      w.text(e.text.trimEnd(), 11);
    }
    w.rule();
    if (options.onProgress && i % 200 === 199) await options.onProgress((i + 1) / listed.length);
  }
  // pdf-lib yields to the event loop every `objectsPerTick` objects; at its default of 50 the
  // yields alone cost a few hundred milliseconds in a browser.
  const bytes = await doc.save({ objectsPerTick: 1000 });
  await options.onProgress?.(1);
  return bytes;
}
