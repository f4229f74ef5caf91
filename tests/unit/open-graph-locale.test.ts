import { describe, expect, it } from 'vitest';
import { openGraphLocale } from '../../src/lib/structured-data';

describe('openGraphLocale', () => {
  it('writes language_TERRITORY, as Open Graph asks', () => {
    expect(openGraphLocale('en-GB')).toBe('en_GB');
    expect(openGraphLocale('pt-BR')).toBe('pt_BR');
  });

  it('gives a bare language its likeliest territory', () => {
    expect(openGraphLocale('en')).toBe('en_US');
    expect(openGraphLocale('uk')).toBe('uk_UA');
    expect(openGraphLocale('fr')).toBe('fr_FR');
  });

  it('drops a script subtag, which Open Graph has no place for', () => {
    expect(openGraphLocale('sr-Latn-RS')).toBe('sr_RS');
  });
});
