// What share links say to learners: the link's own problems (envelope.js,
// cell-payload.js) and the cell's Share button and "shared" marker (cells/cell-share.js).
const KB = (bytes) => `${Math.round(bytes / 1024)} KB`;

export const shareStrings = {
  // Refused when making a link.
  tooMuchSource: (bytes, limit) =>
    `This program is too large to share as a link: ${KB(bytes)} of code and settings, and a link holds at most ${KB(limit)}. Shorten it, or copy the code itself.`,
  tooLongLink: (chars, limit) =>
    `This program does not compress enough to share as a link: the link would be ${chars} characters long, and links longer than ${limit} break in browsers and mail. Shorten it, or copy the code itself.`,
  // Why a link cannot be opened.
  notText: 'a share link is text',
  noVersion: 'it has no version (v=)',
  newerVersion: (v, known) => `it was made by a newer version of this tutorial (v=${v}; this page reads v=${known.join(', v=')}). Reload the page to get the newest version.`,
  damaged: (why) => `it is damaged (${why}); it may have been cut off when it was copied`,
  unknownVersion: (v) => `no version of this tutorial made v=${v}`,
  notBase64: 'it holds characters a share link does not use',
  tooBig: (limit) => `it unpacks to more than ${KB(limit)}`,
  notObject: 'its contents are not a share',
  legacyNoRun: 'it has no run settings (run=)',
  // The cell's link and marker.
  share: 'Share',
  shareTitle: 'Copy a link to this cell with its code and settings',
  linkCopied: 'Link copied. It holds this code and these settings; nothing is stored anywhere else.',
  linkShown: 'Copy this link:',
  linkLabel: 'Share link',
  sharedNotice: 'Shared code and settings, opened from a link. Nothing runs until you press Run. Changes to it are not saved; your own edits of this cell are kept.',
  unknownParams: (names) => `The link also set ${names.join(', ')}, which this cell does not have (any more).`,
  backToLesson: 'Back to the lesson’s code',
  backToMine: 'Back to my saved edits',
  // The page: a link that cannot be opened.
  cannotOpen: (why) => `This share link cannot be opened: ${why}. The lesson is shown as written.`,
  noSuchCell: (name, n) =>
    `This share link names ${n ? `cell ${n + 1} of the program` : 'the program'} “${name}”, which this lesson does not have (any more). The lesson is shown as written.`,
  otherFiles: (names, sent) => `it holds the files ${sent.join(', ') || 'none'}, and this cell has ${names.join(', ')}`,
  noSuchWidget: (name) => `This share link names a cluster, “${name}”, which this lesson does not have (any more). The lesson is shown as written.`,
  badCell: (why) => `This share link cannot be opened: ${why}. The lesson is shown as written.`,
};
