"""Documentation home pages: left sidebar nav, top search bar, product logo and name, version selector,
"Getting started". SEALED: held out — measure on it, never tune on its failures.

Text is excerpted from each project's own documentation sources (index pages in their repositories).
"""

from __future__ import annotations

from benchmarks.corpus.kit import LIB_SANS, MONO, SANS, SERIF, doc, esc, logo, shape_logo
from benchmarks.corpus.page import Page

SEALED = True


def _label(name, tagline=None, license_=None) -> dict:
    return {"name": name, "tagline": tagline, "license": license_, "open_weights": None, "entry": None,
            "entry_usd_per_month": None, "tiers": []}


def _side(groups: list[tuple[str, list[str]]], active: str) -> str:
    out = ""
    for head, items in groups:
        out += f"<h5>{esc(head)}</h5>" + "".join(
            f'<a class="{"on" if i == active else ""}">{esc(i)}</a>' for i in items)
    return out


# Material-for-MkDocs look (vLLM): coloured header with search, left nav, right "On this page".
MK_CSS = f"""
:root{{--bg:#fff;--fg:#1f2329;--muted:#6a7079;--head:#2f5cc4;--headfg:#fff;--line:#e6e8eb;--on:#2f5cc4;--code:#f5f6f8}}
html.dark{{--bg:#1e2129;--fg:#e2e4e9;--muted:#9ba1ab;--head:#20232b;--line:#333844;--on:#7aa2ff;--code:#2a2e38}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
header{{background:var(--head);color:var(--headfg);display:flex;align-items:center;gap:16px;padding:10px 28px;height:52px}}
header b{{font-size:18px;display:flex;gap:10px;align-items:center}} header .v{{font-size:12px;border:1px solid rgba(255,255,255,.5);border-radius:4px;padding:1px 6px}}
header .sp{{flex:1}} header .q{{background:rgba(255,255,255,.15);border-radius:4px;padding:6px 12px;width:260px}}
.tabsb{{background:var(--head);color:var(--headfg);padding:0 28px 8px;font-size:13px;word-spacing:18px;opacity:.9}}
.lay{{display:grid;grid-template-columns:250px 1fr 220px;gap:30px;padding:20px 28px}}
nav h5{{margin:14px 0 6px;font-size:13px}} nav a{{display:block;padding:4px 0;color:var(--muted)}} nav a.on{{color:var(--on);font-weight:bold}}
article h1{{font-size:34px;margin:6px 0 10px;font-weight:500}} article p{{line-height:1.65;font-size:15px}}
article h2{{font-size:22px;font-weight:500;margin-top:26px}} pre{{background:var(--code);padding:12px;font:13px {MONO};border-radius:4px}}
.toc{{font-size:13px;color:var(--muted);line-height:2;border-left:1px solid var(--line);padding-left:14px}}
.center{{text-align:center}}
"""

VLLM = Page(
    id="vllm",
    url="https://docs.vllm.ai/en/latest/",
    html=doc("Welcome to vLLM - vLLM", MK_CSS, f"""
<header><b>{logo("v", "#fdb515", "#1f2329", 28, 5)} vLLM</b><span class="v">latest ▾</span><span class="sp"></span>
<span class="q">⌕ Search</span><span>vllm-project/vllm ☆ 52.3k</span></header>
<div class="tabsb">Home User Guide Developer Guide API Reference CLI Reference Community</div>
<div class="lay"><nav>{_side([("Getting Started", ["Welcome to vLLM", "Quickstart", "Installation", "Examples"]),
                              ("Models", ["Supported Models", "Generative Models", "Pooling Models"]),
                              ("Features", ["Quantization", "LoRA Adapters", "Structured Outputs"])], "Welcome to vLLM")}</nav>
<article><div class="center"><svg width="300" height="80"><text x="40" y="64" font-family="DejaVu Sans" font-size="64" font-weight="bold" fill="#fdb515">v</text>
<text x="80" y="64" font-family="DejaVu Sans" font-size="64" font-weight="bold" fill="#30a2ff">LLM</text></svg>
<p><b>Easy, fast, and cheap LLM serving for everyone</b></p></div>
<h1>Welcome to vLLM</h1><p>vLLM is a fast and easy-to-use library for LLM inference and serving.</p>
<p>Originally developed in the Sky Computing Lab at UC Berkeley, vLLM has evolved into a community-driven project with
contributions from both academia and industry.</p>
<h2>Getting started</h2><pre>pip install vllm
vllm serve Qwen/Qwen2.5-1.5B-Instruct</pre></article>
<div class="toc">On this page<br>Welcome to vLLM<br>Getting started<br>Documentation</div></div>"""),
    truth=_label("vLLM", "Easy, fast, and cheap LLM serving for everyone"),
    source="github.com/vllm-project/vllm docs/README.md", source_license="Apache-2.0",
    viewport=(1280, 800), variants=("light", "dark", "browser"),
)

# Hugging Face doc-builder look (Transformers): slim top bar, left sidebar with version dropdown.
HF_CSS = f"""
:root{{--bg:#fff;--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--soft:#f9fafb;--on:#111827;--code:#f9fafb}}
html.dark{{--bg:#0b0f19;--fg:#e5e7eb;--muted:#9ca3af;--line:#1f2937;--soft:#111827;--on:#fff;--code:#111827}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS};font-size:14px}}
.top{{display:flex;gap:20px;align-items:center;padding:9px 26px;border-bottom:1px solid var(--line)}}
.top b{{display:flex;gap:8px;align-items:center;font-size:16px}} .top .q{{border:1px solid var(--line);border-radius:8px;padding:5px 10px;width:280px;color:var(--muted)}}
.lay{{display:grid;grid-template-columns:270px 1fr;}} nav{{border-right:1px solid var(--line);padding:16px 20px;background:var(--soft);min-height:760px}}
nav .sel{{border:1px solid var(--line);border-radius:6px;padding:5px 10px;margin:8px 0;background:var(--bg)}}
nav h5{{margin:14px 0 6px;font-size:12px;text-transform:uppercase;color:var(--muted)}} nav a{{display:block;padding:3px 0}} nav a.on{{font-weight:bold;color:var(--on)}}
article{{padding:26px 50px;max-width:860px}} article h1{{font-size:34px;margin:0 0 14px}} article p{{font-size:16px;line-height:1.7}}
.cards{{display:grid;grid-template-columns:1fr 1fr;gap:14px;margin-top:20px}} .cards div{{border:1px solid var(--line);border-radius:10px;padding:14px}}
.cards b{{display:block;margin-bottom:4px}}
"""
FACE = ('<svg width="24" height="24" viewBox="0 0 28 28"><circle cx="14" cy="14" r="13" fill="#ffd21e"/>'
        '<circle cx="10" cy="11" r="2" fill="#3a3b45"/><circle cx="18" cy="11" r="2" fill="#3a3b45"/>'
        '<path d="M8 16 Q14 22 20 16" stroke="#3a3b45" stroke-width="2" fill="#ef4444"/></svg>')
TRANSFORMERS = Page(
    id="transformers",
    url="https://huggingface.co/docs/transformers/index",
    html=doc("Transformers", HF_CSS, f"""
<div class="top"><b>{FACE} Hugging Face</b><span class="q">Search documentation ⌘K</span><span>Models</span><span>Datasets</span>
<span>Spaces</span><span>Docs</span><span>Pricing</span></div>
<div class="lay"><nav><b style="font-size:17px">Transformers</b><div class="sel">v4.53.0 ▾</div><div class="sel">EN ▾</div>
{_side([("Get started", ["Transformers", "Installation", "Quickstart"]), ("Base classes", ["Models", "Preprocessors"]),
        ("Inference", ["Pipeline API", "LLMs", "Chat with models"])], "Transformers")}</nav>
<article><h1>Transformers</h1><p>Transformers acts as the model-definition framework for state-of-the-art machine learning models in text,
computer vision, audio, video, and multimodal model, for both inference and training.</p>
<p>It centralizes the model definition so that this definition is agreed upon across the ecosystem. There are over 1M+ Transformers
model checkpoints on the Hugging Face Hub you can use.</p>
<div class="cards"><div><b>Tutorials</b>Learn the basics and become familiar with loading, inferencing, and training.</div>
<div><b>How-to guides</b>Practical guides for using Transformers to solve real-world problems.</div>
<div><b>Conceptual guides</b>High-level explanations for building a better understanding.</div>
<div><b>API</b>Technical descriptions of how Transformers classes and methods work.</div></div></article></div>"""),
    truth=_label("Transformers"),
    source="github.com/huggingface/transformers docs/source/en/index.md", source_license="Apache-2.0",
    viewport=(1280, 780), variants=("light", "dark"),
)

# Docusaurus look (Open WebUI): navbar with logo+name, sidebar, hero-ish intro and admonition.
DS_CSS = f"""
:root{{--bg:#fff;--fg:#1c1e21;--muted:#606770;--line:#dadde1;--acc:#111;--soft:#f2f4f7;--note:#e7f2fa;--notel:#4cb3d4}}
html.dark{{--bg:#1b1b1d;--fg:#e3e3e3;--muted:#a8a8ad;--line:#3a3a3d;--acc:#fff;--soft:#242526;--note:#193c47;--notel:#4cb3d4}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:15px}}
.nb{{display:flex;align-items:center;gap:20px;padding:12px 26px;box-shadow:0 1px 2px rgba(0,0,0,.12)}}
.nb b{{display:flex;gap:8px;align-items:center;font-size:17px}} .nb .sp{{flex:1}} .nb .q{{background:var(--soft);border-radius:16px;padding:6px 14px;width:190px;color:var(--muted)}}
.lay{{display:grid;grid-template-columns:260px 1fr;}} nav{{border-right:1px solid var(--line);padding:14px}}
nav a{{display:block;padding:6px 12px;border-radius:6px;color:var(--muted)}} nav a.on{{background:var(--soft);color:var(--fg);font-weight:600}}
nav h5{{margin:12px 12px 4px;font-size:12px}} article{{padding:30px 56px;max-width:900px}} h1{{font-size:38px;margin:0 0 14px}}
.adm{{background:var(--note);border-left:5px solid var(--notel);border-radius:6px;padding:12px 16px;margin:18px 0}} .adm b{{display:block;font-size:13px;text-transform:uppercase}}
pre{{background:var(--soft);padding:14px;border-radius:8px;font:13px {MONO}}}
"""
OPEN_WEBUI = Page(
    id="open-webui",
    url="https://docs.openwebui.com/",
    html=doc("🏡 Home | Open WebUI".replace("🏡 ", ""), DS_CSS, f"""
<div class="nb"><b>{logo("OI", "#000", size=26, radius=13)} Open WebUI</b><span>GitHub</span><span>Discord</span><span>Blog</span>
<span class="sp"></span><span>v0.6 ▾</span><span class="q">⌕ Search</span></div>
<div class="lay"><nav>{_side([("", ["Home", "Getting Started", "Features", "Tutorials", "FAQ", "Troubleshooting", "Enterprise"])], "Home")}</nav>
<article><h1>Open WebUI</h1>
<p><b>Open WebUI is an extensible, feature-rich, and user-friendly self-hosted AI platform designed to operate entirely offline.</b>
It supports various LLM runners like Ollama and OpenAI-compatible APIs, with built-in inference engine for RAG, making it a powerful
AI deployment solution.</p>
<div class="adm"><b>ⓘ info</b>Looking for an Enterprise Plan? Speak with our sales team today.</div>
<h2>Quick Start with Docker 🐳</h2><pre>docker run -d -p 3000:8080 -v open-webui:/app/backend/data --name open-webui ghcr.io/open-webui/open-webui:main</pre>
<h2>Getting Started</h2><p>Install with pip, Docker or Kubernetes and connect Ollama or any OpenAI-compatible API.</p></article></div>
""".replace("ⓘ ", "").replace(" 🐳", "")),
    truth=_label("Open WebUI",
                 "Open WebUI is an extensible, feature-rich, and user-friendly self-hosted AI platform designed to operate entirely offline."),
    source="github.com/open-webui/docs docs/intro.mdx (text shared with the MIT-era README)", source_license="unverified (short excerpt)",
    viewport=(1280, 760), variants=("light", "dark", "cookie"),
)

# Sphinx/Read-the-Docs look (LangChain classic): dark left sidebar with search box and version, serif body.
RTD_CSS = f"""
:root{{--bg:#fcfcfc;--fg:#404040;--muted:#777;--side:#343131;--sidefg:#d9d9d9;--acc:#2980b9;--line:#e1e4e5;--code:#fff;--head:#2980b9}}
html.dark{{--bg:#141414;--fg:#d0d0d0;--muted:#999;--side:#0f0f0f;--line:#333;--code:#1e1e1e;--head:#1f5e87}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS};font-size:15px;display:flex}}
.sd{{width:300px;background:var(--side);color:var(--sidefg);min-height:820px}} .sd .tp{{background:var(--head);padding:16px;text-align:center;color:#fff}}
.sd .tp b{{font-size:22px;display:block;margin-bottom:6px}} .sd .ver{{font-size:12px;opacity:.85}} .sd input{{width:90%;margin-top:10px;border-radius:50px;border:1px solid #2472a4;padding:6px 12px}}
.sd h5{{color:#55a5d9;margin:16px 16px 6px;text-transform:uppercase;font-size:12px}} .sd a{{display:block;padding:5px 24px;font-size:14px}} .sd a.on{{background:#fcfcfc;color:#404040}}
main{{flex:1;padding:24px 48px;max-width:900px}} .bc{{color:var(--muted);font-size:13px;border-bottom:1px solid var(--line);padding-bottom:8px}}
h1{{font-family:{SERIF};font-size:34px;font-weight:normal}} p{{line-height:1.7}} h2{{font-family:{SERIF};font-weight:normal}}
pre{{background:var(--code);border:1px solid var(--line);padding:12px;font:13px {MONO}}}
"""
LANGCHAIN = Page(
    id="langchain",
    url="https://python.langchain.com/docs/introduction/",
    html=doc("Introduction | 🦜️🔗 LangChain".replace("🦜️🔗 ", ""), RTD_CSS, f"""
<div class="sd"><div class="tp"><b>LangChain</b><span class="ver">v0.3 (latest) ▾</span><br><input value="Search docs"></div>
{_side([("Get started", ["Introduction", "Tutorials", "How-to guides", "Conceptual guide"]),
        ("Ecosystem", ["LangSmith", "LangGraph", "Integrations"]), ("Reference", ["API reference", "Versions"])], "Introduction")}</div>
<main><div class="bc">Docs » Introduction &nbsp; &nbsp; Edit on GitHub</div><h1>Introduction</h1>
<p><b>LangChain</b> is a framework for developing applications powered by large language models (LLMs).</p>
<p>LangChain simplifies every stage of the LLM application lifecycle:</p>
<ul><li><b>Development</b>: Build your applications using LangChain's open-source components and third-party integrations.</li>
<li><b>Productionization</b>: Use LangSmith to inspect, monitor and evaluate your applications.</li>
<li><b>Deployment</b>: Turn your LangGraph applications into production-ready APIs and Assistants with LangGraph Platform.</li></ul>
<h2>Getting started</h2><pre>pip install -qU "langchain[openai]"</pre></main>"""),
    truth=_label("LangChain"),
    source="github.com/langchain-ai/langchain docs/docs/introduction.mdx", source_license="MIT",
    viewport=(1280, 760), variants=("light", "dark", "2x"),
)

# Custom docs (Supabase): top bar with product switcher, hero-like welcome, product grid, no sidebar on home.
SBD_CSS = f"""
:root{{--bg:#fcfcfc;--fg:#1c1c1c;--muted:#6f6f6f;--line:#e6e6e6;--card:#fff;--brand:#3ecf8e}}
html.dark{{--bg:#121212;--fg:#ededed;--muted:#a0a0a0;--line:#2e2e2e;--card:#1a1a1a}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
.top{{display:flex;gap:20px;align-items:center;padding:10px 28px;border-bottom:1px solid var(--line)}}
.top b{{display:flex;gap:6px;align-items:center;font-size:17px}} .top .d{{color:var(--brand);font-size:14px}}
.top .q{{border:1px solid var(--line);border-radius:6px;padding:6px 12px;width:320px;color:var(--muted)}} .top .sp{{flex:1}}
.lay{{display:grid;grid-template-columns:220px 1fr}} nav{{padding:20px;border-right:1px solid var(--line);line-height:2.1;color:var(--muted)}}
nav .on{{color:var(--fg);font-weight:bold}} .main{{padding:40px 50px}} h1{{font-size:34px;margin:0 0 8px;font-weight:500}}
.lead{{color:var(--muted);font-size:16px;margin-bottom:28px}} .g{{display:grid;grid-template-columns:repeat(3,1fr);gap:14px}}
.g div{{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px}} .g b{{display:block;margin-bottom:4px}} .g span{{color:var(--muted)}}
"""
SUPABASE = Page(
    id="supabase",
    url="https://supabase.com/docs",
    html=doc("Supabase Docs", SBD_CSS, f"""
<div class="top"><b>{shape_logo("bolt", "#3ecf8e", 20)} supabase <span class="d">DOCS</span></b><span>Start</span><span>Products ▾</span>
<span>Build ▾</span><span>Manage ▾</span><span>Reference ▾</span><span>Resources ▾</span><span class="sp"></span><span class="q">Search docs... ⌘K</span></div>
<div class="lay"><nav><div class="on">Home</div><div>Getting Started</div><div>Database</div><div>Auth</div><div>Storage</div>
<div>Realtime</div><div>Edge Functions</div><div>AI &amp; Vectors</div><div>REST API</div><div>Client Libraries</div></nav>
<div class="main"><h1>Supabase Documentation</h1><div class="lead">Learn how to get up and running with Supabase through tutorials, APIs and platform resources.</div>
<div class="g"><div><b>Getting Started</b><span>Set up and connect a database in just a few minutes.</span></div>
<div><b>Database</b><span>Supabase provides a full Postgres database for every project.</span></div>
<div><b>Auth</b><span>Add and manage users with email, social logins and SSO.</span></div>
<div><b>Storage</b><span>Store and serve large files.</span></div><div><b>Realtime</b><span>Listen to database changes and broadcast messages.</span></div>
<div><b>Edge Functions</b><span>Globally distributed TypeScript functions.</span></div></div></div></div>"""),
    truth=_label("Supabase"),
    source="github.com/supabase/supabase apps/docs (docs home page copy)", source_license="Apache-2.0",
    viewport=(1280, 720), variants=("light", "dark", "announce"),
)

PAGES = [VLLM, TRANSFORMERS, OPEN_WEBUI, LANGCHAIN, SUPABASE]
