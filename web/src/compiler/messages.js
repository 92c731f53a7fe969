// Every sentence the in-page compiler shows a learner, in one place.
export const messages = {
  staticDataTooLarge: (needed, initial) =>
    `The program's global and static data need ${needed} bytes, more than the ${initial} bytes of memory a ` +
    'program starts with. Allocate large arrays at run time instead (for example with std::vector).',
  unknownProjectHeader: (header) =>
    `<${header}> is not one of the project's headers. They are <cdd/args.h>, <cdd/report.h>, <cdd/timing.h>, ` +
    '<cdd/sizes.h>, <cdd/shared_clock.h>, <cdd/plural.h>, <cdd/multiprocessing.h> (with the <cdd/mp/...> headers it includes) and <cdd/maelstrom.h> ' +
    '(with <cdd/maelstrom/...>; JSON comes from <nlohmann/json.hpp>).',
  noMain: 'The program has no main() function, so there is nothing to run.',
  sourcesTooLarge: (chars, limit) => `The sources are ${chars} characters long; the in-page compiler takes at most ${limit}.`,
  noSources: 'There is no C++ source file to compile (expected a name ending in .cpp, .cc, .cxx or .c).',
  badSourceName: (name) => `"${name}" is not a valid source file name (use letters, digits, '_', '-', '.' and '/').`,
  compilerCrashed: (detail) => `The compiler stopped unexpectedly: ${detail}`,
  downloadFailed: (url, status) => `Could not download the compiler file ${url} (${status}).`,
  checksumMismatch: (name) =>
    `The compiler file ${name} does not match its checksum (it was damaged or changed on the way); ` +
    'nothing of it was kept. Reload the page to fetch it again.',
  missingChecksum: (name) => `The compiler's manifest gives no checksum for ${name}, so the file cannot be checked; rebuild the compiler assets.`,
  damagedDownload: (name) => `The compiler file ${name} arrived damaged; reload the page to fetch it again.`,
  unsupportedBrowser: 'This browser lacks DecompressionStream, which the in-page compiler needs.',
  cancelled: 'Compilation cancelled.',
};
