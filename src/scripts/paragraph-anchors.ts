/**
 * Paragraph and section links, enhanced. Everything here has a no-JavaScript fallback: the ¶
 * and # links are plain links, and CSS marks the `:target`.
 *
 * - Arriving on `#id` (load, Back, in-page links): the target is marked and focused, so screen
 *   readers start there. A paragraph far below its section's heading gets the section's name
 *   just above it, so the reader sees where they are; a nearer heading is kept in view instead.
 * - An old paragraph link whose id is gone (the paragraph was corrected) lands on the paragraph
 *   with the nearest fingerprint, within `SAME_PARAGRAPH_MAX_DISTANCE` (less for paragraphs of
 *   a few words), and the notice that it has been edited stands right above it, in view (and
 *   describes it, for screen readers). Failing a match, the notice at the top of the article
 *   says that the passage has changed, rather than leaving the reader silently at the top.
 * - ¶ and # copy an absolute link with a text fragment, and announce it.
 */
import { landingOf, type LandingPage } from '../lib/paragraph-landing';
import { templateIds } from '../lib/template-ids';
import { markWordsIn } from './highlight';
import { linkAnchor } from './link-anchor';

const body = document.querySelector<HTMLElement>('.article-body');
const notice = document.getElementById(templateIds.anchorNotice);
const status = document.getElementById(templateIds.linkStatus);
/** Where the notice waits in the page, so it can go back there after standing by a paragraph. */
const noticeHome = notice ? { parent: notice.parentElement, next: notice.nextSibling } : undefined;
/** A section's name, shown above a landing paragraph (see `showSection`). */
const sectionLabel = document.createElement('p');
sectionLabel.className = 'landing-section';
/** How much of the screen may lie between a section's heading and a landing paragraph. */
const HEADING_IN_VIEW_SHARE = 0.4;

function reducedMotion(): boolean {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A block's own text, without the notes this script may have put at its start. */
function textOf(block: HTMLElement): string {
  if (!block.contains(notice) && !block.contains(sectionLabel)) return block.textContent ?? '';
  const copy = block.cloneNode(true) as HTMLElement;
  for (const note of copy.querySelectorAll('.landing-section, .anchor-notice')) note.remove();
  return copy.textContent ?? '';
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
      yield { block, id: block.id, fingerprint: block.dataset['fingerprint'], text: textOf(block) };
    }
  },
};

/** The notice and the status are live regions that stay in the page; empty, they take no space. */
function showNotice(message: string | undefined, beside?: HTMLElement): void {
  if (!notice) return;
  if (beside) {
    placeAbove(notice, beside);
  } else if (noticeHome?.parent && notice.parentElement !== noticeHome.parent) {
    noticeHome.parent.insertBefore(notice, noticeHome.next);
  }
  notice.textContent = message ?? '';
}

/**
 * Puts a note right above a block. A list item's goes above its list when it is the first item,
 * else inside it, at its start: a <p> between two <li> would break the list.
 */
function placeAbove(note: HTMLElement, block: HTMLElement): void {
  const list = block.parentElement;
  if (block.tagName !== 'LI' || !list) block.before(note);
  else if (block === list.firstElementChild) list.before(note);
  else block.prepend(note);
}

/** The heading of the section a block is in: the nearest h2-h4 before it in the body. */
function sectionHeading(block: HTMLElement): HTMLElement | undefined {
  let top: Element | null = block;
  while (top && top.parentElement !== body) top = top.parentElement;
  for (let at = top?.previousElementSibling; at; at = at.previousElementSibling) {
    if (/^H[2-4]$/.test(at.tagName)) return at as HTMLElement;
  }
  return undefined;
}

/**
 * Lets the reader see which section a landing block is in: its heading, when it is near enough
 * to stay in view above the block, or else the section's name right above the block. The block's
 * scroll margin keeps what stands above it on screen, for the browser's own scroll too.
 */
function showSection(target: HTMLElement): void {
  if (/^H[1-6]$/.test(target.tagName)) return;
  const heading = sectionHeading(target);
  const above = (element: Element) =>
    target.getBoundingClientRect().top - element.getBoundingClientRect().top;
  if (heading && !notice?.textContent) {
    const distance = above(heading);
    if (distance <= innerHeight * HEADING_IN_VIEW_SHARE) {
      target.style.scrollMarginTop = `${distance + 16}px`;
      return;
    }
  }
  if (heading) {
    const link = document.createElement('a');
    link.href = `#${heading.id}`;
    link.textContent = heading.textContent?.trim() ?? '';
    sectionLabel.replaceChildren('In ', link);
    if (notice?.textContent && notice.parentElement !== noticeHome?.parent)
      notice.before(sectionLabel);
    else placeAbove(sectionLabel, target);
  }
  const top = heading ? sectionLabel : notice?.textContent ? notice : undefined;
  if (top) target.style.scrollMarginTop = `${above(top) + 16}px`;
}

/** Words a search result asked to mark on arrival (`?mark=Kiev&mark=Kÿiv`), marked once. */
let searchWords: string[] | undefined = new URLSearchParams(location.search).getAll('mark');

/**
 * Marks and focuses where a link lands. `scroll` scrolls it into view (the browser has not);
 * `withSection` shows the reader which section it is in, which may scroll a little.
 */
function land(target: HTMLElement, scroll: boolean, withSection = true): void {
  for (const marked of document.querySelectorAll<HTMLElement>('.is-linked')) {
    marked.classList.remove('is-linked');
    marked.style.removeProperty('scroll-margin-top');
    marked.removeAttribute('aria-describedby');
  }
  target.classList.add('is-linked');
  if (searchWords?.length) markWordsIn(target, searchWords);
  searchWords = undefined;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  // The notice, when it stands by the block, is what a screen reader hears with it.
  if (notice?.textContent && notice.parentElement !== noticeHome?.parent)
    target.setAttribute('aria-describedby', notice.id);
  sectionLabel.remove();
  target.style.removeProperty('scroll-margin-top');
  if (withSection) showSection(target);
  if (scroll || target.style.scrollMarginTop)
    target.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
  target.focus({ preventScroll: true });
}

/** Lands on the address's fragment; a click on a ¶ or # lands without moving the page. */
function arrive(byClick = false): void {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) {
    // A search result for the headline or the standfirst links to the page itself.
    const header = [
      ...document.querySelectorAll('.article-header h1, .article-header .standfirst'),
    ];
    if (searchWords?.length) for (const part of header) markWordsIn(part, searchWords);
    searchWords = undefined;
    return;
  }
  const landing = landingOf(id, page);
  switch (landing.kind) {
    case 'alias':
      // An old id kept as an alias: an empty marker inside the element with the current id.
      showNotice(undefined);
      history.replaceState(history.state, '', `#${landing.id}`);
      land(landing.block, false, !byClick);
      return;
    case 'exact':
      showNotice(undefined);
      land(landing.block, false, !byClick);
      return;
    case 'nearest':
      history.replaceState(history.state, '', `#${landing.id}`);
      showNotice(
        'The paragraph you linked to has been edited since the link was made. It is marked below.',
        landing.block,
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
  const words = textOf(block).trim().split(/\s+/).filter(Boolean);
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

/** A click on a ¶ or # (`linkAnchor`): the address takes its fragment, and the link is copied. */
export function follow(anchor: HTMLAnchorElement): void {
  history.pushState(history.state, '', anchor.hash);
  arrive(true);
  void copyLink(anchor);
}

body?.addEventListener('click', (event) => {
  const anchor = linkAnchor(event);
  if (!anchor) return;
  event.preventDefault();
  follow(anchor);
});

if (body) {
  addEventListener('hashchange', () => arrive());
  arrive();
}

/**
 * The browser's own scroll to the fragment can come after this script and move focus to the
 * page when its target cannot take focus (an alias marker): give it back to the landing.
 */
function refocus(): void {
  const linked = document.querySelector<HTMLElement>('.is-linked');
  if (linked && (document.activeElement === document.body || document.activeElement === null)) {
    linked.focus({ preventScroll: true });
  }
}
// Loaded on demand (see page.ts), this may run after the page's load.
if (document.readyState === 'complete') refocus();
else addEventListener('load', refocus, { once: true });
