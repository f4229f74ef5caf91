import { describe, expect, it } from 'vitest';
import { eachLimited } from '../../src/integrations/each-limited';

describe('eachLimited', () => {
  it('runs every task, never more than the limit at once, starting them in order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await eachLimited(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async (item) => {
        started.push(item);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, item % 3));
        running--;
      },
    );
    expect(started).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBe(4);
  });

  it('fails when a task fails', async () => {
    await expect(
      eachLimited([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('no');
      }),
    ).rejects.toThrow('no');
  });
});
