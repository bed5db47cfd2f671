// "Bedankt" without a reload (issue 4 §11). Without JavaScript the form posts and the server
// redirects back to the post; with it, the same form is sent with fetch (its CSRF token goes
// along as a form field), the server answers JSON and the count and button change in place.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form.js-thanks');
  Array.prototype.forEach.call(forms, function (form) {
    var button = form.querySelector('button[type="submit"]');
    var section = form.closest('.news-thanks');
    var count = section && section.querySelector('.js-thanks-count');
    var status = section && section.querySelector('[role="status"]');
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.URLSearchParams) return;  // the plain form post still works
      event.preventDefault();
      button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json' },
        body: new URLSearchParams(new FormData(form)),
      }).then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      }).then(function (state) {
        button.setAttribute('aria-pressed', state.thanked ? 'true' : 'false');
        if (count) count.textContent = String(state.count);
        if (status) status.textContent = (count ? count.textContent : '') + ' ' + (section.getAttribute('data-counted') || '');
        button.disabled = false;
      }).catch(function () {
        // Something went wrong (an expired form, no connection): fall back to the plain post.
        button.disabled = false;
        form.submit();
      });
    });
  });
})();
