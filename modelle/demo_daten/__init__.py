"""Demo data for `make run`: realistic process models of the demo member Kommunen.

`katalog.KATALOG` lists the models with their metadata and versions; the BPMN files are under
`modelle/`. They are written by `python -m modelle.demo_daten.erzeugen` (run by hand) and
committed.
"""
