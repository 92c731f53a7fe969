// Every string the offline service worker's notices show, in one place.
export const strings = {
  newVersion: 'A new version of this tutorial is ready.',
  loadNewVersion: 'Load it',
  updatedElsewhere: 'This tutorial was updated in another tab; this page is still the old version.',
  reload: 'Reload',
};
