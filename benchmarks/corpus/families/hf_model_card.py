"""Hugging Face model pages: hub top bar, "org / model" heading with likes, tags, tabs, model card, "Use this model".

Card text is excerpted from each model's published model card (README.md of the model repository).
"""

from __future__ import annotations

from benchmarks.corpus.kit import MONO, SANS, doc, esc
from benchmarks.corpus.page import Page

SEALED = False

CSS = f"""
:root{{--bg:#ffffff;--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--soft:#f9fafb;--tag:#f3f4f6;--code:#f9fafb;--link:#2563eb;
--grad:linear-gradient(to top,#f9fafb,#ffffff)}}
html.dark{{--bg:#0b0f19;--fg:#e5e7eb;--muted:#9ca3af;--line:#1f2937;--soft:#111827;--tag:#1f2937;--code:#111827;--link:#60a5fa;
--grad:linear-gradient(to top,#111827,#0b0f19)}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
.top{{display:flex;align-items:center;gap:20px;padding:9px 28px;border-bottom:1px solid var(--line)}}
.top b{{font-size:17px;display:flex;gap:8px;align-items:center}} .top .q{{border:1px solid var(--line);border-radius:8px;padding:5px 12px;width:300px;color:var(--muted);font-size:13px}}
.top .sp{{flex:1}} .hdr{{background:var(--grad);border-bottom:1px solid var(--line);padding:18px 28px 0}}
.ttl{{display:flex;align-items:center;gap:10px;font-size:19px}} .ttl .org{{color:var(--muted)}} .ttl b{{font-weight:600}}
.like{{border:1px solid var(--line);border-radius:6px;font-size:12px;padding:1px 8px;margin-left:8px}}
.tags{{margin:12px 0}} .tags span{{display:inline-block;border:1px solid var(--line);background:var(--tag);border-radius:6px;padding:2px 8px;margin:0 5px 6px 0;font-size:12.5px}}
.tags .task{{color:#6d28d9}} html.dark .tags .task{{color:#c4b5fd}} .tags .lic{{font-weight:600}}
.tabs span{{display:inline-block;padding:9px 14px;font-size:14px}} .tabs .on{{border-bottom:2px solid var(--fg);font-weight:600}}
.body{{display:grid;grid-template-columns:1fr 330px;gap:0}} .card{{padding:20px 34px;border-right:1px solid var(--line);line-height:1.6;font-size:15px}}
.card h1{{font-size:28px;margin:4px 0 12px}} .card h2{{font-size:21px;margin:20px 0 8px}} .card h3{{font-size:17px}}
.card code{{font:13px {MONO};background:var(--code);padding:1px 4px;border-radius:4px}}
.card pre{{background:var(--code);border:1px solid var(--line);border-radius:8px;padding:12px;font:12.5px/1.5 {MONO};overflow:hidden}}
.card table{{border-collapse:collapse;font-size:13px}} .card td,.card th{{border:1px solid var(--line);padding:4px 10px}}
.side{{padding:20px 24px}} .use{{display:block;text-align:center;border:1px solid var(--line);border-radius:8px;padding:8px;font-weight:600;background:var(--soft);margin-bottom:14px}}
.box{{border-top:1px solid var(--line);padding:12px 0;color:var(--muted);font-size:13px;line-height:1.7}} .box b{{color:var(--fg)}}
.bars{{display:flex;align-items:flex-end;gap:2px;height:30px;margin-top:4px}} .bars i{{display:block;width:6px;background:#6366f1;opacity:.7}}
"""
FACE = ('<svg width="26" height="26" viewBox="0 0 28 28"><circle cx="14" cy="14" r="13" fill="#ffd21e"/>'
        '<circle cx="10" cy="11" r="2" fill="#3a3b45"/><circle cx="18" cy="11" r="2" fill="#3a3b45"/>'
        '<path d="M8 16 Q14 22 20 16" stroke="#3a3b45" stroke-width="2" fill="#ef4444"/></svg>')


def page_html(org: str, model: str, likes: str, tags: list[str], task: str, license_tag: str, card: str,
              downloads: str, size: str, dtype: str, tree: str) -> str:
    bars = "".join(f'<i style="height:{8 + (i * 37) % 22}px"></i>' for i in range(30))
    tag_html = (f'<span class="task">{esc(task)}</span>' + "".join(f"<span>{esc(t)}</span>" for t in tags)
                + f'<span class="lic">License: {esc(license_tag)}</span>')
    return doc(f"{org}/{model} · Hugging Face", CSS, f"""
<div class="top"><b>{FACE} Hugging Face</b><span class="q">Search models, datasets, users...</span><span>Models</span>
<span>Datasets</span><span>Spaces</span><span>Community</span><span>Docs</span><span>Pricing</span><span class="sp"></span>
<span>Log In</span><span>Sign Up</span></div>
<div class="hdr"><div class="ttl"><span class="org">{esc(org)}</span>/<b>{esc(model)}</b>
<span class="like">♡ like {likes}</span><span class="like">Follow</span></div>
<div class="tags">{tag_html}</div>
<div class="tabs"><span class="on">Model card</span><span>Files and versions</span><span>Community</span></div></div>
<div class="body"><div class="card">{card}</div>
<div class="side"><span class="use">Use this model ▾</span>
<div class="box">Downloads last month<br><b style="font-size:16px">{downloads}</b><div class="bars">{bars}</div></div>
<div class="box">Safetensors &nbsp; Model size <b>{size}</b> params &nbsp; Tensor type <b>{dtype}</b></div>
<div class="box"><b>Inference Providers</b><br>{esc(task)}<br>This model isn't deployed by any Inference Provider.</div>
<div class="box"><b>Model tree for {esc(org)}/{esc(model)}</b><br>{tree}</div></div></div>""")


def _label(name: str, license_: str, category: str, tagline: str | None = None) -> dict:
    return {"name": name, "tagline": tagline, "license": license_, "open_weights": True, "entry": None,
            "entry_usd_per_month": None, "tiers": [], "category": category}


SMOLLM2 = Page(
    id="smollm2-1.7b-instruct",
    url="https://huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct",
    html=page_html("HuggingFaceTB", "SmolLM2-1.7B-Instruct", "702",
                   ["Transformers", "TensorBoard", "ONNX", "Safetensors", "English", "llama", "transformers.js", "conversational"],
                   "Text Generation", "apache-2.0", """
<h1>SmolLM2</h1>
<svg width="100%" height="90"><rect width="100%" height="90" rx="8" fill="#fde68a"/><text x="24" y="56" font-family="DejaVu Sans" font-size="30" font-weight="bold" fill="#78350f">SmolLM2</text></svg>
<h2>Table of Contents</h2><ol><li>Model Summary</li><li>Evaluation</li><li>Examples</li><li>Limitations</li><li>Training</li><li>License</li></ol>
<h2>Model Summary</h2>
<p>SmolLM2 is a family of compact language models available in three size: 135M, 360M, and 1.7B parameters. They are capable of
solving a wide range of tasks while being lightweight enough to run on-device. More details in our paper: https://arxiv.org/abs/2502.02737</p>
<h3>How to use</h3><pre>pip install transformers</pre>
<pre>from transformers import AutoModelForCausalLM, AutoTokenizer
checkpoint = "HuggingFaceTB/SmolLM2-1.7B-Instruct"

device = "cuda" # for GPU usage or "cpu" for CPU usage
tokenizer = AutoTokenizer.from_pretrained(checkpoint)
model = AutoModelForCausalLM.from_pretrained(checkpoint).to(device)</pre>""",
                   "62,811", "1.71B", "BF16", "Base model HuggingFaceTB/SmolLM2-1.7B<br>Finetuned (52) · Quantizations (61)"),
    truth=_label("SmolLM2-1.7B-Instruct", "Apache-2.0", "Text Generation"),
    source="huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct README.md (model card)", source_license="Apache-2.0",
    viewport=(1280, 1000), variants=("light", "dark", "browser"),
)

SMOLVLM2 = Page(
    id="smolvlm2-2.2b-instruct",
    url="https://huggingface.co/HuggingFaceTB/SmolVLM2-2.2B-Instruct",
    html=page_html("HuggingFaceTB", "SmolVLM2-2.2B-Instruct", "187",
                   ["Transformers", "Safetensors", "English", "smolvlm", "video-text-to-text", "conversational"],
                   "Image-Text-to-Text", "apache-2.0", """
<h1>SmolVLM2 2.2B</h1>
<p>SmolVLM2-2.2B is a lightweight multimodal model designed to analyze video content. The model processes videos, images, and text
inputs to generate text outputs - whether answering questions about media files, comparing visual content, or transcribing text from
images. Despite its compact size, requiring only 5.2GB of GPU RAM for video inference, it delivers robust performance on complex
multimodal tasks.</p>
<h2>Model Summary</h2><ul><li><b>Developed by:</b> Hugging Face 🤗</li><li><b>Model type:</b> Multi-modal model (image/multi-image/video/text)</li>
<li><b>Language(s) (NLP):</b> English</li><li><b>License:</b> Apache 2.0</li><li><b>Architecture:</b> Based on Idefics3</li></ul>
<h3>Transformers</h3><pre>from transformers import AutoProcessor, AutoModelForImageTextToText
import torch

model_path = "HuggingFaceTB/SmolVLM2-2.2B-Instruct"
processor = AutoProcessor.from_pretrained(model_path)
model = AutoModelForImageTextToText.from_pretrained(
    model_path, torch_dtype=torch.bfloat16, _attn_implementation="flash_attention_2"
).to("cuda")</pre>""".replace("🤗", ""),
                   "104,377", "2.25B", "F32", "Base model HuggingFaceTB/SmolVLM-Instruct<br>Finetuned (25) · Quantizations (9)"),
    truth=_label("SmolVLM2-2.2B-Instruct", "Apache-2.0", "Image-Text-to-Text"),
    source="huggingface.co/HuggingFaceTB/SmolVLM2-2.2B-Instruct README.md (model card)", source_license="Apache-2.0",
    viewport=(1280, 980), variants=("light", "dark"),
)

QWEN = Page(
    id="qwen2.5-0.5b-instruct",
    url="https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct",
    html=page_html("Qwen", "Qwen2.5-0.5B-Instruct", "312",
                   ["Transformers", "Safetensors", "English", "qwen2", "chat", "conversational", "arxiv:2407.10671"],
                   "Text Generation", "apache-2.0", """
<h1>Qwen2.5-0.5B-Instruct</h1>
<h2>Introduction</h2><p>Qwen2.5 is the latest series of Qwen large language models. For Qwen2.5, we release a number of base language
models and instruction-tuned language models ranging from 0.5 to 72 billion parameters. Qwen2.5 brings the following improvements upon Qwen2:</p>
<ul><li>Significantly <b>more knowledge</b> and has greatly improved capabilities in <b>coding</b> and <b>mathematics</b>.</li>
<li><b>Long-context Support</b> up to 128K tokens and can generate up to 8K tokens.</li>
<li><b>Multilingual support</b> for over 29 languages.</li></ul>
<table><tr><th>Type</th><td>Causal Language Models</td></tr><tr><th>Parameters</th><td>0.49B</td></tr><tr><th>Context Length</th><td>Full 32,768 tokens</td></tr></table>
<h2>Quickstart</h2><pre>from transformers import AutoModelForCausalLM, AutoTokenizer

model_name = "Qwen/Qwen2.5-0.5B-Instruct"
model = AutoModelForCausalLM.from_pretrained(
    model_name, torch_dtype="auto", device_map="auto"
)
tokenizer = AutoTokenizer.from_pretrained(model_name)</pre>""",
                   "1,286,504", "494M", "BF16", "Base model Qwen/Qwen2.5-0.5B<br>Adapters (412) · Finetuned (530) · Quantizations (98)"),
    truth=_label("Qwen2.5-0.5B-Instruct", "Apache-2.0", "Text Generation"),
    source="huggingface.co/Qwen/Qwen2.5-0.5B-Instruct README.md (model card)", source_license="Apache-2.0",
    viewport=(1280, 1000), variants=("light", "dark", "announce"),
)

MISTRAL = Page(
    id="mistral-7b-instruct-v0.3",
    url="https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3",
    html=page_html("mistralai", "Mistral-7B-Instruct-v0.3", "1.9k",
                   ["vLLM", "Safetensors", "mistral", "mistral-common"],
                   "Text Generation", "apache-2.0", """
<h1>Model Card for Mistral-7B-Instruct-v0.3</h1>
<p>The Mistral-7B-Instruct-v0.3 Large Language Model (LLM) is an instruct fine-tuned version of the Mistral-7B-v0.3.</p>
<p>Mistral-7B-v0.3 has the following changes compared to Mistral-7B-v0.2</p>
<ul><li>Extended vocabulary to 32768</li><li>Supports v3 Tokenizer</li><li>Supports function calling</li></ul>
<h2>Installation</h2><p>It is recommended to use <code>mistralai/Mistral-7B-Instruct-v0.3</code> with mistral-inference.</p>
<pre>pip install mistral_inference</pre>
<h2>Generate with transformers</h2><pre>from transformers import pipeline

messages = [
    {"role": "system", "content": "You are a pirate chatbot who always responds in pirate speak!"},
    {"role": "user", "content": "Who are you?"},
]
chatbot = pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3")
chatbot(messages)</pre>""",
                   "711,925", "7.25B", "BF16", "Base model mistralai/Mistral-7B-v0.3<br>Finetuned (301) · Quantizations (140)"),
    truth=_label("Mistral-7B-Instruct-v0.3", "Apache-2.0", "Text Generation"),
    source="huggingface.co/mistralai/Mistral-7B-Instruct-v0.3 README.md (model card)", source_license="Apache-2.0",
    viewport=(1280, 950), variants=("light", "dark"),
)

PHI = Page(
    id="phi-3.5-mini-instruct",
    url="https://huggingface.co/microsoft/Phi-3.5-mini-instruct",
    html=page_html("microsoft", "Phi-3.5-mini-instruct", "926",
                   ["Transformers", "Safetensors", "multilingual", "phi3", "nlp", "code", "conversational", "custom_code"],
                   "Text Generation", "mit", """
<h2>Model Summary</h2>
<p>Phi-3.5-mini is a lightweight, state-of-the-art open model built upon datasets used for Phi-3 - synthetic data and filtered publicly
available websites - with a focus on very high-quality, reasoning dense data. The model belongs to the Phi-3 model family and supports
128K token context length.</p>
<p>🏡 Phi-3 Portal · 📰 Phi-3 Microsoft Blog · 📖 Phi-3 Technical Report · 👩‍🍳 Phi-3 Cookbook</p>
<h2>Intended Uses</h2><p>The model is intended for commercial and research use in multiple languages.</p>
<h3>Loading the model locally</h3><pre>import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

model = AutoModelForCausalLM.from_pretrained(
    "microsoft/Phi-3.5-mini-instruct",
    device_map="cuda",
    torch_dtype="auto",
    trust_remote_code=True,
)
tokenizer = AutoTokenizer.from_pretrained("microsoft/Phi-3.5-mini-instruct")</pre>
<h2>License</h2><p>The model is licensed under the MIT license.</p>""".replace("🏡 ", "").replace("📰 ", "").replace("📖 ", "").replace("👩‍🍳 ", ""),
                   "402,118", "3.82B", "BF16", "Finetuned (190) · Quantizations (77)"),
    truth=_label("Phi-3.5-mini-instruct", "MIT", "Text Generation"),
    source="huggingface.co/microsoft/Phi-3.5-mini-instruct README.md (model card)", source_license="MIT",
    viewport=(1280, 1000), variants=("light", "dark", "2x"),
)

GRANITE = Page(
    id="granite-docling-258m",
    url="https://huggingface.co/ibm-granite/granite-docling-258M",
    html=page_html("ibm-granite", "granite-docling-258M", "841",
                   ["Transformers", "Safetensors", "English", "idefics3", "document-parsing", "code", "OCR", "conversational"],
                   "Image-Text-to-Text", "apache-2.0", """
<h1>granite-docling-258m</h1>
<p>Granite Docling is a multimodal Image-Text-to-Text model engineered for efficient document conversion.</p>
<svg width="100%" height="80"><rect width="100%" height="80" rx="8" fill="#0f62fe"/><text x="24" y="50" font-family="DejaVu Sans" font-size="24" fill="#fff">IBM Granite · Docling</text></svg>
<h2>Model Summary</h2><ul><li><b>Developed by:</b> IBM Research</li><li><b>Model type:</b> Multi-modal model (image+text-to-text)</li>
<li><b>Language(s):</b> English (NLP)</li><li><b>License:</b> Apache 2.0</li><li><b>Release Date:</b> September 17, 2025</li></ul>
<h2>Getting started</h2><pre>from transformers import AutoProcessor, AutoModelForVision2Seq

processor = AutoProcessor.from_pretrained("ibm-granite/granite-docling-258M")
model = AutoModelForVision2Seq.from_pretrained("ibm-granite/granite-docling-258M")</pre>""",
                   "183,650", "258M", "BF16", "Base model ibm-granite/granite-docling-258M<br>Quantizations (12)"),
    truth=_label("granite-docling-258M", "Apache-2.0", "Image-Text-to-Text",
                 tagline="Granite Docling is a multimodal Image-Text-to-Text model engineered for efficient document conversion."),
    source="huggingface.co/ibm-granite/granite-docling-258M README.md (model card)", source_license="Apache-2.0",
    viewport=(1280, 900), variants=("light", "dark"),
)

PAGES = [SMOLLM2, SMOLVLM2, QWEN, MISTRAL, PHI, GRANITE]
