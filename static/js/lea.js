/* LEA's own behaviour, after htmx (no inline scripts: the Content-Security-Policy forbids them).
 *
 * After every htmx swap:
 *  - the first element in the new content with data-lea-focus gets the focus (it is made
 *    focusable with tabindex="-1" when it is not already), so a keyboard or screen-reader user
 *    continues where the content changed: in a form that opened, on a row that was saved;
 *  - the text of the first element with data-lea-melding is read out through the page's live
 *    region (#lea-live), cleared first so the same message twice is read twice.
 */
(function () {
  "use strict";

  var FOCUSBAAR = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
  var wachtend = null;

  function eerste(wortel, selector) {
    if (wortel.matches && wortel.matches(selector)) {
      return wortel;
    }
    return wortel.querySelector ? wortel.querySelector(selector) : null;
  }

  function focus(element) {
    if (!element.matches(FOCUSBAAR) || element.disabled) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  function meld(tekst) {
    var live = document.getElementById("lea-live");
    if (!live || !tekst) {
      return;
    }
    live.textContent = "";
    if (wachtend !== null) {
      window.clearTimeout(wachtend);
    }
    // A moment between clearing and writing, so screen readers notice a change.
    wachtend = window.setTimeout(function () {
      live.textContent = tekst;
      wachtend = null;
    }, 150);
  }

  document.addEventListener("htmx:afterSettle", function (gebeurtenis) {
    var wortel = gebeurtenis.target;
    if (!wortel || !wortel.isConnected) {
      return;
    }
    var doel = eerste(wortel, "[data-lea-focus]");
    if (doel) {
      focus(doel);
    }
    var melding = eerste(wortel, "[data-lea-melding]");
    if (melding) {
      meld(melding.textContent.replace(/\s+/g, " ").trim());
    }
  });

  // A table too wide for the screen scrolls sideways in its own box (.table-responsive). A
  // keyboard user must be able to scroll it too: when it scrolls and holds nothing focusable,
  // the box itself becomes a focusable, named region; when it fits again, that is undone.
  function schuifvakken() {
    var vakken = document.querySelectorAll(".table-responsive");
    Array.prototype.forEach.call(vakken, function (vak) {
      var schuift = vak.scrollWidth > vak.clientWidth + 1;
      var door_ons = vak.hasAttribute("data-lea-schuifvak");
      if (schuift && !door_ons && !vak.matches(FOCUSBAAR) && !vak.querySelector(FOCUSBAAR)) {
        var bijschrift = vak.querySelector("caption");
        var naam = bijschrift ? bijschrift.textContent.replace(/\s+/g, " ").trim() : "Tabel";
        vak.setAttribute("data-lea-schuifvak", "");
        vak.setAttribute("tabindex", "0");
        vak.setAttribute("role", "region");
        vak.setAttribute("aria-label", naam + " (schuif opzij voor meer kolommen)");
      } else if (!schuift && door_ons) {
        ["data-lea-schuifvak", "tabindex", "role", "aria-label"].forEach(function (naam) {
          vak.removeAttribute(naam);
        });
      }
    });
  }
  var gepland = false;
  function plan_schuifvakken() {
    if (!gepland) {
      gepland = true;
      window.requestAnimationFrame(function () {
        gepland = false;
        schuifvakken();
      });
    }
  }
  schuifvakken();
  window.addEventListener("resize", plan_schuifvakken);
  document.addEventListener("htmx:afterSettle", plan_schuifvakken);

  // A request that failed changes nothing on the page: say so rather than stay silent.
  function mislukt() {
    meld("Dat is niet gelukt. Laad de pagina opnieuw en probeer het nog eens.");
  }
  document.addEventListener("htmx:responseError", mislukt);
  document.addEventListener("htmx:sendError", mislukt);
})();
