/*
 * Diagram viewer for the server-rendered BPMN SVGs (templates/modelle/fragment_diagramm.html).
 *
 * Progressive enhancement: without this script the diagrams sit in a focusable scroll box. With
 * it, each viewer gets pan and zoom (wheel, drag, pinch, keyboard, buttons), a choice of diagram,
 * findings and an element list that select and centre elements, and a details panel.
 *
 * Zoom works on the SVG viewBox, so the browser redraws the vectors at every scale and labels
 * stay crisp. A view is kept as centre (cx, cy, in diagram units) and scale (screen px per
 * unit); the viewBox is derived from it and the region's size, so resizing keeps the centre.
 * The viewBox always has the region's aspect ratio, which makes pointer maths exact.
 *
 * CSP: no inline script or style attributes; styles are set through CSSOM or classes, texts
 * through textContent (names come from uploaded files).
 */
(function () {
  "use strict";

  const MAX_SCALE = 4;
  const STEP = 1.25; // one button press or key press
  const DRAG_SLOP = 5; // px a pointer may move and still count as a click
  const KEEP_VISIBLE = 48; // px of the diagram that panning always leaves in the region
  const MIN_HEIGHT = 240; // px, region height
  const MAX_HEIGHT_SHARE = 0.7; // of the window height, so the page can still be scrolled
  const WHEEL_SPEED = 0.002;
  const SVG_NS = "http://www.w3.org/2000/svg";

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  function round(value) {
    return Math.round(value * 100) / 100;
  }

  function diagramBox(svg) {
    const parts = (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
    if (parts.length === 4 && parts.every(Number.isFinite) && parts[2] > 0 && parts[3] > 0) {
      return { x: parts[0], y: parts[1], w: parts[2], h: parts[3] };
    }
    const w = Number(svg.getAttribute("width")) || 400;
    const h = Number(svg.getAttribute("height")) || 300;
    return { x: 0, y: 0, w, h };
  }

  function readElementInfo(id) {
    const script = id && document.getElementById(id);
    try {
      return new Map(Object.entries(script ? JSON.parse(script.textContent) : {}));
    } catch (error) {
      return new Map();
    }
  }

  class Viewer {
    constructor(root) {
      this.root = root;
      this.area = root.querySelector(".dv-flaeche");
      this.diagrams = Array.from(root.querySelectorAll(".dv-diagramm"))
        .map((wrap) => ({ wrap, svg: wrap.querySelector("svg"), name: wrap.dataset.name || "" }))
        .filter((d) => d.svg);
      if (!this.area || !this.diagrams.length) return;
      for (const d of this.diagrams) {
        d.box = diagramBox(d.svg);
        d.view = null;
        d.svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      }
      this.info = readElementInfo(root.dataset.elemente);
      this.choice = root.querySelector(".dv-wahl-liste");
      this.level = root.querySelector(".dv-stufe");
      this.details = root.querySelector(".dv-details");
      this.template = root.querySelector("template.dv-vorlage");
      this.elementList = root.querySelector(".dv-elementliste");
      this.count = root.querySelector(".dv-anzahl");
      this.current = 0;
      this.selected = null;
      this.pointers = new Map();
      this.gesture = null;
      this.findings = this.upgradeFindings();
      root.classList.add("dv-js");
      this.bind();
      this.show(0);
    }

    // --- geometry ---------------------------------------------------------------------------

    get diagram() {
      return this.diagrams[this.current];
    }

    size() {
      return { w: this.area.clientWidth, h: this.area.clientHeight };
    }

    fitScale() {
      const { w, h } = this.size();
      const box = this.diagram.box;
      // Fitting never enlarges beyond 100 %: a small diagram stays at its drawn size.
      return Math.min(w / box.w, h / box.h, 1);
    }

    minScale() {
      return Math.min(this.fitScale() / 2, 0.25);
    }

    apply() {
      const d = this.diagram;
      const { w, h } = this.size();
      if (!w || !h || !d.view) return;
      const v = d.view;
      v.s = clamp(v.s, this.minScale(), MAX_SCALE);
      const vw = w / v.s;
      const vh = h / v.s;
      // Keep part of the diagram in view, so it cannot be panned out of sight.
      const mx = Math.min(KEEP_VISIBLE / v.s, d.box.w / 2);
      const my = Math.min(KEEP_VISIBLE / v.s, d.box.h / 2);
      v.cx = clamp(v.cx, d.box.x + mx - vw / 2, d.box.x + d.box.w - mx + vw / 2);
      v.cy = clamp(v.cy, d.box.y + my - vh / 2, d.box.y + d.box.h - my + vh / 2);
      const viewBox = [v.cx - vw / 2, v.cy - vh / 2, vw, vh].map(round).join(" ");
      d.svg.setAttribute("viewBox", viewBox);
      if (this.level) this.level.textContent = Math.round(v.s * 100) + "\u00a0%";
    }

    fit() {
      const box = this.diagram.box;
      this.diagram.view = { s: this.fitScale(), cx: box.x + box.w / 2, cy: box.y + box.h / 2 };
      this.apply();
    }

    // (px, py): a point in the region, in px from its top left corner, that stays in place.
    zoomAt(px, py, factor) {
      const v = this.diagram.view;
      const { w, h } = this.size();
      const scale = clamp(v.s * factor, this.minScale(), MAX_SCALE);
      const ux = v.cx + (px - w / 2) / v.s;
      const uy = v.cy + (py - h / 2) / v.s;
      v.cx = ux - (px - w / 2) / scale;
      v.cy = uy - (py - h / 2) / scale;
      v.s = scale;
      this.apply();
    }

    zoomCentre(factor) {
      const { w, h } = this.size();
      this.zoomAt(w / 2, h / 2, factor);
    }

    panBy(dx, dy) {
      const v = this.diagram.view;
      v.cx -= dx / v.s;
      v.cy -= dy / v.s;
      this.apply();
    }

    // The region's height follows the diagram's shape, within bounds.
    fitHeight() {
      const box = this.diagram.box;
      const width = this.area.clientWidth;
      if (!width) return;
      const wanted = box.h * Math.min(1, width / box.w) + 2;
      const most = Math.max(MIN_HEIGHT, window.innerHeight * MAX_HEIGHT_SHARE);
      const height = Math.round(clamp(wanted, MIN_HEIGHT, most)) + "px";
      if (this.area.style.height !== height) this.area.style.height = height;
    }

    // --- diagrams ---------------------------------------------------------------------------

    show(index) {
      this.current = index;
      this.diagrams.forEach((d, i) => {
        d.wrap.hidden = i !== index;
      });
      if (this.choice) this.choice.value = String(index);
      this.area.setAttribute("aria-label", this.root.dataset.textDiagramm + ": " + this.diagram.name);
      this.fitHeight();
      if (this.diagram.view) this.apply();
      else this.fit();
      this.buildElementList();
    }

    locate(id) {
      const selector = '[data-element-id="' + CSS.escape(id) + '"]:not(.bpmn-label)';
      const order = [this.current, ...this.diagrams.keys()];
      for (const index of order) {
        const element = this.diagrams[index].svg.querySelector(selector);
        if (element) return { index, element };
      }
      return null;
    }

    lookup(id) {
      return this.info.get(id) || this.info.get(id.split(":").pop()) || null;
    }

    // --- selection --------------------------------------------------------------------------

    unmark() {
      for (const d of this.diagrams) {
        d.svg.querySelectorAll(".dv-gewaehlt").forEach((el) => el.classList.remove("dv-gewaehlt"));
        d.svg.querySelectorAll(".dv-auswahl").forEach((el) => el.remove());
      }
    }

    // A dashed frame around the element, drawn on top of everything: selection is shown by
    // shape, not only by colour.
    frame(element) {
      const box = element.getBBox();
      const pad = 6;
      const group = document.createElementNS(SVG_NS, "g");
      group.setAttribute("class", "dv-auswahl");
      for (const cls of ["dv-auswahl-grund", "dv-auswahl-linie"]) {
        const rect = document.createElementNS(SVG_NS, "rect");
        rect.setAttribute("class", cls);
        rect.setAttribute("x", round(box.x - pad));
        rect.setAttribute("y", round(box.y - pad));
        rect.setAttribute("width", round(box.width + 2 * pad));
        rect.setAttribute("height", round(box.height + 2 * pad));
        rect.setAttribute("rx", "4");
        group.appendChild(rect);
      }
      this.diagram.svg.appendChild(group);
      return box;
    }

    centreOn(box) {
      const v = this.diagram.view;
      const { w, h } = this.size();
      let scale = v.s < 0.6 ? 1 : v.s; // zoomed far out: come close enough to read the label
      scale = Math.min(scale, (0.8 * w) / Math.max(box.width, 1), (0.8 * h) / Math.max(box.height, 1));
      v.s = scale;
      v.cx = box.x + box.width / 2;
      v.cy = box.y + box.height / 2;
      this.apply();
    }

    select(id, { centre }) {
      const found = this.locate(id);
      this.unmark();
      this.selected = id;
      if (found) {
        if (found.index !== this.current) this.show(found.index);
        found.element.classList.add("dv-gewaehlt");
        const box = this.frame(found.element);
        if (centre) {
          this.centreOn(box);
          this.area.scrollIntoView({ block: "nearest" });
        }
      }
      this.markCurrent();
      this.showDetails(id, Boolean(found));
      // The page may act on the choice (e.g. the comment form offers this element).
      const info = this.lookup(id) || {};
      this.root.dispatchEvent(
        new CustomEvent("diagramm:gewaehlt", { bubbles: true, detail: { id, name: info.name || "" } })
      );
    }

    markCurrent() {
      const buttons = this.root.querySelectorAll(".dv-befund[data-element-id], .dv-elementliste button");
      for (const button of buttons) {
        if (button.dataset.elementId === this.selected) button.setAttribute("aria-current", "true");
        else button.removeAttribute("aria-current");
      }
    }

    showDetails(id, drawn) {
      if (!this.details || !this.template) return;
      const info = this.lookup(id) || {};
      const part = this.template.content.cloneNode(true);
      const fill = (field, text) => {
        const el = part.querySelector('[data-feld="' + field + '"]');
        if (el) el.textContent = text;
      };
      const drop = (name) => {
        part.querySelectorAll('[data-teil="' + name + '"]').forEach((el) => el.remove());
      };
      fill("name", info.name || this.root.dataset.textOhneName);
      fill("typ", info.typ || "–");
      fill("id", id);
      if (info.doku) fill("doku", info.doku);
      else drop("doku");
      if (drawn) drop("ungezeichnet");
      const own = this.findings.filter((f) => f.id === id);
      const list = part.querySelector('[data-feld="befunde"]');
      if (own.length && list) {
        for (const f of own) {
          const item = document.createElement("li");
          item.textContent = f.severity + ": " + f.message;
          list.appendChild(item);
        }
      } else {
        drop("befunde");
      }
      this.details.replaceChildren(part);
    }

    // --- lists ------------------------------------------------------------------------------

    // The template renders findings as plain text; here those with an element become buttons.
    upgradeFindings() {
      const findings = [];
      this.root.querySelectorAll("div.dv-befund[data-element-id]").forEach((div) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = div.className;
        button.dataset.elementId = div.dataset.elementId;
        while (div.firstChild) button.appendChild(div.firstChild);
        div.replaceWith(button);
        const badge = button.querySelector(".badge");
        const message = button.querySelector(".dv-meldung");
        findings.push({
          id: button.dataset.elementId,
          severity: badge ? badge.textContent.trim() : "",
          message: message ? message.textContent.trim().replace(/\s+/g, " ") : "",
        });
      });
      return findings;
    }

    buildElementList() {
      if (!this.elementList) return;
      const items = [];
      const seen = new Set();
      const drawn = this.diagram.svg.querySelectorAll(
        ".bpmn-shape[data-element-id], .bpmn-edge[data-element-id]"
      );
      for (const g of drawn) {
        const id = g.getAttribute("data-element-id");
        const info = this.lookup(id) || {};
        // Unnamed flows would only clutter the list; flows with findings are in the findings.
        if (seen.has(id) || (g.classList.contains("bpmn-edge") && !info.name)) continue;
        seen.add(id);
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.elementId = id;
        const name = document.createElement("span");
        name.className = "dv-elementname";
        name.textContent = info.name || this.root.dataset.textOhneName;
        const type = document.createElement("span");
        type.className = "dv-typ";
        type.textContent = info.typ || "";
        button.append(name, " ", type);
        const item = document.createElement("li");
        item.appendChild(button);
        items.push(item);
      }
      this.elementList.replaceChildren(...items);
      if (this.count) this.count.textContent = String(items.length);
      this.markCurrent();
    }

    // --- events -----------------------------------------------------------------------------

    bind() {
      const area = this.area;
      this.root.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (!button || !this.root.contains(button)) return;
        const action = button.dataset.aktion;
        if (action === "vergroessern") this.zoomCentre(STEP);
        else if (action === "verkleinern") this.zoomCentre(1 / STEP);
        else if (action === "einpassen") this.fit();
        else if (action === "originalgroesse") this.zoomCentre(1 / this.diagram.view.s);
        else if (button.dataset.elementId) this.select(button.dataset.elementId, { centre: true });
      });
      if (this.choice) {
        this.choice.addEventListener("change", () => {
          this.unmark();
          this.show(Number(this.choice.value));
        });
      }
      area.addEventListener("keydown", (event) => this.onKey(event));
      area.addEventListener("wheel", (event) => this.onWheel(event), { passive: false });
      area.addEventListener("pointerdown", (event) => this.onPointerDown(event));
      area.addEventListener("pointermove", (event) => this.onPointerMove(event));
      area.addEventListener("pointerup", (event) => this.onPointerUp(event, true));
      area.addEventListener("pointercancel", (event) => this.onPointerUp(event, false));
      const resized = () => {
        this.fitHeight();
        this.apply();
      };
      if (window.ResizeObserver) new ResizeObserver(resized).observe(this.root);
      window.addEventListener("resize", resized);
    }

    onKey(event) {
      if (event.target !== this.area || event.ctrlKey || event.metaKey || event.altKey) return;
      const { w, h } = this.size();
      const stepX = Math.max(40, w / 10) * (event.shiftKey ? 3 : 1);
      const stepY = Math.max(40, h / 10) * (event.shiftKey ? 3 : 1);
      const keys = {
        "+": () => this.zoomCentre(STEP),
        "=": () => this.zoomCentre(STEP),
        "-": () => this.zoomCentre(1 / STEP),
        "0": () => this.fit(),
        ArrowLeft: () => this.panBy(stepX, 0),
        ArrowRight: () => this.panBy(-stepX, 0),
        ArrowUp: () => this.panBy(0, stepY),
        ArrowDown: () => this.panBy(0, -stepY),
      };
      const handler = keys[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    }

    pointIn(event) {
      const rect = this.area.getBoundingClientRect();
      return {
        x: event.clientX - rect.left - this.area.clientLeft,
        y: event.clientY - rect.top - this.area.clientTop,
      };
    }

    onWheel(event) {
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? this.area.clientHeight : 1;
      const p = this.pointIn(event);
      this.zoomAt(p.x, p.y, Math.exp(-event.deltaY * unit * WHEEL_SPEED));
    }

    onPointerDown(event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (this.pointers.size === 1) {
        const hit = event.target.closest && event.target.closest("[data-element-id]");
        const id = hit ? hit.getAttribute("data-element-id") : null;
        this.gesture = { x: event.clientX, y: event.clientY, moved: false, id };
      } else if (this.gesture) {
        this.gesture.moved = true; // two fingers: never a click
      }
      try {
        this.area.setPointerCapture(event.pointerId);
      } catch (error) {
        // the pointer is already gone; nothing to capture
      }
    }

    onPointerMove(event) {
      const last = this.pointers.get(event.pointerId);
      if (!last || !this.gesture) return;
      const now = { x: event.clientX, y: event.clientY };
      if (this.pointers.size === 1) {
        const distance = Math.hypot(now.x - this.gesture.x, now.y - this.gesture.y);
        if (!this.gesture.moved && distance > DRAG_SLOP) {
          this.gesture.moved = true;
          this.area.classList.add("dv-zieht");
        }
        if (this.gesture.moved) this.panBy(now.x - last.x, now.y - last.y);
      } else if (this.pointers.size === 2) {
        const other = Array.from(this.pointers.entries()).find(([id]) => id !== event.pointerId)[1];
        const before = Math.hypot(last.x - other.x, last.y - other.y);
        const after = Math.hypot(now.x - other.x, now.y - other.y);
        const mid = this.pointIn({ clientX: (now.x + other.x) / 2, clientY: (now.y + other.y) / 2 });
        if (before > 0) this.zoomAt(mid.x, mid.y, after / before);
        this.panBy((now.x - last.x) / 2, (now.y - last.y) / 2);
      }
      this.pointers.set(event.pointerId, now);
    }

    onPointerUp(event, released) {
      if (!this.pointers.delete(event.pointerId)) return;
      const gesture = this.gesture;
      if (this.pointers.size === 0) {
        this.gesture = null;
        this.area.classList.remove("dv-zieht");
        // A press that did not move is a click (or tap) on an element: select it.
        if (released && gesture && !gesture.moved && gesture.id) {
          this.select(gesture.id, { centre: false });
        }
      }
    }
  }

  const viewers = new WeakMap();

  function start() {
    document.querySelectorAll("[data-diagramm-viewer]").forEach((root) => {
      if (!viewers.has(root)) viewers.set(root, new Viewer(root));
    });
  }

  start();
  // The model page replaces its result area when processing ends (verarbeitung.js).
  document.addEventListener("modell:aktualisiert", start);

  // A link like ?element=Task_1#diagramm (a comment on an element) selects and centres it.
  const wanted = new URLSearchParams(window.location.search).get("element");
  if (wanted) {
    for (const root of document.querySelectorAll("[data-diagramm-viewer]")) {
      const viewer = viewers.get(root);
      if (viewer && viewer.area && viewer.diagrams.length && viewer.locate(wanted)) {
        viewer.select(wanted, { centre: true });
        break;
      }
    }
  }
})();
