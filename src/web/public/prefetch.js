/* global window */
// Starts the API reads of the page being opened while the app's code is still downloading and
// booting (index.html runs this classic script before the module bundle): the Gantt of a large
// plan no longer waits for the bundle, then the session, then the project, then the plan.
// `src/web/api/prefetch.ts` hands each response to the first GET of the same path, once.
(function () {
  'use strict';
  if (!window.fetch) return;
  var match = /^\/projects\/([0-9a-zA-Z-]+)\/planning\/?$/.exec(window.location.pathname);
  if (!match) return;
  var id = match[1];
  var responses = {};
  ['/auth/me', '/projects/' + id, '/projects/' + id + '/plan'].forEach(function (path) {
    var response = window.fetch('/api/v1' + path, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    response.catch(function () {
      // The app fetches again and reports the error itself.
    });
    responses[path] = response;
  });
  window.__jalonPrefetch = { at: Date.now(), responses: responses };
})();
