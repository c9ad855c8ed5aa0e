// Live reload for `digest serve`, served at /__digest/reload.js.
//
// It listens to the server's events at /__digest/events (through a shared
// worker, one stream for all tabs) and brings in the new version of the page
// when pages changed, swaps stylesheets in place when only they changed, and
// shows the problems of a broken build over the last good version.
//
// The page's Content-Security-Policy allows scripts, styles and connections
// from its own origin only, so this file uses no eval and no inline style:
// all styling comes from /__digest/overlay.css, through classes. Error texts
// are set with textContent, never parsed as HTML; the only HTML parsed is the
// site's own page, fetched from the same server, in an inert DOMParser
// document (its scripts never run).
(() => {
  'use strict';

  // A page that loads the script twice must not open two streams.
  if (window.__digestLiveReload) return;
  window.__digestLiveReload = true;

  const EVENTS_URL = '/__digest/events';
  const WORKER_URL = '/__digest/events-worker.js';
  const STYLESHEET_URL = '/__digest/overlay.css';
  const OVERLAY_ID = 'digest-overlay';
  const TITLE_ID = 'digest-overlay-title';

  // The server's own page for "no build succeeded yet" lists the errors
  // itself and has no good version behind it: any news means loading again.
  const onErrorPage = document.documentElement.hasAttribute('data-digest-error-page');

  let firstGeneration = null;
  let errorsShown = false;
  let focusBeforeOverlay = null;

  function whenReady(callback) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', callback, { once: true });
    } else {
      callback();
    }
  }

  function stylesheetLinks() {
    return Array.from(document.querySelectorAll('link[rel~="stylesheet"]'));
  }

  function addOverlayStylesheet() {
    const present = stylesheetLinks().some(
      (link) => new URL(link.href, location.href).pathname === STYLESHEET_URL,
    );
    if (present) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET_URL;
    document.head.appendChild(link);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function placeOf(report) {
    let place = report.file;
    if (report.line != null) {
      place += `:${report.line}`;
      if (report.column != null) place += `:${report.column}`;
    }
    return place;
  }

  // The same markup as the server's error page, so one stylesheet serves both.
  function renderReport(report) {
    const severity = report.severity === 'warning' ? 'warning' : 'error';
    const item = element('li', `digest-report digest-report--${severity}`);
    const where = element('p', 'digest-report__where');
    where.append(
      element('span', 'digest-report__severity', severity),
      ' ',
      element('code', 'digest-report__file', placeOf(report)),
    );
    item.append(where, element('p', 'digest-report__message', report.message));
    if (report.hint) item.append(element('p', 'digest-report__hint', `Hint: ${report.hint}`));
    if (report.excerpt) {
      const excerpt = element('pre', 'digest-report__excerpt', report.excerpt);
      // On a phone the excerpt scrolls sideways: keyboard users must be able to reach it.
      excerpt.tabIndex = 0;
      excerpt.setAttribute('aria-label', 'Where the problem is in ' + report.file);
      item.append(excerpt);
    }
    return item;
  }

  function removeOverlay() {
    const overlay = document.getElementById(OVERLAY_ID);
    if (!overlay) return;
    overlay.remove();
    if (focusBeforeOverlay && document.contains(focusBeforeOverlay)) {
      focusBeforeOverlay.focus({ preventScroll: true });
    }
    focusBeforeOverlay = null;
  }

  function showOverlay(errors) {
    addOverlayStylesheet();
    const previous = document.getElementById(OVERLAY_ID);
    if (!previous) focusBeforeOverlay = document.activeElement;

    const broken = errors.some((report) => report.severity !== 'warning');
    const overlay = element('section', 'digest-overlay');
    overlay.id = OVERLAY_ID;
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-labelledby', TITLE_ID);
    overlay.tabIndex = -1;

    const header = element('div', 'digest-overlay__header');
    const title = element(
      'h2',
      'digest-overlay__title',
      broken
        ? 'The last save broke the build — showing the last good version'
        : 'The last build finished with warnings',
    );
    title.id = TITLE_ID;
    const dismiss = element('button', 'digest-overlay__dismiss', 'Dismiss');
    dismiss.type = 'button';
    dismiss.addEventListener('click', removeOverlay);
    header.append(title, dismiss);

    const list = element('ol', 'digest-report-list');
    list.append(...errors.map(renderReport));
    overlay.append(header, list);

    if (previous) previous.replaceWith(overlay);
    else document.body.appendChild(overlay);
    overlay.focus({ preventScroll: true });
  }

  function showErrors(errors) {
    if (errors.length > 0) errorsShown = true;
    whenReady(() => (errors.length > 0 ? showOverlay(errors) : removeOverlay()));
  }

  // A fresh <link> beside the old one keeps the page styled until the new
  // sheet has loaded; the old one goes then.
  function refreshStylesheets(paths) {
    const changed = new Set(paths.map((path) => new URL(path, location.href).pathname));
    for (const link of stylesheetLinks()) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !changed.has(url.pathname)) continue;
      url.search = `?v=${Date.now()}`;
      const fresh = link.cloneNode(false);
      fresh.href = url.href;
      const dropOld = () => link.remove();
      fresh.addEventListener('load', dropOld, { once: true });
      fresh.addEventListener('error', dropOld, { once: true });
      link.after(fresh);
    }
  }

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.getElementById(OVERLAY_ID)) removeOverlay();
  });

  // Nodes of <head> that stay when a new version of the page is swapped in: its stylesheets
  // (reloading them would flash an unstyled page), its scripts and its policy.
  const KEPT_IN_HEAD =
    'link[rel~="stylesheet"], script[src], meta[http-equiv="Content-Security-Policy" i]';

  function stylesheetsOf(doc) {
    return Array.from(doc.querySelectorAll('link[rel~="stylesheet"]'))
      .map((link) => new URL(link.getAttribute('href'), location.href).pathname)
      .filter((path) => path !== STYLESHEET_URL)
      .join(' ');
  }

  // After a save the page's text changed, rarely its stylesheets: the new version is fetched
  // and its <body> and <head> swapped in, which is faster than a reload (the browser keeps
  // the styles, the scripts and this script's connection) and keeps the scroll position.
  // Anything unexpected (an error page, other stylesheets, a failed fetch) reloads instead.
  async function refreshPage() {
    try {
      const response = await fetch(location.href, { cache: 'no-store' });
      const type = response.headers.get('content-type') || '';
      if (!response.ok || !type.startsWith('text/html')) throw new Error('not a page');
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      if (
        onErrorPage ||
        next.documentElement.hasAttribute('data-digest-error-page') ||
        stylesheetsOf(next) !== stylesheetsOf(document)
      ) {
        throw new Error('not the same kind of page');
      }
      const x = window.scrollX;
      const y = window.scrollY;
      for (const node of Array.from(document.head.children)) {
        if (!node.matches(KEPT_IN_HEAD)) node.remove();
      }
      for (const node of Array.from(next.head.children)) {
        if (!node.matches(KEPT_IN_HEAD)) document.head.append(document.adoptNode(node));
      }
      document.documentElement.lang = next.documentElement.lang;
      document.body.replaceWith(document.adoptNode(next.body));
      window.scrollTo(x, y);
      errorsShown = false;
      focusBeforeOverlay = null;
      window.dispatchEvent(new CustomEvent('digest:swapped'));
    } catch (_) {
      location.reload();
    }
  }

  const handlers = {
    // Sent on every (re)connection. A different generation after a reconnect
    // means publishes were missed while the stream was down.
    hello(data) {
      const hello = JSON.parse(data);
      if (firstGeneration === null) {
        firstGeneration = hello.generation;
      } else if (hello.generation !== firstGeneration) {
        firstGeneration = hello.generation;
        refreshPage();
        return;
      }
      if (!onErrorPage) showErrors(hello.errors);
    },
    reload() {
      refreshPage();
    },
    // After errors were shown the page may lag the last good build, and the
    // overlay must go: load it whole instead of swapping styles.
    styles(data) {
      if (errorsShown || onErrorPage) refreshPage();
      else refreshStylesheets(JSON.parse(data));
    },
    errors(data) {
      if (onErrorPage) refreshPage();
      else showErrors(JSON.parse(data));
    },
  };

  // Each event is also announced on the window as `digest:live` (its type in
  // `detail`), for tests and tools that want to know the stream is live.
  function dispatch(type, data) {
    const handler = handlers[type];
    if (!handler) return;
    window.dispatchEvent(new CustomEvent('digest:live', { detail: type }));
    handler(data);
  }

  // One stream for all tabs, through a shared worker (see events-worker.js);
  // a browser without shared workers gets a stream of its own.
  function listen() {
    if (typeof SharedWorker === 'function') {
      try {
        const worker = new SharedWorker(WORKER_URL, { name: 'digest-live-reload' });
        worker.port.addEventListener('message', (message) => {
          dispatch(message.data.type, message.data.data);
        });
        worker.port.start();
        window.addEventListener('pagehide', () => worker.port.postMessage('bye'));
        return;
      } catch (_) {
        // Fall through to a stream of this tab's own.
      }
    }
    const source = new EventSource(EVENTS_URL);
    for (const type of Object.keys(handlers)) {
      source.addEventListener(type, (event) => dispatch(type, event.data));
    }
  }

  listen();
})();
