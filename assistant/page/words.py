"""Common English and web-interface words: a heading made only of these is a section title or a slogan,
rarely a product's name ('Pricing', 'Model Summary', 'Build in a weekend'). A data table, not rules.

`zipf` says how common any word is in ordinary English ('Build faster' is common, 'Typebot' is not)."""

import functools
import gzip
import re
from pathlib import Path

_WORDS = """
a about above after again against all almost also always am an and any are around as at away back be because
been before being below best better between big both but by can cannot could day did do does doing done down
during each easy either end enough even ever every fast few first for from full get gets give go good great has
have having he her here him his how i if in into is it its just keep know last least less let like long look
made make makes many may me more most much must my never new next no not now of off on once one only or other
our out over own part people per please quick real right run same see she should simple since so some start
still such sure take than that the their them then there these they thing things think this those through to
today together too try two under until up us use used uses using very want was way we well were what when where
which while who why will with within without work works world would yes yet you your account add ai all-in-one
alternative alternatives analytics announcement api apis app apps available basic batch beta billing blog build
business buy cancel card case changelog chat choose cloud code community company compare comparison contact
content context cookies create customer customers data dashboard demo deploy description details developer
developers docs documentation download downloads enterprise evaluation example examples explore faq feature
features files free generation get-started guide guides help home input install integrations intro introduction
latest learn license limitations log login logout main model models monthly news open output overview plan plans
platform premium preview price prices pricing privacy pro product products project projects quickstart rank
rating read reference release releases report resources review reviews sales scale search security see-all
settings share sign signup solutions standard started status summary support table team teams terms text top
trending tutorial upgrade usage user users version versions video view vision web website welcome what's yearly
accept reject decline dismiss manage preferences policy cookie necessary essential allow deny close ok got
popular recommended month year week annually daily billed save discount unlimited included includes everything
team's sign-in signin log-in join subscribe follow followers likes star stars fork forks watch issues pull
requests actions wiki insights tags cards tab tabs previous show hide none tokens token mtok usd eur gbp credits
credit request seats seat minutes hours gb tb cached language languages english current hosted self-hosted
upvote upvotes votes comments ratings age integration based time times mit apache gpl bsd licensed weights
weight
"""
COMMON = frozenset(_WORDS.split())


RARE = 3.0  # Zipf frequency under which a word is rare in English ('Typebot' 0, 'latency' 3.4, 'build' 5.0)


@functools.cache
def _zipf_table() -> dict[str, float]:
    """The 50,000 commonest English words with their Zipf frequency (from wordfreq; data/LICENSE_WORDFREQ)."""
    with gzip.open(Path(__file__).parent / "data" / "english_zipf.tsv.gz", "rt", encoding="utf-8") as f:
        return {w: float(z) for w, _, z in (line.rstrip("\n").partition("\t") for line in f if not line.startswith("#"))}


def zipf(word: str) -> float:
    """How common a word is in ordinary English: log10 of its count per billion words; 0 when not among the
    50,000 commonest (a product's coined name usually is not)."""
    return _zipf_table().get(word.lower().strip(".,:;!?()'\"“”‘’"), 0.0)


def word_freqs(text: str) -> list[float]:
    """`zipf` of each word of a text (hyphenated and slashed parts apart), letters only."""
    return [zipf(w) for w in re.split(r"[\s\-–—/_]+", text) if re.search(r"[A-Za-z]", w)]
