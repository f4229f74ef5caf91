/**
 * The one script of every page, loaded as a single small module: search waits for intent
 * before loading anything more, and paragraph links enhance article pages.
 */
import './search-intent';
import './paragraph-anchors';
import './print-addresses';
