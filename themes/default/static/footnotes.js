// Footnotes in place, for the story pages of the default theme (loaded with `defer` by
// templates/base.html only on pages with footnotes; the page's CSP allows `script-src 'self'`
// there and nothing else more). No framework, no fetch: everything it shows is cloned from the
// page's own numbered source list (partials/footnotes.html), so no source is written twice in
// the HTML. Without this script, or in a browser without the `popover` attribute, every
// footnote number stays what it is: a plain link to its entry in the source list.
//
// What it adds:
//
// - Popovers. Hovering a footnote number (after a short delay; the popover stays open while the
//   pointer moves into it) or focusing it with the keyboard shows its entry next to it: outlet,
//   article title, date, the cited words, the links to the local copy and the original, and the
//   number again as a link to the entry in the list. Escape closes it (focus goes back to the
//   number when it was in the popover); so does focus or a tap moving elsewhere. On a touch
//   screen the first tap on a number opens the popover instead of jumping; a second tap (or the
//   popover's number) goes to the entry.
// - Sidenotes. When the stylesheet says there is room (`--footnotes-sidenotes: on`, set by a media
//   query in style.css), the notes of the reading column sit in the margin after it (the right
//   one, or the left one on a right-to-left page) beside the line that cites them: a short form
//   (number, outlet, cited words), never overlapping each other, the text or the wide pieces
//   (quotes side by side, tables). A note that would end up too far from its line is left out,
//   and its number keeps its popover. Hovering or focusing a number with a sidenote highlights
//   the note instead of opening a popover. The source list below stays as it is: it is what a
//   reader without the script, or a printer, gets.
//
// Accessibility. Each number gets `aria-describedby` pointing to its entry in the list, so a
// screen reader announces the source when the number is focused, popover or not, wide screen
// or narrow (and that entry is always in the document). The number is not a toggle the reader
// operates (focus alone opens the popover), so it gets no `aria-expanded`. The popover uses the
// native `popover` attribute ("manual": this script decides when it opens and closes) only to be
// drawn in the top layer, above everything and never clipped; it is inserted right after its
// number, so Tab from the number moves into its links, and on past them to the next number.
// Sidenotes repeat what the list and the popovers say, for the eye only: they are
// `aria-hidden` and their links are out of the Tab order (`tabindex="-1"`); a keyboard reader
// gets the same links from the number itself (it goes to the entry).

(() => {
  'use strict';

  const doc = document;
  const root = doc.documentElement;
  const REF = 'a[role="doc-noteref"]';
  const HOVER_OPEN_MS = 150;
  const HOVER_CLOSE_MS = 300;
  const GAP = 6; // px between the number and its popover, and the popover and the window's edge

  if (!('popover' in HTMLElement.prototype)) return;
  const px = (rem) => rem * parseFloat(getComputedStyle(root).fontSize);

  /** The entry (`<li id="cite-note-3">`) a number links to, if it is on this page. */
  function entryOf(ref) {
    const hash = ref.getAttribute('href') || '';
    if (!hash.startsWith('#')) return null;
    const li = doc.getElementById(decodeURIComponent(hash.slice(1)));
    return li && li.querySelector('.footnote-body') ? li : null;
  }

  // The numbers of the page that link to an entry of its list (found again by `start`).
  let refs = new Set();
  const isRef = (el) => refs.has(el);

  /** A deep copy without ids (they belong to the original). */
  function copy(node) {
    const c = node.cloneNode(true);
    if (c.nodeType === 1) {
      c.removeAttribute('id');
      for (const e of c.querySelectorAll('[id]')) e.removeAttribute('id');
    }
    return c;
  }

  /** The number as a link to its entry, with the words a screen reader hears on the number. */
  function numberLink(ref, className) {
    const a = doc.createElement('a');
    a.href = `#${entryOf(ref).id}`;
    a.className = className;
    for (const n of ref.childNodes) a.append(copy(n));
    return a;
  }

  // ------------------------------------------------------------------------------ popovers

  const popovers = new Map();

  function popoverFor(ref) {
    let pop = popovers.get(ref);
    if (pop) return pop;
    pop = doc.createElement('span');
    pop.className = 'fn-popover';
    pop.popover = 'manual';
    if (ref.id) pop.id = `${ref.id}-popover`;
    // It is the entry's copy, inserted in the text: it keeps the entry's direction, not the
    // line's (a number in a run of the other direction).
    const dir = getComputedStyle(entryOf(ref)).direction;
    if (dir !== getComputedStyle(ref).direction) pop.dir = dir;
    pop.append(numberLink(ref, 'fn-popover-number'), ' ', copy(entryOf(ref).querySelector('.footnote-body')));
    ref.after(pop);
    popovers.set(ref, pop);
    return pop;
  }

  /** Next to the number: below it, or above when there is more room there, starting where the
   *  number starts (its left edge, or its right edge when the popover reads right to left);
   *  always inside the window (shifted sideways, and scrolling inside when taller than the
   *  room). The popover is `position: absolute` in the top layer, so these are page
   *  coordinates: it scrolls with the text it belongs to. */
  function place(pop, ref) {
    const vw = root.clientWidth;
    const vh = window.innerHeight;
    pop.style.maxWidth = `${Math.min(px(24), vw - 2 * GAP)}px`;
    pop.style.maxHeight = '';
    pop.style.left = '0px';
    pop.style.top = '0px';
    const r = ref.getBoundingClientRect();
    const w = pop.offsetWidth;
    const h = pop.offsetHeight;
    const below = vh - r.bottom - 2 * GAP;
    const above = r.top - 2 * GAP;
    const down = h <= below || below >= above;
    if (h > (down ? below : above)) pop.style.maxHeight = `${Math.max(down ? below : above, 80)}px`;
    const height = pop.offsetHeight;
    const top = down ? r.bottom + GAP : r.top - GAP - height;
    const start = getComputedStyle(pop).direction === 'rtl' ? r.right - w : r.left;
    const left = Math.min(Math.max(GAP, start), Math.max(GAP, vw - w - GAP));
    pop.style.left = `${left + window.scrollX}px`;
    pop.style.top = `${top + window.scrollY}px`;
  }

  // ------------------------------------------------------------------------------ open / close

  // What is shown: { ref, how: 'hover' | 'focus' | 'tap', pop?, note? } (one at a time).
  let open = null;
  let openTimer = 0;
  let closeTimer = 0;
  // A number whose popover the reader closed with Escape: focus on it does not reopen it
  // (until focus leaves it), nor does the pointer resting on it (until the pointer leaves it).
  let dismissed = null;
  let hoverDismissed = null;

  function clearTimers() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    openTimer = closeTimer = 0;
  }

  function show(ref, how) {
    clearTimers();
    if (open && open.ref === ref) return;
    hide();
    const note = sidenoteOf.get(ref);
    if (note) {
      note.classList.add('is-active');
      ref.classList.add('is-active');
      open = { ref, how, note };
      return;
    }
    const pop = popoverFor(ref);
    pop.showPopover();
    place(pop, ref);
    ref.classList.add('is-active');
    open = { ref, how, pop };
  }

  /** Closes what is open. Focus inside a popover that closes would fall to <body>: it goes back
   *  to the number, unless `follow` (a link in the popover was followed: focus then starts
   *  from where the link leads, as after any link). */
  function hide(follow = false) {
    clearTimers();
    if (!open) return;
    const { ref, pop, note } = open;
    open = null;
    ref.classList.remove('is-active');
    if (note) note.classList.remove('is-active');
    if (pop && pop.matches(':popover-open')) {
      if (!follow && pop.contains(doc.activeElement)) {
        dismissed = ref;
        ref.focus();
      }
      pop.hidePopover();
    }
  }

  const within = (el, o = open) => !!(o && el instanceof Node && (o.ref.contains(el) || (o.pop && o.pop.contains(el)) || (o.note && o.note.contains(el))));

  function scheduleClose() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => {
      if (open && open.how === 'hover' && !within(doc.activeElement)) hide();
    }, HOVER_CLOSE_MS);
  }

  // Hover (a mouse or a pen that hovers; a touch "hover" is a tap, handled on click).
  doc.addEventListener('pointerover', (e) => {
    if (e.pointerType !== 'mouse') return;
    const ref = e.target instanceof Element ? e.target.closest(REF) : null;
    if (ref && isRef(ref)) {
      clearTimeout(closeTimer);
      if ((open && open.ref === ref) || ref === hoverDismissed) return;
      clearTimeout(openTimer);
      // The same delay from one number to the next: a pointer on its way to a popover may
      // cross a neighbour ([1][2]) without switching to it.
      openTimer = setTimeout(() => show(ref, 'hover'), HOVER_OPEN_MS);
    } else if (within(e.target)) {
      clearTimeout(closeTimer);
    }
  });
  doc.addEventListener('pointerout', (e) => {
    if (e.pointerType !== 'mouse') return;
    const ref = e.target instanceof Element ? e.target.closest(REF) : null;
    if (ref && !(open && open.ref === ref)) clearTimeout(openTimer);
    if (ref && ref === hoverDismissed && !ref.contains(e.relatedTarget)) hoverDismissed = null;
    if (within(e.target) && !within(e.relatedTarget) && open.how === 'hover') scheduleClose();
  });

  // Keyboard focus opens; focus moving elsewhere closes.
  doc.addEventListener('focusin', (e) => {
    const t = e.target;
    if (isRef(t)) {
      if (t === dismissed || !t.matches(':focus-visible')) return;
      show(t, 'focus');
    } else if (within(t)) {
      clearTimeout(closeTimer);
      if (open.how === 'hover') open.how = 'focus';
    } else if (open && open.how !== 'hover') {
      hide();
    }
  });
  doc.addEventListener('focusout', (e) => {
    if (e.target === dismissed && !within(e.relatedTarget, { ref: dismissed })) dismissed = null;
    // (No relatedTarget: focus left the window or went to <body>. Coming back focuses the
    // number again, which opens it again.)
    if (open && within(e.target) && !within(e.relatedTarget) && open.how !== 'hover') hide();
  });

  // Touch: the first tap on a number opens it, a second one follows the link. A tap anywhere
  // else closes what is open.
  let tapWasOpen = false;
  let lastPointer = '';
  doc.addEventListener(
    'pointerdown',
    (e) => {
      lastPointer = e.pointerType;
      const ref = e.target instanceof Element ? e.target.closest(REF) : null;
      tapWasOpen = !!(open && ref && open.ref === ref);
      if (open && !within(e.target)) hide();
    },
    true,
  );
  doc.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    const ref = t.closest(REF);
    if (ref && isRef(ref)) {
      // `detail` is 0 for a click made with the keyboard (Enter): that one always follows the link.
      const touch = e.detail > 0 && /^(touch|pen)$/.test(e.pointerType || lastPointer);
      if (touch && !tapWasOpen && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        e.preventDefault();
        show(ref, 'tap');
        return;
      }
      hide();
    } else if (t.closest('a[href]') && within(t)) {
      hide(true);
    }
  });

  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !open) return;
    if (within(doc.activeElement)) dismissed = open.ref;
    if (open.how === 'hover') hoverDismissed = open.ref;
    hide();
  });

  // ------------------------------------------------------------------------------ sidenotes

  const sidenoteOf = new Map();
  let layer = null;

  /** The short form of a number's entry: the number (a link to the entry), the outlet and the
   *  cited words, or the article's title when the whole article is cited. */
  function sidenoteItem(ref) {
    const li = entryOf(ref);
    const item = doc.createElement('span');
    item.className = 'fn-sidenote-item';
    const outlet = li.querySelector('.footnote-outlet');
    const words = li.querySelector('.footnote-excerpt') || li.querySelector('.footnote-title');
    item.append(numberLink(ref, 'fn-sidenote-number'));
    if (outlet) item.append(' ', copy(outlet));
    if (words) item.append(' ', copy(words));
    return item;
  }

  /** Places notes (sorted, each `{ want, h }`) in [lo, hi] without overlaps, each as near its
   *  wanted top as it can be: adjacent blocks that collide are merged and put where their
   *  squared distances are smallest (pool adjacent violators), then pushed inside the band. */
  function pack(notes, lo, hi, gap) {
    const blocks = [];
    for (const n of notes) {
      let b = { notes: [n], size: n.h, sum: n.want, count: 1 };
      b.top = b.sum / b.count;
      while (blocks.length) {
        const prev = blocks[blocks.length - 1];
        if (prev.top + prev.size + gap <= b.top) break;
        blocks.pop();
        // Each note's wanted top, less its offset in the merged block.
        const offset = prev.size + gap;
        b = { notes: [...prev.notes, ...b.notes], size: offset + b.size, sum: prev.sum + b.sum - offset * b.count, count: prev.count + b.count };
        b.top = b.sum / b.count;
      }
      blocks.push(b);
    }
    let floor = lo;
    for (const b of blocks) {
      b.top = Math.max(b.top, floor);
      floor = b.top + b.size + gap;
    }
    let ceiling = hi;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      b.top = Math.min(b.top, ceiling - b.size);
      ceiling = b.top - gap;
    }
    for (const b of blocks) {
      let y = b.top;
      for (const n of b.notes) {
        n.top = y;
        y += n.h + gap;
      }
    }
    return blocks.length === 0 || blocks[0].top >= lo - 0.5;
  }

  function layoutSidenotes() {
    if (open && open.note) hide();
    sidenoteOf.clear();
    if (layer) layer.replaceChildren();
    for (const sup of doc.querySelectorAll('sup.is-noted')) sup.classList.remove('is-noted');
    if (getComputedStyle(root).getPropertyValue('--footnotes-sidenotes').trim() !== 'on') return;
    const column = doc.querySelector('main .page-header');
    if (!column) return;
    // The notes go in the margin after the column: beyond its right edge, or its left one when
    // its lines run right to left.
    const rtl = getComputedStyle(column).direction === 'rtl';
    const col = column.getBoundingClientRect();
    const width = Math.min(px(22), rtl ? col.left - px(2.5) - px(1.5) : root.clientWidth - (col.right + px(2.5)) - px(1.5));
    if (width < px(14)) return;
    const left = (rtl ? col.left - px(2.5) - width : col.right + px(2.5)) + window.scrollX;
    // A number beside the column is in a wide piece, whose numbers keep their popovers.
    const inColumn = (r) => (rtl ? r.left >= col.left - 1 : r.right <= col.right + 1);
    if (!layer) {
      layer = doc.createElement('div');
      layer.className = 'fn-sidenotes';
      layer.setAttribute('aria-hidden', 'true');
      doc.body.append(layer);
    }
    const sy = window.scrollY;
    const gap = px(0.5);
    const maxDrift = px(9);
    // The bands of the page whose margin is free: the story's updates and corrections and
    // the sections of the reading column (the wide ones, with quotes side by side, the coverage
    // table or the timeline in lanes side by side, have no margin: their numbers keep the
    // popover). Where
    // everything is first (one layout), then the notes are made and measured (one more).
    const zones = [];
    for (const zone of doc.querySelectorAll('main .updates, main .story-section:not(.story-section-wide):not(.story-section-lanes)')) {
      const z = zone.getBoundingClientRect();
      if (!z.height) continue;
      const notes = [];
      for (const sup of zone.querySelectorAll('sup.noteref')) {
        const refs = [...sup.querySelectorAll(REF)].filter(isRef);
        const r = sup.getBoundingClientRect();
        if (refs.length && r.height && inColumn(r)) notes.push({ sup, refs, want: r.top + sy - px(0.3) });
      }
      zones.push({ top: z.top + sy, bottom: z.bottom + sy, notes });
    }
    for (const n of zones.flatMap((z) => z.notes)) {
      n.el = doc.createElement('div');
      n.el.className = 'fn-sidenote';
      for (const ref of n.refs) n.el.append(sidenoteItem(ref));
      for (const a of n.el.querySelectorAll('a')) a.tabIndex = -1;
      n.el.style.width = `${width}px`;
      n.el.style.left = `${left}px`;
      layer.append(n.el);
    }
    for (const n of zones.flatMap((z) => z.notes)) n.h = n.el.offsetHeight;
    for (const zone of zones) {
      let notes = zone.notes;
      // Leave out the note that strays furthest until every note is near its line.
      for (;;) {
        const fits = pack(notes, zone.top, zone.bottom, gap);
        let worst = null;
        for (const n of notes) if (!worst || Math.abs(n.top - n.want) > Math.abs(worst.top - worst.want)) worst = n;
        if (!worst || (fits && Math.abs(worst.top - worst.want) <= maxDrift)) break;
        worst.el.remove();
        notes = notes.filter((n) => n !== worst);
      }
      for (const n of notes) {
        n.el.style.top = `${n.top}px`;
        for (const ref of n.refs) sidenoteOf.set(ref, n.el);
        n.el.addEventListener('pointerover', () => n.sup.classList.add('is-noted'));
        n.el.addEventListener('pointerout', () => n.sup.classList.remove('is-noted'));
      }
    }
  }

  let pending = 0;
  function relayout() {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      layoutSidenotes();
      if (open && open.pop) place(open.pop, open.ref);
    });
  }

  // Text that reflows (a <details> opened, a font that arrives late, zoom) moves the lines.
  const observer = 'ResizeObserver' in window ? new ResizeObserver(relayout) : null;

  /** Finds the numbers and their entries, describes each number by its entry, lays out the
   *  sidenotes. Again after `digest serve` swaps in a new version of the page (its live reload
   *  replaces <body> and says so with `digest:swapped`). */
  function start() {
    clearTimers();
    open = null;
    dismissed = hoverDismissed = null;
    popovers.clear();
    sidenoteOf.clear();
    if (layer && !layer.isConnected) layer = null;
    refs = new Set([...doc.querySelectorAll(REF)].filter(entryOf));
    for (const ref of refs) {
      const body = entryOf(ref).querySelector('.footnote-body');
      if (!body.id) body.id = `${entryOf(ref).id}-body`;
      ref.setAttribute('aria-describedby', body.id);
    }
    if (observer) {
      observer.disconnect();
      if (refs.size) observer.observe(doc.querySelector('main') || doc.body);
    }
    if (refs.size) layoutSidenotes();
    else if (layer) layer.replaceChildren();
  }

  start();
  window.addEventListener('resize', () => refs.size && relayout());
  window.addEventListener('digest:swapped', start);
})();
