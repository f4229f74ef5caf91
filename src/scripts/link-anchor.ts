/**
 * Which clicks are a reader's click on a paragraph's ¶ or a section's # link: a plain click (no
 * modifier: those open the link elsewhere, as the browser does). Shared by page.ts, which loads
 * the paragraph-link code on the first such click, and paragraph-anchors.ts, which handles it.
 */
export function linkAnchor(event: MouseEvent): HTMLAnchorElement | undefined {
  if (!(event.target instanceof Element) || event.button !== 0) return undefined;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined;
  return event.target.closest<HTMLAnchorElement>('a.paragraph-link, a.heading-anchor') ?? undefined;
}
