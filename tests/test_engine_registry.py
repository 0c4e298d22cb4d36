"""Engines come from the `shipcard.engines` entry points: a package installed beside shipcard adds one.

The third-party engine here is a real installed distribution (a `*.dist-info` with its `entry_points.txt`,
as pip writes one) on the PYTHONPATH of a fresh interpreter: `--backend`, `-o`, `shipcard doctor` and the
UI's engine picker see it with no change under assistant/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.backends import EngineOptions, VLMOptions, choose, engine_class, names, survey
from assistant.backends.openai import OpenAIOptions
from assistant.errors import ShipcardError

ENGINE = '''
from pydantic import Field

from assistant.backends import Availability, Backend, EngineOptions
from assistant.datamodel import Facts


class TinyOptions(EngineOptions):
    greeting: str = Field("hello", description="What the tiny engine names every product.")


class TinyBackend(Backend):
    name = "tiny"
    label = "a third party's tiny engine"
    Options = TinyOptions
    priority = 1

    @classmethod
    def availability(cls, options):
        return Availability(name=cls.name, usable=True, reason="always, it reads nothing")

    def extract(self, screens):
        return Facts(name=self.options.greeting, backend=self.name)
'''

# What the subprocess checks, through the front ends a person uses.
CHECKS = '''
import json, sys
from typer.testing import CliRunner
from assistant.cli import app
from ui.actions import backend_choices

image = sys.argv[1]
runner = CliRunner()
ran = runner.invoke(app, ["extract", image, "--backend", "tiny", "-o", "greeting=Tiny Product", "--json"])
assert ran.exit_code == 0, ran.output
facts = json.loads(ran.stdout)
assert (facts["backend"], facts["name"]) == ("tiny", "Tiny Product"), facts
wrong = runner.invoke(app, ["extract", image, "--backend", "tiny", "-o", "colour=red"], standalone_mode=False)
assert "greeting" in str(wrong.exception), wrong.exception
doctor = json.loads(runner.invoke(app, ["doctor", "--json"]).stdout)
tiny = next(b for b in doctor["backends"] if b["name"] == "tiny")
assert tiny["usable"] and [o["name"] for o in tiny["options"]] == ["verbose", "greeting"], tiny
broken = next(b for b in doctor["backends"] if b["name"] == "broken")
assert not broken["usable"] and "cannot be loaded" in broken["reason"], broken
assert ("tiny: ready", "tiny") in backend_choices(), backend_choices()
print("ok")
'''


def _install_tiny_engine(site: Path) -> None:
    """What `pip install shipcard-tiny-engine` leaves in site-packages: the module and its dist-info."""
    (site / "shipcard_tiny_engine.py").write_text(ENGINE)
    info = site / "shipcard_tiny_engine-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shipcard-tiny-engine\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(textwrap.dedent("""\
        [shipcard.engines]
        tiny = shipcard_tiny_engine:TinyBackend
        broken = shipcard_no_such_module:Engine
        """))


def test_an_installed_package_adds_an_engine_everywhere(tmp_path):
    from PIL import Image

    site = tmp_path / "site"
    site.mkdir()
    _install_tiny_engine(site)
    image = tmp_path / "blank.png"
    Image.new("RGB", (96, 48), "white").save(image)
    env = {**os.environ, "PYTHONPATH": str(site),
           "SHIPCARD_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-c", CHECKS, str(image)], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().endswith("ok")


def test_the_builtins_are_registered_like_any_other():
    assert {"ocr", "llamacpp", "mlx", "openai"} <= set(names())
    assert engine_class("ocr").name == "ocr" and [a.name for a in survey()] == names()


def test_a_lookup_miss_lists_the_valid_names():
    with pytest.raises(ShipcardError) as caught:
        choose("tpu")
    assert "auto" in str(caught.value) and "ocr" in str(caught.value) and "llamacpp" in str(caught.value)


def test_each_engine_declares_its_own_options():
    assert "base_url" in OpenAIOptions.model_fields and "base_url" not in VLMOptions.model_fields
    assert set(EngineOptions.model_fields) == {"verbose"}
    with pytest.raises(ValidationError):
        VLMOptions(base_url="http://127.0.0.1:8080/v1")  # extra="forbid"
    assert all(f.description for cls in (VLMOptions, OpenAIOptions) for f in cls.model_fields.values())


def test_an_engine_takes_its_part_of_the_settings_and_a_bad_value_is_one_line():
    ocr = choose("ocr", {"model": "x", "base_url": "http://127.0.0.1:9/v1", "verbose": True})
    assert ocr.options.model_dump() == {"verbose": True}  # the rest is other engines' settings
    with pytest.raises(ShipcardError) as caught:
        engine_class("llamacpp").options_from({"tile_budget": 99})
    assert "tile_budget" in str(caught.value) and "\n" not in str(caught.value)


def test_an_unknown_engine_option_names_the_engines_options():
    from typer.testing import CliRunner

    from assistant.cli import app

    ran = CliRunner().invoke(app, ["extract", "x.png", "--backend", "ocr", "-o", "tiles=2"], standalone_mode=False)
    assert isinstance(ran.exception, ShipcardError) and "verbose" in str(ran.exception)
    assert json.loads(CliRunner().invoke(app, ["doctor", "--json"]).stdout)["backends"][0]["options"]
