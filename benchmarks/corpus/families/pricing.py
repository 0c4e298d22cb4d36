"""Vendor pricing pages: toggles, per-seat prices, "Contact sales" tiers, usage per 1M tokens, add-ons, badges.

Prices are as recorded in each source when we read it; labels follow the page as rendered.
"""

from __future__ import annotations

from benchmarks.corpus.kit import CONDENSED, LIB_SANS, SANS, SERIF, doc, esc, logo, shape_logo
from benchmarks.corpus.page import Page

SEALED = False


def _label(name: str, tiers: list[tuple[str, float, str]], entry: str | None, entry_usd: float | None, **over) -> dict:
    return {"name": name, "tagline": None, "license": None, "open_weights": None, "entry": entry,
            "entry_usd_per_month": entry_usd,
            "tiers": [{"name": n, "price_usd": p, "period": per} for n, p, per in tiers], **over}


def _li(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


# 1. Supabase: four columns, "From $25 / month / org", compute add-ons below the cards.
SB_CSS = f"""
:root{{--bg:#fff;--fg:#1c1c1c;--muted:#707070;--card:#fbfbfb;--line:#e4e4e4;--brand:#3ecf8e;--hi:#f0fdf6}}
html.dark{{--bg:#121212;--fg:#ededed;--muted:#9a9a9a;--card:#1a1a1a;--line:#2e2e2e;--hi:#132a1f}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
nav{{display:flex;gap:24px;align-items:center;padding:14px 40px;border-bottom:1px solid var(--line)}}
nav b{{font-size:18px;display:flex;gap:6px;align-items:center;margin-right:12px}} nav .sp{{flex:1}}
h1{{text-align:center;font-size:40px;margin:42px 0 8px;font-weight:500}}
.sub{{text-align:center;color:var(--muted);margin-bottom:30px;font-size:16px}}
.cols{{display:grid;grid-template-columns:repeat(4,1fr);margin:0 40px;border:1px solid var(--line);border-radius:10px;overflow:hidden}}
.col{{padding:20px;border-right:1px solid var(--line);background:var(--card)}} .col:last-child{{border:0}}
.col.hi{{background:var(--hi)}} .col h3{{margin:0;font-size:20px;color:var(--brand)}}
.col .d{{color:var(--muted);min-height:38px;margin:6px 0 14px}} .from{{color:var(--muted);font-size:12px}}
.price{{font-size:34px;font-weight:600}} .unit{{color:var(--muted);font-size:13px}}
.warn{{display:inline-block;margin:8px 0;font-size:12px;border:1px solid var(--line);padding:3px 8px;border-radius:12px}}
.btn{{display:block;text-align:center;padding:8px;border-radius:6px;border:1px solid var(--line);margin:12px 0}}
.hi .btn{{background:var(--brand);color:#06210f;border:0}}
ul{{padding-left:18px;margin:6px 0;line-height:1.7;font-size:13px}} .new{{font-size:11px;background:var(--brand);color:#06210f;padding:2px 6px;border-radius:8px;margin-left:6px;vertical-align:middle}}
.addons{{margin:26px 40px;border:1px dashed var(--line);border-radius:10px;padding:16px 20px;display:flex;gap:40px}}
.addons b{{display:block;margin-bottom:4px}}
"""


def _sb_col(name, desc, price, unit, warn, feats, hi=False, badge="", from_=True):
    top = f'<div class="from">{"From" if from_ else "&nbsp;"}</div><span class="price">{price}</span> <span class="unit">{unit}</span>'
    return (f'<div class="col{" hi" if hi else ""}"><h3>{esc(name)}{badge}</h3><div class="d">{esc(desc)}</div>{top}'
            f'{f"<div class=warn>{esc(warn)}</div>" if warn else "<br>"}<span class="btn">{"Contact Us" if price == "Contact us" else "Get Started"}</span>'
            f"{_li(feats)}</div>")


SUPABASE = Page(
    id="supabase",
    url="https://supabase.com/pricing",
    html=doc("Pricing & Fees | Supabase", SB_CSS, f"""
<nav><b>{shape_logo("bolt", "#3ecf8e", 22)} supabase</b><span>Product</span><span>Developers</span><span>Pricing</span>
<span>Docs</span><span class="sp"></span><span>Sign in</span></nav>
<h1>Predictable pricing, designed to scale</h1>
<div class="sub">Start building for free, collaborate with your team, then scale to millions of users</div>
<div class="cols">
{_sb_col("Free", "Perfect for passion projects & simple websites.", "$0", "/ month / org", "Limit of 2 free organizations",
         ["Unlimited API requests", "Up to 500MB database space", "Up to 5GB bandwidth", "Up to 50,000 monthly active users", "Community support"], from_=False)}
{_sb_col("Pro", "For production applications with the option to scale.", "$25", "/ month / org", "Usage-based plan",
         ["No project pausing", "Daily backups stored for 7 days", "8GB database space included", "100,000 monthly active users included", "Email support"], hi=True)}
{_sb_col("Team", "Collaborate with different permissions and access patterns.", "$599", "/ month / org", "Usage-based plan",
         ["Additional Organization member roles", "SSO/SAML", "SOC2", "HIPAA available as paid add-on", "28-day log retention"], badge='<span class="new">New</span>')}
{_sb_col("Enterprise", "For large-scale applications managing serious workloads.", "Contact us", "", "",
         ["Designated Support manager & SLAs", "On-premise support", "24×7×365 premium enterprise support", "Private Slack channel"], from_=False)}
</div>
<div class="addons"><div><b>Compute add-ons</b>Micro $10 / month · Small $15 / month · Medium $60 / month</div>
<div><b>Point-in-Time Recovery</b>from $100 / month</div><div><b>Custom domain</b>$10 / month per project</div></div>"""),
    truth=_label("Supabase", [("Free", 0, "month"), ("Pro", 25, "month"), ("Team", 599, "month")], "Free", 0),
    source="github.com/supabase/supabase packages/shared-data/plans.ts",
    source_license="Apache-2.0",
    viewport=(1280, 900),
    variants=("light", "dark", "browser"),
)

# 2–3. Cursor: three cards with a Monthly/Yearly toggle; the same page captured with each toggle position.
CUR_CSS = f"""
:root{{--bg:#f7f7f4;--fg:#14120b;--muted:#6f6c63;--card:#fff;--line:#e3e1da;--acc:#14120b;--accfg:#fff}}
html.dark{{--bg:#14120b;--fg:#edecec;--muted:#a09d95;--card:#1d1b15;--line:#35322a;--acc:#edecec;--accfg:#14120b}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS}}}
nav{{display:flex;gap:26px;padding:18px 60px;align-items:center;font-size:15px}} nav b{{margin-right:auto;font-size:19px}}
h1{{text-align:center;font-size:46px;font-weight:500;margin:40px 0 22px}}
.tog{{display:flex;justify-content:center;margin-bottom:34px}} .tog span{{padding:8px 18px;border:1px solid var(--line);font-size:14px}}
.tog span:first-child{{border-radius:18px 0 0 18px}} .tog span:last-child{{border-radius:0 18px 18px 0}}
.tog .on{{background:var(--acc);color:var(--accfg)}}
.cards{{display:grid;grid-template-columns:repeat(3,1fr);gap:18px;margin:0 120px}}
.card{{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:24px;position:relative}}
.card h3{{margin:0 0 10px;font-size:17px}} .p{{font-size:38px}} .p small{{font-size:15px;color:var(--muted)}}
.note{{color:var(--muted);font-size:12px;height:16px}} .badge{{position:absolute;top:-11px;right:18px;background:#e8590c;color:#fff;font-size:12px;padding:3px 10px;border-radius:10px}}
.card ul{{padding-left:18px;line-height:1.8;font-size:14px}} .go{{display:block;text-align:center;border-radius:6px;padding:9px;border:1px solid var(--line);margin-top:14px}}
.card.pop .go{{background:var(--acc);color:var(--accfg)}} .foot{{text-align:center;color:var(--muted);margin:28px;font-size:14px}}
"""


def _cursor(yearly: bool) -> str:
    pro, biz = ("$16", "$32") if yearly else ("$20", "$40")
    note = "billed annually" if yearly else ""
    return doc("Pricing | Cursor - The AI Code Editor", CUR_CSS, f"""
<nav><b>{shape_logo("hex", "currentColor", 22)} CURSOR</b><span>Features</span><span>Enterprise</span><span>Blog</span>
<span>Pricing</span><span>Forum</span><span>Sign in</span><span>Download</span></nav>
<h1>Pricing</h1>
<div class="tog"><span class="{'' if yearly else 'on'}">Monthly</span><span class="{'on' if yearly else ''}">Yearly (save 20%)</span></div>
<div class="cards">
<div class="card"><h3>Hobby</h3><div class="p">Free</div><div class="note"></div>
{_li(["Pro two-week trial", "Limited Agent requests", "Limited Tab completions"])}<span class="go">Download</span></div>
<div class="card pop"><span class="badge">Most popular</span><h3>Pro</h3><div class="p">{pro}<small>/mo</small></div><div class="note">{note}</div>
{_li(["Everything in Hobby, plus:", "Extended limits on Agent", "Unlimited Tab completions", "Background Agents"])}<span class="go">Get Pro</span></div>
<div class="card"><h3>Business</h3><div class="p">{biz}<small>/user/mo</small></div><div class="note">{note}</div>
{_li(["Everything in Pro, plus:", "Org-wide privacy mode", "Admin dashboard with usage stats", "SAML/OIDC SSO"])}<span class="go">Get Business</span></div>
</div><div class="foot">Questions? Contact sales for Enterprise, pooled usage and invoicing.</div>""")


CURSOR_TIERS_M = [("Hobby", 0, "month"), ("Pro", 20, "month"), ("Business", 40, "month")]
CURSOR_TIERS_Y = [("Hobby", 0, "month"), ("Pro", 16, "month"), ("Business", 32, "month")]
CURSOR_MONTHLY = Page(
    id="cursor-monthly", url="https://cursor.com/pricing", html=_cursor(False),
    truth=_label("Cursor", CURSOR_TIERS_M, "Free", 0),
    source="cursor.com/pricing (plan names and prices, 2025)", source_license="Proprietary (short factual excerpt)",
    viewport=(1280, 800), variants=("light", "dark"),
)
CURSOR_YEARLY = Page(
    id="cursor-yearly", url="https://cursor.com/pricing", html=_cursor(True),
    truth=_label("Cursor", CURSOR_TIERS_Y, "Free", 0),
    source="cursor.com/pricing (plan names and prices, 2025)", source_license="Proprietary (short factual excerpt)",
    viewport=(1280, 800), variants=("light", "cookie"),
)

# 4. GitHub Copilot: five plans in two groups (individuals / businesses), per-user prices for businesses.
GH_CSS = f"""
:root{{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--card:#f6f8fa;--line:#d1d9e0;--acc:#8250df}}
html.dark{{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#151b23;--line:#3d444d;--acc:#ab7df8}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
header{{background:#1f2328;color:#fff;padding:14px 32px;display:flex;gap:22px;align-items:center}}
header b{{margin-right:auto;font-size:16px}}
h1{{font-size:38px;margin:36px 48px 6px}} .lead{{margin:0 48px 22px;color:var(--muted);font-size:16px}}
.grp{{margin:0 48px 8px;font-weight:bold;font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:1px}}
.row{{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:0 48px}}
.pl{{border:1px solid var(--line);border-radius:12px;padding:16px;background:var(--card)}}
.pl h3{{margin:0 0 4px;font-size:18px}} .amt{{font-size:28px;font-weight:600;margin:10px 0 0}} .per{{color:var(--muted);font-size:12px;height:30px}}
.pl p{{color:var(--muted);font-size:13px;line-height:1.45;min-height:56px}}
.pl .b{{display:block;text-align:center;border-radius:6px;padding:7px;background:var(--fg);color:var(--bg);font-size:13px}}
.rec{{border-color:var(--acc);box-shadow:0 0 0 1px var(--acc)}} .tag{{color:var(--acc);font-size:12px;font-weight:bold}}
.fine{{margin:22px 48px;color:var(--muted);font-size:13px}}
"""


def _gh(name, amt, per, text, btn, rec=False):
    tag = '<div class="tag">Most popular</div>' if rec else '<div class="tag">&nbsp;</div>'
    return (f'<div class="pl{" rec" if rec else ""}">{tag}<h3>{esc(name)}</h3><div class="amt">{amt}</div>'
            f'<div class="per">{per}</div><p>{esc(text)}</p><span class="b">{esc(btn)}</span></div>')


COPILOT = Page(
    id="github-copilot",
    url="https://github.com/features/copilot/plans",
    html=doc("Plans for GitHub Copilot · GitHub", GH_CSS, f"""
<header><b>{logo("GH", "#fff", "#1f2328", 26, 13)} &nbsp;GitHub Copilot</b><span>Product</span><span>Solutions</span>
<span>Resources</span><span>Pricing</span><span>Sign in</span></header>
<h1>Plans for GitHub Copilot</h1>
<div class="lead">Choose the plan that fits how you build. Upgrade or cancel anytime.</div>
<div class="grp">For individuals &nbsp; · &nbsp; For businesses</div>
<div class="row">
{_gh("Free", "$0", "USD", "A fast way to get started with GitHub Copilot.", "Get started")}
{_gh("Pro", "$10", "USD per month", "Unlimited completions and chats with access to more models.", "Try for 30 days free", rec=True)}
{_gh("Pro+", "$39", "USD per month", "Maximum flexibility and model choice.", "Get started")}
{_gh("Business", "$19", "USD per user / month", "Accelerate workflows with GitHub Copilot.", "Get started")}
{_gh("Enterprise", "$39", "USD per user / month", "Scale with AI agents and comprehensive customization.", "Contact sales")}
</div>
<div class="fine">Additional premium requests are billed at $0.04 USD per request. Copilot Free is not available to
Copilot Business or Copilot Enterprise users.</div>"""),
    truth=_label("GitHub Copilot", [("Free", 0, "month"), ("Pro", 10, "month"), ("Pro+", 39, "month"),
                                    ("Business", 19, "month"), ("Enterprise", 39, "month")], "Free", 0),
    source="github.com/github/docs content/copilot/about-github-copilot/plans-for-github-copilot.md",
    source_license="CC-BY-4.0",
    viewport=(1280, 720),
    variants=("light", "dark"),
)

# 5. Mistral AI: usage pricing as a table per 1M tokens; no subscription tiers.
MI_CSS = f"""
:root{{--bg:#fffaf0;--fg:#1a1a1a;--muted:#6b6257;--line:#eadfcb;--acc:#fa520f;--row:#fff4e0}}
html.dark{{--bg:#16120d;--fg:#f3ede4;--muted:#b0a594;--line:#3a3024;--row:#221b13}}
body{{background:var(--bg);color:var(--fg);font-family:{CONDENSED}}}
nav{{display:flex;gap:26px;padding:18px 56px;align-items:center;font-size:15px}} nav b{{margin-right:auto;display:flex;gap:10px;align-items:center;font-size:20px}}
h1{{font-family:{SERIF};font-size:48px;font-weight:normal;margin:30px 56px 4px}} .lead{{margin:0 56px 26px;color:var(--muted);font-size:17px}}
table{{margin:0 56px;border-collapse:collapse;width:calc(100% - 112px);font-size:15px}}
th{{text-align:left;color:var(--muted);font-weight:normal;border-bottom:2px solid var(--fg);padding:10px}}
td{{padding:12px 10px;border-bottom:1px solid var(--line)}} tr:nth-child(even) td{{background:var(--row)}}
td.m{{font-weight:bold}} td small{{color:var(--muted);font-weight:normal;display:block}}
.note{{margin:20px 56px;color:var(--muted);font-size:14px}} .sw{{display:inline-block;width:10px;height:28px;margin-right:2px}}
"""
MI_ROWS = [("Mistral Large 24.11", "Top-tier reasoning for high-complexity tasks", "$2", "$6"),
           ("Mistral Small 3.1", "Leader in the small models category", "$0.1", "$0.3"),
           ("Codestral", "State-of-the-art coding model", "$0.3", "$0.9"),
           ("Ministral 8B", "Powerful edge model", "$0.1", "$0.1"),
           ("Ministral 3B", "Most efficient edge model", "$0.04", "$0.04")]
MISTRAL = Page(
    id="mistral-api",
    url="https://mistral.ai/pricing#api-pricing",
    html=doc("Pricing | Mistral AI", MI_CSS, f"""
<nav><b>{''.join(f'<span class="sw" style="background:{c}"></span>' for c in ("#ffd800", "#ffaf00", "#ff8205", "#fa500f", "#e10500"))} Mistral AI</b>
<span>Products</span><span>Solutions</span><span>Research</span><span>Pricing</span><span>Try le Chat</span></nav>
<h1>API pricing</h1><div class="lead">Pay as you go on La Plateforme. Prices are per million tokens.</div>
<table><tr><th>Model</th><th>Input (/M tokens)</th><th>Output (/M tokens)</th></tr>
{''.join(f'<tr><td class="m">{m}<small>{d}</small></td><td>{i} / 1M tokens</td><td>{o} / 1M tokens</td></tr>' for m, d, i, o in MI_ROWS)}
</table><div class="note">Fine-tuning: one-off training $1 / 1M tokens, plus $2 monthly storage per model.</div>"""),
    truth=_label("Mistral AI", [(m, float(i[1:]), "usage") for m, _, i, _ in MI_ROWS], "$0.04 / 1M tokens", None),
    source="github.com/BerriAI/litellm model_prices_and_context_window.json (mistral/* entries); model names from mistral.ai",
    source_license="MIT",
    viewport=(1280, 760),
    variants=("light", "dark", "announce"),
)

# 6. Cal.com Platform: B2B plans with overage lines inside the cards (usage inside a tier, not a tier).
CAL_CSS = f"""
:root{{--bg:#f4f4f5;--fg:#111827;--muted:#6b7280;--card:#fff;--line:#e5e7eb;--dark:#111827}}
html.dark{{--bg:#0f0f10;--fg:#f3f4f6;--muted:#9ca3af;--card:#1c1c1e;--line:#2d2d30;--dark:#f3f4f6}}
body{{background:var(--bg);color:var(--fg);font-family:{LIB_SANS};font-size:14px}}
.top{{display:flex;justify-content:space-between;padding:16px 44px;background:var(--card);border-bottom:1px solid var(--line)}}
.top b{{font-size:20px;font-family:{SANS}}}
h1{{font-size:30px;margin:34px 44px 4px}} .lead{{margin:0 44px 24px;color:var(--muted)}}
.g{{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:0 44px}}
.c{{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:20px}}
.c h2{{font-size:18px;margin:0}} .c .pr{{font-size:30px;font-weight:bold;margin:12px 0 2px}} .c .pr span{{font-size:14px;color:var(--muted);font-weight:normal}}
.c p{{color:var(--muted);line-height:1.45;min-height:78px}} .c ul{{padding-left:16px;line-height:1.8}}
.c .cta{{display:block;text-align:center;background:var(--dark);color:var(--bg);border-radius:8px;padding:9px;margin-top:10px}}
.pop{{outline:2px solid var(--dark)}} .pill{{float:right;font-size:11px;border:1px solid var(--line);border-radius:10px;padding:2px 8px}}
"""


def _cal(name, price, desc, feats, pop=False):
    pr = f'<div class="pr">{price}<span> / month</span></div>' if price else '<div class="pr">Let\'s talk</div>'
    return (f'<div class="c{" pop" if pop else ""}">{"<span class=pill>Most popular</span>" if pop else ""}<h2>{esc(name)}</h2>{pr}'
            f'<p>{esc(desc)}</p><span class="cta">{"Contact sales" if not price else "Get started"}</span>{_li(feats)}</div>')


CALCOM = Page(
    id="calcom-platform",
    url="https://cal.com/platform/pricing",
    html=doc("Platform pricing | Cal.com", CAL_CSS, f"""
<div class="top"><b>Cal.com</b><span>Platform · Docs · Pricing · Sign in</span></div>
<h1>Cal.com Platform pricing</h1><div class="lead">Scheduling infrastructure for your product. Pay for bookings, not seats.</div>
<div class="g">
{_cal("Free", "$0", "The best plan to dip your toes into scheduling infrastructure. Start immediately with 25 free meetings per month",
      ["Up to 25 bookings a month", "$0.99 overage beyond", "Community Support", "Platform APIs"])}
{_cal("Essentials", "$299", "Your essential package with sophisticated support, hosted platform APIs, Cal.com Atoms (React components) and more.",
      ["Up to 500 bookings a month", "$0.60 overage beyond", "User Management and Analytics"], pop=True)}
{_cal("Scale", "$2,499", "The best all-in-one plan to scale your company. Everything you need to provide scheduling for the masses.",
      ["Up to 5000 bookings a month", "$0.50 overage beyond", "Compliance Check SOC2, HIPAA", "SLA (99.999% uptime)"])}
{_cal("Enterprise", None, "Enterprise is perfect for institutions that focus on control, security and everything beyond.",
      ["Everything in Scale", "No overages", "One-on-one developer calls"])}
</div>"""),
    truth=_label("Cal.com Platform", [("Free", 0, "month"), ("Essentials", 299, "month"), ("Scale", 2499, "month")], "Free", 0),
    source="github.com/calcom/cal.com apps/web/components/settings/platform/platformUtils.ts",
    source_license="AGPL-3.0",
    viewport=(1280, 760),
    variants=("light", "dark", "browser"),
)

# 7. Hugging Face: tiers in a row, then compute add-ons priced per hour (add-ons, not tiers).
HF_CSS = f"""
:root{{--bg:#fff;--fg:#0b0f19;--muted:#6b7280;--card:#f9fafb;--line:#e5e7eb;--y:#ffd21e}}
html.dark{{--bg:#0b0f19;--fg:#e5e7eb;--muted:#9ca3af;--card:#111827;--line:#1f2937}}
body{{background:var(--bg);color:var(--fg);font-family:{SANS};font-size:14px}}
nav{{display:flex;gap:22px;align-items:center;padding:10px 32px;border-bottom:1px solid var(--line)}}
nav b{{display:flex;gap:8px;align-items:center;font-size:17px}} nav .s{{border:1px solid var(--line);border-radius:8px;padding:5px 12px;width:280px;color:var(--muted)}} nav .sp{{flex:1}}
h1{{text-align:center;font-size:40px;margin:40px 0 6px}} .lead{{text-align:center;color:var(--muted);font-size:17px;margin-bottom:30px}}
.t{{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;margin:0 60px}}
.k{{border:1px solid var(--line);border-radius:14px;padding:20px;background:var(--card)}} .k h3{{margin:0;font-size:19px}}
.k .a{{font-size:26px;font-weight:bold;margin:14px 0 0}} .k .u{{color:var(--muted);font-size:12px;min-height:16px}}
.k ul{{padding-left:16px;line-height:1.7;color:var(--muted)}} .k.pro{{background:linear-gradient(160deg,#fff7d6,var(--card) 60%)}}
html.dark .k.pro{{background:linear-gradient(160deg,#3a3007,var(--card) 60%)}}
.pb{{background:var(--y);color:#000;font-size:11px;padding:2px 6px;border-radius:5px;font-weight:bold;margin-left:6px}}
h2{{margin:34px 60px 10px;font-size:20px}} .ad{{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin:0 60px}}
.ad div{{border:1px dashed var(--line);border-radius:12px;padding:14px 18px}}
"""
HF_FACE = ('<svg width="28" height="28" viewBox="0 0 28 28"><circle cx="14" cy="14" r="13" fill="#ffd21e"/>'
           '<circle cx="10" cy="11" r="2" fill="#3a3b45"/><circle cx="18" cy="11" r="2" fill="#3a3b45"/>'
           '<path d="M8 16 Q14 22 20 16" stroke="#3a3b45" stroke-width="2" fill="#ef4444"/></svg>')
HUGGINGFACE = Page(
    id="huggingface",
    url="https://huggingface.co/pricing",
    html=doc("Hugging Face – Pricing", HF_CSS, f"""
<nav><b>{HF_FACE} Hugging Face</b><span class="s">Search models, datasets, users...</span><span>Models</span><span>Datasets</span>
<span>Spaces</span><span>Docs</span><span>Pricing</span><span class="sp"></span><span>Log In</span><span>Sign Up</span></nav>
<h1>Pricing</h1><div class="lead">Leveling up AI collaboration and compute.</div>
<div class="t">
<div class="k"><h3>HF Hub</h3><div class="a">Free</div><div class="u">Forever</div>{_li(["Host unlimited public models, datasets", "Create unlimited orgs with no member limits", "Access the latest ML tools and open source"])}</div>
<div class="k pro"><h3>Pro Account <span class="pb">PRO</span></h3><div class="a">$9</div><div class="u">/month</div>{_li(["ZeroGPU and Dev Mode for Spaces", "Higher rate limits for serverless inference", "Get early access to upcoming features"])}</div>
<div class="k"><h3>Team</h3><div class="a">$20</div><div class="u">per user per month</div>{_li(["SSO and SAML support", "Audit logs", "Resource groups for access control"])}</div>
<div class="k"><h3>Enterprise Hub</h3><div class="a">Starting at $50</div><div class="u">per user per month</div>{_li(["Advanced security and compliance", "Managed billing with annual commitments", "Dedicated support"])}</div>
</div>
<h2>Compute add-ons</h2><div class="ad"><div><b>Spaces Hardware</b><br>Upgrade your Space compute. Starting at $0/hour</div>
<div><b>Inference Endpoints</b><br>Deploy dedicated Endpoints in seconds. Starting at $0.033/hour</div></div>"""),
    truth=_label("Hugging Face", [("HF Hub", 0, "month"), ("Pro Account", 9, "month"), ("Team", 20, "month"),
                                  ("Enterprise Hub", 50, "month")], "Free", 0),
    source="huggingface.co/pricing (plan names and prices, 2025)",
    source_license="Proprietary (short factual excerpt)",
    viewport=(1280, 820),
    variants=("light", "dark", "2x"),
)

PAGES = [SUPABASE, CURSOR_MONTHLY, CURSOR_YEARLY, COPILOT, MISTRAL, CALCOM, HUGGINGFACE]
