// Linked into every lesson program's module, next to uncaught_exception.js
// (built programs through cmake/CddProgram.cmake, programs compiled in the
// page through their runtime glue, tools/compiler/make-runtime.mjs).
//
// With exception catching disabled (em++'s default), a `new` that finds no
// memory calls abort() with no reason at all (libc++'s operator new), so a
// program out of memory looked like one that called abort() itself. This
// watches the heap: when the memory limit refuses a growth, a later abort()
// says that the program ran out of memory, the size it asked for and the
// limit. The page reads this reason (web/src/runner/exit-reasons.js).
mergeInto(LibraryManager.library, {
  $cddHeapRefused: 0, // the heap size of the last growth the limit refused (bytes), 0 if none

  $cddWatchHeapGrowth__deps: ['$cddHeapRefused', 'emscripten_resize_heap'],
  $cddWatchHeapGrowth__postset: 'cddWatchHeapGrowth();',
  $cddWatchHeapGrowth: function () {
    var grow = _emscripten_resize_heap;
    _emscripten_resize_heap = function (requestedSize) {
      var grown = grow(requestedSize);
      if (!grown) cddHeapRefused = requestedSize >>> 0;
      return grown;
    };
  },

  abort__deps: ['$cddWatchHeapGrowth', '$cddHeapRefused', 'emscripten_get_heap_max'],
  abort__sig: 'v',
  abort: function () {
    abort(cddHeapRefused
      ? 'out of memory: the heap could not grow to ' + cddHeapRefused + ' bytes (limit ' + _emscripten_get_heap_max() + ' bytes)'
      : '');
  },
});
