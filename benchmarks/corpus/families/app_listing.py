"""App-store and extension-store listings: store nav, app icon, name, developer, rating, install/get button,
screenshot strip, description, price, category.

The stores' own brands and nav are distractors. App names, descriptions, publishers, licenses and
categories come from the apps' own manifests/READMEs; ratings, counts and store chrome are layout.
SEALED: measured only, never tuned on.
"""

from __future__ import annotations

from benchmarks.corpus.kit import CONDENSED, LIB_SANS, SANS, doc, stars
from benchmarks.corpus.page import Page

SEALED = True


def _truth(name, tagline=None, *, license=None, open_weights=None, entry=None, entry_usd=None, tiers=(), **extra):
    return {"name": name, "tagline": tagline, "license": license, "open_weights": open_weights, "entry": entry,
            "entry_usd_per_month": entry_usd, "tiers": [dict(t) for t in tiers], "injection": False, **extra}


def _shots(n: int, w: int, h: int, colors: list[str]) -> str:
    out = []
    for i in range(n):
        c = colors[i % len(colors)]
        out.append(f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" style="border-radius:8px;flex:none">'
                   f'<rect width="{w}" height="{h}" fill="{c}"/>'
                   f'<rect x="{w*.08}" y="{h*.1}" width="{w*.25}" height="{h*.8}" rx="4" fill="#ffffff" opacity=".18"/>'
                   f'<rect x="{w*.38}" y="{h*.12}" width="{w*.5}" height="{h*.08}" rx="3" fill="#ffffff" opacity=".5"/>'
                   f'<rect x="{w*.38}" y="{h*.28}" width="{w*.44}" height="{h*.06}" rx="3" fill="#ffffff" opacity=".3"/>'
                   f'<rect x="{w*.38}" y="{h*.4}" width="{w*.52}" height="{h*.3}" rx="4" fill="#000000" opacity=".22"/>'
                   "</svg>")
    return "".join(out)


# ---------------------------------------------------------------- 1. Cline on a VS Code Marketplace-like page
CLINE_CSS = f"""
:root{{--bg:#ffffff;--fg:#1e1e1e;--muted:#616161;--line:#e5e5e5;--top:#1e1e1e;--topfg:#fff;--accent:#0066b8;--tab:#f3f3f3}}
html.dark{{--bg:#1f1f1f;--fg:#cccccc;--muted:#9d9d9d;--line:#3c3c3c;--top:#111111;--topfg:#ddd;--accent:#3794ff;--tab:#2a2a2a}}
body{{background:var(--bg);color:var(--fg);font:14px/1.5 {SANS}}}
.top{{background:var(--top);color:var(--topfg);height:48px;display:flex;align-items:center;padding:0 32px;gap:26px;font-size:14px}}
.top b{{font-size:16px;font-weight:normal}}.top .s{{margin-left:auto;opacity:.8}}
.crumb{{padding:10px 32px;font-size:12px;color:var(--muted);border-bottom:1px solid var(--line)}}
.hd{{display:flex;gap:26px;padding:24px 32px 18px}}
h1{{font-size:26px;font-weight:normal;margin:0}}
.pub{{display:flex;gap:14px;align-items:center;color:var(--muted);margin:4px 0;font-size:13px}}
.pub a{{color:var(--accent)}}
.desc{{margin:6px 0 12px;max-width:760px}}
.inst{{display:inline-block;background:var(--accent);color:#fff;padding:5px 16px;border-radius:2px;margin-right:10px}}
.free{{color:var(--muted);font-size:13px}}
.tabs{{display:flex;gap:2px;padding:0 32px;border-bottom:1px solid var(--line)}}
.tabs span{{padding:8px 16px;font-size:13px;color:var(--muted)}}.tabs .on{{color:var(--fg);border-bottom:2px solid var(--accent)}}
.body{{display:flex;gap:40px;padding:18px 32px}}
.md{{flex:1}}.md h2{{font-size:19px;margin:4px 0 8px;font-weight:600}}
.side{{width:300px;font-size:13px}}.side h4{{margin:0 0 6px;font-size:13px}}
.side .c span{{display:inline-block;border:1px solid var(--line);padding:1px 8px;margin:0 4px 6px 0;background:var(--tab)}}
.side dl{{display:grid;grid-template-columns:110px 1fr;margin:0;row-gap:3px}}.side dt{{color:var(--muted)}}
"""

CLINE_ICON = """<svg width="128" height="128" viewBox="0 0 128 128"><rect width="128" height="128" rx="6" fill="#617A91"/>
<rect x="30" y="38" width="68" height="58" rx="16" fill="#fff"/><circle cx="50" cy="64" r="7" fill="#617A91"/><circle cx="78" cy="64" r="7" fill="#617A91"/>
<rect x="58" y="20" width="12" height="20" rx="5" fill="#fff"/></svg>"""

CLINE_BODY = f"""
<div class="top"><b>Visual Studio | Marketplace</b><span>Visual Studio</span><span>Visual Studio Code</span><span>Azure DevOps</span><span class="s">Sign in</span></div>
<div class="crumb">Visual Studio Code › AI › Cline</div>
<div class="hd">{CLINE_ICON}<div><h1>Cline</h1>
<div class="pub"><a>Cline Bot Inc.</a><span>|</span><span>⤓ 2,143,880 installs</span><span>|</span>{stars(4.5, size=14)}<span>(318)</span><span>|</span><span>Free</span></div>
<p class="desc">Autonomous coding agent right in your IDE, capable of creating/editing files, running commands, using the browser, and more with your permission every step of the way.</p>
<span class="inst">Install</span><span class="free">Trouble Installing?</span></div></div>
<div class="tabs"><span class="on">Overview</span><span>Version History</span><span>Q &amp; A</span><span>Rating &amp; Review</span></div>
<div class="body"><div class="md"><h2>Meet Cline, an AI assistant that can use your CLI aNd Editor.</h2>
<p>Thanks to Claude's agentic coding capabilities, Cline can handle complex software development tasks step-by-step. With tools that let him create &amp; edit files, explore large projects, use the browser, and execute terminal commands (after you grant permission), he can assist you in ways that go beyond code completion or tech support.</p>
<div style="display:flex;gap:10px">{_shots(3, 200, 120, ["#2d3e50", "#35506b", "#1f2d3a"])}</div></div>
<div class="side"><h4>Categories</h4><div class="c"><span>AI</span><span>Chat</span><span>Programming Languages</span><span>Education</span></div>
<h4 style="margin-top:12px">Resources</h4><div>Issues · Repository · Homepage · License</div>
<h4 style="margin-top:12px">More Info</h4><dl><dt>Version</dt><dd>3.4.9</dd><dt>Publisher</dt><dd>saoudrizwan</dd><dt>License</dt><dd>Apache-2.0</dd><dt>Unique Identifier</dt><dd>saoudrizwan.claude-dev</dd></dl></div></div>"""

# ---------------------------------------------------------------- 2. Page Assist on a Chrome Web Store-like page
PA_CSS = f"""
:root{{--bg:#ffffff;--fg:#1f1f1f;--muted:#5f6368;--line:#dadce0;--accent:#0b57d0;--chip:#e8f0fe;--card:#f8fafd}}
html.dark{{--bg:#1f1f1f;--fg:#e3e3e3;--muted:#a8abaf;--line:#3c4043;--accent:#a8c7fa;--chip:#2d3a4f;--card:#282a2c}}
body{{background:var(--bg);color:var(--fg);font:14px/1.5 {LIB_SANS}}}
.top{{display:flex;align-items:center;gap:14px;padding:12px 28px;border-bottom:1px solid var(--line)}}
.top .w{{font-size:20px;color:var(--muted)}}.top .q{{margin-left:40px;flex:0 0 520px;background:var(--card);border-radius:24px;padding:10px 18px;color:var(--muted)}}
.top .r{{margin-left:auto;color:var(--muted)}}
.sub{{display:flex;gap:26px;padding:0 28px;border-bottom:1px solid var(--line);font-size:14px}}
.sub span{{padding:10px 0;color:var(--muted)}}.sub .on{{color:var(--accent);border-bottom:3px solid var(--accent)}}
.wrap{{max-width:1060px;margin:0 auto;padding:22px 20px}}
.hd{{display:flex;gap:22px;align-items:flex-start}}
h1{{font-size:28px;font-weight:normal;margin:0}}
.dev{{color:var(--muted);font-size:13px;margin:4px 0}}.dev a{{color:var(--accent)}}
.meta{{display:flex;gap:12px;align-items:center;font-size:13px;color:var(--muted)}}
.chip{{background:var(--chip);color:var(--accent);padding:2px 10px;border-radius:12px}}
.add{{margin-left:auto;background:var(--accent);color:var(--bg);padding:10px 22px;border-radius:20px;font-weight:700}}
.strip{{display:flex;gap:14px;margin:24px 0;overflow:hidden}}
.grid{{display:grid;grid-template-columns:1fr 300px;gap:40px}}
h2{{font-size:18px;font-weight:normal;margin:0 0 8px}}
.det dl{{display:grid;grid-template-columns:110px 1fr;row-gap:6px;margin:0;font-size:13px}}.det dt{{color:var(--muted)}}
"""

PA_BODY = f"""
<div class="top"><svg width="28" height="28" viewBox="0 0 28 28"><circle cx="14" cy="14" r="13" fill="#db4437"/><circle cx="14" cy="14" r="6" fill="#fff"/><circle cx="14" cy="14" r="4" fill="#4285f4"/></svg>
<span class="w">chrome web store</span><span class="q">Search extensions and themes</span><span class="r">⋮ &nbsp; Sign in</span></div>
<div class="sub"><span>Discover</span><span class="on">Extensions</span><span>Themes</span></div>
<div class="wrap"><div class="hd">
<svg width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#111"/><path d="M18 46V18h16a10 10 0 010 20H26" stroke="#fff" stroke-width="6" fill="none"/></svg>
<div style="flex:1"><h1>Page Assist - A Web UI for Local AI Models</h1>
<div class="dev">Use your locally running AI models to assist you in your web browsing.</div>
<div class="meta"><span class="chip">Extension</span><span class="chip">Tools</span><span>{stars(4.8, "#1f1f1f", 13)} 4.8 (214 ratings)</span><span>300,000 users</span></div>
<div class="dev">Offered by <a>n4ze3m</a> · Featured</div></div>
<span class="add">Add to Chrome</span></div>
<div class="strip">{_shots(4, 300, 188, ["#0f172a", "#1e293b", "#334155", "#0f766e"])}</div>
<div class="grid"><div><h2>Overview</h2>
<p>Page Assist is an open-source browser extension that provides a sidebar and web UI for your local AI model. It allows you to interact with your model from any webpage.</p>
<p><b>Sidebar</b>: A sidebar that can be opened on any webpage. It allows you to interact with your model and see the results.<br>
<b>Web UI</b>: A web UI that allows you to interact with your model like a ChatGPT Website.<br>
<b>Chat With Webpage</b>: You can chat with the webpage and ask questions about the content.</p>
<p>Page Assist does not collect any personal data. All the data is stored locally in the browser storage.</p></div>
<div class="det"><h2>Details</h2><dl><dt>Version</dt><dd>1.5.9</dd><dt>Updated</dt><dd>May 12, 2025</dd><dt>Size</dt><dd>3.41MiB</dd><dt>Languages</dt><dd>14 languages</dd><dt>Category</dt><dd>Tools</dd><dt>Developer</dt><dd>n4ze3m</dd></dl></div></div></div>"""

# ---------------------------------------------------------------- 3. Enchanted on an App Store web listing
EN_CSS = f"""
:root{{--bg:#ffffff;--fg:#1d1d1f;--muted:#6e6e73;--line:#d2d2d7;--accent:#0071e3;--bar:#f5f5f7}}
html.dark{{--bg:#000000;--fg:#f5f5f7;--muted:#a1a1a6;--line:#424245;--accent:#2997ff;--bar:#1d1d1f}}
body{{background:var(--bg);color:var(--fg);font:15px/1.45 {LIB_SANS}}}
.g{{background:var(--bar);height:44px;display:flex;justify-content:center;gap:38px;align-items:center;font-size:12px;color:var(--muted)}}
.st{{max-width:980px;margin:0 auto;border-bottom:1px solid var(--line);padding:12px 0;font-size:21px;font-weight:600;display:flex}}
.st span{{margin-left:auto;font-size:12px;font-weight:normal;color:var(--muted)}}
.hd{{max-width:980px;margin:30px auto 0;display:flex;gap:36px}}
.ic{{width:230px;height:230px;border-radius:50px;background:linear-gradient(160deg,#1b1b3a,#5b3fd1);display:flex;align-items:center;justify-content:center;flex:none}}
h1{{font-size:32px;margin:0;font-weight:600}}h1 small{{font-size:14px;background:var(--bar);color:var(--muted);padding:2px 6px;border-radius:4px;vertical-align:middle;font-weight:normal;margin-left:8px}}
.by{{color:var(--accent);font-size:20px;margin:6px 0 0}}.rank{{color:var(--muted);margin:2px 0 12px}}
.rt{{color:var(--muted);font-size:14px}}
.price{{margin:10px 0 0;font-size:14px}}.price b{{display:inline-block;background:var(--bar);padding:4px 16px;border-radius:14px;color:var(--accent);margin-right:10px}}
.sec{{max-width:980px;margin:26px auto 0;border-top:1px solid var(--line);padding-top:16px}}
.sec h2{{font-size:22px;margin:0 0 10px}}
.strip{{display:flex;gap:18px}}
.info{{display:grid;grid-template-columns:repeat(4,1fr);gap:18px;font-size:13px}}
.info dt{{color:var(--muted)}}.info dd{{margin:2px 0 0}}
"""

EN_BODY = f"""
<div class="g"><span>Store</span><span>Mac</span><span>iPad</span><span>iPhone</span><span>Watch</span><span>Vision</span><span>Support</span></div>
<div class="st">App Store Preview<span>Open the Mac App Store to buy and download apps.</span></div>
<div class="hd"><div class="ic"><svg width="120" height="120" viewBox="0 0 120 120"><path d="M60 10l12 36 38 2-30 22 11 38-31-22-31 22 11-38-30-22 38-2z" fill="#fff" opacity=".92"/></svg></div>
<div><h1>Enchanted LLM<small>4+</small></h1><div class="by">Augustinas Malinauskas</div>
<div class="rank">#48 in Developer Tools · Designed for iPad</div>
<div class="rt">{stars(4.5, "#ff9500", 15)} 4.5 • 212 Ratings</div>
<div class="price"><b>Free</b>Offers no In-App Purchases</div></div></div>
<div class="sec"><h2>Screenshots</h2><div class="strip">{_shots(3, 300, 190, ["#312e81", "#4c1d95", "#1e1b4b"])}</div></div>
<div class="sec"><p>Enchanted is open source, Ollama compatible, elegant macOS/iOS/iPad app for working with privately hosted models such as Llama 2, Mistral, Vicuna, Starling and more. It's essentially ChatGPT app UI that connects to your private models.</p></div>
<div class="sec"><h2>Information</h2><dl class="info"><div><dt>Seller</dt><dd>Augustinas Malinauskas</dd></div><div><dt>Size</dt><dd>13.6 MB</dd></div><div><dt>Category</dt><dd>Developer Tools</dd></div><div><dt>Compatibility</dt><dd>Requires macOS 14.0 or later.</dd></div></dl></div>"""

# ---------------------------------------------------------------- 4. Continue on an Open VSX-like registry page
CO_CSS = f"""
:root{{--bg:#fafafa;--panel:#ffffff;--fg:#222;--muted:#707070;--line:#e0e0e0;--head:#c160ef;--accent:#a60ee5}}
html.dark{{--bg:#181818;--panel:#222222;--fg:#e8e8e8;--muted:#a0a0a0;--line:#383838;--head:#5b2a73;--accent:#d08cf5}}
body{{background:var(--bg);color:var(--fg);font:14px/1.6 {CONDENSED}}}
.head{{background:var(--head);color:#fff;display:flex;align-items:center;padding:12px 40px;gap:30px}}
.head b{{font-size:20px;letter-spacing:1px}}.head span{{opacity:.9}}.head .r{{margin-left:auto}}
.hero{{background:#1E1E1E;color:#eee;padding:26px 40px;display:flex;gap:30px;align-items:center}}
.hero h1{{margin:0;font-size:30px;font-weight:normal}}
.hero .pub{{color:#bbb;font-size:13px}}.hero .pub b{{color:#fff}}
.hero p{{margin:8px 0;font-size:16px;color:#ddd}}
.badges span{{display:inline-block;border:1px solid #555;border-radius:3px;padding:1px 8px;font-size:12px;margin-right:6px;color:#ccc}}
.dl{{margin-left:auto;text-align:center}}.dl div{{background:#fff;color:#1e1e1e;padding:8px 20px;border-radius:4px;margin-bottom:6px}}
.cols{{display:flex;gap:32px;padding:20px 40px}}
.readme{{flex:1;background:var(--panel);border:1px solid var(--line);padding:18px 22px}}
.readme h2{{margin:0 0 6px;font-size:20px}}
.aside{{width:280px;font-size:13px}}.aside h4{{margin:12px 0 4px;color:var(--muted);font-weight:normal;text-transform:uppercase;font-size:11px;letter-spacing:1px}}
"""

CO_BODY = f"""
<div class="head"><b>Open VSX Registry</b><span>Extensions</span><span>Namespaces</span><span>About</span><span class="r">Log In</span></div>
<div class="hero"><svg width="110" height="110" viewBox="0 0 110 110"><rect width="110" height="110" rx="8" fill="#000"/><path d="M30 30h30l20 25-20 25H30l20-25z" fill="#fff"/></svg>
<div><h1>Continue - CodeLlama, GPT-4, and more</h1><div class="pub">Published by <b>Continue</b> · continue · v0.7.37 · Apache-2.0</div>
<p>Open-source autopilot for software development - bring the power of ChatGPT to your IDE</p>
<div class="badges"><span>Programming Languages</span><span>Education</span><span>Machine Learning</span><span>Snippets</span></div></div>
<div class="dl"><div>⤓ Download</div><small>{stars(4.0, "#ffc107", 13)} 46 reviews · 512K downloads</small></div></div>
<div class="cols"><div class="readme"><h2>Continue</h2>
<p>Continue is the open-source autopilot for software development: a VS Code extension that brings the power of ChatGPT to your IDE. Highlight a section of code and instruct Continue to refactor it, ask about a part of your code to get another perspective, or let Continue build the scaffolding of Python scripts, React components, and more.</p>
<p><b>Edit in natural language</b> — <code>/edit rewrite this function to be async</code><br><b>Get possible explanations</b> — where in the page should I be making this request to the backend?<br><b>Generate files from scratch</b> — <code>/edit here is a connector for postgres, now write one for kafka</code></p>
<div style="display:flex;gap:10px">{_shots(2, 280, 150, ["#262626", "#3a3a3a"])}</div></div>
<div class="aside"><h4>Pricing</h4>Free<h4>Homepage</h4>continue.dev<h4>Repository</h4>github.com/continuedev/continue<h4>Bugs</h4>github.com/continuedev/continue/issues<h4>License</h4>Apache-2.0<h4>Last updated</h4>3 days ago</div></div>"""

# ---------------------------------------------------------------- 5. PocketPal AI on a Google Play-like page
PP_CSS = f"""
:root{{--bg:#ffffff;--fg:#202124;--muted:#5f6368;--line:#e8eaed;--accent:#01875f;--chip:#ffffff}}
html.dark{{--bg:#131314;--fg:#e3e3e3;--muted:#9aa0a6;--line:#3c4043;--accent:#34a853;--chip:#1f1f1f}}
body{{background:var(--bg);color:var(--fg);font:14px/1.5 {SANS}}}
.top{{display:flex;align-items:center;gap:28px;padding:14px 40px;box-shadow:0 1px 3px rgba(0,0,0,.15)}}
.top b{{font-size:20px;font-weight:normal;color:var(--muted)}}.top span{{color:var(--muted)}}.top .on{{color:var(--accent);font-weight:700}}
.wrap{{max-width:1120px;margin:0 auto;padding:30px 40px;display:grid;grid-template-columns:1fr 240px;gap:40px}}
h1{{font-size:40px;font-weight:600;margin:0;letter-spacing:-.5px}}
.dev{{color:var(--accent);font-weight:700;font-size:16px;margin:6px 0 2px}}
.small{{color:var(--muted);font-size:12px}}
.stats{{display:flex;gap:0;margin:22px 0}}.stats div{{padding:0 24px;border-left:1px solid var(--line);text-align:center;font-size:12px;color:var(--muted)}}
.stats div:first-child{{padding-left:0;border:0}}.stats b{{display:block;color:var(--fg);font-size:15px}}
.btn{{display:inline-block;background:var(--accent);color:#fff;padding:10px 56px;border-radius:8px;font-weight:700}}
.ic{{width:240px;height:240px;border-radius:48px;background:#e0f2f1;display:flex;align-items:center;justify-content:center;box-shadow:0 2px 8px rgba(0,0,0,.2)}}
.strip{{display:flex;gap:12px;margin:28px 0}}
h2{{font-size:22px;font-weight:600;margin:0 0 8px}}
.chips span{{display:inline-block;border:1px solid var(--line);border-radius:8px;padding:5px 14px;margin-right:8px;background:var(--chip)}}
"""

PP_BODY = f"""
<div class="top"><svg width="30" height="30" viewBox="0 0 30 30"><path d="M4 3l15 12L4 27z" fill="#00c853"/><path d="M4 3l19 11-4 1z" fill="#2196f3"/><path d="M4 27l19-11-4-1z" fill="#f44336"/></svg><b>Google Play</b><span>Games</span><span class="on">Apps</span><span>Movies &amp; TV</span><span>Books</span><span>Kids</span></div>
<div class="wrap"><div><h1>PocketPal AI</h1><div class="dev">Asghar Ghorbani</div><div class="small">Contains no ads</div>
<div class="stats"><div><b>4.3 ★</b>1.9K reviews</div><div><b>100K+</b>Downloads</div><div><b>E</b>Everyone</div></div>
<span class="btn">Install</span> &nbsp; <span class="small">This app is available for all of your devices</span>
<div class="strip">{_shots(4, 150, 300, ["#00695c", "#004d40", "#26a69a", "#00796b"])}</div>
<h2>About this app →</h2>
<p>PocketPal AI is a pocket-sized AI assistant powered by small language models (SLMs) that run directly on your phone. Designed for both iOS and Android, PocketPal AI lets you interact with various SLMs without the need for an internet connection.</p>
<p class="small">Updated on Apr 28, 2025</p><div class="chips"><span>Productivity</span><span>Assistant</span></div></div>
<div><div class="ic"><svg width="130" height="130" viewBox="0 0 130 130"><rect x="28" y="10" width="74" height="110" rx="14" fill="#004d40"/><rect x="38" y="26" width="54" height="70" rx="6" fill="#e0f2f1"/><circle cx="65" cy="108" r="6" fill="#e0f2f1"/><path d="M48 56h34M48 68h22" stroke="#004d40" stroke-width="5"/></svg></div>
<h2 style="margin-top:30px;font-size:16px">Similar apps</h2><p class="small">Private AI<br>Layla Lite<br>ChatterUI<br>MLC Chat</p></div></div>"""

PAGES = [
    Page(
        id="vscode-cline",
        html=doc("Cline - Visual Studio Marketplace", CLINE_CSS, CLINE_BODY),
        truth=_truth("Cline",
                     "Autonomous coding agent right in your IDE, capable of creating/editing files, running commands, "
                     "using the browser, and more with your permission every step of the way.",
                     license="Apache-2.0", entry="Free", entry_usd=0),
        source="github.com/cline/cline (saoudrizwan/claude-dev) package.json displayName/description/license; README",
        source_license="Apache-2.0",
        url="https://marketplace.visualstudio.com/items?itemName=saoudrizwan.claude-dev",
        variants=("light", "dark", "browser"),
    ),
    Page(
        id="cws-page-assist",
        html=doc("Page Assist - A Web UI for Local AI Models - Chrome Web Store", PA_CSS, PA_BODY),
        truth=_truth("Page Assist", "Use your locally running AI models to assist you in your web browsing.",
                     category="Tools"),
        source="github.com/n4ze3m/page-assist README.md and extension description",
        source_license="MIT",
        url="https://chromewebstore.google.com/detail/page-assist/jfgfiigpkhlkbnfnbobbkinehhfdhndo",
        variants=("light", "cookie", "cut"),
        variant_truth={"cut": {"tagline": None}},
    ),
    Page(
        id="appstore-enchanted",
        html=doc("Enchanted LLM on the App Store", EN_CSS, EN_BODY),
        truth=_truth("Enchanted LLM", None, entry="Free", entry_usd=0, category="Developer Tools"),
        source="github.com/AugustDev/enchanted README.md",
        source_license="Apache-2.0",
        url="https://apps.apple.com/gb/app/enchanted-llm/id6474268307",
        variants=("light", "dark", "2x"),
    ),
    Page(
        id="openvsx-continue",
        html=doc("Continue - CodeLlama, GPT-4, and more | Open VSX Registry", CO_CSS, CO_BODY),
        truth=_truth("Continue", "Open-source autopilot for software development - bring the power of ChatGPT to your IDE",
                     license="Apache-2.0", entry="Free", entry_usd=0),
        source="github.com/continuedev/continue extensions/vscode/package.json (displayName, description, pricing, license, walkthrough text)",
        source_license="Apache-2.0",
        url="https://open-vsx.org/extension/Continue/continue",
        variants=("light", "dark", "announce"),
    ),
    Page(
        id="play-pocketpal",
        html=doc("PocketPal AI - Apps on Google Play", PP_CSS, PP_BODY),
        truth=_truth("PocketPal AI", None),
        source="github.com/a-ghorbani/pocketpal-ai README.md",
        source_license="MIT",
        url="https://play.google.com/store/apps/details?id=com.pocketpalai",
        variants=("light", "dark", "cut"),
    ),
]
