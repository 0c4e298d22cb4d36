"""Launch-aggregator listings (Product Hunt–like): one product's launch page on a host site.

The host site's brand, its nav and the ranking lists of OTHER launches in the sidebar are
distractors; the label is the launched product. Product names and one-liners are the products'
own (README / package descriptions); the host sites, vote counts and comments are layout filler.
"""

from __future__ import annotations

from benchmarks.corpus.page import Page

SEALED = False


def _truth(name, tagline=None, *, license=None, open_weights=None, entry=None, entry_usd=None, tiers=(), **extra):
    return {"name": name, "tagline": tagline, "license": license, "open_weights": open_weights, "entry": entry,
            "entry_usd_per_month": entry_usd, "tiers": [dict(t) for t in tiers], "injection": False, **extra}


def _doc(title: str, css: str, body: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>*{{box-sizing:border-box}}body{{margin:0}}{css}</style></head><body>{body}</body></html>"""


ICON_JAN = """<svg width="72" height="72" viewBox="0 0 72 72"><rect width="72" height="72" rx="16" fill="#0f172a"/>
<path d="M22 46c6 8 22 8 28-2" stroke="#f8fafc" stroke-width="5" fill="none" stroke-linecap="round"/>
<circle cx="46" cy="26" r="6" fill="#f8fafc"/></svg>"""

# ---------------------------------------------------------------- 1. Jan on a PH-like site
JAN_CSS = """
:root{--bg:#ffffff;--fg:#21293c;--muted:#6f7787;--line:#e8e8ea;--chip:#f4f4f5;--accent:#ff6154;--card:#fafafa}
html.dark{--bg:#161618;--fg:#ececef;--muted:#9b9ba5;--line:#2c2c31;--chip:#232327;--accent:#ff7a6e;--card:#1d1d20}
body{background:var(--bg);color:var(--fg);font:15px/1.5 'Liberation Sans',Arial,sans-serif}
header{display:flex;align-items:center;gap:22px;padding:14px 40px;border-bottom:1px solid var(--line)}
.logo{display:flex;align-items:center;gap:8px;font-weight:700;font-size:18px}
.logo i{display:inline-block;width:34px;height:34px;border-radius:50%;background:var(--accent);color:#fff;font-style:normal;text-align:center;line-height:34px}
.search{background:var(--chip);border-radius:20px;padding:8px 16px;color:var(--muted);width:240px;font-size:14px}
nav a{color:var(--muted);margin-right:18px;font-size:14px;text-decoration:none}
.right{margin-left:auto;display:flex;gap:12px;align-items:center;font-size:14px}
.btn{border:1px solid var(--line);border-radius:8px;padding:8px 14px;background:var(--bg);color:var(--fg)}
.btn.red{background:var(--accent);border-color:var(--accent);color:#fff;font-weight:700}
main{display:grid;grid-template-columns:1fr 300px;gap:48px;padding:28px 40px}
.top{display:flex;gap:18px;align-items:flex-start}
.badge{display:inline-block;font-size:12px;font-weight:700;color:var(--accent);border:1px solid var(--accent);border-radius:12px;padding:1px 9px;margin-bottom:6px}
h1{margin:0;font-size:28px}
.one{margin:4px 0 10px;color:var(--muted);font-size:17px}
.chips span{display:inline-block;background:var(--chip);border-radius:14px;padding:3px 11px;font-size:13px;margin:0 6px 6px 0;color:var(--muted)}
.actions{margin-left:auto;display:flex;gap:10px}
.vote{display:flex;flex-direction:column;align-items:center;border:1px solid var(--accent);color:var(--accent);border-radius:10px;padding:6px 18px;font-weight:700}
.vote small{font-size:17px}
.meta{display:flex;gap:26px;margin:18px 0;color:var(--muted);font-size:14px}
.meta b{color:var(--fg)}
.shots{display:flex;gap:12px;margin:6px 0 18px}
.shot{flex:1;height:150px;border-radius:10px;background:var(--card);border:1px solid var(--line);padding:12px}
.shot div{height:10px;border-radius:5px;background:var(--line);margin:8px 0}
.comment{border-top:1px solid var(--line);padding:14px 0;display:flex;gap:12px}
.av{width:36px;height:36px;border-radius:50%;background:#cbd5e1;flex:none}
.who{font-weight:700;font-size:14px}.who em{font-style:normal;color:var(--accent);font-size:12px;margin-left:6px}
aside h3{font-size:15px;margin:0 0 10px}
.rank{display:flex;gap:10px;align-items:center;padding:10px 0;border-bottom:1px solid var(--line);font-size:14px}
.rank .sq{width:38px;height:38px;border-radius:8px;flex:none}
.rank p{margin:0;color:var(--muted);font-size:12px}
.rank .n{margin-left:auto;border:1px solid var(--line);border-radius:6px;padding:2px 8px;font-size:12px;text-align:center}
"""

JAN_BODY = f"""
<header><div class="logo"><i>L</i>Launchpile</div><div class="search">Search products…</div>
<nav><a>Launches</a><a>Products</a><a>News</a><a>Forums</a><a>Advertise</a></nav>
<div class="right"><span class="btn">Subscribe</span><span class="btn red">Sign in</span></div></header>
<main><section>
<div class="top">{ICON_JAN}<div><span class="badge">Launched today</span><h1>Jan</h1>
<p class="one">An open source alternative to ChatGPT that runs 100% offline on your computer</p>
<div class="chips"><span>Open Source</span><span>Artificial Intelligence</span><span>Privacy</span><span>Mac · Windows · Linux</span></div></div>
<div class="actions"><span class="btn">Visit</span><div class="vote"><small>▲</small>1,284</div></div></div>
<div class="meta"><span>Pricing <b>Free</b></span><span>Day rank <b>#1</b></span><span>Week rank <b>#3</b></span><span>142 comments</span></div>
<div class="shots"><div class="shot"><div style="width:60%"></div><div></div><div style="width:80%"></div><div style="width:40%"></div></div>
<div class="shot"><div style="width:30%"></div><div style="width:90%"></div><div></div></div><div class="shot"><div></div><div style="width:70%"></div></div></div>
<div class="comment"><div class="av"></div><div><div class="who">Maker<em>MAKER</em></div>
Hi everyone! Jan runs models like Llama, Gemma and Qwen locally with multiple engine support (llama.cpp, TensorRT-LLM), and can also connect to remote APIs when you want it to. Your chats stay on your machine.</div></div>
<div class="comment"><div class="av" style="background:#fde68a"></div><div><div class="who">Priya K.</div>Been using it on my laptop on flights — works fully offline. Congrats on the launch!</div></div>
</section>
<aside><h3>Top launches today</h3>
<div class="rank"><div class="sq" style="background:#60a5fa"></div><div><b>Granola</b><p>The AI notepad for back-to-back meetings</p></div><span class="n">▲<br>903</span></div>
<div class="rank"><div class="sq" style="background:#f472b6"></div><div><b>Raycast</b><p>Your shortcut to everything</p></div><span class="n">▲<br>771</span></div>
<div class="rank"><div class="sq" style="background:#34d399"></div><div><b>Zed</b><p>The editor for what's next</p></div><span class="n">▲<br>655</span></div>
<div class="rank"><div class="sq" style="background:#a78bfa"></div><div><b>Warp</b><p>The agentic development environment</p></div><span class="n">▲<br>512</span></div>
<h3 style="margin-top:22px">Trending topics</h3><div class="chips"><span>Developer Tools</span><span>LLMs</span><span>Productivity</span></div>
</aside></main>"""

# ---------------------------------------------------------------- 2. Browser Use on a directory-style site
BU_CSS = """
:root{--bg:#f6f5f1;--panel:#ffffff;--fg:#1c1917;--muted:#78716c;--line:#e7e5e4;--accent:#166534;--soft:#dcfce7}
html.dark{--bg:#0c0a09;--panel:#1c1917;--fg:#f5f5f4;--muted:#a8a29e;--line:#292524;--accent:#4ade80;--soft:#14532d}
body{background:var(--bg);color:var(--fg);font:15px/1.55 'DejaVu Sans',sans-serif}
.top{background:var(--panel);border-bottom:1px solid var(--line);padding:12px 56px;display:flex;align-items:center;gap:26px;font-size:14px}
.brand{font-family:'DejaVu Serif',serif;font-size:21px;font-weight:700;letter-spacing:-.5px}
.brand span{color:var(--accent)}
.top a{color:var(--muted)}
.top .sub{margin-left:auto;background:var(--fg);color:var(--panel);padding:7px 14px;border-radius:4px}
.crumbs{padding:16px 56px 0;color:var(--muted);font-size:13px}
.wrap{display:flex;gap:32px;padding:14px 56px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:26px 28px;flex:1}
.head{display:flex;gap:20px;align-items:center}
.ico{width:64px;height:64px;border-radius:50%;background:#111;display:flex;align-items:center;justify-content:center}
h1{font-size:30px;margin:0;font-weight:700}
.lead{font-size:16px;margin:6px 0 0}
.bar{display:flex;gap:10px;margin:22px 0}
.bar span{border:1px solid var(--line);border-radius:4px;padding:8px 14px;font-size:14px}
.bar .go{background:var(--accent);color:var(--panel);border-color:var(--accent);font-weight:700}
.bar .up{margin-left:auto;display:flex;gap:6px;align-items:center}
h2{font-size:16px;margin:22px 0 6px;text-transform:uppercase;letter-spacing:1px;color:var(--muted)}
.tags span{display:inline-block;background:var(--soft);color:var(--accent);padding:2px 10px;border-radius:3px;font-size:13px;margin-right:6px}
.side{width:290px}
.box{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:16px 18px;margin-bottom:16px;font-size:14px}
.box dl{margin:0;display:grid;grid-template-columns:90px 1fr;row-gap:8px}
.box dt{color:var(--muted)}
.box h3{margin:0 0 10px;font-size:14px}
.alt{display:flex;justify-content:space-between;padding:6px 0;border-top:1px dashed var(--line)}
.alt em{font-style:normal;color:var(--muted)}
"""

BU_BODY = """
<div class="top"><span class="brand">tool<span>shelf</span></span><a>New</a><a>Top</a><a>Categories</a><a>Collections</a><a>Submit a tool</a><span class="sub">Get the weekly digest</span></div>
<div class="crumbs">Home › AI Agents › Browser automation</div>
<div class="wrap"><div class="card">
<div class="head"><div class="ico"><svg width="34" height="34" viewBox="0 0 34 34"><circle cx="17" cy="17" r="13" fill="none" stroke="#fff" stroke-width="3"/><path d="M4 17h26M17 4c6 7 6 19 0 26M17 4c-6 7-6 19 0 26" stroke="#fff" stroke-width="2" fill="none"/></svg></div>
<div><h1>Browser Use</h1><p class="lead">Make websites accessible for AI agents. Automate tasks online with ease.</p></div></div>
<div class="bar"><span class="go">Visit website ↗</span><span>GitHub</span><span>Docs</span><span class="up">▲ <b>2,417</b> upvotes</span></div>
<div class="tags"><span>Open Source</span><span>AI Agents</span><span>Python</span><span>Automation</span></div>
<h2>About</h2>
<p>Browser Use connects your AI agents with the browser. Describe a task in plain language and an agent clicks, types and navigates real websites for you — filling forms, collecting data and handling multi-step workflows.</p>
<h2>Maker comments</h2>
<p><b>gregpr07</b> · maker — We built this because agents kept breaking on real websites. Install with <code>pip install browser-use</code> and point it at any LLM. Feedback very welcome!</p>
<p><b>m.ostrowski</b> — The DOM extraction is surprisingly robust. Launched today and already starred.</p>
</div>
<div class="side"><div class="box"><dl><dt>Launched</dt><dd>Today</dd><dt>License</dt><dd>MIT</dd><dt>Language</dt><dd>Python</dd><dt>Stars</dt><dd>70k+</dd></dl></div>
<div class="box"><h3>Popular alternatives</h3>
<div class="alt"><span>Stagehand</span><em>▲ 1,102</em></div><div class="alt"><span>Skyvern</span><em>▲ 884</em></div><div class="alt"><span>Playwright MCP</span><em>▲ 640</em></div><div class="alt"><span>Steel</span><em>▲ 391</em></div></div>
</div></div>"""

# ---------------------------------------------------------------- 3. AnythingLLM, dark-first launch card layout
ALLM_CSS = """
:root{--bg:#fbfaff;--fg:#1e1b4b;--muted:#6b7280;--line:#e5e7eb;--panel:#ffffff;--accent:#6d28d9;--chip:#ede9fe}
html.dark{--bg:#0b0a1a;--fg:#e0e7ff;--muted:#a5b4fc;--line:#25224a;--panel:#13112b;--accent:#a78bfa;--chip:#25224a}
body{background:var(--bg);color:var(--fg);font:14px/1.5 'Liberation Sans',Arial,sans-serif}
.nav{display:flex;align-items:center;padding:0 64px;height:58px;background:var(--panel);border-bottom:1px solid var(--line);gap:30px}
.nav b{font-size:19px;letter-spacing:.5px}.nav b em{color:var(--accent);font-style:normal}
.nav span{color:var(--muted)}.nav .r{margin-left:auto;color:var(--accent);font-weight:700}
.hero{max-width:1040px;margin:26px auto 0;display:grid;grid-template-columns:1fr 260px;gap:36px}
.p{background:var(--panel);border:1px solid var(--line);border-radius:14px;padding:26px}
.row{display:flex;gap:16px;align-items:center}
h1{font-size:26px;margin:0}
.tl{font-size:16px;color:var(--muted);margin:4px 0 0}
.day{font-size:12px;color:var(--accent);font-weight:700;letter-spacing:1px;text-transform:uppercase}
.chips{margin:16px 0}.chips span{background:var(--chip);color:var(--accent);padding:3px 10px;border-radius:6px;margin-right:6px;font-size:12px}
.up{width:100%;background:var(--accent);color:#fff;text-align:center;border-radius:10px;padding:14px;font-size:17px;font-weight:700;margin-bottom:10px}
.visit{width:100%;border:1px solid var(--line);text-align:center;border-radius:10px;padding:11px;margin-bottom:18px}
.k{color:var(--muted);font-size:12px;margin-top:10px}.v{font-size:15px;font-weight:700}
.demo{margin-top:18px;height:190px;border-radius:10px;background:linear-gradient(135deg,var(--chip),var(--panel));border:1px solid var(--line);display:flex;align-items:center;justify-content:center;color:var(--muted)}
.disc{max-width:1040px;margin:18px auto;display:grid;grid-template-columns:1fr 260px;gap:36px}
.c{border-bottom:1px solid var(--line);padding:10px 0}.c b{margin-right:8px}
.list h4{margin:0 0 8px}.li{display:flex;justify-content:space-between;padding:5px 0;color:var(--muted)}
"""

ALLM_BODY = """
<div class="nav"><b>hunt<em>.dev</em></b><span>Today</span><span>Upcoming</span><span>Makers</span><span>Newsletter</span><span class="r">Post a launch</span></div>
<div class="hero"><div class="p"><div class="day">Launched today · #4 of the day</div>
<div class="row" style="margin-top:10px"><svg width="60" height="60" viewBox="0 0 60 60"><rect width="60" height="60" rx="14" fill="#111827"/><path d="M14 40 L24 20 L34 40 M38 20 v20 h10" stroke="#fff" stroke-width="4" fill="none"/></svg>
<div><h1>AnythingLLM</h1><p class="tl">The all-in-one Desktop &amp; Docker AI application with built-in RAG, AI agents, and more.</p></div></div>
<div class="chips"><span>Artificial Intelligence</span><span>Open Source</span><span>Developer Tools</span><span>Chat</span></div>
<p>Chat with your documents, run agents and use any LLM — local models through Ollama or LM Studio, or hosted providers like OpenAI and Anthropic. Runs on your desktop or in Docker for your whole team.</p>
<div class="demo">▶ Watch the 90-second demo</div></div>
<div><div class="up">▲ Upvote · 1,968</div><div class="visit">Visit website</div>
<div class="k">Pricing</div><div class="v">Free Options</div>
<div class="k">Platforms</div><div class="v">macOS, Windows, Linux, Docker</div>
<div class="k">Makers</div><div class="v">Mintplex Labs</div>
<div class="k">Followers</div><div class="v">3.2K</div></div></div>
<div class="disc"><div><h3>Discussion (61)</h3>
<div class="c"><b>Timothy C.</b><span style="color:var(--accent)">Maker</span><br>Thanks for the support, hunters! The desktop app is a single install — no setup, and your documents never leave your machine unless you choose a cloud model.</div>
<div class="c"><b>Daniela R.</b><br>The workspace separation is exactly what our support team needed.</div></div>
<div class="list"><h4>Also launching today</h4><div class="li"><span>Cal.com AI</span><span>▲ 1,240</span></div><div class="li"><span>Tana</span><span>▲ 1,018</span></div><div class="li"><span>Fathom</span><span>▲ 870</span></div><div class="li"><span>Descript</span><span>▲ 611</span></div></div></div>"""

# ---------------------------------------------------------------- 4. Khoj, compact list-style aggregator
KHOJ_CSS = """
:root{--bg:#ffffff;--fg:#111111;--muted:#666666;--line:#dddddd;--accent:#e85d04;--hl:#fff7ed}
html.dark{--bg:#121212;--fg:#eeeeee;--muted:#999999;--line:#333333;--accent:#fb923c;--hl:#1f150c}
body{background:var(--bg);color:var(--fg);font:14px/1.45 'DejaVu Sans Mono',monospace}
.h{background:var(--accent);color:#fff;padding:6px 24px;display:flex;gap:16px;align-items:center}
.h b{font-size:16px;margin-right:16px}.h span{opacity:.9}
.layout{display:flex;gap:36px;padding:22px 24px}
.main{flex:1;max-width:820px}
.hd{display:flex;gap:16px;align-items:center;padding:18px;background:var(--hl);border:1px solid var(--line)}
.tri{font-size:22px;color:var(--accent);text-align:center;line-height:1}.tri small{display:block;font-size:13px;color:var(--fg)}
h1{font-size:24px;margin:0;font-family:'DejaVu Sans',sans-serif}
.sub{margin:2px 0;color:var(--muted);font-family:'DejaVu Sans',sans-serif;font-size:15px}
.line{color:var(--muted);font-size:12px}
.line a{color:var(--accent)}
.btns{margin-left:auto}.btns span{display:inline-block;border:1px solid var(--fg);padding:6px 12px;margin-left:6px}
.body{font-family:'DejaVu Sans',sans-serif;padding:10px 4px}
.cm{border-left:3px solid var(--line);padding:4px 12px;margin:12px 0}
.cm .u{color:var(--muted);font-size:12px}
.rk{width:310px}
.rk h4{margin:0 0 8px;border-bottom:2px solid var(--accent);padding-bottom:4px}
.rk ol{margin:0;padding-left:22px}.rk li{margin:7px 0}.rk li i{color:var(--muted);font-style:normal;font-size:12px;display:block}
"""

KHOJ_BODY = """
<div class="h"><b>▲ Shipfeed</b><span>new</span>|<span>past</span>|<span>ask</span>|<span>show</span>|<span>jobs</span>|<span>submit</span><span style="margin-left:auto">login</span></div>
<div class="layout"><div class="main">
<div class="hd"><div class="tri">▲<small>812</small></div>
<svg width="56" height="56" viewBox="0 0 56 56"><rect width="56" height="56" rx="12" fill="#fdba74"/><circle cx="28" cy="26" r="13" fill="none" stroke="#7c2d12" stroke-width="4"/><path d="M20 44h16" stroke="#7c2d12" stroke-width="4"/></svg>
<div><h1>Khoj</h1><p class="sub">Your AI second brain. Self-hostable. Get answers from the web or your docs.</p>
<div class="line">Launched today by <a>debanjum</a> · #2 today · 97 comments · <a>productivity</a> <a>open-source</a> <a>llm</a></div></div>
<div class="btns"><span>Visit</span><span>▲ Upvote</span></div></div>
<div class="body"><p>Khoj is a personal AI app to extend your capabilities. Chat with it on the web, Obsidian, Emacs, WhatsApp or your desktop, ask it about your notes and documents, build custom agents and schedule automations. It works with online and local LLMs.</p>
<div class="cm"><div class="u">debanjum (maker) · 3 hours ago</div>Hey all — we've been working on Khoj for a while. You can self-host it on your own machine, or use the hosted app. Would love to hear what you'd want from a second brain.</div>
<div class="cm"><div class="u">orbitalnotes · 2 hours ago</div>The Obsidian plugin is great. Does it support local embeddings?</div>
<div class="cm" style="margin-left:24px"><div class="u">sabaimran (maker) · 1 hour ago</div>Yes, search runs on your machine when self-hosted.</div></div></div>
<div class="rk"><h4>Top today</h4><ol>
<li><b>Plausible</b><i>Simple, privacy-friendly analytics</i></li><li><b>Khoj</b><i>you are here</i></li><li><b>Excalidraw</b><i>Virtual whiteboard for sketching</i></li>
<li><b>Ghostty</b><i>Fast, native terminal emulator</i></li><li><b>Penpot</b><i>Open-source design and prototyping</i></li></ol>
<h4 style="margin-top:20px">Last week</h4><ol><li>Supabase Branching</li><li>Tldraw Computer</li><li>Cobalt</li></ol></div></div>"""

# ---------------------------------------------------------------- 5. Aider, centred single-column launch page
AIDER_CSS = """
:root{--bg:#eef2f7;--card:#ffffff;--fg:#0b1220;--muted:#5b6475;--line:#d8dee9;--accent:#0ea5e9;--ok:#14b8a6}
html.dark{--bg:#0a0f1a;--card:#111827;--fg:#e5edf7;--muted:#94a3b8;--line:#1f2937;--accent:#38bdf8;--ok:#2dd4bf}
body{background:var(--bg);color:var(--fg);font:15px/1.6 'Liberation Serif','DejaVu Serif',serif}
.nav{display:flex;justify-content:space-between;align-items:center;padding:14px 80px;font-family:'Liberation Sans',sans-serif;font-size:14px}
.nav .b{font-weight:700;font-size:18px;display:flex;gap:8px;align-items:center}
.nav .b i{width:22px;height:22px;background:var(--accent);border-radius:5px;display:inline-block}
.nav span{color:var(--muted);margin-left:22px}
.card{max-width:760px;margin:10px auto;background:var(--card);border:1px solid var(--line);border-radius:18px;padding:34px 44px;text-align:center}
.lt{display:inline-block;background:var(--ok);color:#fff;font:700 12px 'Liberation Sans',sans-serif;padding:3px 12px;border-radius:20px;letter-spacing:.5px}
h1{font-size:40px;margin:14px 0 0;font-family:'Liberation Sans',sans-serif}
.tag{font-size:20px;color:var(--muted);margin:2px 0 16px;font-style:italic}
.chips span{display:inline-block;border:1px solid var(--line);border-radius:20px;padding:2px 12px;margin:3px;font:13px 'Liberation Sans',sans-serif;color:var(--muted)}
.cta{display:flex;justify-content:center;gap:14px;margin:22px 0 8px;font-family:'Liberation Sans',sans-serif}
.cta span{padding:11px 22px;border-radius:10px;border:1px solid var(--line)}
.cta .v{background:var(--fg);color:var(--card);border-color:var(--fg)}
.cta .u{border-color:var(--accent);color:var(--accent);font-weight:700}
.facts{display:flex;justify-content:center;gap:34px;margin-top:16px;font:14px 'Liberation Sans',sans-serif;color:var(--muted)}
.facts b{color:var(--fg);display:block;font-size:16px}
.term{margin:22px auto 0;text-align:left;background:#0b1220;color:#cbd5e1;font:13px/1.6 'DejaVu Sans Mono',monospace;border-radius:10px;padding:14px 18px}
.term .g{color:#4ade80}
.more{max-width:760px;margin:14px auto;font:14px 'Liberation Sans',sans-serif;color:var(--muted);display:flex;gap:10px;justify-content:center}
.more span{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:6px 10px}
"""

AIDER_BODY = """
<div class="nav"><span class="b"><i></i>Rocketboard</span><div><span>Today</span><span>Leaderboard</span><span>Collections</span><span>Sign up</span></div></div>
<div class="card"><span class="lt">LAUNCHED TODAY</span>
<div style="margin-top:16px"><svg width="80" height="80" viewBox="0 0 80 80"><rect width="80" height="80" rx="20" fill="#14b8a6"/><text x="40" y="52" font-family="DejaVu Sans Mono" font-size="30" fill="#fff" text-anchor="middle">&gt;_</text></svg></div>
<h1>Aider</h1><p class="tag">AI pair programming in your terminal</p>
<div class="chips"><span>Developer Tools</span><span>Open Source</span><span>GitHub</span><span>Apache-2.0</span></div>
<div class="cta"><span class="v">Visit aider.chat</span><span class="u">▲ Upvote 1,530</span></div>
<div class="facts"><div><b>Free</b>Pricing</div><div><b>#2</b>Product of the day</div><div><b>Python</b>Built with</div><div><b>88</b>Comments</div></div>
<div class="term"><span class="g">$</span> python -m pip install aider-install<br><span class="g">$</span> aider-install<br><span class="g">$</span> aider --model sonnet --api-key anthropic=&lt;key&gt;</div></div>
<div class="more"><span>Next up: Continue ▲ 1,122</span><span>Tabby ▲ 842</span><span>Sourcegraph Amp ▲ 604</span></div>"""

PAGES = [
    Page(
        id="agg-jan",
        html=_doc("Jan — An open source alternative to ChatGPT | Launchpile", JAN_CSS, JAN_BODY),
        truth=_truth("Jan", "An open source alternative to ChatGPT that runs 100% offline on your computer",
                     entry="Free", entry_usd=0),
        source="janhq/jan package description (AUR jan-appimage pkgdesc; nixpkgs meta.description)",
        source_license="Apache-2.0",
        url="https://launchpile.example/posts/jan",
        variants=("light", "dark", "browser"),
    ),
    Page(
        id="agg-browser-use",
        html=_doc("Browser Use — toolshelf", BU_CSS, BU_BODY),
        truth=_truth("Browser Use", "Make websites accessible for AI agents. Automate tasks online with ease.",
                     license="MIT"),
        source="github.com/browser-use/browser-use repository description",
        source_license="MIT",
        url="https://toolshelf.example/tools/browser-use",
        variants=("light", "cookie", "cut"),
        variant_truth={"cut": {"tagline": None, "license": None}},  # the crop removes heading and details box; the name stays in the body
    ),
    Page(
        id="agg-anythingllm",
        html=_doc("AnythingLLM on hunt.dev", ALLM_CSS, ALLM_BODY),
        truth=_truth("AnythingLLM",
                     "The all-in-one Desktop & Docker AI application with built-in RAG, AI agents, and more.",
                     entry="Free", entry_usd=0),
        source="github.com/Mintplex-Labs/anything-llm repository description",
        source_license="MIT",
        url="https://hunt.dev/launch/anythingllm",
        variants=("light", "dark", "announce", "2x"),
    ),
    Page(
        id="agg-khoj",
        html=_doc("Khoj | Shipfeed", KHOJ_CSS, KHOJ_BODY),
        truth=_truth("Khoj", "Your AI second brain. Self-hostable. Get answers from the web or your docs."),
        source="github.com/khoj-ai/khoj repository description",
        source_license="AGPL-3.0",
        url="https://shipfeed.example/item?id=khoj",
        variants=("light", "dark", "cut"),
        variant_truth={"cut": {"tagline": None}},
    ),
    Page(
        id="agg-aider",
        html=_doc("Aider – AI pair programming in your terminal · Rocketboard", AIDER_CSS, AIDER_BODY),
        truth=_truth("Aider", "AI pair programming in your terminal", license="Apache-2.0",
                     entry="Free", entry_usd=0),
        source="github.com/Aider-AI/aider README / repository description",
        source_license="Apache-2.0",
        url="https://rocketboard.example/p/aider",
        variants=("light", "browser", "cookie"),
    ),
]
