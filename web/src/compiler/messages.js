// Every sentence the in-page compiler shows a learner, in one place.
export const messages = {
  noExceptions:
    'The C++ libraries in this page are built without exceptions, so `throw` and `try` cannot be used. ' +
    'Report a failure through a return value instead (a status code, std::optional, or a bool plus a message).',
  staticDataTooLarge: (needed, initial) =>
    `The program's global and static data need ${needed} bytes, more than the ${initial} bytes of memory a ` +
    'program starts with. Allocate large arrays at run time instead (for example with std::vector).',
  projectLibraryMissing: (header) =>
    `<${header}> belongs to a project library that edited programs cannot use yet (it needs its own ` +
    'JavaScript runtime). Run the original program, or edit one that does not include it.',
  noMain: 'The program has no main() function, so there is nothing to run.',
  sourcesTooLarge: (chars, limit) => `The sources are ${chars} characters long; the in-page compiler takes at most ${limit}.`,
  noSources: 'There is no C++ source file to compile (expected a name ending in .cpp, .cc, .cxx or .c).',
  badSourceName: (name) => `"${name}" is not a valid source file name (use letters, digits, '_', '-', '.' and '/').`,
  compilerCrashed: (detail) => `The compiler stopped unexpectedly: ${detail}`,
  downloadFailed: (url, status) => `Could not download the compiler file ${url} (${status}).`,
  damagedDownload: (name) => `The compiler file ${name} arrived damaged; reload the page to fetch it again.`,
  unsupportedBrowser: 'This browser lacks DecompressionStream, which the in-page compiler needs.',
  cancelled: 'Compilation cancelled.',
};
