"""The page frame (Vietnamese, responsive 360 px → desktop, keyboard-usable), its CSS, and the
escaping helper every dynamic value goes through."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from plans.periods import Period, period_code
from plans.status import DONE, IN_PROGRESS, NO_REPORT, NOT_DONE
from plans.wording import STATUS_NAMES
from storage.text import percent


def e(text: object) -> str:
    """Escape user and plan text for HTML (attributes included)."""
    return escape("" if text is None else str(text), quote=True)


# Colour never carries a status alone: an icon and the status's name come with it.
STATUS_BADGES = {
    DONE: ("ok", "✔"),
    IN_PROGRESS: ("wip", "◐"),
    NOT_DONE: ("bad", "✖"),
    NO_REPORT: ("none", "○"),
}


def status_badge(status: str | None) -> str:
    key = status or NO_REPORT
    css, icon = STATUS_BADGES.get(key, ("none", "○"))
    return f'<span class="badge {css}"><span aria-hidden="true">{icon}</span> {e(STATUS_NAMES.get(key, key))}</span>'


def rate_text(rate: float | None) -> str:
    return "chưa có số liệu" if rate is None else percent(rate)


CSS = """
:root{--ink:#1c2833;--muted:#546e7a;--line:#d5dde2;--bg:#f5f7f8;--card:#fff;--accent:#0d47a1;
--ok:#1b5e20;--okbg:#e8f5e9;--wip:#7a4a00;--wipbg:#fff3e0;--bad:#b71c1c;--badbg:#ffebee;--none:#455a64;--nonebg:#eceff1}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 "DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
a:focus,button:focus,select:focus,input:focus,summary:focus{outline:3px solid #ffab00;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header{background:#0d47a1;color:#fff;padding:10px 16px}
header .org{font-weight:bold;font-size:1.05rem}
nav ul{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px}
nav a{color:#fff;text-decoration:none;padding:4px 0;display:inline-block}
nav a[aria-current=page]{border-bottom:3px solid #ffd54f;font-weight:bold}
nav form{display:inline}
nav button{background:none;border:1px solid #90caf9;color:#fff;border-radius:4px;padding:2px 8px;font:inherit;cursor:pointer}
main{max-width:1200px;margin:0 auto;padding:12px}
main,section,.card{min-width:0;overflow-wrap:break-word}
h1{font-size:1.35rem;margin:8px 0 12px}h2{font-size:1.1rem;margin:0 0 8px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 12px}
.grid{display:grid;gap:12px;grid-template-columns:minmax(0,1fr)}
.grid>*{min-width:0}
@media(min-width:900px){.grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.big{font-size:2.2rem;font-weight:bold;line-height:1.2}
.muted{color:var(--muted)}
.badge{display:inline-block;border-radius:12px;padding:1px 8px;font-size:.9rem;white-space:nowrap}
.ok{color:var(--ok);background:var(--okbg)}.wip{color:var(--wip);background:var(--wipbg)}
.bad{color:var(--bad);background:var(--badbg)}.none{color:var(--none);background:var(--nonebg)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f5;font-size:.92rem}
td.num,th.num{text-align:right;white-space:nowrap}
caption{text-align:left;font-weight:bold;padding:4px 0}
.chart{width:100%;height:auto;max-width:760px}
form.filters{display:grid;gap:8px;grid-template-columns:1fr}
@media(min-width:700px){form.filters{grid-template-columns:repeat(3,1fr)}}
@media(min-width:1100px){form.filters{grid-template-columns:repeat(4,1fr)}}
label{display:block;font-size:.9rem;color:var(--muted)}
select,input[type=text],input[type=search],textarea{width:100%;padding:6px;font:inherit;border:1px solid #90a4ae;border-radius:4px;background:#fff}
button.primary,a.button{background:#0d47a1;color:#fff;border:0;border-radius:4px;padding:8px 14px;font:inherit;cursor:pointer;text-decoration:none;display:inline-block}
dl.facts{display:grid;grid-template-columns:minmax(120px,max-content) 1fr;gap:4px 12px;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
ol.history{padding-left:20px}ol.history li{margin-bottom:8px}
.pager{display:flex;gap:12px;align-items:center;margin-top:8px}
.note{background:#fffde7;border:1px solid #fff59d;padding:8px;border-radius:6px}
@media(max-width:600px){.hide-sm{display:none}main{padding:8px}.big{font-size:1.9rem}
table.stack thead{position:absolute;left:-9999px}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
table.stack td,table.stack tbody th{display:block;border:0;padding:2px 8px}
table.stack tbody th{background:none}table.stack td:first-child{font-weight:bold}}
"""


@dataclass(frozen=True)
class Frame:
    """What every signed-in page's frame needs."""

    organization: str
    user_name: str
    role: str
    csrf: str
    nonce: str
    period: Period | None = None
    choices: tuple[Period, ...] = ()


NAV = (
    ("overview", "/app/", "Tổng quan"),
    ("tasks", "/app/tasks", "Nhiệm vụ"),
    ("reports", "/app/reports", "Báo cáo"),
)


def period_picker(frame: Frame, action: str, hidden: dict[str, str] | None = None) -> str:
    if frame.period is None or not frame.choices:
        return ""
    current = period_code(frame.period)
    options = "".join(
        f'<option value="{e(period_code(p))}"{" selected" if period_code(p) == current else ""}>{e(p.label)}</option>'
        for p in frame.choices
    )
    extra = "".join(
        f'<input type="hidden" name="{e(k)}" value="{e(v)}">' for k, v in (hidden or {}).items() if v
    )
    return (
        f'<form method="get" action="{e(action)}" class="card"><label for="period">Kỳ báo cáo</label>'
        f'<div class="pager"><select id="period" name="period">{options}</select>{extra}'
        '<button class="primary" type="submit">Xem</button></div></form>'
    )


def page(frame: Frame, active: str, title: str, body: str) -> str:
    links = list(NAV)
    if frame.role == "admin":
        links.append(("corrections", "/app/corrections", "Sửa kế hoạch"))
    items = "".join(
        f'<li><a href="{href}"{" aria-current=page" if key == active else ""}>{e(label)}</a></li>'
        for key, href, label in links
    )
    logout = (
        '<li><form method="post" action="/app/logout">'
        f'<input type="hidden" name="csrf" value="{e(frame.csrf)}"><button type="submit">Đăng xuất</button></form></li>'
    )
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(title)} · {e(frame.organization)}</title>"
        f'<style nonce="{e(frame.nonce)}">{CSS}</style></head><body>'
        '<a class="skip" href="#main">Bỏ qua thanh điều hướng</a>'
        f'<header><div class="org">{e(frame.organization)}</div>'
        f'<div class="muted-h">{e(frame.user_name)}</div>'
        f'<nav aria-label="Chính"><ul>{items}{logout}</ul></nav></header>'
        f'<main id="main" tabindex="-1"><h1>{e(title)}</h1>{body}</main></body></html>'
    )


def bare_page(title: str, body: str, nonce: str, script: str = "") -> str:
    """A page outside the session (sign-in, refusal): nothing of any commune in it."""
    code = f'<script nonce="{e(nonce)}">{script}</script>' if script else ""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>{e(title)}</title><style nonce="{e(nonce)}">{CSS}</style></head><body>'
        f'<main id="main"><h1>{e(title)}</h1>{body}</main>{code}</body></html>'
    )
