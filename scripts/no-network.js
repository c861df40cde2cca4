// Preload (`node -r ./scripts/no-network.js …`, or NODE_OPTIONS="--require /abs/path/no-network.js") that
// refuses every outbound network attempt: TCP/TLS/Unix-socket connects, UDP sends, DNS lookups, http(s)/http2
// requests and global fetch. Each attempt throws (or rejects) and is recorded, so the offline test can prove
// that Byline's CLI and server never even try.
//
// Records go to the file named by BYLINE_NET_LOG, one JSON line each: {"event":"loaded"} once per process and
// worker thread (proof the guard was active there; workers inherit --require) and {"event":"blocked","api":…,"target":…} per attempt. Nothing is ever
// written to stdout: the language server talks LSP over it. Inherited stdio pipes are not connects, so they
// keep working.
'use strict';

const fs = require('fs');
const net = require('net');
const tls = require('tls');
const dgram = require('dgram');
const dns = require('dns');
const http = require('http');
const https = require('https');
const http2 = require('http2');

const logFile = process.env.BYLINE_NET_LOG;
let attempts = 0;

function record(entry) {
  if (!logFile) return;
  try {
    fs.appendFileSync(logFile, JSON.stringify({ pid: process.pid, thread: require('worker_threads').threadId, ...entry }) + '\n');
  } catch {
    // the guard must never break the program it guards
  }
}

function describe(args) {
  const a = args[0];
  if (a && typeof a === 'object') {
    if (a instanceof URL) return a.href;
    if (typeof a.href === 'string') return a.href;
    if (a.path && !a.host && !a.hostname && !a.port) return String(a.path);
    return `${a.protocol ?? ''}${a.host ?? a.hostname ?? ''}${a.port ? ':' + a.port : ''}${a.path ?? ''}`;
  }
  if (typeof a === 'number') return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${a}`;
  return String(a);
}

function refusal(api, args) {
  attempts++;
  // dgram.send(msg, [offset, length,] port, address): name the destination, not the payload
  const numbers = api === 'dgram.send' ? args.filter((a) => typeof a === 'number') : [];
  const target = api === 'dgram.send' ? `${args.find((a, i) => i > 0 && typeof a === 'string') ?? ''}:${numbers[numbers.length - 1] ?? ''}` : describe(args);
  record({ event: 'blocked', api, target });
  try {
    fs.writeSync(2, `[no-network] blocked ${api} ${target}\n`);
  } catch {
    // stderr closed: still refuse
  }
  const error = new Error(`network access refused by no-network preload: ${api} ${target}`);
  error.code = 'EBYLINEOFFLINE';
  return error;
}

function guard(owner, name, api) {
  if (!owner || typeof owner[name] !== 'function') return;
  Object.defineProperty(owner, name, {
    configurable: true,
    writable: true,
    value: function blocked(...args) {
      throw refusal(api, args);
    },
  });
}

// Sockets: every TCP, TLS and Unix-socket connect ends in net.Socket.prototype.connect.
guard(net.Socket.prototype, 'connect', 'net.Socket.connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');
guard(tls, 'connect', 'tls.connect');
guard(dgram.Socket.prototype, 'connect', 'dgram.connect');
guard(dgram.Socket.prototype, 'send', 'dgram.send');

// DNS, callback and promise styles, module functions and Resolver instances.
for (const name of Object.keys(dns)) {
  if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name)) guard(dns, name, `dns.${name}`);
}
for (const proto of [dns.Resolver && dns.Resolver.prototype, dns.promises && dns.promises.Resolver && dns.promises.Resolver.prototype]) {
  if (!proto) continue;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (/^(resolve\w*|reverse)$/.test(name)) guard(proto, name, `dns.Resolver.${name}`);
  }
}
if (dns.promises) {
  for (const name of Object.keys(dns.promises)) {
    if (/^(lookup|lookupService|resolve\w*|reverse)$/.test(name)) {
      const api = `dns.promises.${name}`;
      Object.defineProperty(dns.promises, name, {
        configurable: true,
        writable: true,
        value: (...args) => Promise.reject(refusal(api, args)),
      });
    }
  }
}

// HTTP clients (they would fail at the socket anyway; refusing here names the real API in the record).
guard(http, 'request', 'http.request');
guard(http, 'get', 'http.get');
guard(https, 'request', 'https.request');
guard(https, 'get', 'https.get');
guard(http2, 'connect', 'http2.connect');

// fetch (undici, not net.Socket in every Node version) rejects like a failed request would.
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = (...args) => Promise.reject(refusal('fetch', args));
}
for (const name of ['WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    globalThis[name] = function blocked(...args) {
      throw refusal(name, args);
    };
  }
}

Object.defineProperty(globalThis, '__bylineNetworkAttempts', { get: () => attempts, configurable: true });
record({ event: 'loaded', argv: process.argv.slice(1, 3).map((a) => a.replace(/^.*\//, '')) });
