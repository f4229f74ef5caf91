/**
 * Synthetic news corpora for the benchmark: articles of 300 to 3,000 words with section
 * headings (some repeated within an article), names from the glossary in all their spellings,
 * quotations in curly quotes, figures such as “$150 billion”, tokens such as Mig-29, bullet
 * lists and block quotes, and valid frontmatter.
 *
 * Deterministic: article `i` of seed `s` is generated from its own generator seeded with
 * `s/i`, so the same seed gives the same files, and the 1,000-article corpus is the first
 * 1,000 articles of the 5,000-article one.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import yaml from 'js-yaml';
import { createRandom, zipf, type Random } from './random.ts';
import * as words from './words.ts';

export interface CorpusArticle {
  /** Site-relative address, e.g. `/articles/2023/04/allies-pledge-aid-17/`. */
  url: string;
  file: string;
  words: number;
}

export interface Corpus {
  dir: string;
  seed: string;
  articles: CorpusArticle[];
  totalWords: number;
  /** Bytes of Markdown written. */
  bytes: number;
  /** Distinct words (lower-cased) across all articles: what the index has to hold. */
  vocabulary: number;
}

interface Spelling {
  text: string;
  weight: number;
}

interface GlossaryNames {
  person: Spelling[][];
  place: Spelling[][];
  organisation: Spelling[][];
}

/** The glossary's names with every spelling; non-Latin spellings are used more rarely. */
function readGlossary(file: string): GlossaryNames {
  const data = yaml.load(readFileSync(file, 'utf8')) as Record<
    string,
    { name: string; kind: keyof GlossaryNames; spellings?: string[] }
  >;
  const names: GlossaryNames = { person: [], place: [], organisation: [] };
  for (const entry of Object.values(data)) {
    const spellings = [entry.name, ...(entry.spellings ?? [])].map((text, i) => ({
      text,
      weight: /[^\p{Script=Latin}\s.'’-]/u.test(text) ? 0.15 : i === 0 ? 3 : 1.5,
    }));
    names[entry.kind].push(spellings);
  }
  return names;
}

function weighted(random: Random, items: readonly Spelling[]): string {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let target = random.next() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item.text;
  }
  return items[items.length - 1]!.text;
}

/**
 * Invented words (and a few invented proper names) for the long tail of the vocabulary: real
 * news has tens of thousands of distinct words, and the index size depends on it.
 */
function inventWords(seed: string, count: number): string[] {
  const random = createRandom(`${seed}/vocabulary`);
  const onsets = ['b', 'br', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'kr', 'l', 'm', 'n', 'p'];
  onsets.push('pr', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'z', 'zh', 'y', 'sk', 'pl', 'bl', 'w');
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ia', 'ei', 'ou', 'y'];
  const codas = ['', '', '', 'n', 'r', 's', 'l', 'k', 'nt', 'st', 'v', 'm'];
  const known = new Set<string>(
    [
      ...words.nouns,
      ...words.verbs,
      ...words.adjectives,
      ...words.functionWords,
      ...words.rareWords,
    ]
      .join(' ')
      .toLowerCase()
      .split(/\s+/),
  );
  const invented = new Set<string>();
  while (invented.size < count) {
    let word = '';
    const syllables = random.int(2, 4);
    for (let s = 0; s < syllables; s++) {
      word +=
        random.pick(onsets) + random.pick(vowels) + (s === syllables - 1 ? random.pick(codas) : '');
    }
    if (word.length < 5 || known.has(word)) continue;
    invented.add(random.chance(0.15) ? word[0]!.toUpperCase() + word.slice(1) : word);
  }
  return [...invented];
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const capitalise = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Generates the text of one article with its own generator. */
class ArticleWriter {
  readonly #random: Random;
  readonly #names: GlossaryNames;
  readonly #invented: (random: Random) => string;
  readonly #noun = zipf(words.nouns, 0.7);
  readonly #verb = zipf(words.verbs, 0.7);
  readonly #adjective = zipf(words.adjectives, 0.7);
  readonly #function = zipf(words.functionWords, 0.8);
  readonly #rare: string | undefined;

  constructor(
    random: Random,
    names: GlossaryNames,
    invented: (random: Random) => string,
    rare: string | undefined,
  ) {
    this.#random = random;
    this.#names = names;
    this.#invented = invented;
    this.#rare = rare;
  }

  get rare(): string | undefined {
    return this.#rare;
  }

  person(): string {
    const r = this.#random;
    if (r.chance(0.6)) return weighted(r, r.pick(this.#names.person));
    return `${r.pick(words.firstNames)} ${r.pick(words.lastNames)}`;
  }

  place(): string {
    const r = this.#random;
    if (r.chance(0.65)) return weighted(r, r.pick(this.#names.place));
    return r.pick(words.otherPlaces);
  }

  organisation(): string {
    const name = weighted(this.#random, this.#random.pick(this.#names.organisation));
    return /^(Atlantic|North|Kremlin)/.test(name) ? `the ${name}` : name;
  }

  nounPhrase(): string {
    const r = this.#random;
    const parts: string[] = [];
    if (r.chance(0.5)) parts.push(this.#adjective(r));
    if (r.chance(0.2)) parts.push(this.#adjective(r));
    parts.push(r.chance(0.08) ? this.#invented(r) : this.#noun(r));
    return parts.join(' ');
  }

  /** Words in a news-like order with a long tail of vocabulary, and sometimes a name. */
  filler(length: number): string {
    const r = this.#random;
    const out: string[] = [];
    while (out.length < length) {
      const roll = r.next();
      if (roll < 0.34) out.push(this.#function(r));
      else if (roll < 0.56) out.push(this.#noun(r));
      else if (roll < 0.68) out.push(this.#verb(r));
      else if (roll < 0.8) out.push(this.#adjective(r));
      else if (roll < 0.93) out.push(this.#invented(r));
      else if (roll < 0.96) out.push(this.place());
      else if (roll < 0.98) out.push(this.person());
      else out.push(this.organisation());
    }
    return out.join(' ');
  }

  figure(): string {
    const r = this.#random;
    const amount = r.chance(0.3) ? 150 : r.int(1, 400);
    const unit = r.pick(['billion', 'million', 'billion']);
    return r.chance(0.8) ? `$${amount} ${unit}` : `€${amount} ${unit}`;
  }

  /** One sentence, of one of many shapes. */
  sentence(): string {
    const r = this.#random;
    const shape = r.int(0, 13);
    switch (shape) {
      case 0:
        return `${this.person()} ${this.#verb(r)} that ${this.filler(r.int(6, 16))}.`;
      case 1:
        return `“${capitalise(this.filler(r.int(6, 18)))},” ${this.person()} ${r.pick(['said', 'told reporters', 'said on ' + r.pick(weekdays), 'added'])}.`;
      case 2:
        return `${capitalise(this.place())}’s ${this.nounPhrase()} ${this.#verb(r)} ${this.nounPhrase()} on ${r.pick(weekdays)}, according to ${r.pick(words.roles)}.`;
      case 3:
        return `Westerners have provided more than ${this.figure()} in aid to ${this.place()} since ${r.pick(months)} ${r.int(2014, 2026)}, including ${this.figure()} for the military, ${this.person()} said.`;
      case 4:
        return `${capitalise(this.place())} began supplying ${this.place()} with ${r.pick(words.designations)} ${r.pick(['fighters', 'systems', 'tanks', 'launchers', 'missiles'])}, ${this.filler(r.int(4, 10))}.`;
      case 5:
        return `“It is now a ${r.pick(words.phrases)}, and ${this.filler(r.int(4, 10))},” ${this.person()} said.`;
      case 6:
        return `${capitalise(this.organisation())} ${this.#verb(r)} the ${r.pick(words.phrases)} ${this.filler(r.int(3, 9))}.`;
      case 7:
        return `During a visit to ${this.place()} on ${r.pick(weekdays)}, ${this.person()} held talks with ${this.person()} about ${this.nounPhrase()} and ${this.nounPhrase()}.`;
      case 8:
        return `The ${this.nounPhrase()} ${this.#verb(r)} ${this.nounPhrase()} in ${this.place()}, ${r.pick(words.roles)} ${r.pick(['said', 'noted', 'told reporters'])}.`;
      case 9:
        return `Around ${r.int(2, 60)} countries ${r.pick(['are', 'were'])} represented, and ${this.filler(r.int(5, 14))}.`;
      default:
        return `${capitalise(this.filler(r.int(8, 28)))}.`;
    }
  }

  heading(stock: string[]): string {
    const r = this.#random;
    // Some headings repeat within an article: "Background" twice gets ids `background`, `background-1`.
    if (stock.length > 0 && r.chance(0.25)) return r.pick(stock);
    if (r.chance(0.35)) {
      const heading = r.pick(words.stockHeadings);
      stock.push(heading);
      return heading;
    }
    const pick = r.sample(words.headingWords, r.int(1, 3));
    if (r.chance(0.3)) return `${pick.join(', ')} and ${this.place()}`;
    return pick.join(r.chance(0.5) ? ' and ' : ', ');
  }

  title(): string {
    const r = this.#random;
    const options = [
      () =>
        `${this.place()} allies ${this.#verb(r)} ${this.nounPhrase()} under pressure from ${this.person()}`,
      () =>
        `${this.person()} ${this.#verb(r)} ${this.nounPhrase()} as ${this.nounPhrase()} ${this.#verb(r)}`,
      () =>
        `${capitalise(this.organisation())} and ${this.place()}: ${this.nounPhrase()} after ${this.nounPhrase()}`,
      () =>
        `${r.pick(words.designations)} ${r.pick(['deliveries', 'crews', 'repairs'])} ${this.#verb(r)} in ${this.place()}`,
      () =>
        `${capitalise(this.nounPhrase())} in ${this.place()}: ${this.figure()} for ${this.nounPhrase()}`,
    ];
    return capitalise(r.pick(options)()).slice(0, 190);
  }

  /** The body: a lead paragraph, then sections until the word count is reached. */
  body(target: number): { markdown: string; words: number } {
    const r = this.#random;
    const blocks: string[] = [];
    let count = 0;
    const add = (block: string) => {
      blocks.push(block);
      count += countWords(block.replace(/^(##|>|-) /gm, ''));
    };
    /** A paragraph of sentences, stopping at the target. */
    const paragraph = (sentences: number) => {
      const out: string[] = [];
      for (let i = 0; i < sentences && count + countWords(out.join(' ')) < target; i++) {
        out.push(this.sentence());
      }
      if (out.length > 0) add(out.join(' '));
    };
    const stock: string[] = [];
    paragraph(r.int(1, 3));
    if (this.#rare)
      add(`${capitalise(this.filler(r.int(5, 12)))} ${this.#rare} ${this.filler(4)}.`);
    let sinceHeading = Number.POSITIVE_INFINITY;
    while (count < target) {
      const left = target - count;
      if (sinceHeading > r.int(120, 400) && left > 80) {
        add(`## ${this.heading(stock)}`);
        sinceHeading = 0;
      }
      const before = count;
      const roll = r.next();
      if (roll < 0.06 && left > 60) {
        paragraph(1);
        blocks[blocks.length - 1] = blocks[blocks.length - 1]!.replace(/\.$/, ':');
        const items = Array.from({ length: r.int(3, 6) }, () =>
          r.chance(0.5)
            ? `- ${capitalise(this.nounPhrase())} for ${this.place()}`
            : `- ${capitalise(this.filler(r.int(4, 12)))}`,
        );
        add(items.join('\n'));
      } else if (roll < 0.12 && left > 40) {
        add(`> “${capitalise(this.filler(r.int(12, 30)))}.”`);
      } else {
        paragraph(r.int(1, 5));
      }
      sinceHeading += count - before;
    }
    return { markdown: blocks.join('\n\n'), words: count };
  }
}

const yamlString = (text: string) => JSON.stringify(text);

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 7)
    .join('-');
}

/** Article `index`'s file path (relative to `articles/`) and text. */
function article(
  seed: string,
  index: number,
  names: GlossaryNames,
  invented: (random: Random) => string,
): { path: string; text: string; words: number } {
  const random = createRandom(`${seed}/${index}`);
  // One article in 100 mentions a rare word once: each rare word is in one article in 500.
  const rare =
    index % 100 === 37
      ? words.rareWords[Math.floor(index / 100) % words.rareWords.length]
      : undefined;
  const writer = new ArticleWriter(random, names, invented, rare);
  // Log-uniform between 300 and 3,000 words: most articles short, some long. The first two are
  // the extremes, so every corpus has both.
  const target = index === 0 ? 3000 : index === 1 ? 300 : Math.round(300 * 10 ** random.next());
  const start = Date.UTC(2015, 0, 1);
  const end = Date.UTC(2026, 9, 31);
  const published = new Date(start + Math.floor(random.next() * (end - start)));
  const title = writer.title();
  const description = `${capitalise(writer.filler(random.int(12, 30)))}.`.slice(0, 380);
  const lines = ['---', `title: ${yamlString(title)}`, `description: ${yamlString(description)}`];
  if (random.chance(0.2)) {
    const hour = String(random.int(6, 22)).padStart(2, '0');
    const minute = String(random.int(0, 59)).padStart(2, '0');
    lines.push(`published: ${isoDay(published)}T${hour}:${minute}:00+0${random.int(0, 3)}:00`);
  } else {
    lines.push(`published: ${isoDay(published)}`);
  }
  if (random.chance(0.15)) {
    lines.push(
      `updated: ${isoDay(new Date(published.getTime() + random.int(1, 20) * 86_400_000))}`,
    );
  }
  if (random.chance(0.7)) lines.push(`dateline: ${yamlString(random.pick(words.datelines))}`);
  const author = () => `${random.pick(words.firstNames)} ${random.pick(words.lastNames)}`;
  if (random.chance(0.15))
    lines.push('byline:', `  - ${yamlString(author())}`, `  - ${yamlString(author())}`);
  else if (random.chance(0.6)) lines.push(`byline: ${yamlString(author())}`);
  lines.push('language: en', 'tags:');
  for (const tag of random.sample(words.tags, random.int(1, 4)))
    lines.push(`  - ${yamlString(tag)}`);
  if (random.chance(0.5)) {
    lines.push('related:');
    for (let i = random.int(1, 3); i > 0; i--) {
      lines.push(`  - title: ${yamlString(writer.title())}`);
      if (random.chance(0.3))
        lines.push(`    url: https://example.org/story/${random.int(1, 99999)}`);
    }
  }
  lines.push('---', '');
  const body = writer.body(target);
  const month = String(published.getUTCMonth() + 1).padStart(2, '0');
  const path = `${published.getUTCFullYear()}/${month}/${slugify(title)}-${index}.md`;
  return { path, text: `${lines.join('\n')}\n${body.markdown}\n`, words: body.words };
}

/**
 * Writes `count` articles and the site's glossary into `dir` (`dir/articles/**\/*.md`,
 * `dir/glossary.yaml`), as `CONTENT_DIR` expects.
 */
export function writeCorpus(
  dir: string,
  count: number,
  { seed, glossaryFile }: { seed: string; glossaryFile: string },
): Corpus {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  copyFileSync(glossaryFile, join(dir, 'glossary.yaml'));
  const names = readGlossary(glossaryFile);
  const invented = zipf(inventWords(seed, 40_000), 1);
  const vocabulary = new Set<string>();
  const articles: CorpusArticle[] = [];
  let bytes = 0;
  let totalWords = 0;
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const { path, text, words: wordCount } = article(seed, i, names, invented);
    const file = join(dir, 'articles', path);
    const folder = dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    totalWords += wordCount;
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}$€-]+/gu) ?? []) vocabulary.add(word);
    articles.push({ url: `/articles/${path.replace(/\.md$/, '')}/`, file, words: wordCount });
  }
  return { dir, seed, articles, totalWords, bytes, vocabulary: vocabulary.size };
}

/**
 * An existing content folder as a corpus (`npm run bench -- --content content`): the site's own
 * articles, or an archive of yours. Nothing is written into it.
 */
export function readCorpus(dir: string): Corpus {
  const articlesDir = join(dir, 'articles');
  const files = readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .sort();
  const vocabulary = new Set<string>();
  let bytes = 0;
  let totalWords = 0;
  const articles = files.map((name): CorpusArticle => {
    const file = join(articlesDir, name);
    const text = readFileSync(file, 'utf8');
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
    const words = countWords(body);
    bytes += Buffer.byteLength(text);
    totalWords += words;
    for (const word of body.toLowerCase().match(/[\p{L}\p{N}$€-]+/gu) ?? []) vocabulary.add(word);
    const path = name.split(sep).join('/');
    return { url: `/articles/${path.replace(/\.md$/, '')}/`, file, words };
  });
  return {
    dir,
    seed: 'none: an existing content folder',
    articles,
    totalWords,
    bytes,
    vocabulary: vocabulary.size,
  };
}

export interface Publish {
  /** The new article's address. */
  added: string;
  /** The address of the article whose paragraph was corrected. */
  corrected: string;
}

/** The frontmatter's end: the second `---` line. */
const frontmatterEnd = (text: string) => text.indexOf('\n---\n', 4);

/**
 * What a newsroom does between two builds: one new article (the corpus's next one, so the same
 * seed always adds the same article) and one paragraph of the middle article corrected, with a
 * dated correction note. Written into the corpus folder; `corpus` is updated to match.
 */
export function publishEdits(
  corpus: Corpus,
  { seed, glossaryFile }: { seed: string; glossaryFile: string },
): Publish {
  const names = readGlossary(glossaryFile);
  const invented = zipf(inventWords(seed, 40_000), 1);
  const next = corpus.articles.length;
  const generated = article(seed, next, names, invented);
  // Published now: newer than every article of the corpus (they end in October 2026), so it
  // heads every list ordered newest first, as a new story does.
  const text = generated.text
    .replace(/^published: .*$/m, 'published: 2026-11-30T09:00:00+00:00')
    .replace(/^updated: .*\n/m, '');
  const path = generated.path.replace(/^\d{4}\/\d\d\//, '2026/11/');
  const file = join(corpus.dir, 'articles', path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const added: CorpusArticle = {
    url: `/articles/${path.replace(/\.md$/, '')}/`,
    file,
    words: generated.words,
  };

  const target = corpus.articles[Math.floor(next / 2)]!;
  const source = readFileSync(target.file, 'utf8');
  const end = frontmatterEnd(source);
  const blocks = source.slice(end + 5).split('\n\n');
  // The first plain paragraph: not a heading, a list, a quotation or an image.
  const at = blocks.findIndex((block) => /^[\p{L}\p{N}“"]/u.test(block) && !block.includes('\n'));
  if (at < 0) throw new Error(`no paragraph to correct in ${target.file}`);
  const paragraph = blocks[at]!;
  // A misstated figure, or else a missing sentence.
  blocks[at] = /\d+/.test(paragraph)
    ? paragraph.replace(/\d+/, (digits) => String(Number(digits) + 1))
    : `${paragraph} The figure was confirmed by officials later that day.`;
  const correction = [
    'corrections:',
    '  - date: 2026-11-30',
    '    text: "An earlier version of this article misstated a figure in one paragraph."',
  ].join('\n');
  const frontmatter = source.slice(0, end);
  if (/^corrections:/m.test(frontmatter)) {
    throw new Error(`${target.file} already has corrections: correct another article`);
  }
  writeFileSync(target.file, `${frontmatter}\n${correction}\n---\n${blocks.join('\n\n')}`);
  corpus.articles.push(added);
  return { added: added.url, corrected: target.url };
}
