"""Product pages on review/directory sites: the site's wordmark, search and nav on top; the product's name,
one-liner, category chips, rating, "Visit website", price box, related products.

The directory brands here are made up (their brand must never be the label); product text is the products'
own public one-liners, or the one-liners in /work/shared/reference (a real directory's comparison page).
"""

from __future__ import annotations

from benchmarks.corpus.kit import CONDENSED, LIB_SANS, SANS, SERIF, doc, esc, logo, shape_logo, stars
from benchmarks.corpus.page import Page

SEALED = False


def _label(name, tagline, category=None, entry=None, usd=None, tiers=(), license_=None, open_weights=None) -> dict:
    out = {"name": name, "tagline": tagline, "license": license_, "open_weights": open_weights, "entry": entry,
           "entry_usd_per_month": usd, "tiers": [{"name": n, "price_usd": p, "period": "month"} for n, p in tiers]}
    if category:
        out["category"] = category
    return out


# Site A: "Shiplist" — dark top bar with search, product column + right sidebar of related tools.
A_CSS = f"""
:root{{--bg:#f5f6f8;--fg:#14171f;--muted:#5f6675;--card:#fff;--line:#e3e6ec;--top:#14171f;--acc:#5b5bd6;--chip:#eef0ff}}
html.dark{{--bg:#0c0d11;--fg:#e9eaf0;--muted:#9096a6;--card:#16181f;--line:#262a35;--top:#000;--chip:#23254a}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
.top{{background:var(--top);color:#fff;display:flex;align-items:center;gap:22px;padding:12px 36px}}
.top .w{{font-weight:bold;font-size:19px;display:flex;gap:8px;align-items:center}} .top .s{{flex:1;background:#2a2d38;border-radius:8px;padding:8px 14px;color:#9ca3af;max-width:420px}}
.top .sp{{flex:1}} .crumb{{padding:16px 36px 0;color:var(--muted);font-size:13px}}
.wrap{{display:grid;grid-template-columns:1fr 300px;gap:24px;padding:14px 36px}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:24px}}
.hd{{display:flex;gap:18px;align-items:center}} .hd h1{{margin:0;font-size:30px}} .hd .one{{color:var(--muted);font-size:16px;margin-top:6px}}
.chips{{margin:16px 0}} .chips span{{background:var(--chip);color:var(--acc);border-radius:14px;padding:4px 11px;margin-right:6px;font-size:12.5px}}
.stats{{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:18px 0}} .stats div{{border:1px solid var(--line);border-radius:10px;padding:12px;text-align:center}}
.stats b{{display:block;font-size:24px}} .stats span{{color:var(--muted);font-size:12px}}
.visit{{display:inline-block;background:var(--acc);color:#fff;border-radius:8px;padding:10px 18px;font-weight:bold;margin-right:8px}}
.ghost{{display:inline-block;border:1px solid var(--line);border-radius:8px;padding:10px 18px}}
.card p{{line-height:1.6;color:var(--fg)}} .card h2{{font-size:18px;margin:22px 0 8px}}
aside .card{{padding:16px;margin-bottom:14px}} aside h3{{margin:0 0 10px;font-size:14px;color:var(--muted);text-transform:uppercase;letter-spacing:1px}}
.rel{{display:flex;gap:10px;align-items:center;padding:8px 0;border-top:1px solid var(--line)}} .rel small{{display:block;color:var(--muted)}}
"""


def site_a(name, one_liner, mark, color, chips, stats, body, related) -> str:
    rel = "".join(f'<div class="rel">{logo(n[:1], c, size=30)}<div><b>{esc(n)}</b><small>{esc(d)}</small></div></div>'
                  for n, d, c in related)
    st = "".join(f"<div><b>{esc(v)}</b><span>{esc(k)}</span></div>" for v, k in stats)
    return doc(f"{name} — reviews, pricing and alternatives | Shiplist", A_CSS, f"""
<div class="top"><span class="w">{shape_logo("ring", "#8b8bff", 22)} Shiplist</span><span class="s">Search 4,000+ AI tools…</span>
<span>Categories</span><span>Compare</span><span>Launches</span><span class="sp"></span><span>Submit a tool</span><span>Sign in</span></div>
<div class="crumb">Home › {esc(chips[0])} › {esc(name)}</div>
<div class="wrap"><div class="card"><div class="hd">{logo(mark, color, size=64, radius=14)}<div><h1>{esc(name)}</h1>
<div class="one">{esc(one_liner)}</div></div></div>
<div class="chips">{''.join(f"<span>{esc(c)}</span>" for c in chips)}</div>
<span class="visit">Visit website ↗</span><span class="ghost">☆ Save</span><span class="ghost">Compare</span>
<div class="stats">{st}</div>{body}</div>
<aside><div class="card"><h3>Related tools</h3>{rel}</div><div class="card"><h3>Get the weekly digest</h3>
The best new AI tools, every Friday.<br><br><span class="ghost">Subscribe</span></div></aside></div>""")


CURSOR = Page(
    id="cursor-2",
    url="https://shiplist.example/tools/cursor-2",
    html=site_a("Cursor 2.0", "AI code editor with autonomous multi-file refactoring and background agents", "C", "#111",
                ["Developer Tools", "Code editor", "Agents"], [("100%", "Panel ship"), ("—", "Community"), ("Free", "Entry")],
                """<h2>Overview</h2><p>Cursor 2.0 is an AI-native code editor that introduces a multi-file agent mode capable of
autonomously planning and executing complex refactoring tasks across entire repositories. The update adds background task
scheduling, letting long-running agents operate asynchronously while the developer continues other work.</p>""",
                [("SmolVLM2-2B", "Open-source VLM for phones", "#f59e0b"), ("GitHub Copilot", "AI pair programmer", "#24292f"),
                 ("Windsurf", "Agentic IDE", "#0ea5a4")]),
    truth=_label("Cursor 2.0", "AI code editor with autonomous multi-file refactoring and background agents",
                 "Developer Tools", "Free", 0),
    source="/work/shared/reference/004_d1d24afe86e32c98.txt (a directory's comparison page)",
    source_license="Proprietary (short excerpt, for flavour)",
    viewport=(1280, 800), variants=("light", "dark", "cut"),
    # the cut capture starts below the heading: the one-liner and the category chips are gone
    variant_truth={"cut": {"tagline": None, "category": None}},
)

SMOLVLM = Page(
    id="smolvlm2-2b",
    url="https://shiplist.example/tools/smolvlm2-2b",
    html=site_a("SmolVLM2-2B", "Open-source vision-language model that actually runs on your phone", "S", "#f59e0b",
                ["Developer Tools", "Vision-language", "On-device"], [("100%", "Panel ship"), ("—", "Community"), ("Free", "Entry")],
                """<h2>Overview</h2><p>SmolVLM2-2B is an open-source, 2-billion parameter vision-language model from Hugging Face
designed specifically for on-device inference on mobile and edge hardware. It handles document understanding, visual QA, and
image-text tasks. The model is freely available on the Hugging Face Hub and optimized for deployment without cloud dependencies.</p>""",
                [("Cursor 2.0", "AI code editor", "#111"), ("Moondream", "Tiny vision model", "#6366f1"),
                 ("Qwen2.5-VL", "Vision-language model", "#7c3aed")]),
    truth=_label("SmolVLM2-2B", "Open-source vision-language model that actually runs on your phone",
                 "Developer Tools", "Free", 0, open_weights=True),
    source="/work/shared/reference/004_d1d24afe86e32c98.txt (a directory's comparison page)",
    source_license="Proprietary (short excerpt, for flavour)",
    viewport=(1280, 800), variants=("light", "announce"),
)

# Site B: "toolsmith" — serif editorial directory, centred column, rating box top-right, price table.
B_CSS = f"""
:root{{--bg:#fffdf8;--fg:#222;--muted:#6d6a63;--line:#e8e2d6;--acc:#c2410c;--box:#fff6ea}}
html.dark{{--bg:#17140f;--fg:#eee8dc;--muted:#a59d8e;--line:#3a3328;--box:#231d14}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS};font-size:15px}}
header{{border-bottom:3px double var(--line);padding:16px 0;text-align:center}}
header .w{{font-family:{SERIF};font-size:30px;font-style:italic}} header nav{{margin-top:8px;color:var(--muted);font-size:13px;word-spacing:14px}}
header .s{{position:absolute;right:40px;top:22px;border:1px solid var(--line);padding:6px 12px;width:220px;color:var(--muted);font-size:13px}}
.col{{width:960px;margin:24px auto;display:grid;grid-template-columns:1fr 260px;gap:36px}}
h1{{font-family:{SERIF};font-size:44px;margin:0}} .one{{font-size:19px;color:var(--muted);margin:8px 0 16px;font-style:italic}}
.tags span{{border:1px solid var(--acc);color:var(--acc);padding:2px 9px;margin-right:6px;font-size:12px;text-transform:uppercase;letter-spacing:1px}}
.rb{{background:var(--box);border:1px solid var(--line);padding:18px;text-align:center}} .rb .n{{font-size:44px;font-family:{SERIF}}}
.rb .v{{display:block;background:var(--acc);color:#fff;padding:10px;margin-top:14px;font-weight:bold}}
table{{border-collapse:collapse;width:100%;margin-top:14px}} td{{border-bottom:1px solid var(--line);padding:9px 4px}} td:last-child{{text-align:right;font-weight:bold}}
h2{{font-family:{SERIF};font-size:24px;margin:26px 0 6px}} p{{line-height:1.65}}
.pros{{display:grid;grid-template-columns:1fr 1fr;gap:16px}} .pros div{{border-top:3px solid var(--acc);padding-top:6px}}
"""


def site_b(name, one_liner, tags, rating, reviews, price_rows, body, visit="Visit website") -> str:
    rows = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>" for a, b in price_rows)
    return doc(f"{name} Review (2025) · toolsmith", B_CSS, f"""
<header><div class="w">toolsmith</div><nav>Reviews Categories Best-of lists Newsletter About</nav><div class="s">Search tools</div></header>
<div class="col"><div><h1>{esc(name)}</h1><div class="one">{esc(one_liner)}</div>
<div class="tags">{''.join(f"<span>{esc(t)}</span>" for t in tags)}</div>{body}</div>
<div><div class="rb"><div class="n">{rating}</div>{stars(float(rating), "#c2410c", 18)}<div style="color:var(--muted);font-size:13px">{reviews} reviews</div>
<span class="v">{visit} ↗</span></div><h2 style="font-size:19px">Pricing</h2><table>{rows}</table></div></div>""")


LMSTUDIO = Page(
    id="lm-studio",
    url="https://toolsmith.example/reviews/lm-studio",
    html=site_b("LM Studio", "Discover, download, and run local LLMs", ["Local AI", "Desktop app", "macOS · Windows · Linux"],
                "4.7", "318", [("Personal use", "Free"), ("Work use", "Free")],
                """<h2>Our verdict</h2><p>LM Studio is a desktop app for running language models on your own computer. It finds
GGUF and MLX models on Hugging Face, downloads them, and serves them through an OpenAI-compatible local server.</p>
<div class="pros"><div><b>Pros</b><br>Friendly model browser<br>Runs fully offline</div><div><b>Cons</b><br>Closed-source app<br>Large downloads</div></div>"""),
    truth=_label("LM Studio", "Discover, download, and run local LLMs", entry="Free", usd=0),
    source="lmstudio.ai home page tagline; review text written for this corpus",
    source_license="Proprietary (short excerpt)",
    viewport=(1280, 760), variants=("light", "dark", "browser"),
)

ELEVEN = Page(
    id="elevenlabs",
    url="https://toolsmith.example/reviews/elevenlabs",
    html=site_b("ElevenLabs", "Realistic AI text to speech and voice cloning in 29 languages", ["Voice AI", "Text to speech"],
                "4.5", "1,204", [("Free", "$0/mo"), ("Starter", "$5/mo"), ("Creator", "$22/mo"), ("Pro", "$99/mo"), ("Scale", "$330/mo")],
                """<h2>Our verdict</h2><p>ElevenLabs turns text into natural-sounding speech and can clone a voice from a short
sample. The Multilingual v2 model covers 29 languages; the API is priced per character.</p>
<div class="pros"><div><b>Pros</b><br>Very natural voices<br>Good API</div><div><b>Cons</b><br>Character quotas run out fast</div></div>""",
                visit="Try ElevenLabs"),
    truth=_label("ElevenLabs", "Realistic AI text to speech and voice cloning in 29 languages", entry="Free", usd=0,
                 tiers=[("Free", 0), ("Starter", 5), ("Creator", 22), ("Pro", 99), ("Scale", 330)]),
    source="elevenlabs.io/pricing (plan names and prices, 2025); review text written for this corpus",
    source_license="Proprietary (short factual excerpt)",
    viewport=(1280, 760), variants=("light", "cookie"),
)

# Site C: "StackRank" — software-review marketplace: tabs, score card, "Starting price" box, alternatives list.
C_CSS = f"""
:root{{--bg:#ffffff;--fg:#1e1e2d;--muted:#676778;--line:#e4e4ec;--soft:#f6f6fa;--acc:#ff492c;--star:#ff492c}}
html.dark{{--bg:#121219;--fg:#ececf3;--muted:#9d9daf;--line:#2b2b38;--soft:#1b1b25}}
body{{background:var(--bg);color:var(--fg);font-family:{CONDENSED};font-size:14px}}
.top{{display:flex;align-items:center;gap:18px;padding:12px 32px;border-bottom:1px solid var(--line)}}
.top .w{{font-size:22px;font-weight:bold;color:var(--acc)}} .top .s{{flex:1;border:2px solid var(--line);border-radius:22px;padding:7px 16px;color:var(--muted)}}
.sub{{background:var(--soft);padding:22px 32px;display:flex;gap:22px;align-items:center;border-bottom:1px solid var(--line)}}
.sub h1{{margin:0;font-size:28px}} .sub .one{{color:var(--muted);margin-top:4px;font-size:15px}} .sub .sp{{flex:1}}
.sub .v{{background:var(--acc);color:#fff;padding:10px 18px;border-radius:4px;font-weight:bold}}
.tabs{{padding:0 32px;border-bottom:1px solid var(--line)}} .tabs span{{display:inline-block;padding:12px 14px}} .tabs .on{{border-bottom:3px solid var(--acc);font-weight:bold}}
.g{{display:grid;grid-template-columns:1fr 1fr 300px;gap:18px;padding:20px 32px}} .bx{{border:1px solid var(--line);border-radius:6px;padding:16px}}
.bx h3{{margin:0 0 10px;font-size:15px}} .big{{font-size:30px;font-weight:bold}} .muted{{color:var(--muted)}}
.cat{{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:3px 8px;margin:0 4px 4px 0}}
.alt{{padding:7px 0;border-top:1px solid var(--line)}}
"""


def site_c(name, one_liner, mark, color, rating, reviews, cats, price_box, about, alts) -> str:
    return doc(f"{name} Reviews 2025: Details, Pricing, & Features | StackRank", C_CSS, f"""
<div class="top"><span class="w">StackRank</span><span class="s">Search for software, categories, etc.</span>
<span>Software ▾</span><span>Services ▾</span><span>Write a Review</span><span>Log In</span></div>
<div class="sub">{logo(mark, color, size=72, radius=6)}<div><h1>{esc(name)}</h1><div class="one">{esc(one_liner)}</div>
<div>{stars(float(rating), "#ff492c", 17)} <b>{rating} out of 5</b> <span class="muted">({reviews} reviews)</span></div></div>
<span class="sp"></span><span class="v">Visit Website</span></div>
<div class="tabs"><span class="on">Overview</span><span>Pricing</span><span>Reviews</span><span>Features</span><span>Alternatives</span></div>
<div class="g"><div class="bx"><h3>What is {esc(name)}?</h3><p style="line-height:1.6">{esc(about)}</p>
<h3>Categories</h3>{''.join(f'<span class="cat">{esc(c)}</span>' for c in cats)}</div>
<div class="bx"><h3>Pricing</h3>{price_box}</div>
<div class="bx"><h3>{esc(name)} Alternatives</h3>{''.join(f'<div class="alt"><b>{esc(a)}</b> <span class="muted">{r}</span></div>' for a, r in alts)}</div></div>""")


SUPABASE = Page(
    id="supabase",
    url="https://stackrank.example/products/supabase/reviews",
    html=site_c("Supabase", "The open source Firebase alternative.", "S", "#3ecf8e", "4.6", "112", ["Database", "Backend as a Service"],
                """<div class="muted">Starting price</div><div class="big">$25</div><div class="muted">Per Month</div>
<p>✓ Free Version available<br>✓ Free Trial available</p>""",
                "Supabase is the Postgres development platform. Start your project with a Postgres database, Authentication, "
                "instant APIs, Edge Functions, Realtime subscriptions, Storage, and Vector embeddings.",
                [("Firebase", "4.5 ★"), ("PlanetScale", "4.4 ★"), ("Neon", "4.7 ★"), ("Appwrite", "4.6 ★")]),
    truth=_label("Supabase", "The open source Firebase alternative.", "Database", "Free", 0),
    source="github.com/supabase/supabase README.md and apps/www copy", source_license="Apache-2.0",
    viewport=(1280, 720), variants=("light", "dark"),
)

ANYTHING = Page(
    id="anythingllm",
    url="https://stackrank.example/products/anythingllm/reviews",
    html=site_c("AnythingLLM", "The all-in-one AI app you were looking for.", "A", "#0b7bc4", "4.8", "57",
                ["AI Chatbots", "Open source", "MIT"],
                """<div class="big">Free</div><div class="muted">Open source (MIT) · desktop and Docker</div>
<p>Hosted instances available from the vendor.</p>""",
                "A full-stack application that enables you to turn any document, resource, or piece of content into context "
                "that any LLM can use as references during chatting.",
                [("Open WebUI", "4.7 ★"), ("LM Studio", "4.7 ★"), ("Jan", "4.5 ★")]),
    truth=_label("AnythingLLM", "The all-in-one AI app you were looking for.", "AI Chatbots", "Free", 0, license_="MIT"),
    source="github.com/Mintplex-Labs/anything-llm README.md", source_license="MIT",
    viewport=(1280, 720), variants=("light", "dark", "2x"),
)

PAGES = [CURSOR, SMOLVLM, LMSTUDIO, ELEVEN, SUPABASE, ANYTHING]
