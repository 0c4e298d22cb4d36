"""API price tables: models x input/output price per 1M tokens, context window, batch discounts, free tier.

name = the provider's API product as the page shows it; tiers = model rows (period "usage",
price_usd = input price per 1M tokens). Prices are taken from LiteLLM's
model_prices_and_context_window.json (BerriAI/litellm, MIT), package version 1.110.2, converted
from per-token to per-1M-token figures; layouts imitate the providers' own pricing/docs pages.
"""

from __future__ import annotations

from benchmarks.corpus.kit import CONDENSED, LIB_SANS, MONO, SANS, doc, shape_logo
from benchmarks.corpus.page import Page

SEALED = False
LITELLM = "github.com/BerriAI/litellm model_prices_and_context_window.json (litellm 1.110.2)"


def _truth(name, tagline=None, *, license=None, open_weights=None, entry=None, entry_usd=None, tiers=(), **extra):
    return {"name": name, "tagline": tagline, "license": license, "open_weights": open_weights, "entry": entry,
            "entry_usd_per_month": entry_usd, "tiers": [dict(t) for t in tiers], "injection": False, **extra}


def _usage(rows) -> list[dict]:
    return [{"name": r[0], "price_usd": r[1], "period": "usage"} for r in rows]


def _money(v: float) -> str:
    return f"${v:.3f}".rstrip("0") if v < 0.1 and round(v, 2) != v else f"${v:.2f}"


# ---------------------------------------------------------------- 1. OpenAI API
OPENAI_ROWS = [  # model, input, cached input, output, context
    ("gpt-4.1", 2.00, 0.50, 8.00, "1,047,576"),
    ("gpt-4.1-mini", 0.40, 0.10, 1.60, "1,047,576"),
    ("gpt-4.1-nano", 0.10, 0.025, 0.40, "1,047,576"),
    ("gpt-4o", 2.50, 1.25, 10.00, "128,000"),
    ("gpt-4o-mini", 0.15, 0.075, 0.60, "128,000"),
    ("o3", 2.00, 0.50, 8.00, "200,000"),
    ("o4-mini", 1.10, 0.275, 4.40, "200,000"),
]

OPENAI_CSS = f"""
:root{{--bg:#ffffff;--fg:#0d0d0d;--muted:#5d5d5d;--line:#ececec;--side:#f9f9f9;--chip:#f3f3f3;--accent:#10a37f}}
html.dark{{--bg:#212121;--fg:#ececec;--muted:#b4b4b4;--line:#383838;--side:#171717;--chip:#2f2f2f;--accent:#19c37d}}
body{{background:var(--bg);color:var(--fg);font:14px/1.5 {SANS};display:flex}}
.side{{width:240px;background:var(--side);min-height:100vh;padding:16px 18px;border-right:1px solid var(--line);flex:none;font-size:13px}}
.side b{{display:flex;gap:8px;align-items:center;font-size:15px;margin-bottom:18px}}
.side div{{padding:5px 8px;border-radius:6px;color:var(--muted)}}.side .on{{background:var(--chip);color:var(--fg)}}
.main{{flex:1;padding:26px 44px}}
h1{{font-size:28px;margin:0 0 4px}}.lead{{color:var(--muted);margin:0 0 16px}}
.tabs span{{display:inline-block;padding:5px 12px;border-radius:16px;background:var(--chip);margin-right:6px;font-size:13px}}.tabs .on{{background:var(--fg);color:var(--bg)}}
table{{width:100%;border-collapse:collapse;margin-top:14px}}
th,td{{text-align:left;padding:9px 10px;border-bottom:1px solid var(--line)}}th{{font-size:12px;color:var(--muted);font-weight:normal}}
td:first-child{{font-family:{MONO};font-size:13px}}
.note{{margin-top:14px;background:var(--chip);border-radius:8px;padding:10px 14px;font-size:13px}}
"""


def _openai_body() -> str:
    rows = "".join(f"<tr><td>{m}</td><td>{_money(i)}</td><td>{_money(c)}</td><td>{_money(o)}</td><td>{ctx}</td></tr>"
                   for m, i, c, o, ctx in OPENAI_ROWS)
    mark = shape_logo("hex", "currentColor", 22)
    return f"""<nav class="side"><b>{mark} OpenAI Platform</b><div>Overview</div><div>Quickstart</div><div>Models</div><div class="on">Pricing</div><div>Libraries</div><div>Text generation</div><div>Images and vision</div><div>Batch</div><div>Rate limits</div></nav>
<div class="main"><h1>Pricing</h1><p class="lead">Prices per 1M tokens. Batch API pricing requires requests to be submitted as a batch; responses are returned within 24 hours.</p>
<div class="tabs"><span class="on">Standard</span><span>Batch</span><span>Flex</span><span>Priority</span></div>
<table><tr><th>Model</th><th>Input</th><th>Cached input</th><th>Output</th><th>Context window</th></tr>{rows}</table>
<div class="note"><b>Batch API:</b> save 50% on inputs and outputs with the Batch API and run tasks asynchronously over 24 hours. All prices for the OpenAI API are in USD.</div></div>"""


# ---------------------------------------------------------------- 2. Claude API (Anthropic)
CLAUDE_ROWS = [  # model, input, 5m cache write, cache hit, output
    ("Claude Opus 4.5", 5, 6.25, 0.50, 25),
    ("Claude Sonnet 4.5", 3, 3.75, 0.30, 15),
    ("Claude Haiku 4.5", 1, 1.25, 0.10, 5),
]

CLAUDE_CSS = f"""
:root{{--bg:#faf9f5;--fg:#141413;--muted:#6b6a65;--line:#e3dfd3;--card:#ffffff;--accent:#d97757}}
html.dark{{--bg:#1f1e1d;--fg:#f0eee6;--muted:#a8a69d;--line:#3d3b37;--card:#262624;--accent:#e08a6d}}
body{{background:var(--bg);color:var(--fg);font:15px/1.55 {LIB_SANS}}}
.nav{{display:flex;align-items:center;gap:26px;padding:16px 64px;font-size:14px}}
.nav b{{font-size:20px;margin-right:auto;display:flex;gap:8px;align-items:center}}.nav .c{{background:var(--fg);color:var(--bg);padding:8px 14px;border-radius:8px}}
.w{{max-width:1100px;margin:0 auto;padding:10px 20px}}
h1{{font:400 40px 'Liberation Serif',serif;margin:10px 0 2px}}.sub{{color:var(--muted);margin:0 0 18px}}
.grid{{display:grid;grid-template-columns:repeat(3,1fr);gap:18px}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:18px 20px}}
.card h3{{margin:0 0 10px;font-size:19px}}
.r{{display:flex;justify-content:space-between;border-top:1px solid var(--line);padding:6px 0;font-size:14px}}.r span{{color:var(--muted)}}
.ft{{margin-top:18px;color:var(--muted);font-size:13px}}
"""


def _claude_body() -> str:
    cards = "".join(
        f'<div class="card"><h3>{m}</h3><div class="r"><span>Input</span><b>${i:g} / MTok</b></div>'
        f'<div class="r"><span>Prompt caching write</span><b>${w:g} / MTok</b></div>'
        f'<div class="r"><span>Prompt caching read</span><b>${c:g} / MTok</b></div>'
        f'<div class="r"><span>Output</span><b>${o:g} / MTok</b></div>'
        f'<div class="r"><span>Context window</span><b>200K</b></div></div>' for m, i, w, c, o in CLAUDE_ROWS)
    star = shape_logo("bolt", "#d97757", 24)
    return f"""<div class="nav"><b>{star} ANTHROPIC</b><span>Claude</span><span>API</span><span>Research</span><span>Company</span><span class="c">Start building</span></div>
<div class="w"><h1>Claude API pricing</h1><p class="sub">Pay as you go. Prices per million tokens (MTok).</p>
<div class="grid">{cards}</div>
<p class="ft">Batch processing: save 50% with the Message Batches API. Prompt caching write prices are for 5-minute cache duration. Pricing shown in USD.</p></div>"""


# ---------------------------------------------------------------- 3. Mistral AI API
MISTRAL_ROWS = [  # display name, api id, input, output, context
    ("Mistral Large 3", "mistral-large-latest", 0.50, 1.50, "256k"),
    ("Mistral Small", "mistral-small-latest", 0.15, 0.60, "256k"),
    ("Codestral", "codestral-latest", 0.30, 0.90, "128k"),
    ("Devstral 2", "devstral-medium-latest", 0.40, 2.00, "256k"),
    ("Devstral Small 2", "devstral-small-latest", 0.10, 0.30, "256k"),
    ("Ministral 8B", "ministral-8b-latest", 0.15, 0.15, "256k"),
    ("Ministral 3B", "ministral-3b-latest", 0.10, 0.10, "128k"),
]

MISTRAL_CSS = f"""
:root{{--bg:#fffaf0;--fg:#1b1b1b;--muted:#6f6a60;--line:#eadfc8;--band:#ffd800;--band2:#ff8205;--band3:#fa500f;--card:#ffffff}}
html.dark{{--bg:#151311;--fg:#f4efe6;--muted:#a39d91;--line:#34302a;--band:#b39700;--band2:#b35a00;--band3:#ad380b;--card:#1e1b18}}
body{{background:var(--bg);color:var(--fg);font:15px/1.5 {CONDENSED}}}
.bands div{{height:6px}}
.nav{{display:flex;gap:24px;padding:14px 56px;align-items:center;font-size:14px}}.nav b{{font-size:20px;margin-right:auto;letter-spacing:1px}}
.w{{padding:6px 56px}}
h1{{font-size:34px;margin:4px 0;font-weight:700;text-transform:uppercase;letter-spacing:1px}}
.free{{background:var(--card);border:1px dashed var(--band2);padding:10px 16px;margin:12px 0;font-size:14px}}
table{{width:100%;border-collapse:collapse;background:var(--card)}}
th,td{{padding:8px 12px;border:1px solid var(--line);text-align:left}}th{{background:var(--bg);font-size:13px;text-transform:uppercase;color:var(--muted)}}
code{{font:12px {MONO};color:var(--muted)}}
"""


def _mistral_body() -> str:
    rows = "".join(f"<tr><td><b>{n}</b><br><code>{api}</code></td><td>${i:.2f} /M tokens</td><td>${o:.2f} /M tokens</td><td>{ctx}</td></tr>"
                   for n, api, i, o, ctx in MISTRAL_ROWS)
    return f"""<div class="bands"><div style="background:var(--band)"></div><div style="background:var(--band2)"></div><div style="background:var(--band3)"></div></div>
<div class="nav"><b>MISTRAL AI_</b><span>Products</span><span>Solutions</span><span>Research</span><span>Resources</span><span>Try Le Chat</span></div>
<div class="w"><h1>Mistral AI API pricing</h1>
<div class="free"><b>Free tier</b> — experiment with all models on La Plateforme for free, with rate limits. Upgrade to Scale to pay as you go.</div>
<table><tr><th>Model</th><th>Input</th><th>Output</th><th>Context</th></tr>{rows}</table></div>"""


# ---------------------------------------------------------------- 4. Gemini API (Free / Paid tier columns)
GEMINI = [  # name, api id, input, output, batch input
    ("Gemini 2.5 Pro", "gemini-2.5-pro", "$1.25, prompts &lt;= 200k tokens", 1.25, "$10.00, prompts &lt;= 200k tokens", 0.625),
    ("Gemini 2.5 Flash", "gemini-2.5-flash", "$0.30 (text / image / video)", 0.30, "$2.50", 0.15),
    ("Gemini 2.5 Flash-Lite", "gemini-2.5-flash-lite", "$0.10 (text / image / video)", 0.10, "$0.40", 0.05),
]

GEMINI_CSS = f"""
:root{{--bg:#ffffff;--fg:#1f1f1f;--muted:#5e5e5e;--line:#dadce0;--head:#f8f9fa;--accent:#1a73e8}}
html.dark{{--bg:#202124;--fg:#e8eaed;--muted:#9aa0a6;--line:#3c4043;--head:#2a2b2e;--accent:#8ab4f8}}
body{{background:var(--bg);color:var(--fg);font:14px/1.55 {SANS}}}
.top{{display:flex;align-items:center;gap:22px;padding:10px 28px;border-bottom:1px solid var(--line);font-size:14px}}
.top b{{font-size:17px;font-weight:normal}}.top .r{{margin-left:auto;color:var(--accent)}}
.w{{display:flex}}.toc{{width:220px;padding:18px 22px;font-size:13px;color:var(--muted);flex:none}}.toc div{{margin:5px 0}}
.c{{flex:1;padding:18px 30px;max-width:900px}}
h1{{font-size:30px;font-weight:normal;margin:0 0 4px}}
h2{{font-size:20px;font-weight:normal;margin:20px 0 4px}}h2 code{{font:13px {MONO};color:var(--muted);margin-left:8px}}
table{{width:100%;border-collapse:collapse}}th,td{{border:1px solid var(--line);padding:7px 10px;text-align:left}}th{{background:var(--head);font-weight:600}}
"""


def _gemini_body() -> str:
    secs = "".join(
        f'<h2>{n}<code>{api}</code></h2><table><tr><th></th><th>Free Tier</th><th>Paid Tier, per 1M tokens in USD</th></tr>'
        f"<tr><td>Input price</td><td>Free of charge</td><td>{inp}</td></tr>"
        f"<tr><td>Output price</td><td>Free of charge</td><td>{out}</td></tr>"
        f"<tr><td>Batch input price</td><td>Not available</td><td>${b:g}</td></tr></table>"
        for n, api, inp, _i, out, b in GEMINI)
    return f"""<div class="top">{shape_logo("blob", "#4285f4", 26)}<b>Gemini API</b><span>Models</span><span>Docs</span><span>API reference</span><span>Cookbook</span><span class="r">Get API key</span></div>
<div class="w"><div class="toc"><div><b>Pricing</b></div><div>Gemini 2.5 Pro</div><div>Gemini 2.5 Flash</div><div>Gemini 2.5 Flash-Lite</div><div>Batch Mode</div><div>Grounding with Google Search</div></div>
<div class="c"><h1>Gemini Developer API pricing</h1><p>The Gemini API "free tier" is offered through the API service with lower rate limits for testing purposes. The paid tier comes with higher rate limits, additional features, and different data handling. Batch Mode is 50% of the interactive price.</p>{secs}</div></div>"""


# ---------------------------------------------------------------- 5. DeepSeek API (docs table, models as columns)
DS_CSS = f"""
:root{{--bg:#ffffff;--fg:#1c1e21;--muted:#606770;--line:#dadde1;--side:#f5f6f7;--accent:#4d6bfe}}
html.dark{{--bg:#1b1b1d;--fg:#e3e3e3;--muted:#a0a4ab;--line:#3a3b3d;--side:#242526;--accent:#8ea0ff}}
body{{background:var(--bg);color:var(--fg);font:15px/1.6 {LIB_SANS}}}
.top{{height:60px;display:flex;align-items:center;gap:24px;padding:0 26px;box-shadow:0 1px 2px rgba(0,0,0,.1);font-size:14px}}
.top b{{font-size:19px;color:var(--accent);display:flex;gap:8px;align-items:center}}.top .r{{margin-left:auto}}
.w{{display:flex}}.side{{width:270px;background:var(--side);min-height:calc(100vh - 60px);padding:14px 18px;font-size:14px;flex:none}}
.side div{{padding:4px 8px}}.side .on{{color:var(--accent);background:var(--bg);border-radius:6px}}
.c{{padding:24px 40px;flex:1;max-width:920px}}h1{{font-size:34px;margin:0 0 8px}}
table{{border-collapse:collapse;width:100%;margin:10px 0}}th,td{{border:1px solid var(--line);padding:8px 12px;text-align:left}}
tr:nth-child(even) td{{background:var(--side)}}
.tip{{border-left:5px solid var(--accent);background:var(--side);padding:10px 14px;font-size:14px}}
"""

DS_BODY = f"""<div class="top"><b>{shape_logo("blob", "#4d6bfe", 24)} deepseek API Docs</b><span>English</span><span>DeepSeek Platform</span><span class="r">GitHub</span></div>
<div class="w"><div class="side"><div>Quick Start</div><div>Your First API Call</div><div class="on">Models &amp; Pricing</div><div>Reasoning Model (deepseek-reasoner)</div><div>The Temperature Parameter</div><div>Token &amp; Token Usage</div><div>Rate Limit</div><div>Error Codes</div></div>
<div class="c"><h1>Models &amp; Pricing</h1><p>The prices listed below are in units of per 1M tokens. A token is the smallest unit of text that the model recognizes. DeepSeek API bills by the number of input and output tokens.</p>
<table><tr><th colspan="2">MODEL</th><th>deepseek-chat</th><th>deepseek-reasoner</th></tr>
<tr><td colspan="2">MODEL VERSION</td><td>DeepSeek-V3.2 (Non-thinking Mode)</td><td>DeepSeek-V3.2 (Thinking Mode)</td></tr>
<tr><td colspan="2">CONTEXT LENGTH</td><td colspan="2">128K</td></tr>
<tr><td rowspan="3">PRICING</td><td>1M INPUT TOKENS (CACHE HIT)</td><td colspan="2">$0.028</td></tr>
<tr><td>1M INPUT TOKENS (CACHE MISS)</td><td colspan="2">$0.28</td></tr>
<tr><td>1M OUTPUT TOKENS</td><td colspan="2">$0.42</td></tr></table>
<div class="tip">The expense = number of tokens × price. The corresponding fees will be directly deducted from your topped-up balance or granted balance, with a preference for using the granted balance first when both balances are available.</div></div></div>"""

# ---------------------------------------------------------------- 6. GroqCloud (cards, free tier)
GROQ_ROWS = [("GPT OSS 20B", "openai/gpt-oss-20b", 0.075, 0.30, "131,072"),
             ("GPT OSS 120B", "openai/gpt-oss-120b", 0.15, 0.60, "131,072")]

GROQ_CSS = f"""
:root{{--bg:#f3f3ee;--fg:#1a1a1a;--muted:#6d6d66;--line:#dcdcd2;--card:#ffffff;--accent:#f55036}}
html.dark{{--bg:#0f0f0e;--fg:#f3f3ee;--muted:#9d9d94;--line:#2b2b28;--card:#1a1a18;--accent:#ff6a52}}
body{{background:var(--bg);color:var(--fg);font:15px/1.5 {SANS}}}
.nav{{display:flex;align-items:center;gap:24px;padding:16px 60px;font-size:14px}}.nav b{{font:700 24px {SANS};margin-right:auto;letter-spacing:-1px}}
.nav .c{{background:var(--accent);color:#fff;padding:8px 16px;border-radius:20px}}
.hero{{padding:14px 60px}}h1{{font-size:44px;margin:0;letter-spacing:-1.5px}}.hero p{{color:var(--muted);font-size:17px;margin:4px 0 0}}
.free{{margin:18px 60px;background:var(--fg);color:var(--bg);border-radius:14px;padding:16px 22px;display:flex;justify-content:space-between;align-items:center}}
.free b{{font-size:20px}}
.cards{{display:grid;grid-template-columns:1fr 1fr;gap:18px;padding:0 60px}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:18px 22px}}
.card h3{{margin:0;font-size:20px}}.card code{{font:12px {MONO};color:var(--muted)}}
.kv{{display:flex;gap:28px;margin-top:12px}}.kv div{{font-size:12px;color:var(--muted)}}.kv b{{display:block;color:var(--fg);font-size:20px}}
"""


def _groq_body() -> str:
    cards = "".join(f'<div class="card"><h3>{n}</h3><code>{api}</code><div class="kv"><div><b>${i:g}</b>Input per 1M tokens</div>'
                    f'<div><b>${o:.2f}</b>Output per 1M tokens</div><div><b>{ctx}</b>Context window</div></div></div>'
                    for n, api, i, o, ctx in GROQ_ROWS)
    return f"""<div class="nav"><b>groq</b><span>Products</span><span>Developers</span><span>Pricing</span><span>Enterprise</span><span class="c">Dev Console</span></div>
<div class="hero"><h1>GroqCloud pricing</h1><p>Fast, low cost inference. Pay only for the tokens you use.</p></div>
<div class="free"><div><b>Free tier</b><br>Start building for free with rate-limited access to every model.</div><span>Get API key →</span></div>
<div class="cards">{cards}</div>"""


PAGES = [
    Page(
        id="openai-api-prices",
        html=doc("Pricing - OpenAI API", OPENAI_CSS, _openai_body()),
        truth=_truth("OpenAI API", None, entry="$0.10", tiers=_usage((m, i) for m, i, *_ in OPENAI_ROWS)),
        source=LITELLM + " (openai entries)",
        source_license="MIT",
        url="https://platform.openai.com/docs/pricing",
        variants=("light", "dark", "cut"),
    ),
    Page(
        id="claude-api-prices",
        html=doc("Pricing \\ Anthropic", CLAUDE_CSS, _claude_body()),
        truth=_truth("Claude API", None, entry="$1 / MTok", tiers=_usage((m, i) for m, i, *_ in CLAUDE_ROWS)),
        source=LITELLM + " (claude-opus-4-5, claude-sonnet-4-5, claude-haiku-4-5)",
        source_license="MIT",
        url="https://www.anthropic.com/pricing#api",
        variants=("light", "browser", "announce"),
    ),
    Page(
        id="mistral-api-prices",
        html=doc("Pricing | Mistral AI", MISTRAL_CSS, _mistral_body()),
        truth=_truth("Mistral AI API", None, entry="Free", entry_usd=0,
                     tiers=_usage((n, i) for n, _a, i, *_ in MISTRAL_ROWS)),
        source=LITELLM + " (mistral/* entries)",
        source_license="MIT",
        url="https://mistral.ai/pricing#api-pricing",
        variants=("light", "dark", "cookie"),
    ),
    Page(
        id="gemini-api-prices",
        html=doc("Gemini Developer API pricing | Gemini API | Google AI for Developers", GEMINI_CSS, _gemini_body()),
        truth=_truth("Gemini API", None, entry="Free", entry_usd=0,
                     tiers=_usage((n, i) for n, _a, _t, i, *_ in GEMINI)),
        source=LITELLM + " (gemini/gemini-2.5-* entries)",
        source_license="MIT",
        url="https://ai.google.dev/gemini-api/docs/pricing",
        variants=("light", "dark", "2x"),
    ),
    Page(
        id="deepseek-api-prices",
        html=doc("Models & Pricing | DeepSeek API Docs", DS_CSS, DS_BODY),
        truth=_truth("DeepSeek API", None, entry="$0.28",
                     tiers=_usage([("deepseek-chat", 0.28), ("deepseek-reasoner", 0.28)])),
        source=LITELLM + " (deepseek/deepseek-chat, deepseek/deepseek-reasoner; cache-hit price)",
        source_license="MIT",
        url="https://api-docs.deepseek.com/quick_start/pricing",
        variants=("light", "dark"),
    ),
    Page(
        id="groq-api-prices",
        html=doc("Groq On-Demand Pricing", GROQ_CSS, _groq_body()),
        truth=_truth("GroqCloud", None, entry="Free", entry_usd=0,
                     tiers=_usage((n, i) for n, _a, i, *_ in GROQ_ROWS)),
        source=LITELLM + " (groq/openai/gpt-oss-20b, groq/openai/gpt-oss-120b)",
        source_license="MIT",
        url="https://groq.com/pricing",
        variants=("light", "browser"),
    ),
]
