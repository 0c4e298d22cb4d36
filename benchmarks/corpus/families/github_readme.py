"""GitHub repository pages rendering a README: top bar, "owner / repo", tabs, file list, README, About sidebar.

README text is excerpted from each repository's own README.md; About text and license as GitHub shows them.
"""

from __future__ import annotations

from benchmarks.corpus.kit import MONO, SANS, doc, esc, shape_logo, shield
from benchmarks.corpus.page import Page

SEALED = False

CSS = f"""
:root{{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--head:#f6f8fa;--link:#0969da;
--note:#0969da;--warn:#9a6700;--tip:#1a7f37;--btn:#f6f8fa;--code:#f6f8fa;--top:#f6f8fa}}
html.dark{{--bg:#0d1117;--fg:#f0f6fc;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--head:#151b23;--link:#4493f8;
--note:#4493f8;--warn:#d29922;--tip:#3fb950;--btn:#212830;--code:#151b23;--top:#010409}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
.gh{{background:var(--top);border-bottom:1px solid var(--line);padding:12px 24px;display:flex;align-items:center;gap:14px}}
.gh .path{{font-size:15px}} .gh .path b{{font-weight:600}} .gh .sp{{flex:1}}
.gh .q{{border:1px solid var(--line);border-radius:6px;padding:5px 10px;width:300px;color:var(--muted);font-size:13px}}
.gh .av{{width:28px;height:28px;border-radius:50%;background:#8c959f}}
.tabs{{display:flex;gap:4px;padding:0 24px;border-bottom:1px solid var(--line);background:var(--top)}}
.tabs span{{padding:10px 10px;color:var(--fg)}} .tabs .on{{border-bottom:2px solid #fd8c73;font-weight:600}}
.tabs em{{font-style:normal;background:var(--line);border-radius:10px;padding:0 6px;font-size:12px;margin-left:4px}}
.rh{{display:flex;align-items:center;gap:10px;padding:16px 32px 8px}} .rh .nm{{font-size:20px;font-weight:600}}
.rh .pub{{border:1px solid var(--line);border-radius:12px;padding:0 7px;font-size:12px;color:var(--muted)}}
.rh .sp{{flex:1}} .bt{{border:1px solid var(--line);background:var(--btn);border-radius:6px;padding:3px 10px;font-size:12px}}
.main{{display:grid;grid-template-columns:1fr 296px;gap:24px;padding:8px 32px}}
.files{{border:1px solid var(--line);border-radius:6px;overflow:hidden}}
.files .hd{{background:var(--head);padding:10px 14px;display:flex;gap:10px;color:var(--muted);font-size:13px}}
.files .hd b{{color:var(--fg)}} .files .r{{display:flex;border-top:1px solid var(--line);padding:7px 14px;font-size:13px}}
.files .r span:first-child{{width:200px}} .files .r span:nth-child(2){{flex:1;color:var(--muted)}} .files .r span:last-child{{color:var(--muted)}}
.rd{{border:1px solid var(--line);border-radius:6px;margin-top:16px}} .rd .bar{{padding:8px 14px;border-bottom:1px solid var(--line);font-weight:600;font-size:13px}}
.md{{padding:24px 32px;line-height:1.55;font-size:15px}} .md h1{{font-size:30px;border-bottom:1px solid var(--line);padding-bottom:6px;margin:0 0 14px}}
.md h2{{font-size:22px;border-bottom:1px solid var(--line);padding-bottom:5px;margin:22px 0 12px}} .md h3{{font-size:17px}}
.md a{{color:var(--link)}} .md code{{background:var(--code);padding:1px 5px;border-radius:5px;font:13px {MONO}}}
.md pre{{background:var(--code);padding:14px;border-radius:6px;font:13px/1.5 {MONO};overflow:hidden}}
.md .c{{text-align:center}} .md .badges svg{{margin:2px}}
.alert{{border-left:4px solid var(--note);padding:4px 14px;margin:12px 0}} .alert b{{color:var(--note);display:block;margin:4px 0}}
.alert.tip{{border-color:var(--tip)}} .alert.tip b{{color:var(--tip)}} .alert.warn{{border-color:var(--warn)}} .alert.warn b{{color:var(--warn)}}
.md table{{border-collapse:collapse}} .md td,.md th{{border:1px solid var(--line);padding:5px 12px;font-size:14px}}
aside h3{{font-size:16px;margin:6px 0 12px}} aside p{{font-size:15px;line-height:1.5;margin:0 0 12px}}
aside .ln{{color:var(--link);font-weight:600;margin-bottom:12px}} .topic{{display:inline-block;background:#ddf4ff;color:#0969da;border-radius:12px;padding:1px 10px;margin:0 4px 6px 0;font-size:12px}}
html.dark .topic{{background:#121d2f;color:#4493f8}} aside .meta{{color:var(--muted);line-height:2;border-bottom:1px solid var(--line);padding-bottom:14px}}
aside .meta b{{color:var(--fg)}} aside h4{{margin:14px 0 6px}}
"""
OCTO = shape_logo("ring", "currentColor", 32)


def page_html(owner: str, repo: str, readme: str, about: str, link: str, topics: list[str], license_: str,
              stars: str, forks: str, files: list[tuple[str, str, str]], issues: str, prs: str, commits: str) -> str:
    rows = "".join(f"<div class=r><span>{'📁 ' if '.' not in n else ''}{esc(n)}</span><span>{esc(m)}</span><span>{esc(t)}</span></div>"
                   for n, m, t in files).replace("📁 ", "▸ ")
    return doc(f"GitHub - {owner}/{repo}: {about}", CSS, f"""
<div class="gh">{OCTO}<span class="path">{esc(owner)} / <b>{esc(repo)}</b></span><span class="sp"></span>
<span class="q">Type / to search</span><span class="bt">+ ▾</span><span class="av"></span></div>
<div class="tabs"><span class="on">&lt;&gt; Code</span><span>⊙ Issues<em>{issues}</em></span><span>⇄ Pull requests<em>{prs}</em></span>
<span>Discussions</span><span>▷ Actions</span><span>Projects</span><span>Wiki</span><span>Security</span><span>Insights</span></div>
<div class="rh"><span class="nm">{esc(repo)}</span><span class="pub">Public</span><span class="sp"></span>
<span class="bt">◉ Watch</span><span class="bt">⎇ Fork {forks}</span><span class="bt">☆ Star {stars}</span></div>
<div class="main"><div><div class="files"><div class="hd"><b>master ▾</b><span>Branches</span><span>Tags</span>
<span style="flex:1"></span><span>⟲ {commits} Commits</span></div>{rows}</div>
<div class="rd"><div class="bar">README ✎ &nbsp; &nbsp; <span style="font-weight:normal;color:var(--muted)">{esc(license_)} license</span></div>
<div class="md">{readme}</div></div></div>
<aside><h3>About</h3><p>{esc(about)}</p><div class="ln">🔗 {esc(link)}</div>
{''.join(f'<span class="topic">{esc(t)}</span>' for t in topics)}
<div class="meta">▤ Readme<br>⚖ <b>{esc(license_)} license</b><br>☆ <b>{stars}</b> stars<br>◉ watching<br>⎇ <b>{forks}</b> forks</div>
<h4>Releases</h4><span style="color:var(--muted)">Latest release</span></aside></div>""").replace("🔗", "⚲")


def _label(name, tagline, license_):
    return {"name": name, "tagline": tagline, "license": license_, "open_weights": None, "entry": None,
            "entry_usd_per_month": None, "tiers": []}


LLAMA = Page(
    id="llama-cpp",
    url="https://github.com/ggml-org/llama.cpp",
    html=page_html("ggml-org", "llama.cpp", f"""
<h1>llama.cpp</h1>
<div class="c"><svg width="100%" height="120"><rect width="100%" height="120" rx="8" fill="#1a1a2e"/>
<text x="50%" y="70" text-anchor="middle" fill="#fff" font-family="DejaVu Sans" font-size="40" font-weight="bold">llama.cpp</text></svg>
<p><b>LLM inference in C/C++</b></p>
<div class="badges">{shield("license", "MIT", "#007ec6")}{shield("release", "b5921", "#007ec6")}{shield("Server", "passing", "#4c1")}{shield("Docker", "passing", "#4c1")}</div>
<p><a>manifesto</a> / <a>ggml</a> / <a>ops</a></p></div>
<h2>Quick start</h2><p>A few options to get <code>llama.cpp</code> installed on your machine:</p>
<ul><li>Run with Docker - see our <a>Docker documentation</a></li><li>Download pre-built binaries from the <a>releases page</a></li>
<li>Build from source by cloning this repository - check out <a>our build guide</a></li></ul>
<pre># Use a local model file
llama-cli -m my_model.gguf

# Or download and run a model directly from Hugging Face
llama-cli -hf ggml-org/gemma-3-1b-it-GGUF</pre>
<h2>Description</h2><p>The main goal of <code>llama.cpp</code> is to enable LLM inference with minimal setup and state-of-the-art
performance on a wide range of hardware - locally and in the cloud.</p>""",
        "LLM inference in C/C++", "ggml.ai", ["llama", "ggml", "gguf"], "MIT", "85.1k", "12.9k",
        [("ci", "ci : add sanity check", "2 days ago"), ("docs", "docs : update build guide", "yesterday"),
         ("ggml", "ggml : sync", "5 hours ago"), ("tools", "server : fix slot reuse", "3 hours ago"),
         ("CMakeLists.txt", "cmake : bump version", "last week"), ("README.md", "readme : update", "3 days ago")],
        "1.1k", "512", "5,921"),
    truth=_label("llama.cpp", "LLM inference in C/C++", "MIT"),
    source="github.com/ggml-org/llama.cpp README.md", source_license="MIT",
    viewport=(1280, 1100), variants=("light", "dark", "cut"),
)

VLLM = Page(
    id="vllm",
    url="https://github.com/vllm-project/vllm",
    html=page_html("vllm-project", "vllm", """
<div class="c"><svg width="360" height="90"><text x="0" y="70" font-family="DejaVu Sans" font-size="72" font-weight="bold" fill="#fdb515">v</text>
<text x="46" y="70" font-family="DejaVu Sans" font-size="72" font-weight="bold" fill="#30a2ff">LLM</text></svg>
<h3>Easy, fast, and cheap LLM serving for everyone</h3>
<p>| <a><b>Documentation</b></a> | <a><b>Blog</b></a> | <a><b>Paper</b></a> | <a><b>Twitter/X</b></a> | <a><b>Developer Slack</b></a> |</p></div>
<div class="alert"><b>ℹ Note</b>vLLM V1 is now the default engine. See the migration guide in the documentation.</div>
<h2>About</h2><p>vLLM is a fast and easy-to-use library for LLM inference and serving.</p>
<p>Originally developed in the Sky Computing Lab at UC Berkeley, vLLM has evolved into a community-driven project
with contributions from both academia and industry.</p><p>vLLM is fast with:</p>
<ul><li>State-of-the-art serving throughput</li><li>Efficient management of attention key and value memory with <b>PagedAttention</b></li>
<li>Continuous batching of incoming requests</li></ul>
<h2>Getting Started</h2><p>Install vLLM with <code>pip</code> or from source:</p><pre>pip install vllm</pre>""",
        "A high-throughput and memory-efficient inference and serving engine for LLMs", "docs.vllm.ai",
        ["amd", "cuda", "inference", "llm", "pytorch", "transformer"], "Apache-2.0", "52.3k", "8.6k",
        [(".buildkite", "[CI] nightly benchmarks", "4 hours ago"), ("benchmarks", "[Perf] add throughput script", "2 days ago"),
         ("docs", "[Doc] fix typos", "yesterday"), ("vllm", "[V1] scheduler fixes", "1 hour ago"),
         ("pyproject.toml", "[Build] bump torch", "last week")], "1.9k", "1.1k", "7,412"),
    truth=_label("vLLM", "Easy, fast, and cheap LLM serving for everyone", "Apache-2.0"),
    source="github.com/vllm-project/vllm README.md", source_license="Apache-2.0",
    viewport=(1280, 1050), variants=("light", "dark", "browser"),
)

DOCLING = Page(
    id="docling",
    url="https://github.com/docling-project/docling",
    html=page_html("docling-project", "docling", f"""
<div class="c"><svg width="100%" height="110"><rect width="100%" height="110" fill="#fff3ec"/><circle cx="120" cy="55" r="34" fill="#ff6b35"/>
<rect x="200" y="30" width="260" height="14" fill="#ffc2a8"/><rect x="200" y="56" width="380" height="14" fill="#ffc2a8"/></svg></div>
<h1>Docling</h1>
<div class="badges">{shield("arXiv", "2408.09869", "#b31b1b")}{shield("docs", "live", "#4c1")}{shield("pypi", "v2.43.0", "#007ec6")}{shield("license", "MIT", "#007ec6")}{shield("pre-commit", "enabled", "#4c1")}</div>
<h2>What is Docling?</h2><p>Docling simplifies document processing, parsing diverse formats — including advanced PDF understanding —
and providing seamless integrations with the gen AI ecosystem.</p>
<h2>Features</h2><ul><li>Parse multiple document formats, including PDF, DOCX, PPTX, XLSX, HTML, WAV, MP3, images and more</li>
<li>Advanced PDF understanding, including page layout, reading order, table structure, code blocks, formulas</li>
<li>Local execution for sensitive data workflows and air-gapped environments</li></ul>
<div class="alert"><b>ℹ Note</b>Python 3.9 support was dropped in docling version 2.70.0. Please use Python 3.10 or higher.</div>""",
        "Get your documents ready for gen AI", "docling-project.github.io/docling",
        ["ai", "pdf", "convert", "document-parser", "tables"], "MIT", "38.2k", "2.6k",
        [(".github", "ci: pin actions", "3 days ago"), ("docling", "feat: new layout model", "yesterday"),
         ("docs", "docs: examples", "2 days ago"), ("tests", "test: golden files", "yesterday"),
         ("pyproject.toml", "chore: bump version", "2 days ago")], "312", "87", "1,604"),
    truth=_label("Docling", "Get your documents ready for gen AI", "MIT"),
    source="github.com/docling-project/docling README.md", source_license="MIT",
    viewport=(1280, 1000), variants=("light", "dark"),
)

LLM = Page(
    id="simonw-llm",
    url="https://github.com/simonw/llm",
    html=page_html("simonw", "llm", f"""
<h1>LLM</h1>
<div class="badges">{shield("pypi", "v0.26", "#007ec6")}{shield("docs", "passing", "#4c1")}{shield("changelog", "0.26", "#007ec6")}{shield("Tests", "passing", "#4c1")}{shield("license", "Apache 2.0", "#007ec6")}</div>
<p>A CLI utility and Python library for interacting with Large Language Models, both via remote APIs and models that can be installed and run on your own machine.</p>
<p><a>Run prompts from the command-line</a>, <a>store the results in SQLite</a>, <a>generate embeddings</a> and more.</p>
<p>Full documentation: <b><a>llm.datasette.io</a></b></p>
<h2>Installation</h2><p>Install this tool using <code>pip</code>:</p><pre>pip install llm</pre><p>Or using Homebrew:</p><pre>brew install llm</pre>
<h2>Getting started</h2><p>If you have an OpenAI API key you can get started using the OpenAI models right away.</p>
<pre>llm keys set openai
llm "Five cute names for a pet penguin"</pre>""",
        "Access large language models from the command-line", "llm.datasette.io",
        ["ai", "openai", "llms", "cli"], "Apache-2.0", "9.8k", "611",
        [(".github/workflows", "Test against Python 3.13", "last month"), ("docs", "Release 0.26", "2 weeks ago"),
         ("llm", "Tools support", "2 weeks ago"), ("tests", "More tests", "2 weeks ago"), ("setup.py", "Release 0.26", "2 weeks ago")],
        "298", "61", "1,240"),
    truth=_label("LLM",
                 "A CLI utility and Python library for interacting with Large Language Models, both via remote APIs and models that can be installed and run on your own machine.",
                 "Apache-2.0"),
    source="github.com/simonw/llm README.md", source_license="Apache-2.0",
    viewport=(1280, 1000), variants=("light", "dark", "cookie"),
)

COMFY = Page(
    id="comfyui",
    url="https://github.com/comfyanonymous/ComfyUI",
    html=page_html("comfyanonymous", "ComfyUI", f"""
<div class="c"><h1 style="border:0">ComfyUI</h1><p><b>The most powerful and modular visual AI engine and application.</b></p>
<div class="badges">{shield("ComfyOrg", "website", "#4285f4")}{shield("Discord", "150k total", "#4c1")}{shield("Matrix", "chat", "#000")}<br>
{shield("release", "v0.3.44", "#007ec6")}{shield("downloads", "1.4M", "#4c1")}</div>
<svg width="100%" height="150"><rect width="100%" height="150" rx="6" fill="#202020"/><rect x="40" y="30" width="150" height="90" rx="6" fill="#353535"/>
<rect x="260" y="40" width="150" height="70" rx="6" fill="#353535"/><path d="M190 75 C225 75 225 75 260 75" stroke="#7bd" stroke-width="3"/></svg></div>
<p>ComfyUI lets you design and execute advanced stable diffusion pipelines using a graph/nodes/flowchart based interface.
Available on Windows, Linux, and macOS.</p>
<h2>Get Started</h2><h4><a>Desktop Application</a></h4><ul><li>The easiest way to get started.</li><li>Available on Windows &amp; macOS.</li></ul>
<div class="alert tip"><b>✓ Tip</b>Works fully offline: core will never download anything unless you want to.</div>""",
        "The most powerful and modular diffusion model GUI, api and backend with a graph/nodes interface.", "comfy.org",
        ["stable-diffusion", "pytorch", "ai-art"], "GPL-3.0", "86.4k", "9.4k",
        [("comfy", "Support new model", "6 hours ago"), ("comfy_extras", "Add nodes", "yesterday"),
         ("custom_nodes", "Example", "last year"), ("main.py", "Fix startup", "3 days ago"), ("requirements.txt", "Bump frontend", "2 days ago")],
        "3.1k", "247", "4,208"),
    truth=_label("ComfyUI", "The most powerful and modular visual AI engine and application.", "GPL-3.0"),
    source="github.com/comfyanonymous/ComfyUI README.md", source_license="GPL-3.0",
    viewport=(1280, 1000), variants=("light", "dark", "2x"),
)

PAGES = [LLAMA, VLLM, DOCLING, LLM, COMFY]
