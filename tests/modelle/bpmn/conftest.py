"""Shared fixtures of the BPMN toolkit tests: the hand-written model and the optional corpus."""

import importlib
import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def antrag_bytes() -> bytes:
    """A small valid collaboration: one pool, two lanes, a loop, an XOR and an AND split."""
    return (DATA / "antrag.bpmn").read_bytes()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The MIWG corpus (BPMN_CORPUS_DIR); tests that need it are skipped when it is not set."""
    value = os.environ.get("BPMN_CORPUS_DIR")
    if not value or not (Path(value) / "miwg").is_dir():
        pytest.skip("BPMN_CORPUS_DIR ist nicht gesetzt (MIWG-Korpus fehlt)")
    return Path(value) / "miwg"


@pytest.fixture(autouse=True)
def strict_lint(monkeypatch):
    """A lint rule that crashes fails the test instead of becoming a "rule-error" finding."""
    # the package, not the function `modelle.bpmn.lint` that shadows it as an attribute
    monkeypatch.setattr(importlib.import_module("modelle.bpmn.lint"), "STRICT", True)
