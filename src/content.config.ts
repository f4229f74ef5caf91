import { defineCollection } from 'astro:content';
import { contentDir } from './site';
import { markdownWithDatesAsWritten } from './content/loader';
import { articleSchema } from './content/schema';

const articles = defineCollection({
  loader: markdownWithDatesAsWritten({ base: `${contentDir}/articles` }),
  schema: articleSchema,
});

export const collections = { articles };
