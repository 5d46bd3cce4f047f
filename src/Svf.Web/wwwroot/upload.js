// Upload with a progress bar: the same form posts by XMLHttpRequest so the browser can report progress; without
// JavaScript the form posts normally. Sizes over the limit are refused before sending (the server refuses them too).
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var box = document.getElementById('upload-progress');
  var bar = document.getElementById('progress-bar');
  var text = document.getElementById('progress-text');
  var button = document.getElementById('upload-button');
  var max = Number(form.getAttribute('data-max-bytes'));
  form.addEventListener('submit', function (e) {
    var input = document.getElementById('file');
    var file = input.files && input.files[0];
    if (!file) { return; }
    e.preventDefault();
    if (max && file.size > max) {
      box.hidden = false;
      text.textContent = 'Filen är för stor (' + Math.round(file.size / 1048576) + ' MB). Största tillåtna storlek är ' + Math.round(max / 1048576) + ' MB. Inget har skickats.';
      return;
    }
    button.disabled = true;
    box.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action || window.location.href);
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) {
        var pct = Math.round(ev.loaded * 100 / ev.total);
        bar.value = pct;
        text.textContent = pct + ' % överfört';
      }
    };
    xhr.upload.onload = function () { text.textContent = 'Filen är överförd och kontrolleras …'; };
    xhr.onload = function () {
      if (xhr.responseURL && xhr.responseURL !== window.location.href && xhr.status < 400) {
        window.location.href = xhr.responseURL;
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    };
    xhr.onerror = function () {
      button.disabled = false;
      text.textContent = 'Överföringen avbröts. Inget har sparats. Försök igen.';
    };
    // The server streams the file and checks this token before reading it (the same token is the form's first field).
    var token = form.querySelector('input[name=__RequestVerificationToken]');
    if (token) { xhr.setRequestHeader('RequestVerificationToken', token.value); }
    xhr.send(new FormData(form));
  });
})();
