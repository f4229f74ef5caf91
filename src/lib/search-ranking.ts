/**
 * How the search ranks articles by relevance: BM25 over the whole archive, times freshness. The
 * same article scores the same however the index is cut into parts (every count is the
 * archive's, from the word directory), and a part can be skipped once the best score any of its
 * articles could reach (`partBound`) is below the results already found. No Node imports: the
 * search worker bundles this.
 */

/** BM25's saturation of term frequency (k1), as Pagefind's default. */
const SATURATION = 1.2;
/** BM25's length normalisation (b), as Pagefind's default. */
const LENGTH_NORM = 0.75;

/**
 * Days after which freshness has fallen halfway to its floor. News is read for what is new: of
 * two articles that answer a query as well, the newer ranks first, and an article from a year
 * before ranks as one half as relevant. It never falls under `FRESHNESS_FLOOR`: an old article
 * that answers a query far better still comes first.
 */
export const FRESHNESS_HALF_LIFE_DAYS = 180;
export const FRESHNESS_FLOOR = 0.5;

/** The weight of an article published `day`, in an archive whose newest article is of `newest`. */
export function freshness(day: number, newest: number): number {
  const age = Math.max(0, newest - day);
  return FRESHNESS_FLOOR + (1 - FRESHNESS_FLOOR) * 2 ** (-age / FRESHNESS_HALF_LIFE_DAYS);
}

/** BM25's inverse document frequency of a term `holding` articles of `articles` hold. */
export function inverseFrequency(articles: number, holding: number): number {
  return Math.log(1 + (articles - holding + 0.5) / (holding + 0.5));
}

/**
 * What a term found `occurrences` times in an article of `words` words weighs (BM25), given
 * its `idf` and the archive's average article length.
 */
export function termWeight(
  idf: number,
  occurrences: number,
  words: number,
  averageWords: number,
): number {
  const norm = 1 - LENGTH_NORM + LENGTH_NORM * (averageWords > 0 ? words / averageWords : 1);
  return (idf * occurrences * (SATURATION + 1)) / (occurrences + SATURATION * norm);
}

/** The most a term of `idf` can weigh in any article: BM25's limit, however often it is found. */
export function termBound(idf: number): number {
  return idf * (SATURATION + 1);
}
