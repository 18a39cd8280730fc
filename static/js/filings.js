/* Filing pages: progressive enhancement only (everything works without JavaScript).
 *
 * - Product verification (wizard step 2, transfer-in): the radio buttons marked
 *   `data-product-method` choose between an instance and a service code; only the chosen
 *   panel (`data-product-panel`) is shown. Without JavaScript both panels stay visible.
 * - Forms marked `data-submit-once` disable their submit buttons once sent, so a double
 *   click does not create (or submit) an order twice.
 * No inline script or handler anywhere, so a strict CSP can apply.
 */
(function () {
  "use strict";

  function syncPanels(form) {
    var checked = form.querySelector("[data-product-method]:checked");
    var method = checked ? checked.value : null;
    var panels = form.querySelectorAll("[data-product-panel]");
    Array.prototype.forEach.call(panels, function (panel) {
      var show = !method || panel.getAttribute("data-product-panel") === method;
      panel.hidden = !show;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
    if (form.querySelector("[data-product-method]")) {
      syncPanels(form);
      form.addEventListener("change", function (event) {
        if (event.target.hasAttribute && event.target.hasAttribute("data-product-method")) {
          syncPanels(form);
        }
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-submit-once")) {
      return;
    }
    if (form.getAttribute("data-submitting") === "true") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitting", "true");
    // Disable after the browser has collected the form data (a disabled button is not sent).
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (button) {
        button.disabled = true;
      });
    }, 0);
  });
})();
