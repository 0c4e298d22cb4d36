"""Comparison pages: a vendor's "Us vs Them" page, or a third-party "A vs B" page.

Label: for a vendor page, the vendor's product; for a neutral third-party page, the FIRST product
named (A). The other product's name, tagline and prices are distractors. (The brief asked for
`"note": "neutral comparison"` on neutral pages, but check.py allows no such key; neutral pages
are listed in NEUTRAL instead.) Product descriptions are the products' own one-liners; prices are
the publicly listed plan prices at the time of writing.
"""

from __future__ import annotations

from benchmarks.corpus.kit import DJV_SERIF, LIB_SANS, MONO, SANS, SERIF, doc, logo
from benchmarks.corpus.page import Page

SEALED = False


def _truth(name, tagline=None, *, license=None, open_weights=None, entry=None, entry_usd=None, tiers=(), **extra):
    return {"name": name, "tagline": tagline, "license": license, "open_weights": open_weights, "entry": entry,
            "entry_usd_per_month": entry_usd, "tiers": [dict(t) for t in tiers], "injection": False, **extra}


def _tier(name, usd, period="month"):
    return {"name": name, "price_usd": usd, "period": period}


Y = '<span class="y">✓</span>'
N = '<span class="n">✗</span>'

# ---------------------------------------------------------------- 1. vendor page: Continue vs GitHub Copilot
CONT_CSS = f"""
:root{{--bg:#ffffff;--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--hero:#0b1020;--herofg:#f8fafc;--accent:#be185d;--row:#f8fafc}}
html.dark{{--bg:#0b1020;--fg:#e2e8f0;--muted:#94a3b8;--line:#1e293b;--hero:#020617;--herofg:#f8fafc;--accent:#f472b6;--row:#111827}}
body{{background:var(--bg);color:var(--fg);font:15px/1.55 {LIB_SANS}}}
.nav{{background:var(--hero);color:var(--herofg);display:flex;align-items:center;gap:28px;padding:14px 70px;font-size:14px}}
.nav b{{font-size:19px;display:flex;gap:8px;align-items:center}}.nav .r{{margin-left:auto;background:var(--accent);padding:7px 14px;border-radius:6px}}
.hero{{background:var(--hero);color:var(--herofg);padding:30px 70px 46px;text-align:center}}
.hero h1{{font-size:40px;margin:0}}.hero p{{color:#cbd5e1;font-size:18px;margin:8px 0 0}}
table{{border-collapse:collapse;width:1000px;margin:-24px auto 0;background:var(--bg);box-shadow:0 8px 30px rgba(0,0,0,.12);border-radius:10px;overflow:hidden}}
th,td{{padding:11px 18px;border-bottom:1px solid var(--line);text-align:left}}
th{{background:var(--row);font-size:16px}}td:first-child{{color:var(--muted);width:36%}}
.y{{color:#16a34a;font-weight:700}}.n{{color:#dc2626;font-weight:700}}
.foot{{text-align:center;color:var(--muted);font-size:13px;margin:16px}}
"""

CONT_BODY = f"""
<div class="nav"><b>{logo("C", "#be185d", size=26, radius=6)} continue</b><span>Product</span><span>Docs</span><span>Hub</span><span>Blog</span><span class="r">Get started</span></div>
<div class="hero"><h1>Continue vs. GitHub Copilot</h1><p>Why developers switch to an open-source assistant they can configure end to end.</p></div>
<table><tr><th></th><th>Continue</th><th>GitHub Copilot</th></tr>
<tr><td>Open source</td><td>{Y} Apache-2.0</td><td>{N} Proprietary</td></tr>
<tr><td>Bring any model (Ollama, OpenAI, Anthropic, Mistral…)</td><td>{Y}</td><td>Limited model picker</td></tr>
<tr><td>Run fully local, no code leaves your machine</td><td>{Y}</td><td>{N}</td></tr>
<tr><td>IDEs</td><td>VS Code, JetBrains</td><td>VS Code, JetBrains, Visual Studio, Neovim</td></tr>
<tr><td>Custom slash commands and context providers</td><td>{Y}</td><td>{N}</td></tr>
<tr><td>Price</td><td><b>Free</b> — bring your own API keys</td><td>Free tier; Pro $10/month; Pro+ $39/month</td></tr></table>
<div class="foot">GitHub Copilot is a trademark of GitHub, Inc. Comparison based on publicly available information.</div>"""

# ---------------------------------------------------------------- 2. neutral article: Ollama vs LM Studio
OL_CSS = f"""
:root{{--bg:#fffdf8;--fg:#222;--muted:#6b6257;--line:#e6dfd3;--accent:#b45309;--th:#f5efe3}}
html.dark{{--bg:#1a1714;--fg:#ece6dc;--muted:#a69c8e;--line:#3a332b;--accent:#f59e0b;--th:#26211c}}
body{{background:var(--bg);color:var(--fg);font:17px/1.65 {SERIF}}}
.mast{{text-align:center;border-bottom:3px double var(--line);padding:14px 0 8px}}
.mast b{{font:700 30px {DJV_SERIF};letter-spacing:-1px}}.mast div{{font:12px {LIB_SANS};color:var(--muted);letter-spacing:3px;text-transform:uppercase}}
.col{{max-width:860px;margin:0 auto;padding:10px 20px}}
.kick{{font:700 12px {LIB_SANS};color:var(--accent);letter-spacing:2px;text-transform:uppercase;margin-top:14px}}
h1{{font:700 36px/1.15 {DJV_SERIF};margin:6px 0}}.by{{font:13px {LIB_SANS};color:var(--muted)}}
.two{{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin:18px 0}}
.two div{{border-top:3px solid var(--accent);padding-top:6px}}.two b{{font:700 20px {LIB_SANS}}}.two p{{margin:2px 0;font-style:italic}}
table{{width:100%;border-collapse:collapse;font:15px {LIB_SANS}}}
th,td{{border-bottom:1px solid var(--line);padding:8px 10px;text-align:left}}th{{background:var(--th)}}
"""

OL_BODY = """
<div class="mast"><b>The Local Stack</b><div>Reviews · Guides · Benchmarks</div></div>
<div class="col"><div class="kick">Head to head</div><h1>Ollama vs LM Studio: which local LLM runner should you use?</h1>
<div class="by">By Mara Lindqvist · Updated March 2025 · 9 min read</div>
<div class="two"><div><b>Ollama</b><p>Get up and running with large language models.</p></div><div><b>LM Studio</b><p>Discover, download, and run local LLMs</p></div></div>
<p>Both tools run open models such as Llama, Gemma, Qwen and Mistral on your own hardware. Ollama is a command-line tool and background server with an OpenAI-compatible API; LM Studio is a desktop app with a model browser and a built-in chat window.</p>
<table><tr><th></th><th>Ollama</th><th>LM Studio</th></tr>
<tr><td>Interface</td><td>CLI + REST API</td><td>Desktop GUI + local server</td></tr>
<tr><td>License</td><td>MIT</td><td>Proprietary (free to use)</td></tr>
<tr><td>Model format</td><td>GGUF via Modelfile</td><td>GGUF, MLX</td></tr>
<tr><td>Platforms</td><td>macOS, Windows, Linux</td><td>macOS, Windows, Linux</td></tr>
<tr><td>Price</td><td>Free</td><td>Free</td></tr></table>
<p><b>Verdict:</b> pick Ollama if you script and serve models; pick LM Studio if you want to browse and chat without a terminal.</p></div>"""

# ---------------------------------------------------------------- 3. neutral VS cards: Aider vs Cline
AC_CSS = f"""
:root{{--bg:#f1f5f9;--card:#ffffff;--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--a:#0d9488;--b:#6366f1}}
html.dark{{--bg:#020617;--card:#0f172a;--fg:#e2e8f0;--muted:#94a3b8;--line:#1e293b;--a:#2dd4bf;--b:#a5b4fc}}
body{{background:var(--bg);color:var(--fg);font:15px/1.5 {SANS}}}
.top{{display:flex;gap:24px;align-items:center;padding:14px 60px;font-size:14px;color:var(--muted)}}
.top b{{color:var(--fg);font-size:18px;margin-right:auto}}
h1{{text-align:center;font-size:30px;margin:8px 0 4px}}.sub{{text-align:center;color:var(--muted);margin:0 0 20px}}
.vs{{display:grid;grid-template-columns:1fr 60px 1fr;max-width:1060px;margin:0 auto;align-items:stretch}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:22px 26px}}
.card h2{{margin:0;font-size:26px}}.card .t{{color:var(--muted);margin:2px 0 12px}}
.a h2{{color:var(--a)}}.b h2{{color:var(--b)}}
.mid{{display:flex;align-items:center;justify-content:center;font:700 20px {MONO};color:var(--muted)}}
.card dl{{display:grid;grid-template-columns:120px 1fr;margin:0;row-gap:7px;font-size:14px}}.card dt{{color:var(--muted)}}
.note{{max-width:1060px;margin:18px auto;color:var(--muted);font-size:14px}}
"""

AC_BODY = """
<div class="top"><b>stackmatch</b><span>Compare</span><span>Categories</span><span>Newsletter</span></div>
<h1>Aider vs Cline</h1><p class="sub">Two open-source AI coding agents, compared feature by feature.</p>
<div class="vs"><div class="card a"><h2>Aider</h2><p class="t">AI pair programming in your terminal</p>
<dl><dt>Interface</dt><dd>Terminal (CLI), optional browser UI</dd><dt>License</dt><dd>Apache-2.0</dd><dt>Git integration</dt><dd>Auto-commits every change</dd><dt>Models</dt><dd>Claude, GPT-4o, DeepSeek, local via Ollama</dd><dt>Repo map</dt><dd>Yes (tree-sitter)</dd><dt>Price</dt><dd>Free — pay your LLM provider</dd></dl></div>
<div class="mid">VS</div>
<div class="card b"><h2>Cline</h2><p class="t">Autonomous coding agent right in your IDE</p>
<dl><dt>Interface</dt><dd>VS Code extension</dd><dt>License</dt><dd>Apache-2.0</dd><dt>Git integration</dt><dd>Checkpoints of the workspace</dd><dt>Models</dt><dd>Anthropic, OpenRouter, Bedrock, Ollama…</dd><dt>Browser use</dt><dd>Yes</dd><dt>Price</dt><dd>Free — pay your LLM provider</dd></dl></div></div>
<p class="note">Choose Aider if you live in the terminal and want every edit committed to git; choose Cline if you want an agent that asks permission step by step inside VS Code.</p>"""

# ---------------------------------------------------------------- 4. neutral pricing comparison: Le Chat vs ChatGPT
LC_CSS = f"""
:root{{--bg:#ffffff;--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--a:#fa500f;--b:#10a37f;--soft:#fff7ed;--soft2:#ecfdf5}}
html.dark{{--bg:#111111;--fg:#f3f4f6;--muted:#9ca3af;--line:#2d2d2d;--a:#ff7a3d;--b:#34d399;--soft:#2a1a10;--soft2:#0f2a20}}
body{{background:var(--bg);color:var(--fg);font:15px/1.5 {LIB_SANS}}}
.h{{display:flex;align-items:center;padding:12px 48px;border-bottom:1px solid var(--line);gap:20px;font-size:14px;color:var(--muted)}}
.h b{{color:var(--fg);font-size:17px}}.h .r{{margin-left:auto}}
.w{{max-width:1080px;margin:0 auto;padding:18px 20px}}
h1{{font-size:28px;margin:0 0 4px}}.u{{color:var(--muted);font-size:13px;margin-bottom:16px}}
.g{{display:grid;grid-template-columns:1fr 1fr;gap:24px}}
.p{{border:1px solid var(--line);border-radius:10px;overflow:hidden}}
.p h2{{margin:0;padding:12px 16px;font-size:20px}}.pa h2{{background:var(--soft);color:var(--a)}}.pb h2{{background:var(--soft2);color:var(--b)}}
.p p{{margin:8px 16px;color:var(--muted);font-size:14px}}
.pl{{display:flex;justify-content:space-between;padding:10px 16px;border-top:1px solid var(--line)}}.pl b{{font-size:16px}}
.pros{{margin-top:18px;display:grid;grid-template-columns:1fr 1fr;gap:24px;font-size:14px}}
"""

LC_BODY = """
<div class="h"><b>PlanPicker</b><span>AI assistants</span><span>Coding tools</span><span>Image tools</span><span class="r">Sign up for deals</span></div>
<div class="w"><h1>Le Chat vs ChatGPT: plans and prices compared</h1><div class="u">Prices in USD, billed monthly. Last checked April 2025.</div>
<div class="g"><div class="p pa"><h2>Le Chat</h2><p>Mistral AI's assistant, with web search, canvas, document upload and image generation.</p>
<div class="pl"><span>Free</span><b>$0/month</b></div><div class="pl"><span>Pro</span><b>$14.99/month</b></div><div class="pl"><span>Team</span><b>Contact sales</b></div><div class="pl"><span>Enterprise</span><b>Contact sales</b></div></div>
<div class="p pb"><h2>ChatGPT</h2><p>OpenAI's assistant, with GPT-4o, search, voice mode, file uploads and custom GPTs.</p>
<div class="pl"><span>Free</span><b>$0/month</b></div><div class="pl"><span>Plus</span><b>$20/month</b></div><div class="pl"><span>Pro</span><b>$200/month</b></div><div class="pl"><span>Team</span><b>$30/user/month</b></div></div></div>
<div class="pros"><div><b>Why Le Chat</b><br>Cheaper paid plan, fast answers, European company.</div><div><b>Why ChatGPT</b><br>Larger ecosystem of GPTs and integrations.</div></div></div>"""

# ---------------------------------------------------------------- 5. neutral spec sheet: Claude vs ChatGPT
CC_CSS = f"""
:root{{--bg:#fbfbfa;--fg:#191919;--muted:#737373;--line:#e7e5e4;--a:#c2410c;--b:#0f766e;--th:#f5f5f4}}
html.dark{{--bg:#0f0f0f;--fg:#f5f5f5;--muted:#a3a3a3;--line:#262626;--a:#fb923c;--b:#5eead4;--th:#1a1a1a}}
body{{background:var(--bg);color:var(--fg);font:14px/1.5 {SANS}}}
.top{{padding:14px 56px;display:flex;gap:26px;border-bottom:1px solid var(--line);font-size:13px;color:var(--muted)}}
.top b{{color:var(--fg);font:700 17px {MONO}}}
.w{{padding:20px 56px}}
h1{{font:700 32px {DJV_SERIF};margin:0}}h1 .a{{color:var(--a)}}h1 .b{{color:var(--b)}}
.lede{{color:var(--muted);margin:4px 0 18px;max-width:760px}}
table{{width:100%;border-collapse:collapse}}
th,td{{padding:9px 12px;border:1px solid var(--line);text-align:left;vertical-align:top}}th{{background:var(--th);width:22%}}
thead td{{font-weight:700;font-size:16px}}
"""

CC_BODY = """
<div class="top"><b>spec/sheet</b><span>Chatbots</span><span>APIs</span><span>Methodology</span></div>
<div class="w"><h1><span class="a">Claude</span> vs <span class="b">ChatGPT</span></h1>
<p class="lede">A side-by-side of Anthropic's and OpenAI's consumer assistants: models, limits and the plans you can buy.</p>
<table><thead><tr><th></th><td>Claude</td><td>ChatGPT</td></tr></thead>
<tr><th>Maker</th><td>Anthropic</td><td>OpenAI</td></tr>
<tr><th>Flagship models</th><td>Claude Sonnet 4, Claude Opus 4</td><td>GPT-4o, o3</td></tr>
<tr><th>Context window</th><td>200K tokens</td><td>128K tokens</td></tr>
<tr><th>Projects / memory</th><td>Projects</td><td>Projects, memory</td></tr>
<tr><th>Free plan</th><td>Free — $0</td><td>Free — $0</td></tr>
<tr><th>Individual plan</th><td>Pro — $20/month</td><td>Plus — $20/month</td></tr>
<tr><th>Power-user plan</th><td>Max — from $100/month</td><td>Pro — $200/month</td></tr>
<tr><th>Team plan</th><td>Team — $30/user/month</td><td>Team — $30/user/month</td></tr></table></div>"""

NEUTRAL = ("ollama-vs-lmstudio", "aider-vs-cline", "lechat-vs-chatgpt", "claude-vs-chatgpt")

PAGES = [
    Page(
        id="continue-vs-copilot",
        html=doc("Continue vs. GitHub Copilot | Continue", CONT_CSS, CONT_BODY),
        truth=_truth("Continue", None, license="Apache-2.0", entry="Free", entry_usd=0),
        source="github.com/continuedev/continue README and extensions/vscode/package.json (license, pricing: Free); "
               "GitHub Copilot plan prices from github.com/features/copilot/plans",
        source_license="Apache-2.0",
        url="https://continue.dev/compare/github-copilot",
        variants=("light", "dark", "cut"),
    ),
    Page(
        id="ollama-vs-lmstudio",
        html=doc("Ollama vs LM Studio: which local LLM runner should you use? — The Local Stack", OL_CSS, OL_BODY),
        truth=_truth("Ollama", "Get up and running with large language models.", license="MIT",
                     entry="Free", entry_usd=0),
        source="github.com/ollama/ollama README (tagline, MIT license); lmstudio.ai tagline",
        source_license="MIT",
        url="https://thelocalstack.example/ollama-vs-lm-studio",
        variants=("light", "browser", "cookie"),
    ),
    Page(
        id="aider-vs-cline",
        html=doc("Aider vs Cline | stackmatch", AC_CSS, AC_BODY),
        truth=_truth("Aider", "AI pair programming in your terminal", license="Apache-2.0"),
        source="github.com/Aider-AI/aider README; github.com/cline/cline package.json description",
        source_license="Apache-2.0",
        url="https://stackmatch.example/aider-vs-cline",
        variants=("light", "dark"),
    ),
    Page(
        id="lechat-vs-chatgpt",
        html=doc("Le Chat vs ChatGPT: plans and prices compared | PlanPicker", LC_CSS, LC_BODY),
        truth=_truth("Le Chat", None, entry="Free", entry_usd=0, tiers=[_tier("Free", 0), _tier("Pro", 14.99)]),
        source="mistral.ai/pricing (Le Chat plans) and openai.com/chatgpt/pricing, as published in 2025",
        source_license="facts only (plan names and prices)",
        url="https://planpicker.example/le-chat-vs-chatgpt",
        variants=("light", "announce", "2x"),
    ),
    Page(
        id="claude-vs-chatgpt",
        html=doc("Claude vs ChatGPT — spec/sheet", CC_CSS, CC_BODY),
        truth=_truth("Claude", None, entry="Free", entry_usd=0,
                     tiers=[_tier("Free", 0), _tier("Pro", 20), _tier("Max", 100), _tier("Team", 30)]),
        source="claude.ai pricing (claude.com/pricing) and openai.com/chatgpt/pricing, as published in 2025",
        source_license="facts only (plan names and prices)",
        url="https://specsheet.example/claude-vs-chatgpt",
        variants=("light", "dark", "browser"),
    ),
]
