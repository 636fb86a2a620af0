import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The embedded type: Noto Serif (full Vietnamese coverage) from an npm package, parsed once per process. */

const require = createRequire(import.meta.url);
/** fontkit ships no types; pdfkit takes one of its font objects wherever it takes a font file. */
const fontkit = require('fontkit') as { create(data: Buffer): object };
const fontFile = (name: string) =>
  readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${name}/NotoSerif_${name}.ttf`));
interface Position {
  xAdvance: number;
  [key: string]: number;
}
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface LayoutFont {
  layout(text: string, features?: unknown, ...rest: unknown[]): { glyphs: Glyph[]; positions: Position[] };
}

/**
 * Shaping a word with the font's OpenType tables is the bulk of rendering; pdfkit caches it per
 * document only. This cache is per process. pdfkit scales the positions it gets in place, so each
 * caller receives fresh copies. fontkit keeps one glyph object per id with the characters of the
 * first text that produced it, and pdfkit writes those into the PDF's text layer (ToUnicode): so
 * each glyph is handed over with the characters of this text (one glyph per character is the rule
 * for NFC Vietnamese; otherwise fontkit's own are kept).
 */
function withSharedLayout<F extends LayoutFont>(font: F): F {
  const cache = new Map<string, { glyphs: Glyph[]; positions: Position[] }>();
  const layout = font.layout.bind(font);
  return new Proxy(font, {
    get(target, prop, receiver) {
      if (prop !== 'layout') return Reflect.get(target, prop, receiver) as unknown;
      return (text: string, features?: unknown, ...rest: unknown[]) => {
        if (features !== undefined || rest.length > 0) return layout(text, features, ...rest);
        let hit = cache.get(text);
        if (!hit) {
          const run = layout(text);
          const chars = [...text].map((c) => c.codePointAt(0)!);
          const own = chars.length === run.glyphs.length;
          const glyphs = run.glyphs.map((g, i) => ({
            id: g.id,
            advanceWidth: g.advanceWidth,
            codePoints: own ? [chars[i]!] : g.codePoints,
          }));
          hit = { glyphs, positions: run.positions.map((p) => ({ ...p })) };
          if (cache.size >= 50_000) cache.clear();
          cache.set(text, hit);
        }
        const positions = hit.positions.map((p) => ({ ...p }));
        return {
          glyphs: hit.glyphs,
          positions,
          get advanceWidth() {
            return positions.reduce((sum, p) => sum + p.xAdvance, 0);
          },
        };
      };
    },
  });
}

type Faces = Record<'regular' | 'bold' | 'italic' | 'boldItalic', PDFKit.Mixins.PDFFontSource>;
let fonts: Faces | undefined;
/**
 * Parsed once per process and shared by every document: parsing and shaping tables of a 500 kB
 * TTF per document cost ~250 ms per paper (scripts/bench/documents.ts). Each document still embeds
 * its own subset, so output does not depend on what was printed before.
 */
export function fontData(): Faces {
  const face = (name: string) =>
    withSharedLayout(fontkit.create(fontFile(name)) as LayoutFont) as unknown as PDFKit.Mixins.PDFFontSource;
  return (fonts ??= {
    regular: face('400Regular'),
    bold: face('700Bold'),
    italic: face('400Regular_Italic'),
    boldItalic: face('700Bold_Italic'),
  });
}
