// "Comment on an element": choosing an element in the diagram viewer preselects it in the
// comment form's element list (the list alone works without JavaScript).
(function () {
  "use strict";
  var auswahl = document.getElementById("id_kommentar_element");
  if (!auswahl) return;
  document.addEventListener("diagramm:gewaehlt", function (event) {
    var id = event.detail && event.detail.id;
    var passend = Array.prototype.some.call(auswahl.options, function (o) { return o.value === id; });
    if (passend) auswahl.value = id;
  });
})();
