/* Instance forms (buy, renew, switch to subscription): the cost summary follows the choices.
 *
 * The server renders the summary (templates/instances/_cost.html, priced by
 * instances.rules.quote) and marks the form with a hidden `review` field, so that without
 * JavaScript the order is priced again on a confirmation page before it is placed. Here the
 * price per month, the period and the order total are recomputed on every change (price x
 * months, in fen, as the rule does), so the confirmation step is not needed and `review` is
 * removed. Choosing pay-as-you-go disables the subscription period, which it does not use.
 * On the buy page each product option carries its monthly price (data-monthly-price).
 * No inline script or handler anywhere, so a strict CSP can apply.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-cost-summary]");
  var form = box ? box.closest("form") : null;
  if (!form) {
    return;
  }
  var format = box.getAttribute("data-money-format") || "RMB {amount}";
  var product = form.querySelector("[name=product]");
  var period = form.querySelector("[name=period_months]");
  var priceOut = box.querySelector("[data-cost-price]");
  var monthsOut = box.querySelector("[data-cost-months]");
  var totalOut = box.querySelector("[data-cost-total]");
  var postpaidNote = box.querySelector("[data-cost-postpaid]");
  var review = form.querySelector("[data-cost-review]");

  function fen(price) {
    return Math.round(parseFloat(price) * 100);
  }

  function money(fenAmount) {
    return format.replace("{amount}", (fenAmount / 100).toFixed(2));
  }

  function chargeType() {
    var checked = form.querySelector("[name=charge_type]:checked");
    return checked ? checked.value : "PrePaid";
  }

  function update() {
    var price = box.getAttribute("data-monthly-price");
    var option = product && product.selectedIndex >= 0 ? product.options[product.selectedIndex] : null;
    if (option && option.hasAttribute("data-monthly-price")) {
      price = option.getAttribute("data-monthly-price");
    }
    var postpaid = chargeType() === "PostPaid";
    if (period) {
      period.disabled = postpaid;
    }
    var months = 0;
    if (!postpaid && period && period.selectedIndex >= 0) {
      months = parseInt(period.value, 10) || 0;
    }
    priceOut.textContent = money(fen(price));
    monthsOut.textContent = months ? period.options[period.selectedIndex].text : "-";
    totalOut.textContent = money(fen(price) * months);
    if (postpaidNote) {
      postpaidNote.hidden = !postpaid;
    }
  }

  if (review) {
    review.parentNode.removeChild(review);
  }
  form.addEventListener("change", update);
  update();
})();
