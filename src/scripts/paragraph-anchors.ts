/**
 * Paragraph and section links, enhanced. Everything here has a no-JavaScript fallback: the ¶
 * and # links are plain links, and CSS marks the `:target`.
 *
 * - Arriving on `#id` (load, Back, in-page links): the target is marked and focused, so screen
 *   readers start there.
 * - An old paragraph link whose id is gone (the paragraph was corrected) lands on the paragraph
 *   with the nearest fingerprint, within `SAME_PARAGRAPH_MAX_DISTANCE` (less for paragraphs of
 *   a few words); failing that, a notice
 *   says that the passage has changed, rather than leaving the reader silently at the top.
 * - ¶ and # copy an absolute link with a text fragment, and announce it.
 */
import { landingOf, type LandingPage } from '../lib/paragraph-landing';
import { templateIds } from '../lib/template-ids';
import { markWordsIn } from './highlight';

const body = document.querySelector<HTMLElement>('.article-body');
const notice = document.getElementById(templateIds.anchorNotice);
const status = document.getElementById(templateIds.linkStatus);

function reducedMotion(): boolean {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The page, as the landing rules the link report shares see it (src/lib/paragraph-landing.ts). */
const page: LandingPage<HTMLElement> = {
  element(id) {
    const found = document.getElementById(id);
    if (!found) return undefined;
    const parent = found.parentElement;
    return found.classList.contains('anchor-alias') && parent
      ? { block: found, aliasOf: { block: parent, id: parent.id } }
      : { block: found };
  },
  *candidates() {
    if (!body) return;
    for (const block of body.querySelectorAll<HTMLElement>('[data-fingerprint], [id^="p-"]')) {
      yield {
        block,
        id: block.id,
        fingerprint: block.dataset['fingerprint'],
        text: block.textContent ?? '',
      };
    }
  },
};

/** The notice and the status are live regions that stay in the page; empty, they take no space. */
function showNotice(message: string | undefined): void {
  if (notice) notice.textContent = message ?? '';
}

/** Words a search result asked to mark on arrival (`?mark=Kiev&mark=Kÿiv`), marked once. */
let searchWords: string[] | undefined = new URLSearchParams(location.search).getAll('mark');

function land(target: HTMLElement, scroll: boolean): void {
  for (const marked of document.querySelectorAll('.is-linked'))
    marked.classList.remove('is-linked');
  target.classList.add('is-linked');
  if (searchWords?.length) markWordsIn(target, searchWords);
  searchWords = undefined;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  if (scroll)
    target.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
  target.focus({ preventScroll: true });
}

function arrive(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const landing = landingOf(id, page);
  switch (landing.kind) {
    case 'alias':
      // An old id kept as an alias: an empty marker inside the element with the current id.
      showNotice(undefined);
      history.replaceState(history.state, '', `#${landing.id}`);
      land(landing.block, false);
      return;
    case 'exact':
      showNotice(undefined);
      land(landing.block, false);
      return;
    case 'nearest':
      history.replaceState(history.state, '', `#${landing.id}`);
      showNotice(
        'The paragraph you linked to has been edited since the link was made. It is marked below.',
      );
      land(landing.block, true);
      return;
    case 'notice':
      showNotice(
        'The passage you linked to has changed or is no longer in this article. You are at the start of the article.',
      );
      notice?.focus();
  }
}

/** `#id:~:text=start,end`: browsers that support text fragments also find and mark the words. */
function textFragment(block: HTMLElement): string {
  const words = (block.textContent ?? '').trim().split(/\s+/).filter(Boolean);
  const encode = (part: string[]) =>
    encodeURIComponent(part.join(' ')).replace(/-/g, '%2D').replace(/'/g, '%27');
  if (words.length <= 8) return `:~:text=${encode(words)}`;
  return `:~:text=${encode(words.slice(0, 4))},${encode(words.slice(-4))}`;
}

function announce(message: string): void {
  if (!status) return;
  status.textContent = message;
  window.setTimeout(() => {
    if (status.textContent === message) status.textContent = '';
  }, 4000);
}

async function copyLink(anchor: HTMLAnchorElement): Promise<void> {
  const target = document.getElementById(anchor.hash.slice(1));
  if (!target) return;
  const isSection = /^H[2-6]$/.test(target.tagName);
  const url = `${location.origin}${location.pathname}#${target.id}${isSection ? '' : textFragment(target)}`;
  const what = isSection ? 'section' : 'paragraph';
  try {
    await navigator.clipboard.writeText(url);
    announce(`Link to this ${what} copied.`);
  } catch {
    announce(`The address bar now holds a link to this ${what}.`);
  }
}

body?.addEventListener('click', (event) => {
  if (!(event.target instanceof Element) || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target.closest<HTMLAnchorElement>('a.paragraph-link, a.heading-anchor');
  if (!anchor) return;
  event.preventDefault();
  history.pushState(history.state, '', anchor.hash);
  arrive();
  void copyLink(anchor);
});

if (body) {
  addEventListener('hashchange', arrive);
  arrive();
}
// The browser's own scroll to the fragment can come after this script and move focus to the
// page when its target cannot take focus (an alias marker): give it back to the landing.
addEventListener(
  'load',
  () => {
    const linked = document.querySelector<HTMLElement>('.is-linked');
    if (linked && (document.activeElement === document.body || document.activeElement === null)) {
      linked.focus({ preventScroll: true });
    }
  },
  { once: true },
);
