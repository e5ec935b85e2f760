"""The diagram viewer on Modell prüfen: zoom and pan by buttons, keyboard, wheel, mouse and touch;
two diagrams to choose from; findings and elements that select and centre their element; the
details panel with the model's name, type and documentation. At 1280 and 390 px, axe-core clean."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATEI = Path(__file__).parent.parent / "modelle" / "data" / "gebuehr_zwei_diagramme.bpmn"
VIEWER = "#pruefung"


def _hochladen(page, live_server):
    page.goto(f"{live_server.url}/modelle/pruefen/")
    page.get_by_label("BPMN-Datei").set_input_files(str(DATEI))
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Ergebnis für gebuehr_zwei_diagramme.bpmn").is_visible()


def _flaeche(page):
    return page.locator(f"{VIEWER} .dv-flaeche")


def _viewbox(page) -> tuple[float, ...]:
    svg = page.locator(f"{VIEWER} .dv-diagramm:not([hidden]) svg")
    return tuple(float(v) for v in svg.get_attribute("viewBox").split())


def _innenbreite(page) -> float:
    return _flaeche(page).evaluate("el => el.clientWidth")


def _element(page, ident: str):
    return page.locator(f'{VIEWER} .bpmn-shape[data-element-id="{ident}"]')


def _mitte(box) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _ist_zentriert(page, ident: str) -> bool:
    ex, ey = _mitte(_element(page, ident).bounding_box())
    fx, fy = _mitte(_flaeche(page).bounding_box())
    return abs(ex - fx) < 2 and abs(ey - fy) < 2


def _details(page):
    return page.locator(f"{VIEWER} .dv-details")


@pytest.fixture
def pruefseite(live_server, page, anmelden, redakteur_a):
    page.set_viewport_size({"width": 1280, "height": 800})
    anmelden(page, redakteur_a)
    _hochladen(page, live_server)
    return page


def test_zoomen_verschieben_einpassen_und_diagramm_wechseln(pruefseite, pruefe_barrierefreiheit):
    page = pruefseite
    # GIVEN the first of two diagrams, fitted into the region
    assert page.get_by_label("Diagramm", exact=True).input_value() == "0"
    assert page.locator(f"{VIEWER} .dv-diagramm svg:visible").count() == 1
    assert page.get_by_role("region", name="Diagramm: Hauptprozess").is_visible()
    eingepasst = _viewbox(page)

    # WHEN zooming with the buttons THEN the viewBox shrinks and grows by one step
    page.get_by_role("button", name="Vergrößern").click()
    assert _viewbox(page)[2] == pytest.approx(eingepasst[2] / 1.25, abs=0.02)
    page.get_by_role("button", name="Verkleinern").click()
    assert _viewbox(page)[2] == pytest.approx(eingepasst[2], abs=0.02)

    # WHEN using the keyboard on the focused region
    _flaeche(page).focus()
    page.keyboard.press("+")
    vergroessert = _viewbox(page)
    assert vergroessert[2] == pytest.approx(eingepasst[2] / 1.25, abs=0.02)
    page.keyboard.press("ArrowRight")
    verschoben = _viewbox(page)
    assert verschoben[0] > vergroessert[0] and verschoben[2] == vergroessert[2]
    page.keyboard.press("-")
    page.keyboard.press("0")
    assert _viewbox(page) == eingepasst

    # "100 %": one diagram unit per screen pixel; "Einpassen" goes back to the fitted view
    page.get_by_role("button", name="100 %").click()
    assert _viewbox(page)[2] == pytest.approx(_innenbreite(page), abs=0.02)
    page.get_by_role("button", name="Einpassen").click()
    assert _viewbox(page) == eingepasst

    # WHEN turning the wheel over a point THEN that point of the diagram stays under the pointer
    box = _flaeche(page).bounding_box()
    px, py = box["x"] + 200, box["y"] + 100
    page.mouse.move(px, py)
    vorher = _viewbox(page)
    page.mouse.wheel(0, -300)
    page.wait_for_function(
        "([sel, alt]) => document.querySelector(sel).getAttribute('viewBox') !== alt",
        arg=[f"{VIEWER} .dv-diagramm:not([hidden]) svg", " ".join(f"{v:g}" for v in vorher)],
    )
    nachher = _viewbox(page)
    breite = _innenbreite(page)
    assert nachher[2] < vorher[2]
    punkt_vorher = vorher[0] + (200 - 1) * vorher[2] / breite
    punkt_nachher = nachher[0] + (200 - 1) * nachher[2] / breite
    assert punkt_nachher == pytest.approx(punkt_vorher, abs=0.5)

    # WHEN dragging 100 px to the left THEN the view moves 100 px worth of diagram to the right
    skala = breite / nachher[2]
    page.mouse.down()
    page.mouse.move(px - 50, py, steps=3)
    page.mouse.move(px - 100, py, steps=3)
    page.mouse.up()
    gezogen = _viewbox(page)
    assert gezogen[0] == pytest.approx(nachher[0] + 100 / skala, abs=0.5)

    # WHEN choosing the other diagram THEN only that one is shown, fitted
    page.get_by_label("Diagramm", exact=True).select_option(label="Gebühr berechnen")
    assert page.get_by_role("region", name="Diagramm: Gebühr berechnen").is_visible()
    assert page.locator(f"{VIEWER} svg[data-diagram-id='Dia_Haupt']").is_hidden()
    assert page.locator(f"{VIEWER} svg[data-diagram-id='Dia_Gebuehr']").is_visible()
    assert page.get_by_text("Elemente dieses Diagramms (4)").is_visible()
    pruefe_barrierefreiheit(page)


def test_befund_waehlen_zentriert_sein_element_auch_im_anderen_diagramm(
    pruefseite, pruefe_barrierefreiheit
):
    page = pruefseite
    befunde = page.locator(f"{VIEWER} .dv-befunde")
    # GIVEN the main diagram is shown; the unnamed task is in the sub-process diagram
    assert _element(page, "Task_Ohne_Namen").is_hidden()

    # WHEN clicking its finding
    befund = befunde.get_by_role("button").filter(has_text="Task_Ohne_Namen")
    befund.click()

    # THEN the viewer switches diagram, marks the element as selected and centres it
    assert page.get_by_label("Diagramm", exact=True).input_value() == "1"
    assert "dv-gewaehlt" in _element(page, "Task_Ohne_Namen").get_attribute("class")
    assert page.locator(f"{VIEWER} .dv-auswahl").count() == 1
    assert _ist_zentriert(page, "Task_Ohne_Namen")
    assert befund.get_attribute("aria-current") == "true"
    details = _details(page)
    assert details.get_by_role("heading", name="(ohne Namen)").is_visible()
    assert details.get_by_text("Aufgabe", exact=True).is_visible()
    assert details.get_by_text("Dem Element fehlt eine Beschriftung (Name).").is_visible()

    # WHEN pressing Enter on another finding THEN back to the main diagram, that one centred
    befunde.get_by_role("button").filter(has_text="Unterlagen nachfordern").focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("Diagramm", exact=True).input_value() == "0"
    assert "dv-gewaehlt" in _element(page, "Task_Nachfordern").get_attribute("class")
    assert _ist_zentriert(page, "Task_Nachfordern")
    assert details.get_by_role("heading", name="Unterlagen nachfordern").is_visible()
    assert details.get_by_text("Sendeaufgabe").is_visible()
    pruefe_barrierefreiheit(page)


def test_element_anklicken_zeigt_name_typ_und_dokumentation(pruefseite, pruefe_barrierefreiheit):
    page = pruefseite
    vorher = _viewbox(page)

    _element(page, "Task_Pruefen").click()

    details = _details(page)
    assert details.get_by_role("heading", name="Antrag prüfen").is_visible()
    assert details.get_by_text("Benutzeraufgabe").is_visible()
    assert details.get_by_text(
        "Die Sachbearbeitung prüft, ob der Antrag vollständig ist und die Kommune zuständig ist."
    ).is_visible()
    assert "dv-gewaehlt" in _element(page, "Task_Pruefen").get_attribute("class")
    assert _viewbox(page) == vorher  # a click selects; it does not move the view
    # only one element is selected at a time
    _element(page, "Sub_Gebuehr").click()
    assert page.locator(f"{VIEWER} .dv-gewaehlt").count() == 1
    assert details.get_by_text(
        "Berechnet die Gebühr nach der Verwaltungsgebührensatzung."
    ).is_visible()
    pruefe_barrierefreiheit(page)


def _fokus_beschreibung(page) -> str:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const name = el.getAttribute('aria-label') || el.innerText || '';
            return el.tagName.toLowerCase() + ':' + name.replace(/\\s+/g, ' ').trim();
        }"""
    )


def test_alles_ist_mit_der_tastatur_erreichbar(pruefseite):
    page = pruefseite
    page.get_by_role("button", name="Prüfen").focus()
    reihenfolge = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reihenfolge.append(_fokus_beschreibung(page))
        if reihenfolge[-1] == "a:REST-API":
            break
    erwartet = [
        "select:Hauptprozess Gebühr berechnen",
        "button:+ Vergrößern",
        "button:− Verkleinern",
        "button:Einpassen",
        "button:100 %",
        "div:Diagramm: Hauptprozess",
    ]
    assert reihenfolge[:6] == erwartet
    befund_knoepfe = [r for r in reihenfolge if r.startswith("button:Fehler")]
    assert len(befund_knoepfe) == 3
    assert "summary:Elemente dieses Diagramms (8)" in reihenfolge

    # the element list opens with Enter, and Enter on an element shows its details
    page.locator(f"{VIEWER} .dv-elemente summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _fokus_beschreibung(page) == "button:Antrag eingegangen Startereignis"
    page.keyboard.press("Enter")
    assert _details(page).get_by_role("heading", name="Antrag eingegangen").is_visible()
    assert _ist_zentriert(page, "Start_Antrag")


def _touch(cdp, art: str, punkte):
    cdp.send(
        "Input.dispatchTouchEvent",
        {
            "type": art,
            "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(punkte)],
        },
    )


def test_schmal_und_mit_touch(live_server, browser, anmelden, redakteur_a, pruefe_barrierefreiheit):
    kontext = browser.new_context(
        locale="de-DE", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        page = kontext.new_page()
        anmelden(page, redakteur_a)
        _hochladen(page, live_server)
        # no sideways page scroll; the toolbar wraps
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.get_by_role("button", name="Einpassen").bounding_box()["x"] + 50 < 390
        pruefe_barrierefreiheit(page)

        _flaeche(page).scroll_into_view_if_needed()
        box = _flaeche(page).bounding_box()
        mx, my = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        cdp = page.context.new_cdp_session(page)

        # one finger pans
        vorher = _viewbox(page)
        skala = _innenbreite(page) / vorher[2]
        _touch(cdp, "touchStart", [(mx, my)])
        for schritt in range(1, 5):
            _touch(cdp, "touchMove", [(mx - 20 * schritt, my)])
        _touch(cdp, "touchEnd", [])
        nachher = _viewbox(page)
        assert nachher[0] == pytest.approx(vorher[0] + 80 / skala, abs=0.5)
        assert nachher[2] == vorher[2]

        # two fingers moving apart zoom in
        _touch(cdp, "touchStart", [(mx - 30, my), (mx + 30, my)])
        for schritt in range(1, 6):
            _touch(cdp, "touchMove", [(mx - 30 - 10 * schritt, my), (mx + 30 + 10 * schritt, my)])
        _touch(cdp, "touchEnd", [])
        assert _viewbox(page)[2] < nachher[2] * 0.7

        # a tap on an element shows its details
        page.get_by_role("button", name="Einpassen").tap()
        _element(page, "Task_Pruefen").tap()
        assert _details(page).get_by_role("heading", name="Antrag prüfen").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        pruefe_barrierefreiheit(page)
    finally:
        kontext.close()


def test_ohne_viewer_skript_bleibt_das_diagramm_lesbar(
    live_server, page, anmelden, redakteur_a, pruefe_barrierefreiheit
):
    # The script is blocked rather than JavaScript switched off, so axe-core can still run.
    page.route("**/diagramm.js", lambda route: route.abort())
    anmelden(page, redakteur_a)
    _hochladen(page, live_server)
    # both diagrams one below the other in a scroll box that the keyboard can reach
    flaeche = page.get_by_role("region", name="Diagramme", exact=True)
    assert flaeche.get_attribute("tabindex") == "0"
    assert page.locator(f"{VIEWER} .dv-diagramm svg:visible").count() == 2
    assert page.get_by_role("button", name="Vergrößern").count() == 0
    assert page.locator(f"{VIEWER} .dv-befunde").get_by_text("Task_Ohne_Namen").is_visible()
    pruefe_barrierefreiheit(page)
