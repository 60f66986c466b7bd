"""The admin's plan correction table: pick a task, change a field (plans/corrections.py edit_task),
or map an agency onto another (plans/agency_corrections.py map_agency). Each change is re-authorised
by the use case and audited (TaskEdit and AuditLog, source "dashboard"); POSTs carry the CSRF token."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from bot.dashboard.layout import e, page
from plans.agency_corrections import map_agency
from plans.correction_fields import CorrectionError
from plans.corrections import Editor, edit_task
from reports.dashboard.corrections import CorrectionForm, correction_form
from reports.dashboard.tasks import Filters, task_table


def _editor(visitor: Any) -> Editor:
    return Editor(visitor.official.telegram_user_id, "dashboard")


def _csrf(visitor: Any) -> str:
    return f'<input type="hidden" name="csrf" value="{e(visitor.session.csrf)}">'


def _form_html(form: CorrectionForm, visitor: Any, message: str) -> str:
    rows = "".join(
        f'<tr><th scope="row">{e(name)}</th><td>{e(value)}</td><td>'
        f'<form method="post" action="/app/corrections/{form.task_id}">{_csrf(visitor)}'
        f'<input type="hidden" name="field" value="{e(field)}">'
        f'<label for="v-{e(field)}">Giá trị mới: {e(name)}</label>'
        f'<textarea id="v-{e(field)}" name="value" rows="2">{e(raw)}</textarea>'
        f'<button class="primary" type="submit" id="save-{e(field)}">Lưu</button></form></td></tr>'
        for field, name, value, raw in form.fields
    )
    edits = "".join(
        f"<li>{e(x.at)} · {e(x.field_name)}: «{e(x.old or '')}» → «{e(x.new or '')}» ({e(x.source)})</li>"
        for x in form.edits
    )
    note = f'<p class="note" role="status" id="message">{e(message)}</p>' if message else ""
    return (
        f'{note}<section class="card"><h2>Nhiệm vụ {e(form.code)}</h2><div class="scroll"><table id="fields" class="stack">'
        '<thead><tr><th scope="col">Trường</th><th scope="col">Hiện tại</th><th scope="col">Sửa</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
        f'<section class="card"><h2>Các lần sửa</h2><ul id="edits">{edits or "<li>Chưa sửa lần nào.</li>"}</ul></section>'
        f'<p><a href="/app/tasks/{form.task_id}">Xem nhiệm vụ</a> · <a href="/app/corrections">‹ Bảng sửa kế hoạch</a></p>'
    )


def _agency_form(form_agencies: tuple[tuple[int, str], ...], visitor: Any) -> str:
    options = "".join(f'<option value="{e(n)}">{e(n)}</option>' for _a, n in form_agencies)
    return (
        '<section class="card"><h2>Gộp cơ quan</h2><p>Các nhiệm vụ, cán bộ và tên gọi của cơ quan thứ nhất chuyển sang '
        "cơ quan thứ hai; tên cũ được giữ làm tên gọi khác.</p>"
        f'<form method="post" action="/app/corrections/agencies">{_csrf(visitor)}'
        f'<label for="a-from">Cơ quan</label><select id="a-from" name="source">{options}</select>'
        f'<label for="a-to">Gộp vào</label><select id="a-to" name="target">{options}</select>'
        '<p><button class="primary" type="submit" id="map">Gộp</button></p></form></section>'
    )


def add_routes(app: web.Application, signed_in: Any, frame_of: Any, html: Any, not_found: Any) -> None:
    from bot.dashboard.web import CONFIG

    async def _render(
        request: web.Request, visitor: Any, task_id: int | None, message: str = ""
    ) -> web.Response:
        config = request.app[CONFIG]
        if visitor.official.role != "admin":
            return not_found(request, visitor)
        table = await config.db.run(task_table, official=visitor.official, period=None,
                                    filters=Filters(text=request.query.get("q", "")[:200]),
                                    today=config.clock.today(), policy=config.periods)  # fmt: skip
        if isinstance(table, str):
            return not_found(request, visitor)
        frame = frame_of(request, visitor, table.organization, None)
        if task_id is not None:
            form = await config.db.run(
                correction_form, editor=_editor(visitor), task_id=task_id, tz=config.clock.tz
            )
            if isinstance(form, str):
                return not_found(request, visitor, table.organization)
            return html(page(frame, "corrections", "Sửa kế hoạch", _form_html(form, visitor, message)))
        rows = "".join(
            f'<tr><td>{e(r.task.code)}</td><td>{e(r.task.content[:200])}</td><td class="hide-sm">{e(", ".join(r.lead))}</td>'
            f'<td><a href="/app/corrections?{urlencode({"task": r.task.id})}">Sửa</a></td></tr>'
            for r in table.rows
        )
        note = f'<p class="note" role="status" id="message">{e(message)}</p>' if message else ""
        body = (
            f'{note}<form method="get" action="/app/corrections" class="card" role="search"><label for="c-q">Tìm nhiệm vụ</label>'
            f'<input id="c-q" type="search" name="q" value="{e(request.query.get("q", ""))}"> '
            '<button class="primary" type="submit">Tìm</button></form>'
            '<section class="card"><div class="scroll"><table id="corrections" class="stack"><thead><tr><th scope="col">Mã</th>'
            '<th scope="col">Nội dung</th><th scope="col" class="hide-sm">Chủ trì</th><th scope="col">Sửa</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div></section>" + _agency_form(table.agencies, visitor)
        )
        return html(page(frame, "corrections", "Sửa kế hoạch", body))

    @signed_in
    async def corrections(request: web.Request, visitor: Any) -> web.Response:
        task = request.query.get("task", "")
        return await _render(request, visitor, int(task) if task.isdigit() else None)

    @signed_in
    async def save_field(request: web.Request, visitor: Any) -> web.Response:
        config = request.app[CONFIG]
        task_id = int(request.match_info["task_id"])
        form = await request.post()
        try:
            outcome = await config.db.run(edit_task, editor=_editor(visitor), task_id=task_id,
                                          field=str(form.get("field", "")), value=str(form.get("value", "")))  # fmt: skip
        except CorrectionError as exc:
            return await _render(request, visitor, task_id, exc.message)
        message = (
            f"Đã sửa {outcome.field_name}: «{outcome.old_shown}» → «{outcome.new_shown}»."
            if outcome.changed
            else "Giá trị mới giống giá trị cũ: không có gì thay đổi."
        )
        return await _render(request, visitor, task_id, message)

    @signed_in
    async def map_agencies(request: web.Request, visitor: Any) -> web.Response:
        config = request.app[CONFIG]
        form = await request.post()
        org_id = visitor.official.organization_id
        if org_id is None:
            from reports.answers.scope import viewer_organization

            org_id = await config.db.run(viewer_organization, viewer=visitor.official)
        try:
            change = await config.db.run(map_agency, editor=_editor(visitor), organization_id=org_id or 0,
                                         name=str(form.get("source", "")), target=str(form.get("target", "")))  # fmt: skip
        except CorrectionError as exc:
            return await _render(request, visitor, None, exc.message)
        return await _render(
            request,
            visitor,
            None,
            f"Đã gộp «{change.old_name}» vào «{change.new_name}» ({change.tasks} nhiệm vụ).",
        )

    app.router.add_get("/app/corrections", corrections)
    app.router.add_post(r"/app/corrections/{task_id:\d+}", save_field)
    app.router.add_post("/app/corrections/agencies", map_agencies)
