"""The `openai` engine against real servers on loopback.

- llama-cpp-python's own OpenAI-compatible server (`python -m llama_cpp.server`, chat format mtmd) serving the
  tiny synthetic SmolVLM2 pair: it refuses OpenAI's json_schema with a 500 and takes `json_object` + schema.
  Its answers are noise: tests check properties (schema, quotes on the page), never equality with local answers.
- a stand-in speaking OpenAI's `json_schema` dialect (tests/openai_standin.py), which also plays every fault.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.backends import choose
from assistant.backends.base import JudgeRequest
from assistant.backends.openai import DIALECTS, OpenAIOptions, ServerError, mismatch
from assistant.backends.openai import backend as openai_backend
from assistant.chat import ANSWER_SCHEMA
from assistant.errors import BackendError, ShipcardError
from tests.openai_standin import StandIn

pytest.importorskip("httpx")
ROOT = Path(__file__).resolve().parents[1]
JUDGE = {"type": "object", "properties": {"m": {"type": "string", "enum": ["yes", "no", "unknown"]},
                                           "q": {"type": "string", "maxLength": 160}}, "required": ["m", "q"]}


def engine(url: str, **options):
    return choose("openai", OpenAIOptions(base_url=url, **options))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# ---- the real server: llama-cpp-python ------------------------------------------------------------


@pytest.fixture(scope="module")
def llama_server(tiny_gguf, tmp_path_factory):
    pytest.importorskip("llama_cpp.server.app", reason="pip install 'llama-cpp-python[server]'")
    model = next(p for p in tiny_gguf.glob("*.gguf") if "mmproj" not in p.name)
    mmproj = next(tiny_gguf.glob("mmproj-*.gguf"))
    port = free_port()
    log = open(tmp_path_factory.mktemp("server") / "server.log", "w+b")  # noqa: SIM115 - a pipe nobody reads would stall it
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--clip_model_path", str(mmproj),
         "--chat_format", "mtmd", "--host", "127.0.0.1", "--port", str(port), "--n_threads", "1", "--n_ctx", "4096"],
        stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_up(url: str, proc: subprocess.Popen, log) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"llama_cpp.server exited: {log.read().decode(errors='replace')[-800:]}")
        try:
            if httpx.get(url + "/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    pytest.fail("llama_cpp.server did not start within 120 s")


@pytest.mark.llama
@pytest.mark.slow
def test_served_model_answers_in_the_dialect_it_takes_and_keeps_quotes_on_the_page(llama_server, kestrel_screens):
    served = engine(llama_server)
    assert served.served_model.endswith(".gguf")  # the first model /v1/models lists
    answer = served.judge(JudgeRequest("builder", "docs", "Does the page link to documentation?", "{}", kestrel_screens))
    assert answer is not None
    page = " ".join(line.text for s in kestrel_screens for line in s.lines).lower()
    if answer.met is True:
        assert answer.quote and answer.quote.lower()[:8] in page
    assert openai_backend._ACCEPTED[(served.base, served.served_model)] == "json_object"  # json_schema refused with a 500
    raw = served.ask("What does it cost to start?", kestrel_screens, ANSWER_SCHEMA)
    assert mismatch(ANSWER_SCHEMA, raw) is None
    assert served.stats.calls == 2 and served.http.stats.retries == 0


@pytest.mark.llama
@pytest.mark.slow
def test_a_served_card_is_made_through_the_session_and_saved(llama_server):
    from assistant.examples import products
    from assistant.session import Session

    session = Session.run([[p] for p in products()], engine(llama_server))
    assert session.backend == "openai" and len(session.comparison.products) == 2
    assert all(p.facts.backend == "openai" for p in session.comparison.products)
    for product in session.comparison.products:  # every value the model filled is on the page (the shared check)
        for field, items in product.facts.evidence.items():
            if product.facts.provenance.get(field) == "device":
                assert items and items[0].image
    assert session.save() >= 1


def test_nothing_listening_is_one_line_and_fast():
    t0 = time.monotonic()
    with pytest.raises(ServerError) as caught:
        engine(f"http://127.0.0.1:{free_port()}").complete("hi", [], JUDGE, 16)
    assert "Nothing answers at" in one_line(caught.value)
    assert time.monotonic() - t0 < 5


# ---- the json_schema dialect and every fault: the stand-in ----------------------------------------


def test_json_schema_is_tried_first_and_remembered():
    with StandIn() as stand:
        served = engine(stand.url)
        for _ in range(3):
            served.complete("Question?", [], JUDGE, 32)
        assert [r["response_format"]["type"] for r in stand.requests] == ["json_schema"] * 3
        assert stand.requests[0]["model"] == "standin-vlm"
        assert openai_backend._ACCEPTED[(stand.url, "standin-vlm")] == "json_schema"


def test_screenshots_go_as_data_uris_before_the_prompt(kestrel_screens):
    with StandIn() as stand:
        engine(stand.url, model="m").complete("Question?", kestrel_screens, JUDGE, 32)
        parts = stand.requests[0]["messages"][0]["content"]
        assert parts[0]["type"] == "image_url" and parts[0]["image_url"]["url"].startswith("data:image/png;base64,")
        assert parts[-1] == {"type": "text", "text": "Question?"}


def test_the_dialect_order_is_documented():
    from assistant.backends.openai import dialects

    assert [d.name for d in DIALECTS] == ["json_schema", "json_object", "ollama"]
    at = [dialects.__doc__.index(f"{i}. `{d.name}`") for i, d in enumerate(DIALECTS, 1)]
    assert at == sorted(at)


@pytest.mark.parametrize("mode, words", [
    ("500", "failed (500: busy) (after 2 retries)"),
    ("429", "is rate-limiting (429) (after 2 retries)"),
    ("drop", "closed the connection mid-reply (after 2 retries)"),
])
def test_server_faults_are_retried_then_one_line(mode, words):
    with StandIn(mode) as stand:
        with pytest.raises(ServerError) as caught:
            engine(stand.url, model="m").complete("hi", [], JUDGE, 16)
        assert words in one_line(caught.value)
        assert len(stand.requests) == 3


def test_a_429_then_success_is_retried_quietly():
    with StandIn("429", fail_times=1) as stand:
        served = engine(stand.url, model="m")
        served.complete("hi", [], JUDGE, 16)
        assert served.http.stats.retries == 1


def test_the_deadline_covers_the_whole_call():
    with StandIn("slow") as stand:
        t0 = time.monotonic()
        with pytest.raises(ServerError) as caught:
            engine(stand.url, model="m", timeout_s=1).complete("hi", [], JUDGE, 16)
        assert "did not answer within 1 s" in one_line(caught.value)
        assert time.monotonic() - t0 < 3


@pytest.mark.parametrize("mode, words", [("junk", "gave no JSON answer"), ("offschema", "lacks 'm'")])
def test_replies_off_the_schema_never_reach_the_card(mode, words, kestrel_screens):
    with StandIn(mode) as stand:
        served = engine(stand.url, model="m")
        with pytest.raises(BackendError) as caught:
            served.ask("How much?", kestrel_screens, JUDGE)
        assert words in one_line(caught.value)
        verdict = served.judge(JudgeRequest("builder", "x", "Is it open source?", "{}", kestrel_screens))
        assert verdict is None  # left to the rules


def test_requests_in_flight_are_capped():
    with StandIn(delay_s=0.2) as stand:
        served = engine(stand.url, model="m", max_requests=2)
        threads = [threading.Thread(target=served.complete, args=("hi", [], JUDGE, 16)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(stand.requests) == 6 and stand.max_in_flight == 2


def test_a_server_taking_no_dialect_says_which_it_refused():
    with StandIn() as stand:
        stand.reply = lambda body: (422, {}, b'{"detail": "response_format: unknown"}')
        with pytest.raises(ServerError) as caught:
            engine(stand.url, model="m").complete("hi", [], JUDGE, 16)
        text = one_line(caught.value)
        assert "takes none of the JSON dialects" in text and "json_schema: 422" in text


def test_no_url_and_a_missing_key_variable_are_one_line(monkeypatch):
    monkeypatch.delenv("SHIPCARD_OPENAI_BASE_URL", raising=False)
    with pytest.raises(ShipcardError) as caught:
        choose("openai", OpenAIOptions())
    assert "SHIPCARD_OPENAI_BASE_URL" in one_line(caught.value)
    with pytest.raises(ShipcardError) as caught:
        engine("http://127.0.0.1:9", api_key_env="SHIPCARD_TEST_NO_SUCH_KEY")
    assert "SHIPCARD_TEST_NO_SUCH_KEY" in one_line(caught.value)


def test_auto_never_picks_a_server(monkeypatch):
    monkeypatch.setenv("SHIPCARD_OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert choose("auto").name != "openai"


def test_cli_compare_against_a_dead_server_ends_in_one_line(tmp_path):
    from assistant.examples import products

    found = [str(p) for p in products()]
    run = subprocess.run([sys.executable, "-m", "assistant", "compare", *found, "--backend", "openai", "--base-url",
                          f"http://127.0.0.1:{free_port()}", "--out", str(tmp_path / "out"), "--no-save"],
                         check=False, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "Nothing answers at" in run.stderr


def test_doctor_shows_the_models_a_server_lists():
    from assistant.doctor import report

    def details(url: str) -> dict:
        return next(b for b in report({"base_url": url})["backends"] if b["name"] == "openai")["details"]

    with StandIn() as stand:
        assert details(stand.url) == {"base_url": stand.url, "models": ["standin-vlm"]}
    assert "Nothing answers" in details(f"http://127.0.0.1:{free_port()}")["error"]


def test_schema_check():
    assert mismatch(JUDGE, {"m": "yes", "q": "x"}) is None
    assert mismatch(JUDGE, {"m": "maybe", "q": ""}) == "'m' is not one of ['yes', 'no', 'unknown']"
    assert mismatch(ANSWER_SCHEMA, {"answer": "a", "quotes": ["x"] * 5}) == "'quotes' has more than 4 items"
    assert mismatch({"type": "integer"}, True) == "answer is not integer"
