"""The labeled judgments: every corpus family labeled, labels that check, and the judge held to floors on them.

The floors sit a few points under the figures measured when the detectors were last tuned (issue 25, dev
families, the judging-sealed ones apart: 87.7% of criteria right, 88.6% of cited quotes on a labeled support
line), so a pattern edit that loses ground fails here; the figures themselves live in `shipcard bench judging`.
"""

from __future__ import annotations

import pytest

from benchmarks import judging

ACCURACY_FLOOR = 0.86
PRECISION_FLOOR = 0.86


@pytest.fixture(scope="module")
def labels():
    found = judging.load_labels()
    if not found:
        pytest.fail("no judgment labels in benchmarks/corpus/judgments/")
    return found


def test_labels_cover_sixty_pages_and_every_family_and_check(labels):
    shots = judging.labeled_shots()
    assert len(labels) >= 60
    assert {s.family for s in shots if s.key in labels} == {s.family for s in shots}
    assert judging.check(labels) == []


def test_labels_name_support_for_what_they_decide(labels):
    """A met label says which lines show it; an unknown one cites none."""
    for key, marks in labels.items():
        for criterion, mark in marks.items():
            if mark["label"] == "unknown":
                assert not mark.get("support"), (key, criterion)


def test_the_judge_holds_its_floors_on_the_unsealed_families(labels):
    tallies = judging.score(labels, include_sealed=False)
    families = [t for k, t in tallies.items() if not k.startswith("criterion:")]
    right, total = sum(t.right for t in families), sum(t.total for t in families)
    supported, cited = sum(t.supported for t in families), sum(t.cited for t in families)
    assert not set(judging.JUDGING_SEALED) & set(tallies)
    assert right / total >= ACCURACY_FLOOR, judging.table(tallies)
    assert supported / cited >= PRECISION_FLOOR, judging.table(tallies)


def test_no_quote_on_the_labeled_cards_is_cut_inside_a_word():
    """'from Hug…' reads as a typo: quotes end on whole words (whole clauses where they fit). Main cut 59 of 966."""
    cut, shown, found = judging.cut_quotes()
    assert shown > 500
    assert cut == 0, "\n".join(found)


def test_clip_keeps_whole_words_and_clauses():
    from assistant.quotes import clip

    line = "SmolVLM2-2B is an open-source, 2-billion parameter vision-language model from Hugging Face for phones"
    assert clip(line) == "SmolVLM2-2B is an open-source, 2-billion parameter vision-language…"
    assert clip("tasks. The model is freely available on the Hugging Face Hub and optimized for deployment without "
                "the cloud") == "The model is freely available on the Hugging Face Hub and optimized…"
    assert clip("MLX models on Hugging Face, downloads them, and serves them through a local server that speaks "
                "OpenAI") == "MLX models on Hugging Face, downloads them…"
    assert clip("x" * 90) == "x" * 90 and clip("short") == "short"
    tagline = "AI code editor with autonomous multi-file refactoring and background agents"  # the proof at its end
    assert clip(tagline, 70, (tagline.index("agents"), len(tagline))) == (
        "…editor with autonomous multi-file refactoring and background agents")
