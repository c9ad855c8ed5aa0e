// The one event stream of `digest serve` for all of a browser's tabs, served at
// /__digest/events-worker.js and started by reload.js as a SharedWorker.
//
// A browser opens at most six HTTP/1.1 connections to one host, and an event
// stream holds one for as long as its tab is open: with a stream per tab, the
// seventh tab of the preview would never load. This worker holds the only
// stream and relays each event to every tab. It knows the state a tab joining
// late must be told (every publish sends exactly one event and adds one to the
// generation; only an `errors` event leaves errors standing) and greets each
// new tab with a `hello` of its own.
'use strict';

const EVENTS_URL = '/__digest/events';

const ports = new Set();
let state = null; // { generation, errors } once the server said hello
let source = null;

function send(port, type, data) {
  try {
    port.postMessage({ type, data });
  } catch (_) {
    ports.delete(port);
  }
}

function broadcast(type, data) {
  for (const port of ports) send(port, type, data);
}

function open() {
  source = new EventSource(EVENTS_URL);
  source.addEventListener('hello', (event) => {
    const hello = JSON.parse(event.data);
    if (state !== null && hello.generation !== state.generation) {
      // Publishes were missed while the stream was down: every tab reloads.
      state = hello;
      broadcast('reload', String(hello.generation));
      return;
    }
    const first = state === null;
    state = hello;
    if (first) for (const port of ports) send(port, 'hello', JSON.stringify(state));
    else broadcast('errors', JSON.stringify(state.errors));
  });
  for (const type of ['reload', 'styles', 'errors']) {
    source.addEventListener(type, (event) => {
      if (state !== null) {
        state.generation += 1;
        state.errors = type === 'errors' ? JSON.parse(event.data) : [];
      }
      broadcast(type, event.data);
    });
  }
}

self.addEventListener('connect', (event) => {
  const port = event.ports[0];
  ports.add(port);
  // A tab says goodbye when it unloads, so the set does not grow forever.
  port.addEventListener('message', (message) => {
    if (message.data === 'bye') ports.delete(port);
  });
  port.start();
  if (source === null) open();
  else if (state !== null) send(port, 'hello', JSON.stringify(state));
});
