import { glossaryFile } from '../site';
import { loadGlossary } from './glossary';

/** The site's glossary, read and validated once per build; an invalid glossary fails the build. */
export const glossary = loadGlossary(glossaryFile);
