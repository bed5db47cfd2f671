/*
 * Buurtplein share: a "Copy link" button next to the read-only link field of a news item.
 *
 * Progressive enhancement: without this script the field with the link is there to select and
 * copy, and the e-mail and WhatsApp links are plain links. The script only shows the button and
 * copies the link to the clipboard; it makes no request. Plain browser script, no build step.
 */
(function () {
  'use strict';

  function copyWithSelection(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  function setUp(section) {
    var field = section.querySelector('[data-share-url]');
    var button = section.querySelector('[data-share-copy]');
    var status = section.querySelector('[data-share-status]');
    if (!field || !button || !status) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var done = function (ok) {
        status.textContent = status.getAttribute(ok ? 'data-copied' : 'data-failed');
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(function () {
          done(true);
        }, function () {
          done(copyWithSelection(field));
        });
      } else {
        done(copyWithSelection(field));
      }
    });
  }

  var sections = document.querySelectorAll('.share');
  for (var i = 0; i < sections.length; i++) setUp(sections[i]);
})();
