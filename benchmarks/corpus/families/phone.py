"""Phone screenshots (390x844 CSS px): status bar, mobile nav with hamburger, stacked cards, app bottom bar.

The other families' page kinds (landing, pricing, app listing, aggregator, API prices) as seen on a
phone. Product text comes from the products' own READMEs/descriptions; prices as published.
"""

from __future__ import annotations

from benchmarks.corpus.kit import LIB_SANS, MONO, SANS, doc, logo, shape_logo, stars
from benchmarks.corpus.page import Page

SEALED = False
PHONE = (390, 844)


def _truth(name, tagline=None, *, license=None, open_weights=None, entry=None, entry_usd=None, tiers=(), **extra):
    return {"name": name, "tagline": tagline, "license": license, "open_weights": open_weights, "entry": entry,
            "entry_usd_per_month": entry_usd, "tiers": [dict(t) for t in tiers], "injection": False, **extra}


def _tier(name, usd, period="month"):
    return {"name": name, "price_usd": usd, "period": period}


BASE = f"""
.sb{{height:47px;display:flex;align-items:center;justify-content:space-between;padding:0 26px 0 32px;font:600 16px {SANS};color:var(--fg);background:var(--sbbg,var(--bg))}}
.sb .ic{{display:flex;gap:6px;align-items:center}}
.bat{{width:25px;height:12px;border:1.5px solid var(--fg);border-radius:3px;position:relative;opacity:.9}}
.bat i{{position:absolute;left:1.5px;top:1.5px;bottom:1.5px;width:17px;background:var(--fg);border-radius:1px}}
.ham{{width:22px;height:16px;display:flex;flex-direction:column;justify-content:space-between}}.ham i{{height:2px;background:var(--fg);border-radius:1px}}
.home{{position:fixed;bottom:8px;left:50%;transform:translateX(-50%);width:134px;height:5px;border-radius:3px;background:var(--fg);opacity:.85}}
"""


def _status(time: str = "9:41") -> str:
    bars = ('<svg width="18" height="12" viewBox="0 0 18 12">' + "".join(
        f'<rect x="{i*4.6}" y="{9-i*3}" width="3.4" height="{3+i*3}" rx="1" fill="currentColor"/>' for i in range(4)) + "</svg>")
    wifi = ('<svg width="16" height="12" viewBox="0 0 16 12"><path d="M8 11l2.2-2.6a3 3 0 00-4.4 0zM3.2 5.9a7 7 0 019.6 0l1.5-1.7'
            'a9.3 9.3 0 00-12.6 0zM0 2.6a11.8 11.8 0 0116 0" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>')
    return f'<div class="sb"><span>{time}</span><span class="ic">{bars}{wifi}<span class="bat"><i></i></span></span></div>'


HAM = '<span class="ham"><i></i><i></i><i></i></span>'

# ---------------------------------------------------------------- 1. Ollama landing, mobile
OLLAMA_CSS = BASE + f"""
:root{{--bg:#ffffff;--fg:#000000;--muted:#737373;--line:#e5e5e5;--soft:#f5f5f5}}
html.dark{{--bg:#0a0a0a;--fg:#fafafa;--muted:#a3a3a3;--line:#262626;--soft:#171717}}
body{{background:var(--bg);color:var(--fg);font:16px/1.5 {SANS}}}
.nav{{display:flex;justify-content:space-between;align-items:center;padding:10px 20px}}
.hero{{text-align:center;padding:40px 26px 10px}}
.hero h1{{font-size:31px;line-height:1.2;margin:20px 0 12px;font-weight:600;letter-spacing:-.5px}}
.hero p{{color:var(--muted);font-size:16px;margin:0 0 24px}}
.dl{{display:block;background:var(--fg);color:var(--bg);border-radius:24px;padding:13px;font-weight:600;margin:0 6px}}
.sub{{color:var(--muted);font-size:13px;margin-top:10px}}
.code{{margin:28px 20px 0;background:var(--soft);border:1px solid var(--line);border-radius:12px;padding:14px;font:13px {MONO}}}
.models{{margin:22px 20px;font-size:14px}}.models div{{display:flex;justify-content:space-between;border-bottom:1px solid var(--line);padding:10px 0}}
.models span{{color:var(--muted)}}
"""

OLLAMA_LLAMA = """<svg width="64" height="84" viewBox="0 0 64 84"><path d="M18 80V44c0-14 6-22 14-22s14 8 14 22v36" fill="none" stroke="currentColor" stroke-width="4"/>
<path d="M22 24c-2-10 0-18 4-20 3 2 3 10 2 18M42 24c2-10 0-18-4-20-3 2-3 10-2 18" fill="none" stroke="currentColor" stroke-width="4"/>
<circle cx="26" cy="40" r="2.5" fill="currentColor"/><circle cx="38" cy="40" r="2.5" fill="currentColor"/><ellipse cx="32" cy="50" rx="6" ry="4" fill="none" stroke="currentColor" stroke-width="3"/></svg>"""

OLLAMA_BODY = f"""{_status()}
<div class="nav"><b style="font-size:20px;display:flex;gap:8px;align-items:center">{shape_logo("ring", "currentColor", 24)} Ollama</b>{HAM}</div>
<div class="hero">{OLLAMA_LLAMA}<h1>Get up and running with large language models.</h1>
<p>Run Llama 3.3, DeepSeek-R1, Phi-4, Gemma 3, Mistral Small 3.1 and other models, locally.</p>
<span class="dl">Download ↓</span><div class="sub">Available for macOS, Linux, and Windows</div></div>
<div class="code">$ ollama run gemma3</div>
<div class="models"><div><b>gemma3</b><span>1b · 4b · 12b · 27b</span></div><div><b>deepseek-r1</b><span>1.5b · 7b · 70b</span></div><div><b>llama3.3</b><span>70b</span></div></div>
<div class="home"></div>"""

# ---------------------------------------------------------------- 2. Perplexity pricing, stacked cards
PPLX_CSS = BASE + f"""
:root{{--bg:#fcfcf9;--fg:#13343b;--muted:#64645e;--line:#e5e3d4;--card:#ffffff;--accent:#20808d;--pop:#e6f4f1}}
html.dark{{--bg:#191a1a;--fg:#e8e8e6;--muted:#a0a09b;--line:#2f3131;--card:#202222;--accent:#2fb3c4;--pop:#1b2f31}}
body{{background:var(--bg);color:var(--fg);font:15px/1.45 {LIB_SANS}}}
.nav{{display:flex;justify-content:space-between;align-items:center;padding:8px 20px;border-bottom:1px solid var(--line)}}
.nav b{{font-size:19px;display:flex;gap:8px;align-items:center}}
h1{{font-size:28px;margin:22px 20px 4px;font-weight:600}}.lead{{margin:0 20px 16px;color:var(--muted)}}
.tg{{display:flex;margin:0 20px 16px;background:var(--line);border-radius:20px;padding:3px}}.tg span{{flex:1;text-align:center;padding:6px;border-radius:18px;font-size:14px}}.tg .on{{background:var(--card)}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:16px;margin:0 16px 12px;padding:12px 18px}}
.card.pop{{border:2px solid var(--accent);background:var(--pop)}}
.card h2{{margin:0;font-size:20px}}.price{{font-size:30px;font-weight:700;margin:4px 0}}.price small{{font-size:14px;color:var(--muted);font-weight:normal}}
.card ul{{margin:6px 0 10px;padding-left:18px;color:var(--muted);font-size:14px}}
.btn{{display:block;text-align:center;border-radius:22px;padding:7px;border:1px solid var(--line)}}.pop .btn{{background:var(--accent);color:#fff;border:0}}
.tab{{position:fixed;bottom:0;left:0;right:0;height:74px;background:var(--card);border-top:1px solid var(--line);display:flex;justify-content:space-around;padding-top:10px;font-size:11px;color:var(--muted)}}
"""

PPLX_BODY = f"""{_status()}
<div class="nav"><b>{shape_logo("hex", "#20808d", 24)} perplexity</b>{HAM}</div>
<h1>Choose your plan</h1><p class="lead">Upgrade to Perplexity Pro for more powerful answers.</p>
<div class="card"><h2>Free</h2><div class="price">$0<small> /month</small></div><ul><li>Unlimited basic searches</li></ul><span class="btn">Current plan</span></div>
<div class="card pop"><h2>Pro</h2><div class="price">$20<small> /month</small></div><ul><li>Extended access to Perplexity Research</li><li>Choose advanced AI models</li></ul><span class="btn">Get Pro</span></div>
<div class="card"><h2>Max</h2><div class="price">$200<small> /month</small></div><ul><li>Everything in Pro, plus early access to new products</li></ul><span class="btn">Get Max</span></div>
<div class="tab"><span>⌂<br>Home</span><span>◎<br>Discover</span><span>▦<br>Spaces</span><span>☺<br>Account</span></div>"""

# ---------------------------------------------------------------- 3. PocketPal AI on the iOS App Store
PP_CSS = BASE + f"""
:root{{--bg:#ffffff;--fg:#000000;--muted:#8a8a8e;--line:#e5e5ea;--accent:#007aff;--pill:#eef0f4}}
html.dark{{--bg:#000000;--fg:#ffffff;--muted:#98989f;--line:#2c2c2e;--accent:#0a84ff;--pill:#1c1c1e}}
body{{background:var(--bg);color:var(--fg);font:15px/1.4 {LIB_SANS}}}
.back{{color:var(--accent);padding:6px 16px;font-size:17px}}
.hd{{display:flex;gap:16px;padding:10px 20px}}
.ic{{width:118px;height:118px;border-radius:26px;background:linear-gradient(150deg,#1de9b6,#00695c);flex:none;display:flex;align-items:center;justify-content:center}}
h1{{font-size:22px;margin:6px 0 2px;font-weight:600}}.dev{{color:var(--muted);font-size:14px}}
.get{{display:inline-block;background:var(--accent);color:#fff;font-weight:700;border-radius:16px;padding:5px 22px;margin-top:18px}}
.iap{{font-size:10px;color:var(--muted);margin-left:6px}}
.info{{display:flex;border-top:1px solid var(--line);border-bottom:1px solid var(--line);margin:14px 20px 0;padding:10px 0;text-align:center}}
.info div{{flex:1;font-size:11px;color:var(--muted);border-left:1px solid var(--line)}}.info div:first-child{{border:0}}.info b{{display:block;font-size:17px;color:var(--muted)}}
.shots{{display:flex;gap:10px;padding:16px 20px;overflow:hidden}}.shots div{{width:200px;height:300px;border-radius:16px;flex:none}}
.desc{{padding:0 20px;font-size:14px}}
.tab{{position:fixed;bottom:0;left:0;right:0;height:82px;background:var(--bg);border-top:1px solid var(--line);display:flex;justify-content:space-around;padding-top:8px;font-size:10px;color:var(--muted)}}
.tab .on{{color:var(--accent)}}
"""

PP_BODY = f"""{_status()}
<div class="back">‹ Search</div>
<div class="hd"><div class="ic"><svg width="60" height="60" viewBox="0 0 60 60"><rect x="14" y="4" width="32" height="52" rx="7" fill="#fff"/><path d="M22 24h16M22 32h10" stroke="#00695c" stroke-width="3"/></svg></div>
<div><h1>PocketPal AI</h1><div class="dev">Asghar Ghorbani</div><span class="get">Get</span></div></div>
<div class="info"><div><b>4.6</b>{stars(4.6, "#8a8a8e", 10)}<br>2.1K RATINGS</div><div><b>17+</b>AGE</div><div><b>#48</b>Productivity</div><div><b>EN</b>+ 2 More</div></div>
<div class="shots"><div style="background:#004d40"></div><div style="background:#00897b"></div></div>
<p class="desc">PocketPal AI is a pocket-sized AI assistant powered by small language models (SLMs) that run directly on your phone. Your privacy is fully protected as all processing happens entirely on-device.</p>
<div class="tab"><span>▤<br>Today</span><span>◆<br>Games</span><span>▣<br>Apps</span><span>◉<br>Arcade</span><span class="on">⌕<br>Search</span></div>"""

# ---------------------------------------------------------------- 4. Open WebUI on a launch aggregator, mobile
OW_CSS = BASE + f"""
:root{{--bg:#ffffff;--fg:#21293c;--muted:#6f7787;--line:#ececf0;--accent:#da552f;--chip:#f4f4f6}}
html.dark{{--bg:#141416;--fg:#ececf0;--muted:#9a9aa6;--line:#2a2a30;--accent:#ff7a52;--chip:#222227}}
body{{background:var(--bg);color:var(--fg);font:15px/1.5 {SANS}}}
.nav{{display:flex;align-items:center;gap:12px;padding:8px 18px;border-bottom:1px solid var(--line)}}
.nav .s{{flex:1;background:var(--chip);border-radius:18px;padding:6px 12px;color:var(--muted);font-size:13px}}
.p{{padding:18px}}.lt{{font-size:12px;font-weight:700;color:var(--accent)}}
h1{{font-size:24px;margin:10px 0 2px}}.tl{{color:var(--muted);margin:0 0 10px}}
.chips span{{display:inline-block;background:var(--chip);border-radius:12px;padding:2px 10px;font-size:12px;margin:0 4px 6px 0;color:var(--muted)}}
.btns{{display:flex;gap:10px;margin:10px 0}}.btns span{{flex:1;text-align:center;border:1px solid var(--line);border-radius:10px;padding:10px;font-weight:600}}
.btns .u{{background:var(--accent);color:#fff;border-color:var(--accent)}}
.shot{{height:170px;border-radius:12px;background:var(--chip);border:1px solid var(--line);margin:8px 0 14px}}
.c{{border-top:1px solid var(--line);padding:10px 0;font-size:14px}}.c b{{font-size:13px}}
.tab{{position:fixed;bottom:0;left:0;right:0;height:70px;background:var(--bg);border-top:1px solid var(--line);display:flex;justify-content:space-around;padding-top:10px;font-size:11px;color:var(--muted)}}
"""

OW_BODY = f"""{_status()}
<div class="nav">{logo("L", "#da552f", size=30, radius=15)}<span class="s">Search…</span>{HAM}</div>
<div class="p"><div style="display:flex;gap:12px;align-items:center">{logo("OI", "#111111", size=64, radius=14)}<div class="lt">LAUNCHED TODAY<br><span style="color:var(--muted);font-weight:normal">#3 Product of the Day</span></div></div>
<h1>Open WebUI</h1><p class="tl">User-friendly AI Interface (Supports Ollama, OpenAI API, ...)</p>
<div class="chips"><span>Open Source</span><span>Artificial Intelligence</span><span>Self-hosted</span></div>
<div class="btns"><span>Visit</span><span class="u">▲ Upvote 1,377</span></div>
<div class="shot"></div>
<div class="c"><b>tjbck · Maker</b><br>Open WebUI is an extensible, self-hosted AI interface that works entirely offline. Install with Docker or pip and connect it to Ollama or any OpenAI-compatible API.</div>
<div class="c"><b>Lena M.</b><br>Our whole lab runs on this. Congrats!</div></div>
<div class="tab"><span>⌂<br>Home</span><span>▲<br>Launches</span><span>✉<br>Inbox</span><span>☺<br>Profile</span></div>"""

# ---------------------------------------------------------------- 5. Claude API prices, stacked model cards
CL_CSS = BASE + f"""
:root{{--bg:#faf9f5;--fg:#141413;--muted:#6b6a65;--line:#e3dfd3;--card:#ffffff;--accent:#d97757}}
html.dark{{--bg:#1f1e1d;--fg:#f0eee6;--muted:#a8a69d;--line:#3d3b37;--card:#262624;--accent:#e08a6d}}
body{{background:var(--bg);color:var(--fg);font:15px/1.45 {LIB_SANS}}}
.nav{{display:flex;justify-content:space-between;align-items:center;padding:8px 20px}}
.nav b{{font-size:16px;letter-spacing:2px;display:flex;gap:6px;align-items:center}}
h1{{font:400 32px 'Liberation Serif',serif;margin:14px 20px 4px}}.lead{{margin:0 20px 14px;color:var(--muted);font-size:14px}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:14px;margin:0 16px 12px;padding:14px 16px}}
.card h3{{margin:0 0 6px;font-size:18px}}
.r{{display:flex;justify-content:space-between;padding:4px 0;border-top:1px solid var(--line);font-size:14px}}.r span{{color:var(--muted)}}
.ft{{margin:4px 20px 90px;color:var(--muted);font-size:12px}}
"""


def _cl_body() -> str:
    rows = [("Claude Opus 4.5", 5, 25), ("Claude Sonnet 4.5", 3, 15), ("Claude Haiku 4.5", 1, 5)]
    cards = "".join(f'<div class="card"><h3>{m}</h3><div class="r"><span>Input</span><b>${i} / MTok</b></div>'
                    f'<div class="r"><span>Output</span><b>${o} / MTok</b></div>'
                    f'<div class="r"><span>Batch input</span><b>${i/2:g} / MTok</b></div></div>' for m, i, o in rows)
    return f"""{_status()}
<div class="nav"><b>{shape_logo("bolt", "#d97757", 18)} ANTHROPIC</b>{HAM}</div>
<h1>Claude API pricing</h1><p class="lead">Pay as you go, per million tokens (MTok). Save 50% with batch processing.</p>{cards}
<p class="ft">Prices in USD. Prompt caching reads are billed at 10% of the base input price.</p><div class="home"></div>"""


# ---------------------------------------------------------------- 6. GitHub Copilot plans, mobile
GH_CSS = BASE + f"""
:root{{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--accent:#1f883d;--sbbg:#ffffff}}
html.dark{{--bg:#0d1117;--fg:#f0f6fc;--muted:#9198a1;--line:#3d444d;--card:#151b23;--accent:#238636;--sbbg:#0d1117}}
body{{background:var(--bg);color:var(--fg);font:15px/1.5 {SANS}}}
.nav{{display:flex;justify-content:space-between;align-items:center;padding:10px 18px;background:#0d1117;color:#fff}}
.nav .ham i{{background:#fff}}
.k{{margin:22px 18px 0;color:var(--muted);font-size:13px;font-weight:600}}
h1{{font-size:30px;line-height:1.15;margin:4px 18px 8px}}.lead{{margin:0 18px 16px;color:var(--muted)}}
.card{{border:1px solid var(--line);border-radius:12px;margin:0 14px 12px;padding:14px 16px;background:var(--card)}}
.card h2{{margin:0;font-size:18px}}.price{{font-size:28px;font-weight:700}}.price small{{font-size:13px;color:var(--muted);font-weight:normal}}
.card p{{margin:4px 0 10px;color:var(--muted);font-size:14px}}
.btn{{display:block;text-align:center;border-radius:8px;padding:8px;border:1px solid var(--line);font-weight:600}}.btn.g{{background:var(--accent);color:#fff;border-color:var(--accent)}}
"""

GH_BODY = f"""{_status()}
<div class="nav">{HAM}<svg width="32" height="32" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#fff"/><path d="M11 26c0-3 1-4 2-5-4-1-7-3-7-8 0-2 1-3 2-4 0-1 0-3 1-4 2 0 3 1 4 2h6c1-1 2-2 4-2 1 1 1 3 1 4 1 1 2 2 2 4 0 5-3 7-7 8 1 1 2 2 2 5" fill="#0d1117"/></svg><span>Sign in</span></div>
<div class="k">GitHub Copilot</div><h1>Plans &amp; pricing</h1><p class="lead">Get started for free, or upgrade for more premium requests and the latest models.</p>
<div class="card"><h2>Free</h2><div class="price">$0<small> USD</small></div><p>50 agent mode or chat requests per month, 2,000 completions per month.</p><span class="btn">Get started</span></div>
<div class="card"><h2>Pro</h2><div class="price">$10<small> USD per month</small></div><p>Unlimited completions and chats with GPT-4.1, plus premium models.</p><span class="btn g">Try for 30 days free</span></div>
<div class="card"><h2>Pro+</h2><div class="price">$39<small> USD per month</small></div><p>Maximum flexibility and model choice.</p><span class="btn">Get started</span></div>"""

PAGES = [
    Page(
        id="phone-ollama-landing",
        html=doc("Ollama", OLLAMA_CSS, OLLAMA_BODY),
        truth=_truth("Ollama", "Get up and running with large language models."),
        source="github.com/ollama/ollama README.md (tagline, model list)",
        source_license="MIT",
        url="https://ollama.com",
        viewport=PHONE,
        variants=("2x", "dark"),
    ),
    Page(
        id="phone-perplexity-pricing",
        html=doc("Perplexity Pricing", PPLX_CSS, PPLX_BODY),
        truth=_truth("Perplexity", None, entry="Free", entry_usd=0,
                     tiers=[_tier("Free", 0), _tier("Pro", 20), _tier("Max", 200)]),
        source="perplexity.ai/pro plan prices as published in 2025 (Free, Pro $20/month, Max $200/month)",
        source_license="facts only (plan names and prices)",
        url="https://www.perplexity.ai/pro",
        viewport=PHONE,
        variants=("2x", "cut"),
        # the crop removes the Free card's heading; its "$0 /month" price is still on screen
        variant_truth={"cut": {"entry": "$0 /month", "tiers": [_tier("Pro", 20), _tier("Max", 200)]}},
    ),
    Page(
        id="phone-pocketpal-appstore",
        html=doc("PocketPal AI on the App Store", PP_CSS, PP_BODY),
        truth=_truth("PocketPal AI", None),
        source="github.com/a-ghorbani/pocketpal-ai README.md",
        source_license="MIT",
        url="https://apps.apple.com/us/app/pocketpal-ai/id6502579498",
        viewport=PHONE,
        variants=("2x", "dark"),
    ),
    Page(
        id="phone-openwebui-aggregator",
        html=doc("Open WebUI — Launchpile", OW_CSS, OW_BODY),
        truth=_truth("Open WebUI", "User-friendly AI Interface (Supports Ollama, OpenAI API, ...)"),
        source="github.com/open-webui/open-webui repository description and README",
        source_license="BSD-3-Clause",
        url="https://launchpile.example/posts/open-webui",
        viewport=PHONE,
        variants=("2x", "cookie"),
    ),
    Page(
        id="phone-claude-api-prices",
        html=doc("Pricing \\ Anthropic", CL_CSS, _cl_body()),
        truth=_truth("Claude API", None, entry="$1 / MTok",
                     tiers=[{"name": n, "price_usd": p, "period": "usage"}
                            for n, p in (("Claude Opus 4.5", 5), ("Claude Sonnet 4.5", 3), ("Claude Haiku 4.5", 1))]),
        source="github.com/BerriAI/litellm model_prices_and_context_window.json (litellm 1.110.2; claude-*-4-5)",
        source_license="MIT",
        url="https://www.anthropic.com/pricing#api",
        viewport=PHONE,
        variants=("2x", "dark"),
    ),
    Page(
        id="phone-copilot-plans",
        html=doc("GitHub Copilot · Plans & pricing", GH_CSS, GH_BODY),
        truth=_truth("GitHub Copilot", None, entry="Free", entry_usd=0,
                     tiers=[_tier("Free", 0), _tier("Pro", 10), _tier("Pro+", 39)]),
        source="github.com/features/copilot/plans (plan names and prices as published in 2025)",
        source_license="facts only (plan names and prices)",
        url="https://github.com/features/copilot/plans",
        viewport=PHONE,
        variants=("2x", "dark"),
    ),
]
