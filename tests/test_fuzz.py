"""Fuzzing the hostile edges: import files, reviewer files, questions and images with random structures.

Derandomized with fixed budgets (the same examples every run). Each asserts only: a result or one clear line
(a ShipcardError without a newline), and the history still opens.
"""

from __future__ import annotations

import copy
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import ShipcardError
from assistant.history import History
from assistant.history.transfer import loads
from assistant.images import load_image
from assistant.rubrics import load_rubrics
from assistant.session import Session


def fuzz(examples: int) -> settings:
    return settings(derandomize=True, deadline=None, database=None, max_examples=examples,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)


def _one_line_or_result(call):
    try:
        return call()
    except ShipcardError as exc:
        assert "\n" not in str(exc) and "\x1b" not in str(exc), str(exc)
        return None


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """One history with the example card, shared by the module's examples (each import is all or nothing)."""
    from tests.example_card import example

    history = History(tmp_path_factory.mktemp("fuzz-home") / "history.db")
    comparison, screens = example()
    history.save(comparison, screens, "ocr")
    return history, history.export([1])


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "image_b64":
                yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            yield from _paths(v, (*prefix, i))


def _replace(data, path, value):
    if not path:
        return value
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@fuzz(120)
@given(pick=st.integers(min_value=0), value=json_values)
def test_import_of_a_mutated_export(saved, pick, value):
    history, export = saved
    data = copy.deepcopy(export)
    paths = list(_paths(data))
    data = _replace(data, paths[pick % len(paths)], value)
    before = len(history.rows())
    ids = _one_line_or_result(lambda: history.import_(data))
    rows = history.rows()  # the history still opens
    assert len(rows) == before + len(ids or [])
    for cid in ids or []:
        _one_line_or_result(lambda cid=cid: Session.load(cid, history, "ocr").ask("Which is cheaper?"))
    _one_line_or_result(lambda: history.export())


@fuzz(100)
@given(text=st.text(alphabet=st.sampled_from('{}[]":,0123456789.eE-+ aNInfty\\'), max_size=80))
def test_parse_of_random_json_text(text):
    _one_line_or_result(lambda: loads(text))


toml_values = st.one_of(st.integers(-10, 10**6), st.floats(), st.text(max_size=12), st.booleans(),
                        st.lists(st.text(alphabet="ab()[]*+?|\\.^$", max_size=10), max_size=3))


@fuzz(80)
@given(fields=st.dictionaries(st.sampled_from(["id", "label", "weight", "any", "none", "otherwise", "facts", "judgment",
                                               "extra"]), toml_values, max_size=6),
       raw=st.binary(max_size=40))
def test_reviewer_files(tmp_path_factory, fields, raw):
    folder = tmp_path_factory.mktemp("rubrics")
    body = "\n".join(f"{k} = {json.dumps(v) if not isinstance(v, float) else repr(v).replace('nan', 'nan')}"
                     for k, v in fields.items())
    (folder / "a.toml").write_text(f'id = "x"\nname = "X"\nlens = "L"\n[[criteria]]\n{body}\n', encoding="utf-8")
    (folder / "b.toml").write_bytes(raw)
    _one_line_or_result(lambda: load_rubrics(folder))


@fuzz(60)
@given(question=st.text(max_size=300) | st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape")))
def test_questions(saved, question):
    history, _ = saved
    _one_line_or_result(lambda: Session.load(1, history, "ocr").ask(question))
    assert history.rows()


@fuzz(80)
@given(mode=st.sampled_from(["1", "L", "LA", "P", "I", "I;16", "RGB", "RGBA", "CMYK"]),
       size=st.tuples(st.integers(1, 80), st.integers(1, 80)), fmt=st.sampled_from(["PNG", "GIF", "WEBP", "JPEG", "BMP"]),
       cut=st.integers(0, 400))
def test_images(tmp_path_factory, mode, size, fmt, cut):
    from PIL import Image

    buf = io.BytesIO()
    try:
        Image.new(mode, size).save(buf, format=fmt)
    except (OSError, ValueError, KeyError):
        return  # a mode the format cannot hold
    data = buf.getvalue()
    path = tmp_path_factory.mktemp("img") / "shot.png"
    path.write_bytes(data[: len(data) - cut] if cut < len(data) else data)
    loaded = _one_line_or_result(lambda: load_image(path))
    assert loaded is None or loaded.image.mode == "RGB"
