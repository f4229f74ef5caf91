/**
 * Printed links show where they go (see the print rules in global.css). A link within the site
 * is written as a path; before printing, it gets its full address, which the browser resolves.
 */
function addPrintAddresses(): void {
  const links = document.querySelectorAll<HTMLAnchorElement>(
    '.article-body a[href]:not(.paragraph-link, .heading-anchor, [href^="#"], [href^="http:" i], [href^="https:" i])',
  );
  for (const link of links) {
    if (link.protocol === 'http:' || link.protocol === 'https:')
      link.dataset['printHref'] = link.href;
  }
}

addEventListener('beforeprint', addPrintAddresses);
