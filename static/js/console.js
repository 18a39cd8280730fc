/* ICP Filing Management console: progressive enhancement only.
 *
 * Links marked `data-confirm` (Apply on ICP No. Application, Release on Instances) lead to a
 * confirmation page that works without JavaScript. Here they open the native <dialog> of
 * base.html instead: its form POSTs to the link's URL (the same view answers GET with the page
 * and POST with the action). Focus moves into the dialog; Escape or Cancel closes it and focus
 * returns to the link. No inline script or handler anywhere, so a strict CSP can apply.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return; // no <dialog> support: the links keep leading to the confirmation pages
  }
  var form = dialog.querySelector("form");
  var title = dialog.querySelector(".dialog-title");
  var message = dialog.querySelector(".dialog-message");
  var ok = dialog.querySelector("[data-confirm-ok]");
  var cancel = dialog.querySelector("[data-confirm-cancel]");
  var opener = null;

  function open(link) {
    opener = link;
    form.setAttribute("action", link.href);
    title.textContent = link.getAttribute("data-confirm-title") || title.getAttribute("data-default");
    message.textContent = link.getAttribute("data-confirm-message") || "";
    ok.textContent = link.getAttribute("data-confirm-ok") || ok.getAttribute("data-default");
    var danger = link.hasAttribute("data-confirm-danger");
    ok.classList.toggle("btn-danger", danger);
    ok.classList.toggle("btn-primary", !danger);
    ok.disabled = false;
    dialog.showModal();
    ok.focus();
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return; // let modified clicks open the confirmation page in a new tab
    }
    var link = event.target.closest ? event.target.closest("a[data-confirm]") : null;
    if (!link) {
      return;
    }
    event.preventDefault();
    open(link);
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    dialog.close("cancel");
  });

  // Keep Tab inside the dialog: from the last control it wraps to the first, and back.
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") {
      return;
    }
    if (event.shiftKey && document.activeElement === ok) {
      event.preventDefault();
      cancel.focus();
    } else if (!event.shiftKey && document.activeElement === cancel) {
      event.preventDefault();
      ok.focus();
    }
  });

  // A click on the backdrop (the dialog element itself, outside the form) cancels too.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      dialog.close("cancel");
    }
  });

  // Escape fires "cancel" and then "close"; every way out returns focus to the link.
  dialog.addEventListener("close", function () {
    if (opener) {
      opener.focus();
      opener = null;
    }
  });

  // One click, one request: a double click on OK must not apply twice.
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter === cancel) {
      return;
    }
    ok.disabled = true;
  });
})();

/* Copy buttons (`data-copy-target` = the id of the element whose text is copied), e.g. a new
 * AccessKey secret. They are hidden without JavaScript, where the text can still be selected. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain HTTP on another host than localhost: the clipboard API is not offered.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied-text") || label;
        button.setAttribute("data-copied", "true");
        window.setTimeout(function () {
          button.textContent = label;
          button.removeAttribute("data-copied");
        }, 2000);
      }, function () {
        // Leave the text selected so that Ctrl+C copies it.
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      });
    });
  });
})();

/* Keyboard users and screen readers (issue 28, point 15):
 * - a table that scrolls sideways inside its .table-wrap gets a tab stop and a name (a region
 *   named after its section's heading), so it can be scrolled from the keyboard; one that fits
 *   gets none (checked again when the window is resized);
 * - after an action, the page's messages take the focus, so the result is read out and the next
 *   Tab starts from there rather than from the top of the page. */
(function () {
  "use strict";

  function nameOf(wrap) {
    var section = wrap.closest("section");
    var heading = (section && section.querySelector("h2, h3")) || document.querySelector("main h1, h1");
    var caption = wrap.querySelector("caption");
    return ((caption || heading || {}).textContent || "").replace(/\s+/g, " ").trim();
  }

  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var name = nameOf(wrap);
        if (name) {
          wrap.setAttribute("aria-label", name);
        }
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  markScrollable();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(markScrollable, 100);
  });

  var messages = document.querySelector("[data-messages]");
  if (messages && !document.querySelector("[autofocus]")) {
    messages.focus();
  }
})();
