"""The dashboard's pages as HTML, from reports/dashboard/'s data; every value escaped (layout.e)."""

from __future__ import annotations

from urllib.parse import urlencode

from bot.dashboard.layout import Frame, e, page, period_picker, rate_text, status_badge
from bot.dashboard.svg import agency_bars, trend_line
from plans.periods import period_code
from plans.status import TIMELINESS_NAMES
from plans.wording import STATUS_NAMES
from reports.dashboard.overview import Overview
from reports.dashboard.tasks import Filters, TaskPage, TaskTable
from storage.text import date_vi, percent

SORT_NAMES = {
    "code": "Theo thứ tự kế hoạch",
    "due": "Theo hạn",
    "status": "Theo tình trạng",
    "agency": "Theo đơn vị",
}


def _fraction(active: int, total: int) -> str:
    return f"{active}/{total}"


def overview_page(frame: Frame, data: Overview) -> str:
    c = data.counts
    code = period_code(data.period)
    rate = data.rate
    arithmetic = (
        f"({c.done} đã thực hiện + {c.in_progress} đang thực hiện) / {c.total} nhiệm vụ"
        if rate is not None
        else "Chưa có báo cáo nào về kỳ này."
    )
    head = (
        f'<section class="card" aria-labelledby="rate-h"><h2 id="rate-h">Tỷ lệ hoàn thành '
        f"(đã và đang thực hiện) · {e(data.period.title)}, {e(data.scope_label)}</h2>"
        f'<div class="big" id="rate">{e(rate_text(rate))}</div>'
        f'<p id="arithmetic">{e(arithmetic)}'
        + (f" = {e(_fraction(c.active, c.total))} nhiệm vụ" if rate is not None else "")
        + "</p><ul>"
        f"<li>{status_badge('done')}: {c.done}</li><li>{status_badge('in_progress')}: {c.in_progress}</li>"
        f"<li>{status_badge('not_done')}: {c.not_done}</li><li>{status_badge('no_report')}: {c.no_report}</li>"
        f'<li><span class="badge bad"><span aria-hidden="true">⚠</span> Quá hạn</span>: {c.overdue}</li></ul>'
        + (
            f"<p>Tỷ lệ hoàn thành đúng hạn: {e(percent(100.0 * c.on_time / c.due))} "
            f"({c.on_time}/{c.due} nhiệm vụ đã đến hạn)</p>"
            if c.due
            else ""
        )
        + f'<p><a href="/app/tasks?{urlencode({"period": code})}">Xem danh sách {c.total} nhiệm vụ</a></p></section>'
    )
    parts = [period_picker(frame, "/app/"), head, '<div class="grid">']
    if data.agencies:
        rows = [
            (a.name, a.counts.completion_rate, _fraction(a.counts.active, a.counts.total))
            for a in data.agencies
        ]
        table = "".join(
            f'<tr><td><a href="/app/tasks?{urlencode({"period": code, "agency": a.agency_id})}">{e(a.name)}</a></td>'
            f'<td class="num">{e(rate_text(a.counts.completion_rate))}</td>'
            f'<td class="num">{a.counts.active}/{a.counts.total}</td><td class="num hide-sm">{a.counts.overdue}</td></tr>'
            for a in data.agencies
        )
        parts.append(
            '<section class="card" aria-labelledby="ag-h"><h2 id="ag-h">Theo đơn vị chủ trì (thấp nhất trước)</h2>'
            + agency_bars(rows, rate, f"Tỷ lệ hoàn thành theo đơn vị, {data.period.label}")
            + '<div class="scroll"><table id="agencies"><thead><tr><th scope="col">Đơn vị</th>'
            '<th scope="col" class="num">Tỷ lệ</th><th scope="col" class="num">Đã và đang/tổng</th>'
            f'<th scope="col" class="num hide-sm">Quá hạn</th></tr></thead><tbody>{table}</tbody></table></div></section>'
        )
    if data.trend:
        parts.append(
            '<section class="card" aria-labelledby="tr-h"><h2 id="tr-h">Qua các kỳ</h2>'
            + trend_line(data.trend, "Tỷ lệ hoàn thành qua các kỳ")
            + "<ul>"
            + "".join(f"<li>{e(label)}: {e(rate_text(r))}</li>" for label, r in data.trend)
            + "</ul></section>"
        )
    overdue = "".join(
        f'<li><a href="/app/tasks/{s.task.id}?{urlencode({"period": code})}">{e(s.task.code)}</a> '
        f"{e(_short(s.task.content))} — quá hạn từ {e(date_vi(s.overdue_since)) if s.overdue_since else ''}</li>"
        for s in data.overdue[:20]
    )
    parts.append(
        f'<section class="card" aria-labelledby="od-h"><h2 id="od-h">Nhiệm vụ quá hạn ({len(data.overdue)})</h2>'
        + (
            f'<ul id="overdue">{overdue}</ul>'
            if overdue
            else '<p><span class="badge ok">✔ Không có</span></p>'
        )
        + "</section>"
    )
    silent = "".join(
        f"<li>{e(s.name)}: {s.without_report}/{s.total} nhiệm vụ chưa có báo cáo</li>" for s in data.silent
    )
    parts.append(
        '<section class="card" aria-labelledby="si-h"><h2 id="si-h">Đơn vị chưa báo cáo</h2>'
        + (
            f'<ul id="silent">{silent}</ul>'
            if silent
            else '<p><span class="badge ok">✔ Đã báo cáo đủ</span></p>'
        )
        + "</section>"
    )
    if data.targets:
        rows_html = "".join(
            f'<tr><td><a href="/app/tasks/{t.task_id}?{urlencode({"period": code})}">{e(t.code)}</a></td>'
            f'<td>{e(t.metric)}</td><td class="num">≥ {e(percent(t.minimum, 0))}</td>'
            f'<td class="num">{e(percent(t.value) if t.value is not None else "—")}</td><td>{_met(t.met)}</td></tr>'
            for t in data.targets
        )
        parts.append(
            '<section class="card" aria-labelledby="ind-h"><h2 id="ind-h">Chỉ tiêu</h2><div class="scroll">'
            '<table id="targets"><thead><tr><th scope="col">Mã</th><th scope="col">Chỉ tiêu</th>'
            '<th scope="col" class="num">Mục tiêu</th><th scope="col" class="num">Đạt được</th>'
            f'<th scope="col">Đánh giá</th></tr></thead><tbody>{rows_html}</tbody></table></div></section>'
        )
    parts.append("</div>")
    return page(frame, "overview", "Tổng quan", "".join(parts))


def _met(met: bool | None) -> str:
    if met is None:
        return '<span class="badge none">— Chưa có số liệu</span>'
    return '<span class="badge ok">✔ Đạt</span>' if met else '<span class="badge bad">✖ Chưa đạt</span>'


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _options(choices: list[tuple[str, str]], current: str | None, empty: str) -> str:
    found = f'<option value="">{e(empty)}</option>'
    return found + "".join(
        f'<option value="{e(v)}"{" selected" if v == (current or "") else ""}>{e(label)}</option>'
        for v, label in choices
    )


def _filter_form(data: TaskTable, f: Filters) -> str:
    code = period_code(data.period)
    periods = [(period_code(p), p.label) for p in data.choices]
    fields = [
        ("period", "Kỳ", _options(periods, code, "Kỳ hiện tại")),
        (
            "agency",
            "Đơn vị (chủ trì, phối hợp)",
            _options([(str(a), n) for a, n in data.agencies], str(f.agency_id or ""), "Tất cả"),
        ),
        ("status", "Tình trạng", _options(list(STATUS_NAMES.items()), f.status, "Tất cả")),
        (
            "timeliness",
            "Tiến độ",
            _options([("overdue", "Quá hạn (mọi loại)"), *TIMELINESS_NAMES.items()], f.timeliness, "Tất cả"),
        ),
        (
            "plan",
            "Kế hoạch",
            _options([(str(p), _short(t, 80)) for p, t in data.plans], str(f.plan_id or ""), "Tất cả"),
        ),
        ("sort", "Sắp xếp", _options(list(SORT_NAMES.items()), f.sort, "Theo thứ tự kế hoạch")),
    ]
    selects = "".join(
        f'<div><label for="f-{n}">{e(label)}</label><select id="f-{n}" name="{n}">{o}</select></div>'
        for n, label, o in fields
    )
    return (
        '<form method="get" action="/app/tasks" class="card filters" role="search">'
        f'<div><label for="f-q">Tìm (gõ không dấu cũng được)</label><input id="f-q" type="search" name="q" value="{e(f.text)}"></div>'
        f'{selects}<div><label>&nbsp;</label><button class="primary" type="submit">Lọc</button> '
        '<a href="/app/tasks">Bỏ lọc</a></div></form>'
    )


def tasks_page(frame: Frame, data: TaskTable, f: Filters, query: dict[str, str]) -> str:
    code = period_code(data.period)
    rows = "".join(
        f'<tr><td><a href="/app/tasks/{r.task.id}?{urlencode({"period": code})}">{e(r.task.code)}</a></td>'
        f"<td>{e(_short(r.task.content, 220))}</td><td>{e(', '.join(r.lead))}</td>"
        f"<td>{status_badge(r.state.status)}{_timeliness(r.state)}</td>"
        f'<td class="muted">{e(r.task.deadline_text or "")}</td></tr>'
        for r in data.rows
    )
    pager = ""
    if data.pages > 1:
        links = []
        for target, label in ((data.page - 1, "‹ Trang trước"), (data.page + 1, "Trang sau ›")):
            if 0 <= target < data.pages:
                links.append(f'<a href="/app/tasks?{urlencode({**query, "page": target + 1})}">{label}</a>')
        pager = f'<div class="pager">{" ".join(links)} <span>Trang {data.page + 1}/{data.pages}</span></div>'
    table = (
        f'<p id="count"><b>{data.total}</b> nhiệm vụ · {e(data.period.title)}</p>'
        '<div class="scroll"><table id="tasks" class="stack"><thead><tr><th scope="col">Mã</th><th scope="col">Nội dung</th>'
        '<th scope="col">Chủ trì</th><th scope="col">Tình trạng</th>'
        f'<th scope="col">Thời hạn</th></tr></thead><tbody>{rows}</tbody></table></div>{pager}'
    )
    return page(
        frame, "tasks", "Nhiệm vụ", _filter_form(data, f) + f'<section class="card">{table}</section>'
    )


def _timeliness(state: object) -> str:
    overdue = getattr(state, "overdue", False)
    if overdue:
        return ' <span class="badge bad"><span aria-hidden="true">⚠</span> Quá hạn</span>'
    return ""


def task_detail_page(frame: Frame, data: TaskPage) -> str:
    s, task = data.state, data.state.task
    facts = [
        ("Mã", task.code),
        ("Kế hoạch", data.plan_title),
        ("Chủ trì", ", ".join(data.lead) or "—"),
        ("Phối hợp", ", ".join(data.coordinating) or "—"),
        ("Thời hạn", task.deadline_text or "—"),
        ("Sản phẩm", data.product or "—"),
        ("Tiến độ", TIMELINESS_NAMES.get(s.timeliness or "", "—")),
    ]
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    history = "".join(_entry(h, task.id) for h in data.history) or "<li>Chưa có báo cáo nào.</li>"
    explanations = "".join(
        f"<li>{e(date_vi(x.requested_at.date()))}: "
        + (f"{e(x.answer)} — {e(x.answered_by_name or '')}" if x.answer else "chưa giải trình")
        + _file_link(task.id, "explanation", x.id, x.attachment_name, x.attachment_file_id)
        + "</li>"
        for x in data.explanations
    )
    body = (
        f'<section class="card"><p id="content">{e(task.content)}</p>'
        f'<p>{e(data.period.title)}: {status_badge(s.status)}{_timeliness(s)}</p><dl class="facts">{dl}</dl></section>'
        f'<section class="card" aria-labelledby="h-h"><h2 id="h-h">Lịch sử báo cáo</h2><ol class="history" id="history">{history}</ol></section>'
        + (
            f'<section class="card" aria-labelledby="x-h"><h2 id="x-h">Giải trình</h2><ul>{explanations}</ul></section>'
            if explanations
            else ""
        )
        + (
            f'<p><a class="button" href="/app/corrections?task={task.id}">Sửa nhiệm vụ</a></p>'
            if data.can_correct
            else ""
        )
        + f'<p><a href="/app/tasks?{urlencode({"period": period_code(data.period)})}">‹ Danh sách nhiệm vụ</a></p>'
    )
    return page(frame, "tasks", f"Nhiệm vụ {task.code}", body)


def _file_link(task_id: int, kind: str, item_id: int, name: str | None, file_id: str | None) -> str:
    if not name and not file_id:
        return ""
    label = e(name or "tệp đính kèm")
    if not file_id:
        return f"<br>Tệp đính kèm: {label}"
    return f'<br>Tệp đính kèm: <a href="/app/tasks/{task_id}/{kind}/{item_id}" download>⬇ {label}</a>'


def _entry(h: object, task_id: int) -> str:
    from storage.facts import HistoryEntry

    assert isinstance(h, HistoryEntry)
    docs = "; ".join(
        " ".join(p for p in (t, n or "", f"ngày {date_vi(d)}" if d else "", x or "") if p)
        for t, n, d, x in h.documents
    )
    parts = [
        f"<b>{e(date_vi(h.reported_on))}</b> {status_badge(h.status)}",
        f" — {e(h.reporter_name)}" if h.reporter_name else "",
        " <i>(đã được thay)</i>" if h.superseded else "",
        f"<br>{e(h.note)}" if h.note else "",
        f"<br>Văn bản: {e(docs)}" if docs else "",
        _file_link(task_id, "report", h.report_id, h.attachment_name, h.attachment_file_id),
        f"<br>Giá trị: {e(percent(h.kpi_value))}" if h.kpi_value is not None else "",
    ]
    return f"<li>{''.join(parts)}</li>"


def reports_page(frame: Frame, leader: bool) -> str:
    if frame.period is None:
        return page(frame, "reports", "Báo cáo", "<p>Chưa có kỳ báo cáo.</p>")
    code = period_code(frame.period)
    if not leader:
        body = '<p class="note">Chỉ lãnh đạo và quản trị viên được lập báo cáo của xã/phường.</p>'
    else:
        q = urlencode({"period": code})
        body = (
            f'<section class="card"><p>Báo cáo {e(frame.period.title)} (Báo cáo và Phụ lục), như bot gửi bằng /baocao.</p>'
            f'<p><a class="button" id="docx" href="/app/report.docx?{q}">⬇ Tải Word (.docx)</a> '
            f'<a class="button" id="xlsx" href="/app/report.xlsx?{q}">⬇ Tải Excel (.xlsx)</a></p></section>'
        )
    return page(frame, "reports", "Báo cáo", period_picker(frame, "/app/reports") + body)
