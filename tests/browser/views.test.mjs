// The story's two views, as laid out in Chromium: at 1280 px the timeline's lanes sit side by
// side (each event under its lane's heading, the events of one lane in one column, later events
// never above earlier ones) and at 360 px they stack in one column in list order; the
// outlet-by-outlet page puts its cards side by side at 1280 px, each quote's versions under
// their outlet's card, and stacks both at 360 px.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { newContext, setup, teardown } from './lib.mjs';

const s = await setup();
after(teardown);

/** The timeline's events and lane headings with their boxes. */
function timelineBoxes() {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left), y: Math.round(r.top + scrollY), w: Math.round(r.width), h: Math.round(r.height) };
  };
  return {
    events: [...document.querySelectorAll('#timeline ol.timeline > li')].map((li) => ({ id: li.id, lane: Number(li.dataset.lane), ...box(li) })),
    heads: [...document.querySelectorAll('#timeline .lane-head')].map((h) => ({ text: h.textContent.trim(), shown: h.getClientRects().length > 0, ...box(h) })),
  };
}

for (const theme of s.themes) {
  const example = s.site('example', theme);
  const story = example.byKind.story[0];
  const roundup = example.byKind.roundup?.[0];

  describe(`timeline lanes (${theme} theme)`, () => {
    test('at 1280 px each lane is a column under its heading, in date order down the page', async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      try {
        const page = await ctx.newPage();
        await page.goto(story.url);
        const { events, heads } = await page.evaluate(timelineBoxes);
        const lanes = [...new Set(events.map((e) => e.lane))].sort();
        assert.ok(lanes.length >= 2 && lanes[0] === 1, `lanes: ${lanes}`);
        assert.equal(heads.length, lanes.length);
        assert.ok(heads.every((h) => h.shown), 'lane headings are shown');
        for (const e of events) {
          const head = heads[e.lane - 1];
          assert.equal(e.x, head.x, `${e.id} sits under its lane heading "${head.text}"`);
          assert.ok(e.y > head.y, `${e.id} is below the headings`);
        }
        // Side by side: the lanes' columns are distinct and left to right, none overlapping.
        for (let i = 1; i < heads.length; i++) {
          assert.ok(heads[i].x >= heads[i - 1].x + heads[i - 1].w, `lane ${i + 1} is right of lane ${i}`);
        }
        // Time reads down: an event is never above the one before it, and is either on the
        // same row (to its right) or below it.
        for (let i = 1; i < events.length; i++) {
          const [a, b] = [events[i - 1], events[i]];
          assert.ok(b.y >= a.y, `${b.id} is not above ${a.id}`);
          if (b.y === a.y) assert.ok(b.x > a.x, `${b.id} on ${a.id}'s row is to its right`);
          else assert.ok(b.y >= a.y + a.h || b.lane !== a.lane, `${b.id} does not overlap ${a.id}`);
        }
        // Some row is shared by two lanes: they really are side by side.
        assert.ok(events.some((e, i) => i > 0 && e.y === events[i - 1].y), 'two lanes share a row');
      } finally {
        await ctx.close();
      }
    });

    test('at 360 px the events stack in one column, in list order, with no lane headings', async () => {
      const ctx = await newContext(s.browser, { width: 360 });
      try {
        const page = await ctx.newPage();
        await page.goto(story.url);
        const { events, heads } = await page.evaluate(timelineBoxes);
        assert.ok(heads.every((h) => !h.shown), 'no lane headings');
        assert.equal(new Set(events.map((e) => e.x)).size, 1, 'one column');
        for (let i = 1; i < events.length; i++) {
          assert.ok(events[i].y >= events[i - 1].y + events[i - 1].h - 2, `${events[i].id} is below ${events[i - 1].id}`);
        }
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
      } finally {
        await ctx.close();
      }
    });
  });

  describe(`outlet-by-outlet page (${theme} theme)`, () => {
    test('the example has one', () => assert.ok(roundup, `no outlets page among ${example.html.join(', ')}`));

    /** The cards' boxes, and for each quote its cells' boxes. */
    const boxes = () => {
      const box = (el) => {
        const r = el.getBoundingClientRect();
        return { x: Math.round(r.left), y: Math.round(r.top + scrollY), w: Math.round(r.width), h: Math.round(r.height) };
      };
      return {
        cards: [...document.querySelectorAll('ul.roundup-cards > li')].map(box),
        quotes: [...document.querySelectorAll('.roundup-quote')].map((q) => [...q.querySelectorAll('.roundup-variants > *')].map(box)),
        overflow: document.documentElement.scrollWidth > innerWidth,
      };
    };

    test('at 1280 px the cards sit side by side and each quote version under its outlet', async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      try {
        const page = await ctx.newPage();
        await page.goto(roundup.url);
        const { cards, quotes, overflow } = await page.evaluate(boxes);
        assert.ok(!overflow, 'no sideways scrolling');
        assert.ok(cards.length >= 2);
        assert.equal(new Set(cards.map((c) => c.y)).size, 1, `the ${cards.length} cards share one row`);
        for (let i = 1; i < cards.length; i++) assert.ok(cards[i].x >= cards[i - 1].x + cards[i - 1].w, `card ${i + 1} is right of card ${i}`);
        assert.ok(quotes.length > 0);
        for (const [q, cells] of quotes.entries()) {
          assert.equal(cells.length, cards.length, `quote ${q + 1}: a cell per card`);
          for (const [i, cell] of cells.entries()) assert.equal(cell.x, cards[i].x, `quote ${q + 1}: cell ${i + 1} is under card ${i + 1}`);
        }
      } finally {
        await ctx.close();
      }
    });

    test('at 360 px the cards and the versions stack in one column', async () => {
      const ctx = await newContext(s.browser, { width: 360 });
      try {
        const page = await ctx.newPage();
        await page.goto(roundup.url);
        const { cards, quotes, overflow } = await page.evaluate(boxes);
        assert.ok(!overflow, 'no sideways scrolling');
        assert.equal(new Set(cards.map((c) => c.x)).size, 1, 'one column of cards');
        for (let i = 1; i < cards.length; i++) assert.ok(cards[i].y >= cards[i - 1].y + cards[i - 1].h - 2, `card ${i + 1} is below card ${i}`);
        for (const cells of quotes) assert.equal(new Set(cells.map((c) => c.x)).size, 1, 'one column of versions');
      } finally {
        await ctx.close();
      }
    });
  });
}
