/**
 * Printed links show where they go (see the print rules in global.css). A link within the site
 * is written as a path; before printing, it gets its full address, resolved against the page's
 * canonical address, as the printed masthead gives it.
 */
function addPrintAddresses(): void {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  const links = document.querySelectorAll<HTMLAnchorElement>(
    '.article-body a[href]:not(.paragraph-link, .heading-anchor, [href^="#"], [href^="http:" i], [href^="https:" i])',
  );
  for (const link of links) {
    const address = new URL(link.getAttribute('href')!, canonical ?? location.href);
    if (address.protocol === 'http:' || address.protocol === 'https:')
      link.dataset['printHref'] = address.href;
  }
}

addEventListener('beforeprint', addPrintAddresses);
