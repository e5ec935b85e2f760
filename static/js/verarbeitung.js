// Live processing status. While a version on the page is still waiting or running, ask the
// server for its state (visible versions only) and update the badges; on the model page the
// result area is fetched again when processing ends, so findings and the diagram appear without
// a reload. Without JavaScript the page simply shows the state it was rendered with.
(function () {
  "use strict";
  var OFFEN = { wartend: true, laeuft: true };
  var meldung = document.querySelector("[data-verarbeitung-meldung]");
  var pause = 800;

  function offeneIds() {
    var ids = [];
    document.querySelectorAll("[data-version-status]").forEach(function (el) {
      var id = el.getAttribute("data-version-status");
      if (OFFEN[el.getAttribute("data-verarbeitung")] && ids.indexOf(id) < 0) ids.push(id);
    });
    return ids;
  }

  function aktualisieren(el, v) {
    el.setAttribute("data-verarbeitung", v.verarbeitung);
    el.className = "verarbeitung verarbeitung-" + v.verarbeitung;
    var text = document.createElement("span");
    text.className = "verarbeitung-text";
    text.textContent = v.anzeige;
    var kinder = [text];
    if (OFFEN[v.verarbeitung]) {
      var spinner = document.createElement("span");
      spinner.className = "spinner";
      spinner.setAttribute("aria-hidden", "true");
      kinder.unshift(spinner);
    }
    el.replaceChildren.apply(el, kinder);
  }

  function bereichNeuLaden() {
    var bereich = document.querySelector("[data-live-bereich]");
    if (!bereich) return Promise.resolve();
    return fetch(window.location.href, { credentials: "same-origin" })
      .then(function (antwort) { return antwort.ok ? antwort.text() : null; })
      .then(function (html) {
        if (!html) return;
        var neu = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live-bereich]");
        if (neu) bereich.replaceChildren.apply(bereich, Array.prototype.map.call(
          neu.childNodes, function (n) { return document.importNode(n, true); }));
        document.dispatchEvent(new CustomEvent("modell:aktualisiert"));
      });
  }

  function abfragen() {
    var ids = offeneIds();
    if (!ids.length) return;
    var url = "/modelle/status/?" + ids.map(function (id) { return "v=" + encodeURIComponent(id); }).join("&");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (antwort) { return antwort.ok ? antwort.json() : { versionen: [] }; })
      .then(function (daten) {
        var fertig = [];
        daten.versionen.forEach(function (v) {
          document.querySelectorAll('[data-version-status="' + v.uuid + '"]').forEach(function (el) {
            if (el.getAttribute("data-verarbeitung") !== v.verarbeitung) aktualisieren(el, v);
          });
          if (v.fertig) fertig.push(v);
        });
        if (fertig.length && meldung) {
          meldung.textContent = fertig.map(function (v) { return v.titel + ": " + v.anzeige; }).join(". ");
        }
        return fertig.length ? bereichNeuLaden() : null;
      })
      .catch(function () { /* a network hiccup: the next round asks again */ })
      .then(function () {
        pause = Math.min(pause * 1.25, 5000);
        if (offeneIds().length) window.setTimeout(abfragen, pause);
      });
  }

  if (offeneIds().length) window.setTimeout(abfragen, pause);
})();
