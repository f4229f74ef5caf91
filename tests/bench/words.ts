/**
 * Word lists for the synthetic corpus: the register of wire copy about the war in Ukraine (the
 * seed article's vocabulary and more), so paragraphs read like news and the index sees a
 * realistic spread of common and rare words.
 */

// prettier-ignore
export const functionWords = [
  'the', 'of', 'and', 'to', 'a', 'in', 'that', 'is', 'for', 'on', 'with', 'as', 'was', 'by',
  'at', 'it', 'from', 'but', 'has', 'have', 'be', 'this', 'are', 'not', 'its', 'their', 'which',
  'after', 'more', 'than', 'over', 'into', 'also', 'would', 'could', 'had', 'were', 'been', 'they',
  'he', 'she', 'we', 'while', 'since', 'about', 'before', 'under', 'between', 'against', 'during',
] as const;

// prettier-ignore
export const nouns = [
  'ammunition', 'artillery', 'tanks', 'aircraft', 'jets', 'missiles', 'drones', 'shells',
  'weapons', 'systems', 'supplies', 'aid', 'package', 'loan', 'budget', 'sanctions', 'talks',
  'summit', 'meeting', 'ministers', 'officials', 'diplomats', 'allies', 'partners', 'forces',
  'troops', 'soldiers', 'brigade', 'battalion', 'front', 'line', 'offensive', 'counter-offensive',
  'defence', 'defense', 'attack', 'strike', 'shelling', 'bombardment', 'ceasefire', 'truce',
  'negotiations', 'agreement', 'treaty', 'alliance', 'membership', 'security', 'guarantee',
  'border', 'region', 'city', 'village', 'port', 'grain', 'exports', 'energy', 'gas', 'oil',
  'pipeline', 'power', 'grid', 'infrastructure', 'winter', 'spring', 'summer', 'autumn',
  'refugees', 'civilians', 'casualties', 'hospital', 'school', 'bridge', 'railway', 'station',
  'factory', 'industry', 'production', 'stockpiles', 'inventories', 'shortage', 'delivery',
  'shipment', 'training', 'instructors', 'pilots', 'crews', 'repairs', 'spare', 'parts',
  'logistics', 'escalation', 'deterrence', 'intelligence', 'reconnaissance', 'satellite',
  'corruption', 'reform', 'election', 'parliament', 'government', 'president', 'minister',
  'spokesman', 'spokeswoman', 'reporters', 'statement', 'interview', 'conference', 'visit',
  'delegation', 'embassy', 'capital', 'economy', 'inflation', 'currency', 'markets', 'prices',
  'wheat', 'fertiliser', 'reconstruction', 'investors', 'donors', 'fund', 'billion', 'million',
  'percent', 'week', 'month', 'year', 'weekend', 'morning', 'evening', 'night', 'deadline',
  'timetable', 'strategy', 'plan', 'priority', 'request', 'demand', 'warning', 'threat', 'risk',
  'pressure', 'support', 'solidarity', 'unity', 'coalition', 'contact', 'group', 'base',
  'headquarters', 'command', 'navy', 'fleet', 'submarine', 'warship', 'coast', 'sea', 'river',
  'dam', 'plant', 'reactor', 'inspectors', 'agency', 'court', 'prosecutors', 'investigation',
  'evidence', 'crimes', 'tribunal', 'prisoners', 'exchange', 'hostages', 'families', 'children',
  'volunteers', 'mobilisation', 'conscription', 'recruits', 'veterans', 'morale', 'resistance',
  'occupation', 'annexation', 'referendum', 'sovereignty', 'territory', 'frontline', 'trenches',
  'mines', 'fields', 'positions', 'gains', 'losses', 'advance', 'retreat', 'withdrawal',
  'encirclement', 'counterattack', 'assault', 'campaign', 'operation', 'mission', 'exercise',
] as const;

// prettier-ignore
export const verbs = [
  'said', 'told', 'added', 'stressed', 'warned', 'announced', 'confirmed', 'denied', 'urged',
  'called', 'pledged', 'promised', 'agreed', 'rejected', 'welcomed', 'criticised', 'praised',
  'insisted', 'argued', 'acknowledged', 'reiterated', 'noted', 'explained', 'suggested',
  'supplied', 'delivered', 'received', 'sent', 'approved', 'signed', 'launched', 'repelled',
  'captured', 'recaptured', 'liberated', 'destroyed', 'damaged', 'hit', 'targeted', 'struck',
  'intercepted', 'shot', 'downed', 'evacuated', 'restored', 'rebuilt', 'reopened', 'closed',
  'suspended', 'extended', 'expanded', 'increased', 'reduced', 'doubled', 'tripled', 'reviewed',
  'discussed', 'coordinated', 'prepared', 'planned', 'expected', 'feared', 'hoped', 'believed',
] as const;

// prettier-ignore
export const adjectives = [
  'international', 'Western', 'Eastern', 'European', 'American', 'British', 'German', 'French',
  'Polish', 'Ukrainian', 'Russian', 'Soviet-designed', 'modern', 'heavy', 'light', 'long-range',
  'short-range', 'air', 'naval', 'military', 'civilian', 'humanitarian', 'financial', 'economic',
  'political', 'diplomatic', 'strategic', 'tactical', 'logistical', 'joint', 'new', 'first',
  'second', 'third', 'last', 'next', 'previous', 'major', 'minor', 'significant', 'limited',
  'fierce', 'intense', 'heavy', 'sporadic', 'constant', 'renewed', 'fresh', 'additional',
  'urgent', 'cautious', 'reluctant', 'confident', 'optimistic', 'sceptical', 'vague', 'clear',
  'possible', 'likely', 'unlikely', 'key', 'critical', 'vital', 'crucial', 'decisive', 'costly',
] as const;

/** Capitalised words for headings. */
// prettier-ignore
export const headingWords = [
  'Allies', 'Aid', 'Arms', 'Ammunition', 'Tanks', 'Jets', 'Air', 'Defence', 'Front', 'Line',
  'Talks', 'Sanctions', 'Energy', 'Grain', 'Money', 'Winter', 'Offensive', 'Diplomacy', 'Border',
  'Refugees', 'Reconstruction', 'Pressure', 'Security', 'Alliance', 'Membership', 'Repairs',
  'Industry', 'Markets', 'Courts', 'Crimes', 'Prisoners', 'Morale', 'Mobilisation', 'Ports',
] as const;

/** Headings most articles share; an article may use one of these twice (ids get `-1`). */
export const stockHeadings = [
  'Background',
  'What comes next',
  'Reaction',
  'Analysis',
  'On the ground',
  'The numbers',
  'Context',
  'What they said',
] as const;

export const tags = [
  'Ukraine',
  'Russia',
  'NATO',
  'Military aid',
  'Diplomacy',
  'Economy',
  'Energy',
  'European Union',
  'United States',
  'Defence industry',
  'Humanitarian',
  'War crimes',
] as const;

export const datelines = [
  'Kyiv, Ukraine',
  'Ramstein, Germany',
  'Brussels, Belgium',
  'Warsaw, Poland',
  'Washington, United States',
  'Moscow, Russia',
  'Kharkiv, Ukraine',
  'Odesa, Ukraine',
  'Vilnius, Lithuania',
  'Berlin, Germany',
  'Paris, France',
  'London, United Kingdom',
] as const;

/** Places outside the glossary: mentioned, but with one spelling only. */
// prettier-ignore
export const otherPlaces = [
  'Kharkiv', 'Odesa', 'Kherson', 'Zaporizhzhia', 'Bakhmut', 'Avdiivka', 'Mariupol', 'Donetsk',
  'Luhansk', 'Crimea', 'Sevastopol', 'Lviv', 'Dnipro', 'Mykolaiv', 'Brussels', 'Vilnius',
  'Warsaw', 'Berlin', 'Paris', 'London', 'Washington', 'Rzeszów', 'Chișinău', 'Minsk',
  'Slovakia', 'Romania', 'Moldova', 'Belarus', 'Lithuania', 'Finland', 'Sweden', 'Turkey',
] as const;

/** Tokens with digits and hyphens, which search must keep whole. */
export const designations = [
  'Mig-29',
  'MiG-29',
  'Su-25',
  'F-16',
  'Leopard 2',
  'Leopard 2A6',
  'Challenger 2',
  'M1 Abrams',
  'HIMARS',
  'Patriot',
  'IRIS-T',
  'NASAMS',
  'Storm Shadow',
  'ATACMS',
  'Bradley',
  'Shahed-136',
  'Iskander-M',
  'S-300',
  'T-72',
  'Bayraktar TB2',
] as const;

/** Fixed phrases, some from the seed article, for phrase queries. */
export const phrases = [
  'battle of attrition',
  'Euro-Atlantic family',
  'long-range fire systems',
  'joint repair centre',
  'grain corridor',
  'red line',
  'air defence umbrella',
  'coalition of the willing',
  'frozen conflict',
  'security guarantees',
] as const;

/**
 * Words put in very few articles (about one in 500), so a query for one has few results and
 * few index chunks to fetch. None of them appears anywhere else in the corpus.
 */
export const rareWords = ['hydrofoil', 'samovar', 'quagmire', 'zeppelin', 'marzipan'] as const;

// prettier-ignore
export const firstNames = [
  'Olena', 'Andriy', 'Iryna', 'Mykola', 'Petro', 'Yulia', 'Dmytro', 'Oksana', 'Taras', 'Kateryna',
  'Anna', 'Marek', 'Katarzyna', 'Tomasz', 'Sophie', 'Pierre', 'Claire', 'Hans', 'Greta', 'Lars',
  'Ingrid', 'James', 'Sarah', 'Michael', 'Emily', 'David', 'Laura', 'Sergei', 'Natalia', 'Ivan',
] as const;

// prettier-ignore
export const lastNames = [
  'Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko',
  'Kowalski', 'Nowak', 'Wiśniewska', 'Dubois', 'Lefèvre', 'Schmidt', 'Müller', 'Andersen',
  'Lindqvist', 'Carter', 'Mitchell', 'Hughes', 'Reynolds', 'Ivanov', 'Smirnova', 'Petrova',
  'Okafor', 'Haddad', 'Tanaka', 'García', 'Rossi', 'Novák', 'Horvath',
] as const;

export const roles = [
  'a senior official',
  'the defence minister',
  'the foreign minister',
  'a military analyst',
  'a spokeswoman for the ministry',
  'a spokesman for the army',
  'the regional governor',
  'a diplomat who asked not to be named',
  'the mayor',
  'an aid worker',
  'a volunteer',
  'a resident',
] as const;
