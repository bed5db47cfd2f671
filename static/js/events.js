// Live sign-up counts on an event page: every 30 seconds the numbers under each date are
// fetched again (aanmeldingen.json), so a visitor sees places go without reloading. Without
// JavaScript the page shows the numbers of when it was loaded, and everything still works.
(function () {
  'use strict';
  var nodes = document.querySelectorAll('[data-counts-url]');
  if (!nodes.length || !window.fetch) return;

  function render(node, counts) {
    var text;
    if (typeof counts.capacity === 'number') {
      text = counts.places_left > 0 ? counts.places_left + ' ' + node.dataset.labelLeft : node.dataset.labelFull;
    } else {
      text = String(counts.confirmed);
      var confirmed = node.querySelector('[data-count="confirmed"]');
      if (confirmed) { confirmed.textContent = text; text = null; }
    }
    if (text !== null) {
      var waiting = counts.waiting > 0 ? ' · ' + counts.waiting + ' ' + node.dataset.labelWaiting : '';
      node.textContent = text + waiting;
    }
  }

  function refresh() {
    nodes.forEach(function (node) {
      fetch(node.dataset.countsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (counts) { if (counts) render(node, counts); })
        .catch(function () { /* keep the numbers shown */ });
    });
  }

  setInterval(function () { if (!document.hidden) refresh(); }, 30000);
})();
