"""docs/settings.md is the Settings class, rendered: it cannot drift from the code, and no
setting goes without a comment saying what it is for."""

from __future__ import annotations

import importlib.util

from app.platform.settings import Settings
from tests.conftest import ROOT


def _renderer():
    spec = importlib.util.spec_from_file_location(
        "render_settings_doc", ROOT / "scripts" / "render_settings_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_setting_says_what_it_is_for():
    meanings = _renderer().meanings()
    assert set(meanings) == set(Settings.model_fields)
    assert [name for name, text in meanings.items() if not text] == []


def test_the_settings_page_is_the_settings_class_rendered():
    page = (ROOT / "docs" / "settings.md").read_text()
    assert page == _renderer().render(), "run `make settings-doc` and commit docs/settings.md"
    for name in Settings.model_fields:
        assert f"`CORRIDOR_{name.upper()}`" in page
