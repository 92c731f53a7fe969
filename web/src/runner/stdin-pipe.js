// A program's stdin as a byte pipe in a SharedArrayBuffer: one writer (the
// thread that feeds the program, e.g. a cluster node's shell worker) and one
// reader (the program worker, whose Module.stdin and poll() on fd 0 read it).
// The reader may block with Atomics.wait, so a program's plain blocking
// `std::getline(std::cin, line)` waits for the next message.
//
// Layout: a header of Int32 words, then the ring of bytes.
//   HEAD       bytes written so far (wraps at 2^32; only differences matter)
//   TAIL       bytes read so far
//   CLOSED     1 once the writer closed the pipe (the reader sees end of file after the last byte)
//   HEARTBEAT  bumped by the writer; the reader copies it into ACK whenever it waits or reads,
//   ACK        so a reader that stops reading (a program stuck in a loop) is noticed
//   SEQ        bumped on every write, close and heartbeat: the one word the reader waits on,
//              so no wake-up is missed between its check and its wait
//
// A classic script with no import or export (like ../workers/serve.js): the
// classic program worker loads it with importScripts, module code imports it
// for its side effect; either way it defines globalThis.cddStdinPipe.
(function (scope) {
  'use strict';

  var HEAD = 0;
  var TAIL = 1;
  var CLOSED = 2;
  var HEARTBEAT = 3;
  var ACK = 4;
  var SEQ = 5;
  var HEADER_BYTES = 32;
  var DEFAULT_CAPACITY = 1 << 20;

  /** A new pipe's buffer, `capacity` bytes of ring. */
  function createPipeBuffer(capacity) {
    return new SharedArrayBuffer(HEADER_BYTES + (capacity || DEFAULT_CAPACITY));
  }

  function views(buffer) {
    return { words: new Int32Array(buffer, 0, HEADER_BYTES / 4), ring: new Uint8Array(buffer, HEADER_BYTES) };
  }

  function signal(words) {
    Atomics.add(words, SEQ, 1);
    Atomics.notify(words, SEQ);
  }

  /** The writer's side. */
  function pipeWriter(buffer) {
    var v = views(buffer);
    var words = v.words;
    var ring = v.ring;
    var encoder = new TextEncoder();
    return {
      /** Bytes the ring can take now. */
      space: function () {
        return ring.length - ((Atomics.load(words, HEAD) - Atomics.load(words, TAIL)) >>> 0);
      },
      /**
       * Writes as many of `bytes` (a Uint8Array or a string, UTF-8) as fit; returns how many.
       * The caller keeps the rest for later (a writer never blocks).
       */
      write: function (bytes) {
        if (typeof bytes === 'string') bytes = encoder.encode(bytes);
        var head = Atomics.load(words, HEAD);
        var n = Math.min(bytes.length, this.space());
        for (var i = 0; i < n; i++) ring[((head + i) >>> 0) % ring.length] = bytes[i];
        if (n > 0) {
          Atomics.store(words, HEAD, (head + n) | 0);
          signal(words);
        }
        return n;
      },
      /** End of input: the reader gets end of file once it has read every byte. */
      close: function () {
        Atomics.store(words, CLOSED, 1);
        signal(words);
      },
      /** A new heartbeat; returns its number (compare with acknowledged()). */
      beat: function () {
        var n = Atomics.add(words, HEARTBEAT, 1) + 1;
        signal(words);
        return n;
      },
      /** The last heartbeat the reader acknowledged. */
      acknowledged: function () {
        return Atomics.load(words, ACK);
      },
    };
  }

  /**
   * The reader's side (the thread that may block).
   * @param {SharedArrayBuffer} buffer
   * @param {{beforeBlock?: () => void}} options beforeBlock: called before the reader waits (flush output)
   */
  function pipeReader(buffer, options) {
    var v = views(buffer);
    var words = v.words;
    var ring = v.ring;
    var beforeBlock = (options && options.beforeBlock) || function () {};
    var chunk = new Uint8Array(0); // bytes taken from the ring, not yet handed out
    var at = 0;

    function acknowledge() {
      Atomics.store(words, ACK, Atomics.load(words, HEARTBEAT));
    }

    // Moves every byte the ring holds into `chunk`; returns whether there are bytes to hand out.
    function take() {
      if (at < chunk.length) return true;
      var tail = Atomics.load(words, TAIL);
      var n = (Atomics.load(words, HEAD) - tail) >>> 0;
      if (n === 0) return false;
      chunk = new Uint8Array(n);
      for (var i = 0; i < n; i++) chunk[i] = ring[((tail + i) >>> 0) % ring.length];
      at = 0;
      Atomics.store(words, TAIL, (tail + n) | 0);
      return true;
    }

    // Waits until there are bytes, the pipe is closed, or `timeoutMs` passed (< 0: no limit).
    // Returns whether there are bytes to hand out.
    function waitFor(timeoutMs) {
      acknowledge();
      if (take()) return true;
      if (Atomics.load(words, CLOSED) || timeoutMs === 0) return false;
      beforeBlock();
      var deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
      for (;;) {
        var seq = Atomics.load(words, SEQ);
        acknowledge();
        if (take()) return true;
        if (Atomics.load(words, CLOSED)) return false;
        var left = deadline - performance.now();
        if (left <= 0) return false;
        Atomics.wait(words, SEQ, seq, left === Infinity ? undefined : left);
      }
    }

    return {
      /**
       * One byte for Emscripten's stdin device (Module.stdin). `first`: the
       * read has no byte yet, so wait for one; later calls of the same read
       * never wait (undefined ends the read with what it has). null: end of file.
       */
      readByte: function (first) {
        if (first ? !waitFor(-1) : !take()) return first ? null : undefined;
        acknowledge();
        return chunk[at++];
      },
      /** poll() on fd 0: whether a read would not block, after waiting at most `timeoutMs` (< 0: no limit). */
      poll: function (timeoutMs) {
        return waitFor(timeoutMs) || Atomics.load(words, CLOSED) === 1;
      },
      acknowledge: acknowledge,
    };
  }

  scope.cddStdinPipe = { createPipeBuffer: createPipeBuffer, pipeWriter: pipeWriter, pipeReader: pipeReader };
})(typeof self !== 'undefined' ? self : globalThis);
