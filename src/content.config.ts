import { defineCollection } from 'astro:content';
import { contentDir } from './site';
import { markdownWithDatesAsWritten } from './content/loader';
import { articleSchemaWithImages } from './content/schema';

const articles = defineCollection({
  loader: markdownWithDatesAsWritten({ base: `${contentDir}/articles` }),
  schema: ({ image }) => articleSchemaWithImages(image),
});

export const collections = { articles };
