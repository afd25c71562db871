/*
 * Uploads page: sends an upload form with XMLHttpRequest so that a large file shows its progress in a <progress>
 * element, then puts the HTML fragment the server answers (the import's counts or every bad line; the images'
 * results) in place of the form's result area. Without this script the forms post normally and the server answers
 * with the whole page.
 */
(function () {
  'use strict';

  function wire(form) {
    var box = document.getElementById(form.getAttribute('data-progress'));
    var target = document.getElementById(form.getAttribute('data-target'));
    if (!box || !target || !window.FormData || !window.XMLHttpRequest) {
      return;
    }
    var bar = box.querySelector('progress');
    var pct = box.querySelector('.pct');
    var phase = box.querySelector('.phase');
    var button = form.querySelector('button[type=submit]');

    function message(text) {
      var p = document.createElement('p');
      p.className = 'error upload-error';
      p.setAttribute('role', 'alert');
      p.textContent = text;
      target.replaceChildren(p);
    }

    function finish() {
      form.classList.remove('uploading');
      form.removeAttribute('aria-busy');
      if (button) {
        button.disabled = false;
      }
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action'));
      xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      xhr.responseType = 'text';
      bar.removeAttribute('value'); // indeterminate until the first progress event
      bar.max = 100;
      pct.textContent = '';
      phase.textContent = phase.getAttribute('data-sending');
      box.hidden = false;
      form.classList.add('uploading');
      form.setAttribute('aria-busy', 'true');
      if (button) {
        button.disabled = true;
      }
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && e.total > 0) {
          bar.max = e.total;
          bar.value = e.loaded;
          pct.textContent = Math.floor(e.loaded * 100 / e.total) + ' %';
        }
      });
      xhr.upload.addEventListener('load', function () {
        // every byte is sent; the server now checks the file (a large import takes a while)
        bar.removeAttribute('value');
        phase.textContent = phase.getAttribute('data-processing');
      });
      xhr.addEventListener('load', function () {
        finish();
        box.hidden = true;
        var type = xhr.getResponseHeader('Content-Type') || '';
        if (type.indexOf('text/html') === 0 && !/^\s*<!DOCTYPE/i.test(xhr.responseText)) {
          target.innerHTML = xhr.responseText; // a fragment rendered (and escaped) by the server
        } else if (xhr.status === 413) {
          message(form.getAttribute('data-too-large-text'));
        } else if (xhr.status === 403 || xhr.status === 401 || /^\s*<!DOCTYPE/i.test(xhr.responseText)) {
          message(form.getAttribute('data-forbidden-text'));
        } else {
          message(form.getAttribute('data-error-text') + ' (' + xhr.status + ')');
        }
        var outcome = target.querySelector('.outcome');
        if (outcome && outcome.scrollIntoView) {
          outcome.scrollIntoView({block: 'nearest'});
        }
      });
      xhr.addEventListener('error', function () {
        finish();
        box.hidden = true;
        message(form.getAttribute('data-error-text'));
      });
      xhr.send(new FormData(form));
    });
  }

  document.querySelectorAll('form[data-upload]').forEach(wire);
}());
