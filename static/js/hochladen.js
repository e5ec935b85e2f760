// Drag and drop onto the upload form: dropped files go into the form's file field, so the
// normal form submission (which works without JavaScript) sends them.
(function () {
  "use strict";
  var form = document.querySelector("[data-hochladen]");
  if (!form) return;
  var feld = form.querySelector('input[type="file"]');
  var ablage = form.querySelector("[data-ablage]");
  var liste = form.querySelector("[data-ablage-liste]");
  if (!feld || !ablage || !liste || typeof DataTransfer === "undefined") return;
  ablage.hidden = false;

  function zeigen() {
    var namen = Array.prototype.map.call(feld.files, function (f) { return f.name; });
    // The wording comes translated from the template: "%(n)s ausgewählt: %(namen)s".
    var text = liste.dataset.textAusgewaehlt || "";
    liste.textContent = namen.length
      ? text.replace("%(n)s", namen.length).replace("%(namen)s", namen.join(", "))
      : "";
  }

  ["dragenter", "dragover"].forEach(function (art) {
    form.addEventListener(art, function (e) {
      e.preventDefault();
      ablage.classList.add("ablage-aktiv");
    });
  });
  ["dragleave", "drop"].forEach(function (art) {
    form.addEventListener(art, function () { ablage.classList.remove("ablage-aktiv"); });
  });
  form.addEventListener("drop", function (e) {
    e.preventDefault();
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    var sammlung = new DataTransfer();
    Array.prototype.forEach.call(feld.files, function (f) { sammlung.items.add(f); });
    Array.prototype.forEach.call(e.dataTransfer.files, function (f) { sammlung.items.add(f); });
    feld.files = sammlung.files;
    zeigen();
  });
  feld.addEventListener("change", zeigen);
})();
