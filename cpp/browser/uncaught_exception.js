// Linked into every lesson program's module (--js-library: built programs
// through cmake/CddProgram.cmake, programs compiled in the page through their
// runtime glue, tools/compiler/make-runtime.mjs).
//
// Lesson programs are built with exception catching disabled, em++'s default:
// a C++ `throw` can never be caught, so it ends the program. Emscripten's own
// __cxa_throw then throws a bare number at JavaScript ("uncaught exception:
// 10491088"). This one stops the program the way std::abort does, with what
// a native program prints instead: the exception's type and, for exceptions
// derived from std::exception, what() - "std::out_of_range: vector::at".
mergeInto(LibraryManager.library, {
  $cddExceptionName: function (mangled) {
    // Enough of the Itanium mangling for exception types: St12out_of_range,
    // N3cdd2mp11DecodeErrorE, NSt3__212system_errorE, i, PKc.
    var builtin = { i: 'int', j: 'unsigned int', l: 'long', m: 'unsigned long', x: 'long long',
                    y: 'unsigned long long', d: 'double', f: 'float', b: 'bool', c: 'char', PKc: 'const char*' };
    if (builtin[mangled]) return builtin[mangled];
    var m = /^(?:N(.*)E|(St)?(\d.*))$/.exec(mangled);
    if (!m) return mangled;
    var rest = m[1] !== undefined ? m[1] : m[3];
    var parts = m[2] ? ['std'] : [];
    if (rest.indexOf('St') === 0) { parts.push('std'); rest = rest.slice(2); }
    while (rest.length) {
      var length = /^\d+/.exec(rest);
      if (!length) return mangled;
      var n = length[0].length;
      var name = rest.substr(n, +length[0]);
      if (!/^__\d$/.test(name)) parts.push(name);  // libc++'s inline namespace std::__2
      rest = rest.slice(n + +length[0]);
    }
    return parts.join('::');
  },

  // what() of a std::exception, or null when the thrown type is not one.
  // A type_info is [vtable, name]; a single-inheritance class's adds [base]
  // (the type_info of its base class). Walking up to a standard exception
  // proves the object starts with std::exception's vtable, whose third slot
  // is what() (after the two destructors).
  $cddExceptionWhat: function (ptr, type) {
    var plausible = function (t) { return t > 0 && t + 12 <= HEAPU8.length; };
    var nameOf = function (t) {
      var at = HEAPU32[(t + 4) >> 2];
      if (at <= 0 || at >= HEAPU8.length) return '';
      var name = UTF8ToString(at, 80);
      return /^[A-Za-z0-9_]+$/.test(name) ? name : '';
    };
    var STANDARD = ['St9exception', 'St9bad_alloc', 'St20bad_array_new_length', 'St8bad_cast', 'St10bad_typeid',
                    'St11logic_error', 'St12domain_error', 'St16invalid_argument', 'St12length_error', 'St12out_of_range',
                    'St13runtime_error', 'St11range_error', 'St14overflow_error', 'St15underflow_error'];
    var derived = false;
    for (var t = type, depth = 0; plausible(t) && depth < 8; t = HEAPU32[(t + 8) >> 2], depth++) {
      var name = nameOf(t);
      if (!name) break;
      if (STANDARD.indexOf(name) >= 0 || /^NSt3__2\d+[a-z]+_errorE$/.test(name)) {
        derived = true;
        break;
      }
    }
    if (!derived) return null;
    try {
      var vtable = HEAPU32[ptr >> 2];
      return UTF8ToString(wasmTable.get(HEAPU32[(vtable + 8) >> 2])(ptr), 1000);
    } catch (e) {
      return null;
    }
  },

  __cxa_throw__deps: ['$cddExceptionName', '$cddExceptionWhat'],
  __cxa_throw: function (ptr, type, destructor) {
    var mangled = type ? UTF8ToString(HEAPU32[(type + 4) >> 2], 200) : '';
    var what = '';
    if (mangled === 'PKc' || mangled === 'Pc') what = UTF8ToString(HEAPU32[ptr >> 2], 1000);
    else if (/^[ijlmxy]$/.test(mangled)) what = String(HEAP32[ptr >> 2]);
    else what = cddExceptionWhat(ptr, type) || '';
    abort('uncaught C++ exception ' + cddExceptionName(mangled) + (what ? ': ' + what : '') +
          ' (exceptions cannot be caught in the WebAssembly build)');
  },
});
