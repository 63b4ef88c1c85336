// Preload with `node --require ./bind-loopback.cjs ...` to make every TCP server of the process
// listen on 127.0.0.1 only. Test peers such as server-everything bind all interfaces by default;
// our tests and benchmarks must never expose a port beyond loopback.
'use strict';

const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen(options[, callback]); a unix socket or an inherited handle keeps its own address.
    if (first.path === undefined && first.fd === undefined && first.handle === undefined
        && first._handle === undefined) {
      args[0] = { ...first, host: LOOPBACK };
    }
    return originalListen.apply(this, args);
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): replace or insert the host.
    if (typeof args[1] === 'string') {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
    return originalListen.apply(this, args);
  }
  if (first === undefined || typeof first === 'function') {
    // listen() or listen(callback): an ephemeral port, on loopback.
    return originalListen.call(this, 0, LOOPBACK, ...args);
  }
  return originalListen.apply(this, args);
};
