// How much of an uploaded file has been sent, on forms marked `data-upload-progress`.
//
// htmx posts such a form (hx-post, multipart) and reports the bytes sent as
// `htmx:xhr:progress`; this shows them in the form's <progress> bar and, every tenth, in
// its live text, and keeps the submit button from sending the file twice. Without
// JavaScript the form is posted as usual and the page answers when the upload is done.
(function () {
  "use strict";

  function parts(form) {
    return {
      status: form.querySelector("[data-upload-status]"),
      bar: form.querySelector("progress"),
      text: form.querySelector("[data-upload-percent]"),
      button: form.querySelector("button[type=submit]"),
    };
  }

  function uploadForm(event) {
    var form = event.target && event.target.closest ? event.target.closest("form") : null;
    return form && form.hasAttribute("data-upload-progress") ? form : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = uploadForm(event);
    if (!form) {
      return;
    }
    var p = parts(form);
    p.status.hidden = false;
    p.bar.value = 0;
    p.text.textContent = "0 %";
    p.text.dataset.shown = "0";
    p.button.disabled = true;
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = uploadForm(event);
    if (!form || !event.detail.lengthComputable || !event.detail.total) {
      return;
    }
    var p = parts(form);
    var percent = Math.floor((100 * event.detail.loaded) / event.detail.total);
    p.bar.value = percent;
    // The live region speaks every tenth only, not every event.
    var tenth = Math.floor(percent / 10) * 10;
    if (String(tenth) !== p.text.dataset.shown) {
      p.text.dataset.shown = String(tenth);
      p.text.textContent = tenth + " %";
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = uploadForm(event);
    if (form && document.body.contains(form)) {
      parts(form).button.disabled = false;
    }
  });
})();
