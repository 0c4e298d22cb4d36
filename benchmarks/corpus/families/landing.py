"""Vendor landing pages: nav bar with logo and links, hero, feature grid, CTAs, footer.

Text is taken from the products' own public READMEs and website sources (see each page's source).
"""

from __future__ import annotations

from benchmarks.corpus.kit import CONDENSED, DJV_SERIF, LIB_SANS, MONO, SANS, SERIF, doc, esc, logo, shape_logo
from benchmarks.corpus.page import Page

SEALED = False


def _none(**over) -> dict:
    base = {"name": "", "tagline": None, "license": None, "open_weights": None, "entry": None,
            "entry_usd_per_month": None, "tiers": []}
    return {**base, **over}


def _features(items: list[tuple[str, str]], cls: str = "feat") -> str:
    return "".join(f'<div class="{cls}"><h3>{esc(t)}</h3><p>{esc(d)}</p></div>' for t, d in items)


# 1. Supabase: dark-first developer site, centred two-line hero.
SUPABASE_CSS = f"""
:root{{--bg:#ffffff;--fg:#1c1c1c;--muted:#6b6b6b;--brand:#3ecf8e;--card:#f8f9fa;--line:#e6e8eb}}
html.dark{{--bg:#121212;--fg:#ededed;--muted:#a0a0a0;--card:#1c1c1c;--line:#2e2e2e}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS}}}
nav{{display:flex;align-items:center;gap:26px;padding:14px 48px;border-bottom:1px solid var(--line);font-size:14px}}
nav .brand{{font-weight:bold;font-size:19px;display:flex;gap:8px;align-items:center;margin-right:18px}}
nav .sp{{flex:1}} nav .btn{{border:1px solid var(--line);padding:6px 12px;border-radius:6px}}
nav .btn.g{{background:var(--brand);color:#06210f;border:0}}
.hero{{text-align:center;padding:84px 0 40px}}
.hero h1{{font-size:64px;margin:0;line-height:1.05;letter-spacing:-1px}} .hero h1 span{{color:var(--brand);display:block}}
.hero p{{max-width:640px;margin:26px auto;color:var(--muted);font-size:18px;line-height:1.5}}
.cta a{{display:inline-block;margin:0 6px;padding:10px 18px;border-radius:6px;font-size:15px;border:1px solid var(--line)}}
.cta a.p{{background:var(--brand);color:#06210f;border:0}}
.grid{{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;margin:50px 64px}}
.feat{{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px}}
.feat h3{{margin:0 0 8px;font-size:17px}} .feat p{{margin:0;color:var(--muted);font-size:14px;line-height:1.45}}
"""
SUPABASE_BOLT = shape_logo("bolt", "#3ecf8e", 26)
SUPABASE = Page(
    id="supabase",
    url="https://supabase.com/",
    html=doc("Supabase | The Postgres Development Platform.", SUPABASE_CSS, f"""
<nav><span class="brand">{SUPABASE_BOLT} supabase</span><span>Product</span><span>Developers</span>
<span>Solutions</span><span>Pricing</span><span>Docs</span><span>Blog</span><span class="sp"></span>
<span>★ 97.4K</span><span class="btn">Sign in</span><span class="btn g">Start your project</span></nav>
<section class="hero"><h1>Build in a weekend <span>Scale to millions</span></h1>
<p>Supabase is the Postgres development platform. Start your project with a Postgres database,
Authentication, instant APIs, Edge Functions, Realtime subscriptions, Storage, and Vector embeddings.</p>
<div class="cta"><a class="p">Start your project</a><a>Request a demo</a></div></section>
<div class="grid">{_features([
        ("Postgres Database", "Every project is a full Postgres database, the world's most trusted relational database."),
        ("Authentication", "Add user sign ups and logins, securing your data with Row Level Security."),
        ("Edge Functions", "Easily write custom code without deploying or scaling servers."),
        ("Storage", "Store, organize, and serve large files, from videos to images."),
        ("Realtime", "Build multiplayer experiences with realtime data synchronization."),
        ("Vector", "Integrate your favorite ML-models to store, index and search vector embeddings."),
    ])}</div>"""),
    truth=_none(name="Supabase", tagline="Build in a weekend Scale to millions"),
    source="github.com/supabase/supabase apps/www (home page copy)",
    source_license="Apache-2.0",
    viewport=(1280, 900),
    variants=("light", "dark", "announce"),
)

# 2. Ollama: sparse, centred, mascot above the headline, single download button.
OLLAMA_CSS = f"""
:root{{--bg:#fff;--fg:#0a0a0a;--muted:#737373;--btn:#0a0a0a;--btnfg:#fff;--line:#e5e5e5}}
html.dark{{--bg:#0a0a0a;--fg:#f5f5f5;--muted:#a3a3a3;--btn:#f5f5f5;--btnfg:#0a0a0a;--line:#262626}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS}}}
header{{display:flex;align-items:center;padding:18px 36px;gap:22px;font-size:15px}}
header .sp{{flex:1}} header .s{{border:1px solid var(--line);border-radius:20px;padding:7px 16px;width:260px;color:var(--muted)}}
main{{text-align:center;padding-top:90px}}
main h1{{font-size:34px;font-weight:600;margin:26px 0 8px}}
main p{{color:var(--muted);font-size:17px;margin:0 0 30px}}
.dl{{background:var(--btn);color:var(--btnfg);padding:12px 28px;border-radius:24px;font-size:16px}}
.os{{margin-top:18px;color:var(--muted);font-size:13px}}
footer{{position:absolute;bottom:20px;left:0;right:0;text-align:center;color:var(--muted);font-size:13px;word-spacing:18px}}
"""
LLAMA = ('<svg width="84" height="100" viewBox="0 0 84 100"><g fill="none" stroke="currentColor" stroke-width="4">'
         '<path d="M22 30 L20 6 L32 22 M62 30 L64 6 L52 22"/><ellipse cx="42" cy="52" rx="28" ry="30"/>'
         '<circle cx="31" cy="48" r="3" fill="currentColor"/><circle cx="53" cy="48" r="3" fill="currentColor"/>'
         '<ellipse cx="42" cy="64" rx="10" ry="7"/></g></svg>')
OLLAMA = Page(
    id="ollama",
    url="https://ollama.com/",
    html=doc("Ollama", OLLAMA_CSS, f"""
<header><b style="font-size:20px">{LLAMA.replace('width="84" height="100"', 'width="26" height="31"')}</b>
<span>Discord</span><span>GitHub</span><span>Models</span><span class="s">Search models</span><span class="sp"></span>
<span>Sign in</span><span class="dl" style="padding:8px 16px;font-size:14px">Download</span></header>
<main>{LLAMA}<h1>Get up and running with large language models.</h1>
<p>Run Llama 3.3, DeepSeek-R1, Phi-4, Mistral, Gemma 3, and other models, locally.</p>
<span class="dl">Download ↓</span><div class="os">Available for macOS, Linux, and Windows</div></main>
<footer>© 2025 Ollama Blog Docs GitHub Discord X (Twitter) Meetups</footer>"""),
    truth=_none(name="Ollama", tagline="Get up and running with large language models."),
    source="github.com/ollama/ollama README.md (project description) and ollama.com home page copy",
    source_license="MIT",
    viewport=(1280, 760),
    variants=("light", "dark", "browser"),
)

# 3. Open WebUI: split hero (copy left, product mock right), serif headline.
OWUI_CSS = f"""
:root{{--bg:#fafafa;--fg:#111;--muted:#555;--panel:#fff;--line:#e3e3e3;--acc:#111}}
html.dark{{--bg:#171717;--fg:#ececec;--muted:#9b9b9b;--panel:#212121;--line:#333;--acc:#ececec}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS}}}
nav{{display:flex;align-items:center;padding:16px 56px;gap:28px;font-size:14px}}
nav b{{font-size:18px;display:flex;gap:10px;align-items:center;margin-right:auto}}
nav .c{{background:var(--acc);color:var(--bg);padding:8px 16px;border-radius:18px}}
.hero{{display:grid;grid-template-columns:1fr 1fr;gap:48px;padding:70px 56px 30px;align-items:center}}
.hero h1{{font-family:{SERIF};font-size:56px;font-weight:normal;margin:0 0 20px}}
.hero p{{font-size:18px;line-height:1.55;color:var(--muted);margin:0 0 28px}}
.hero .b{{display:inline-block;padding:11px 20px;border-radius:22px;border:1px solid var(--line);margin-right:10px}}
.hero .b.k{{background:var(--acc);color:var(--bg)}}
.mock{{background:var(--panel);border:1px solid var(--line);border-radius:14px;height:340px;display:flex;overflow:hidden}}
.mock .side{{width:150px;border-right:1px solid var(--line);padding:14px;font-size:12px;color:var(--muted);line-height:2}}
.mock .chat{{flex:1;padding:18px;font-size:13px;line-height:1.6}}
.bubble{{background:var(--bg);border-radius:12px;padding:10px 12px;margin:0 0 12px 60px}}
.row{{display:flex;gap:40px;padding:20px 56px;font-size:14px;color:var(--muted)}} .row b{{color:var(--fg);display:block;font-size:15px}}
"""
OPEN_WEBUI = Page(
    id="open-webui",
    url="https://openwebui.com/",
    html=doc("Open WebUI", OWUI_CSS, f"""
<nav><b>{logo("OI", "#000", size=28, radius=14)} Open WebUI</b><span>Docs</span><span>Community</span>
<span>Enterprise</span><span>GitHub</span><span class="c">Get started</span></nav>
<section class="hero"><div><h1>Open WebUI</h1>
<p>Open WebUI is an extensible, feature-rich, and user-friendly self-hosted AI platform designed to operate entirely offline.</p>
<span class="b k">pip install open-webui</span><span class="b">Read the docs →</span></div>
<div class="mock"><div class="side">+ New Chat<br>Workspace<br>Search<br><br>Today<br>RAG over PDFs<br>Docker setup</div>
<div class="chat"><div class="bubble">Summarise the attached report in three bullet points.</div>
llama3.2:3b<br>• Revenue grew 12% year over year.<br>• Costs were flat.<br>• Two new regions launched.</div></div></section>
<div class="row"><div><b>Effortless Setup</b>Install seamlessly using Docker or Kubernetes.</div>
<div><b>Ollama/OpenAI API Integration</b>Use OpenAI-compatible APIs alongside Ollama models.</div>
<div><b>Local RAG Integration</b>Load documents directly into the chat.</div></div>"""),
    truth=_none(name="Open WebUI",
                tagline="Open WebUI is an extensible, feature-rich, and user-friendly self-hosted AI platform designed to operate entirely offline."),
    source="github.com/open-webui/open-webui README.md",
    source_license="BSD-3-Clause (Open WebUI License, revised BSD-3-Clause)",
    viewport=(1280, 800),
    variants=("light", "dark", "cookie"),
)

# 4. AnythingLLM: marketing page with a tall top (announcement strip + logo wall) and a hero further down.
ALLM_CSS = f"""
:root{{--bg:#0e0f0f;--fg:#f4f4f4;--muted:#9aa0a6;--acc:#46c8ff;--card:#1b1c1d}}
html:not(.dark){{--bg:#ffffff;--fg:#16181a;--muted:#5b6168;--acc:#0b7bc4;--card:#f1f4f7}}
body{{background:var(--bg);color:var(--fg);font-family:{CONDENSED}}}
.top{{display:flex;align-items:center;padding:20px 60px;font-size:15px;gap:30px}}
.top .w{{font-size:22px;font-weight:bold;letter-spacing:.5px;margin-right:auto}}
.top .d{{border:1px solid var(--acc);color:var(--acc);padding:8px 18px;border-radius:8px}}
.strip{{margin:30px 60px;padding:18px;background:var(--card);border-radius:12px;color:var(--muted);font-size:14px;text-align:center}}
.hero{{padding:40px 60px 0;text-align:center}}
.hero h1{{font-family:{DJV_SERIF};font-size:50px;margin:0 0 16px}}
.hero .sub{{font-size:19px;color:var(--muted);max-width:760px;margin:0 auto 30px;line-height:1.5}}
.hero .b{{display:inline-block;background:var(--acc);color:#001018;padding:12px 22px;border-radius:8px;margin:0 6px;font-weight:bold}}
.hero .o{{background:transparent;color:var(--fg);border:1px solid var(--muted)}}
.cards{{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:46px 60px}}
.card{{background:var(--card);border-radius:12px;padding:18px}} .card h3{{margin:0 0 6px;font-size:16px}}
.card p{{margin:0;font-size:13px;color:var(--muted);line-height:1.45}}
"""
ANYTHINGLLM = Page(
    id="anythingllm",
    url="https://anythingllm.com/",
    html=doc("AnythingLLM | The all-in-one AI application for everyone", ALLM_CSS, f"""
<div class="top"><span class="w">AnythingLLM</span><span>Desktop</span><span>Cloud</span><span>Docs</span>
<span>GitHub</span><span class="d">Download</span></div>
<div class="strip">Trusted by teams at 10,000+ organizations · 100% local by default · MIT licensed on GitHub</div>
<section class="hero"><h1>The all-in-one AI app you were looking for.</h1>
<div class="sub">Chat with your docs, use AI Agents, hyper-configurable, multi-user, &amp; no fustrating set up required.</div>
<span class="b">Download for desktop</span><span class="b o">Self-host with Docker</span>
<p style="margin-top:22px;color:var(--muted)">→ AnythingLLM for desktop (Mac, Windows, &amp; Linux)! <u>Download Now</u></p></section>
<div class="cards">{_features([
        ("Multi-user support", "Multi-user instance support and permissioning."),
        ("AI Agents", "Agents inside your workspace: browse the web, run code, and more."),
        ("Any document", "PDF, TXT, DOCX and more, managed from a simple UI."),
        ("Bring your own LLM", "Use commercial or open-source LLMs and vector databases."),
    ], "card")}</div>"""),
    truth=_none(name="AnythingLLM", tagline="The all-in-one AI app you were looking for.", license="MIT"),
    source="github.com/Mintplex-Labs/anything-llm README.md",
    source_license="MIT",
    viewport=(1280, 820),
    variants=("dark", "light", "cut"),
)

# 5. LocalAI: terminal-flavoured monospace page, left-aligned, sidebar of quick links.
LOCALAI_CSS = f"""
:root{{--bg:#f7f7f2;--fg:#1d1f1a;--muted:#666a5f;--acc:#2f7d32;--code:#1d1f1a;--codefg:#d8f5c9;--line:#d9dbd0}}
html.dark{{--bg:#101410;--fg:#e4eadf;--muted:#8f9a88;--acc:#7fd36f;--code:#000;--line:#2a3327}}
body{{background:var(--bg);color:var(--fg);font-family:{MONO};font-size:14px}}
.bar{{display:flex;gap:24px;padding:14px 40px;border-bottom:2px solid var(--fg)}} .bar b{{margin-right:auto;font-size:16px}}
.wrap{{display:grid;grid-template-columns:1fr 300px;gap:40px;padding:50px 40px}}
h1{{font-size:44px;margin:0}} .tag{{font-size:20px;color:var(--acc);margin:14px 0 24px}}
p{{line-height:1.6;color:var(--muted);max-width:640px}}
pre{{background:var(--code);color:var(--codefg);padding:16px;border-radius:4px;font-size:13px}}
aside{{border-left:2px solid var(--line);padding-left:24px;line-height:2}} aside h4{{margin:0 0 6px}}
.pill{{display:inline-block;border:1px solid var(--fg);padding:3px 9px;margin:0 6px 6px 0;font-size:12px}}
"""
LOCALAI = Page(
    id="localai",
    url="https://localai.io/",
    html=doc("LocalAI", LOCALAI_CSS, f"""
<div class="bar"><b>{logo("L", "#2f7d32", size=22, radius=3)} LocalAI</b><span>docs</span><span>models</span>
<span>examples</span><span>github</span><span>discord</span></div>
<div class="wrap"><div><h1>LocalAI</h1><div class="tag">The free, Open Source OpenAI alternative.</div>
<p>LocalAI act as a drop-in replacement REST API that's compatible with OpenAI (Elevenlabs, Anthropic... )
API specifications for local AI inferencing. It allows you to run LLMs, generate images, audio (and not only)
locally or on-prem with consumer grade hardware, supporting multiple model families. Does not require GPU.</p>
<pre>docker run -ti --name local-ai -p 8080:8080 localai/localai:latest
local-ai run llama-3.2-1b-instruct:q4_k_m</pre>
<span class="pill">text generation</span><span class="pill">audio</span><span class="pill">image</span>
<span class="pill">embeddings</span><span class="pill">MCP</span></div>
<aside><h4>Quick links</h4>› Quickstart<br>› Models<br>› Roadmap<br>› Examples<br><br>
<h4>License</h4>MIT</aside></div>"""),
    truth=_none(name="LocalAI", tagline="The free, Open Source OpenAI alternative.", license="MIT"),
    source="github.com/mudler/LocalAI README.md",
    source_license="MIT",
    viewport=(1280, 720),
    variants=("light", "dark", "2x"),
)

# 6. Docling: no pitch line under the name; the hero is the name, CTAs and a code sample.
DOCLING_CSS = f"""
:root{{--bg:#ffffff;--fg:#14213d;--muted:#5c6784;--acc:#ff6b35;--soft:#fff3ec;--line:#e8ebf2;--code:#f5f7fb}}
html.dark{{--bg:#0d1321;--fg:#e8ecf5;--muted:#9aa6c2;--soft:#1d2436;--line:#273049;--code:#151c2e}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS}}}
nav{{display:flex;gap:30px;padding:18px 70px;align-items:center;font-size:15px;border-bottom:1px solid var(--line)}}
nav .l{{margin-right:auto;display:flex;align-items:center;gap:10px;font-weight:bold;font-size:18px}}
.hero{{padding:60px 70px 20px;display:grid;grid-template-columns:1.1fr 1fr;gap:50px}}
.hero h1{{font-size:72px;margin:0 0 24px;letter-spacing:-2px}}
.chips span{{display:inline-block;background:var(--soft);color:var(--acc);padding:5px 11px;border-radius:14px;margin:0 6px 8px 0;font-size:13px}}
.btns{{margin-top:26px}} .btns a{{display:inline-block;padding:12px 20px;border-radius:6px;margin-right:10px;border:1px solid var(--line)}}
.btns a.p{{background:var(--acc);color:#fff;border:0}}
pre{{background:var(--code);border:1px solid var(--line);border-radius:8px;padding:18px;font:13px/1.6 {MONO};margin:0}}
.g{{display:grid;grid-template-columns:repeat(3,1fr);gap:30px;padding:30px 70px}}
.g h3{{font-size:16px;margin:0 0 6px}} .g p{{font-size:14px;color:var(--muted);margin:0;line-height:1.5}}
"""
DOCLING = Page(
    id="docling",
    url="https://www.docling.ai/",
    html=doc("Docling", DOCLING_CSS, f"""
<nav><span class="l">{shape_logo("blob", "#ff6b35", 28)} Docling</span><span>Docs</span><span>Examples</span>
<span>Integrations</span><span>GitHub</span></nav>
<section class="hero"><div><h1>Docling</h1>
<div class="chips"><span>PDF</span><span>DOCX</span><span>PPTX</span><span>XLSX</span><span>HTML</span><span>images</span><span>audio</span></div>
<div class="btns"><a class="p">Get started</a><a>View on GitHub</a></div></div>
<pre>pip install docling

from docling.document_converter import DocumentConverter
source = "https://arxiv.org/pdf/2408.09869"
converter = DocumentConverter()
result = converter.convert(source)
print(result.document.export_to_markdown())</pre></section>
<div class="g">{_features([
        ("Advanced PDF understanding", "Page layout, reading order, table structure, code blocks, formulas and more."),
        ("Local execution", "For sensitive data workflows and air-gapped environments."),
        ("Plug-and-play integrations", "LangChain, LlamaIndex, CrewAI, and Haystack for agentic AI workflows."),
    ], "f")}</div>"""),
    truth=_none(name="Docling"),
    source="github.com/docling-project/docling README.md",
    source_license="MIT",
    viewport=(1280, 780),
    variants=("light", "dark"),
)

PAGES = [SUPABASE, OLLAMA, OPEN_WEBUI, ANYTHINGLLM, LOCALAI, DOCLING]
