"""Launch blog posts and changelogs: "Introducing X", "Announcing X", release history.

The blog's own brand sits in the nav; the label is the product the post launches. Post text is quoted
(excerpted) from the projects' blog/changelog sources kept in public repositories.
SEALED: measured only, never tuned on.
"""

from __future__ import annotations

from benchmarks.corpus.kit import LIB_SANS, MONO, SANS, doc
from benchmarks.corpus.page import Page

SEALED = True


def _truth(name, tagline=None, *, license=None, open_weights=None, entry=None, entry_usd=None, tiers=(), **extra):
    return {"name": name, "tagline": tagline, "license": license, "open_weights": open_weights, "entry": entry,
            "entry_usd_per_month": entry_usd, "tiers": [dict(t) for t in tiers], "injection": False, **extra}


# ---------------------------------------------------------------- 1. vLLM V1 on a Jekyll (minima-like) blog
V1_CSS = f"""
:root{{--bg:#fdfdfd;--fg:#111111;--muted:#828282;--line:#e8e8e8;--link:#2a7ae2;--code:#eef}}
html.dark{{--bg:#181a1b;--fg:#e6e6e6;--muted:#9a9a9a;--line:#303336;--link:#79b8ff;--code:#262a33}}
body{{background:var(--bg);color:var(--fg);font:16px/1.5 {LIB_SANS}}}
.site{{border-top:5px solid #424242;border-bottom:1px solid var(--line);min-height:56px}}
.w{{max-width:800px;margin:0 auto;padding:0 30px}}
.site .w{{display:flex;justify-content:space-between;align-items:center;height:56px}}
.site b{{font-size:26px;font-weight:300;letter-spacing:-1px}}.site nav a{{margin-left:20px;color:var(--fg)}}
h1{{font-size:38px;line-height:1.15;letter-spacing:-1px;margin:30px 0 6px;font-weight:400}}
.m{{color:var(--muted);font-size:14px;margin-bottom:22px}}
h2{{font-size:28px;font-weight:400;margin:24px 0 8px}}
code{{background:var(--code);padding:1px 5px;border-radius:3px;font:14px {MONO}}}
ul li{{margin:3px 0}}
"""

V1_BODY = """
<header class="site"><div class="w"><b>vLLM Blog</b><nav><a>Home</a><a>GitHub</a><a>Documentation</a><a>Paper</a></nav></div></header>
<main class="w"><h1>vLLM V1: A Major Upgrade to vLLM's Core Architecture</h1>
<div class="m">Jan 27, 2025 • vLLM Team</div>
<p>We are thrilled to announce the <b>alpha release of vLLM V1</b>, a major upgrade to vLLM’s core architecture. Based on lessons we learned over the past 1.5 years of vLLM development, we revisited key design decisions, consolidated various features, and simplified the codebase to enhance flexibility and scalability. V1 already achieves <b>state-of-the-art performance</b> and is set to gain even more optimizations. Best of all, users can enable V1 seamlessly—just set the <code>VLLM_USE_V1=1</code> environment variable <b>without any changes to the existing API</b>.</p>
<h2>Why vLLM V1?</h2>
<p>Over the past 1.5 years, vLLM has achieved remarkable success in supporting diverse models, features, and hardware backends. However, while our community scaled horizontally, we faced challenges making the systems simple and integrating various optimizations vertically across the stack.</p>
<h2>Goals of V1</h2>
<ul><li>Provide a <b>simple, modular, and easy-to-hack codebase</b>.</li><li>Ensure <b>high performance</b> with near-zero CPU overhead.</li>
<li><b>Combine key optimizations</b> into a unified architecture.</li><li>Require <b>zero configs</b> by enabling features/optimizations by default.</li></ul>
<h2>How to Get Started</h2>
<ol><li>Install the latest version of vLLM with <code>pip install vllm --upgrade</code>.</li><li><b>Set the environment variable <code>export VLLM_USE_V1=1</code>.</b></li>
<li>Use vLLM’s Python API or OpenAI-compatible server (<code>vllm serve &lt;model-name&gt;</code>).</li></ol></main>"""

# ---------------------------------------------------------------- 2. vLLM-Omni, cover-image style post
OMNI_CSS = f"""
:root{{--bg:#ffffff;--fg:#1a1a2e;--muted:#6b6b80;--line:#ececf2;--accent:#2f6fed;--hero:#0d1b3e;--chip:#eef3ff}}
html.dark{{--bg:#0e1018;--fg:#e8eaf2;--muted:#9aa0b8;--line:#22263a;--accent:#7aa2ff;--hero:#050a1c;--chip:#1a2340}}
body{{background:var(--bg);color:var(--fg);font:16px/1.65 {SANS}}}
.nav{{display:flex;align-items:center;gap:24px;padding:14px 60px;border-bottom:1px solid var(--line);font-size:14px}}
.nav b{{font-size:18px;margin-right:auto}}.nav b span{{color:#f5a623}}
.hero{{background:var(--hero);color:#fff;padding:38px 60px 30px}}
.hero .k{{font-size:13px;letter-spacing:2px;text-transform:uppercase;color:#9db8ff}}
.hero h1{{font-size:34px;line-height:1.2;margin:10px 0;max-width:900px;font-weight:700}}
.hero .by{{color:#c4ccee;font-size:14px}}
.grid{{display:grid;grid-template-columns:190px 1fr;gap:40px;padding:26px 60px}}
.toc{{font-size:13px;color:var(--muted);border-right:1px solid var(--line)}}.toc div{{margin:6px 0}}
.post{{max-width:820px}}.post h2{{font-size:22px;margin:18px 0 6px}}
.post ol li{{margin:4px 0}}
"""

OMNI_BODY = """
<div class="nav"><b>v<span>LLM</span> blog</b><span>Posts</span><span>Events</span><span>Docs</span><span>GitHub ★ 60k</span></div>
<div class="hero"><div class="k">Announcement · Nov 30, 2025</div>
<h1>Announcing vLLM-Omni: Easy, Fast, and Cheap Omni-Modality Model Serving</h1><div class="by">By The vLLM-Omni Team · 6 min read</div></div>
<div class="grid"><div class="toc"><div><b>On this page</b></div><div>Why vLLM-Omni?</div><div>Inside the Architecture</div><div>Key Features</div><div>Future Roadmap</div><div>Getting Started</div><div>Join the Community</div></div>
<div class="post"><p>We are excited to announce the official release of <b>vLLM-Omni</b>, a major extension of the vLLM ecosystem designed to support the next generation of AI: omni-modality models.</p>
<p><b>vLLM-Omni</b> is an open source framework to support omni-modality model serving that extends vLLM’s exceptional performance to the world of multi-modal and non-autoregressive inference.</p>
<h2>Why vLLM-Omni?</h2><p>Traditional serving engines were optimized for text-based Autoregressive (AR) tasks. vLLM-Omni addresses three critical shifts in model architecture:</p>
<ol><li><b>True Omni-Modality:</b> Processing and generating Text, Image, Video, and Audio seamlessly.</li>
<li><b>Beyond Autoregression:</b> Extending vLLM's efficient memory management to <b>Diffusion Transformers (DiT)</b> and other parallel generation models.</li>
<li><b>Heterogeneous Model Pipeline:</b> Orchestrating complex model workflows where a single request can invoke multiple heterogeneous model components.</li></ol>
<h2>Getting Started</h2><p>The initial vllm-omni v0.11.0rc release is built on top of vLLM v0.11.0.</p></div></div>"""

# ---------------------------------------------------------------- 3. smolagents on a Hugging Face blog-like page
HF_CSS = f"""
:root{{--bg:#ffffff;--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--chip:#f3f4f6;--code:#f9fafb;--codefg:#1f2937}}
html.dark{{--bg:#0b0f19;--fg:#e5e7eb;--muted:#9ca3af;--line:#1f2937;--chip:#1f2937;--code:#111827;--codefg:#d1d5db}}
body{{background:var(--bg);color:var(--fg);font:16px/1.7 {SANS}}}
.top{{display:flex;align-items:center;gap:22px;padding:10px 36px;border-bottom:1px solid var(--line);font-size:14px}}
.top b{{font-size:17px;display:flex;gap:6px;align-items:center}}.top .q{{background:var(--chip);border-radius:8px;padding:5px 14px;color:var(--muted);width:260px}}
.top span{{color:var(--muted)}}.top .r{{margin-left:auto}}
.art{{max-width:760px;margin:0 auto;padding:22px 0}}
.back{{font-size:13px;color:var(--muted)}}
h1{{font-size:36px;line-height:1.2;margin:12px 0 10px;font-weight:800}}
.pub{{font-size:14px;color:var(--muted)}}.pub span{{background:var(--chip);padding:1px 8px;border-radius:6px;margin-left:6px}}
.au{{display:flex;gap:14px;margin:14px 0 18px}}.au div{{display:flex;gap:8px;align-items:center;border:1px solid var(--line);border-radius:20px;padding:3px 12px 3px 4px;font-size:13px}}
.au i{{width:24px;height:24px;border-radius:50%;display:inline-block}}
pre{{background:var(--code);color:var(--codefg);border:1px solid var(--line);border-radius:8px;padding:14px 16px;font:13px/1.55 {MONO};overflow:hidden}}
.kw{{color:#b91c1c}}.st{{color:#15803d}}
h3{{font-size:21px;margin:20px 0 6px}}
"""


def _hf_top() -> str:
    face = ('<svg width="26" height="26" viewBox="0 0 26 26"><circle cx="13" cy="13" r="12" fill="#FFD21E"/>'
            '<circle cx="9" cy="11" r="1.8" fill="#3a3b45"/><circle cx="17" cy="11" r="1.8" fill="#3a3b45"/>'
            '<path d="M8 16c3 3 7 3 10 0" stroke="#3a3b45" stroke-width="1.8" fill="none"/></svg>')
    return (f'<div class="top"><b>{face}Hugging Face</b><span class="q">Search models, datasets, users...</span>'
            "<span>Models</span><span>Datasets</span><span>Spaces</span><span>Community</span><span>Docs</span>"
            '<span>Pricing</span><span class="r">Log In</span><span>Sign Up</span></div>')


SMOLAGENTS_BODY = f"""{_hf_top()}
<div class="art"><div class="back">← Back to Articles</div>
<h1>Introducing smolagents: simple agents that write actions in code.</h1>
<div class="pub">Published December 31, 2024 <span>Update on GitHub</span></div>
<div class="au"><div><i style="background:#fca5a5"></i>m-ric Aymeric Roucher</div><div><i style="background:#93c5fd"></i>merve Merve Noyan</div></div>
<p>Today we are launching smolagents, a very simple library that unlocks agentic capabilities for language models. Here’s a glimpse:</p>
<pre><span class="kw">from</span> smolagents <span class="kw">import</span> CodeAgent, DuckDuckGoSearchTool, HfApiModel

agent = CodeAgent(tools=[DuckDuckGoSearchTool()], model=HfApiModel())

agent.run(<span class="st">"How many seconds would it take for a leopard at full speed to run through Pont des Arts?"</span>)</pre>
<h3>Introducing smolagents: making agents simple</h3>
<p>We built <code>smolagents</code> with these objectives:</p>
<p><b>Simplicity</b>: the logic for agents fits in ~thousand lines of code. We kept abstractions to their minimal shape above raw code!<br>
<b>First-class support for Code Agents</b>, i.e. agents that write their actions in code (as opposed to "agents being used to write code").<br>
<b>Hub integrations</b>: you can share and load tools to/from the Hub, and more is to come!</p></div>"""

SMOLLM3_BODY = f"""{_hf_top()}
<div class="art"><div class="back">← Back to Articles</div>
<h1>SmolLM3: smol, multilingual, long-context reasoner</h1>
<div class="pub">Published July 8, 2025 <span>Update on GitHub</span></div>
<div class="au"><div><i style="background:#fcd34d"></i>eliebak Elie Bakouch</div><div><i style="background:#a7f3d0"></i>cmpatino Carlos Miguel Patiño</div><div><i style="background:#c4b5fd"></i>anton-l Anton Lozhkov</div><div>+18</div></div>
<p>Small language models are becoming increasingly important as users seek capable models that can be deployed efficiently. With SmolLM3, we're excited to contribute a new competitive fully open 3B model:</p>
<ul><li>Base model: https://hf.co/HuggingFaceTB/SmolLM3-3B-Base</li><li>Instruct and reasoning model: https://hf.co/HuggingFaceTB/SmolLM3-3B</li></ul>
<p><b>SmolLM3 sits in the efficiency sweet spot.</b> Our 3B model outperforms Llama-3.2-3B and Qwen2.5-3B while staying competitive with larger 4B alternatives (Qwen3 &amp; Gemma3).</p>
<h3>How to run locally</h3>
<pre><span class="kw">from</span> transformers <span class="kw">import</span> AutoModelForCausalLM, AutoTokenizer

model_name = <span class="st">"HuggingFaceTB/SmolLM3-3B"</span>
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name).to(<span class="st">"cuda"</span>)</pre></div>"""

# ---------------------------------------------------------------- 5. Aider release history (docs-site changelog)
AIDER_CSS = f"""
:root{{--bg:#ffffff;--side:#f5f6fa;--fg:#27262b;--muted:#5c5962;--line:#eeebee;--accent:#7253ed;--code:#f5f6fa}}
html.dark{{--bg:#27262b;--side:#1f1e22;--fg:#e6e1e8;--muted:#959396;--line:#44434d;--accent:#a48cf5;--code:#31343f}}
body{{background:var(--bg);color:var(--fg);font:15px/1.6 {SANS};display:flex;min-height:100vh}}
.side{{width:264px;background:var(--side);border-right:1px solid var(--line);padding:18px 22px;flex:none}}
.side .b{{font:700 26px {MONO};color:var(--accent)}}.side .t{{font-size:13px;color:var(--muted);margin:2px 0 18px}}
.side a{{display:block;padding:4px 0;color:var(--fg);font-size:14px}}.side a.on{{color:var(--accent);font-weight:700}}
.main{{flex:1}}
.bar{{height:52px;border-bottom:1px solid var(--line);display:flex;align-items:center;padding:0 36px;color:var(--muted);font-size:14px;gap:20px}}
.bar .s{{flex:1}}
.c{{padding:16px 36px;max-width:860px}}
h1{{font-size:32px;font-weight:300;margin:6px 0 10px}}
h3{{font-size:17px;margin:16px 0 2px}}
code{{background:var(--code);border:1px solid var(--line);border-radius:4px;padding:0 4px;font:13px {MONO}}}
li{{margin:1px 0}}
"""

AIDER_BODY = """
<nav class="side"><div class="b">aider</div><div class="t">AI pair programming in your terminal</div>
<a>Home</a><a>Installation</a><a>Usage</a><a>Connecting to LLMs</a><a>Configuration</a><a>Troubleshooting</a><a>Example chat transcripts</a><a>More info</a><a class="on">Release history</a><a>Aider LLM Leaderboards</a><a>Aider blog</a></nav>
<div class="main"><div class="bar"><span class="s">Search aider</span><span>GitHub</span><span>Discord</span><span>Blog</span></div>
<div class="c"><h1>Release history</h1>
<h3>Aider v0.48.1</h3><ul><li>Added <code>openai/gpt-4o-2024-08-06</code>.</li><li>Worked around litellm bug that removes OpenRouter app headers when using <code>extra_headers</code>.</li><li>Improved progress indication during repo map processing.</li><li>Removed obsolete 16k token limit on commit diffs, use per-model limits.</li></ul>
<h3>Aider v0.48.0</h3><ul><li>Performance improvements for large/mono repos.</li><li>Added <code>--subtree-only</code> to limit aider to current directory subtree.</li><li>New <code>/add-clipboard-image</code> to add images to the chat from your clipboard.</li><li>Use <code>--map-tokens 1024</code> to use repo map with any model.</li><li>Support for Sonnet's 8k output window.</li><li>Aider wrote 44% of the code in this release.</li></ul>
<h3>Aider v0.47.1</h3><ul><li>Improvements to conventional commits prompting.</li></ul>
<h3>Aider v0.47.0</h3><ul><li>Commit message improvements: added Conventional Commits guidelines to commit message prompt.</li><li>Linting improvements: ask before fixing lint errors.</li><li>Aider wrote 58% of the code in this release.</li></ul></div></div>"""

PAGES = [
    Page(
        id="vllm-v1-post",
        html=doc("vLLM V1: A Major Upgrade to vLLM's Core Architecture | vLLM Blog", V1_CSS, V1_BODY),
        truth=_truth("vLLM", None),
        source="github.com/vllm-project/vllm-project.github.io _posts/2025-01-27-v1-alpha-release.md (excerpt)",
        source_license="unspecified (no LICENSE in the blog repository; short excerpt)",
        url="https://blog.vllm.ai/2025/01/27/v1-alpha-release.html",
        variants=("light", "dark", "cut"),
    ),
    Page(
        id="vllm-omni-post",
        html=doc("Announcing vLLM-Omni | vLLM Blog", OMNI_CSS, OMNI_BODY),
        truth=_truth("vLLM-Omni", "Easy, Fast, and Cheap Omni-Modality Model Serving"),
        source="github.com/vllm-project/vllm-project.github.io _posts/2025-11-30-vllm-omni.md (excerpt)",
        source_license="unspecified (no LICENSE in the blog repository; short excerpt)",
        url="https://blog.vllm.ai/2025/11/30/vllm-omni.html",
        variants=("light", "browser"),
    ),
    Page(
        id="hf-smolagents-post",
        html=doc("Introducing smolagents, a simple library to build agents", HF_CSS, SMOLAGENTS_BODY),
        truth=_truth("smolagents", "simple agents that write actions in code."),
        source="github.com/huggingface/blog smolagents.md (excerpt)",
        source_license="unspecified (no LICENSE in huggingface/blog; short excerpt)",
        url="https://huggingface.co/blog/smolagents",
        variants=("light", "dark", "announce"),
    ),
    Page(
        id="hf-smollm3-post",
        html=doc("SmolLM3: smol, multilingual, long-context reasoner", HF_CSS, SMOLLM3_BODY),
        truth=_truth("SmolLM3", "smol, multilingual, long-context reasoner", open_weights=True),
        source="github.com/huggingface/blog smollm3.md (excerpt)",
        source_license="unspecified (no LICENSE in huggingface/blog; short excerpt)",
        url="https://huggingface.co/blog/smollm3",
        variants=("light", "2x"),
    ),
    Page(
        id="aider-release-notes",
        html=doc("Release history | aider", AIDER_CSS, AIDER_BODY),
        truth=_truth("Aider", "AI pair programming in your terminal"),
        source="github.com/Aider-AI/aider HISTORY.md (excerpt)",
        source_license="Apache-2.0",
        url="https://aider.chat/HISTORY.html",
        variants=("light", "dark", "cookie"),
        variant_truth={"cookie": {"tagline": None}},  # the top consent banner covers the sidebar title and tagline
    ),
]
