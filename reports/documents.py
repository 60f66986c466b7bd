"""Use cases of the written report's files: the report of a viewer's organization in DOCX (Báo cáo
and Phụ lục from the organization's template), XLSX (the Phụ lục) or PDF (through LibreOffice), and
the organization's template: read, replace after checking, go back to the default.

Reading is done in a session; rendering (CPU-bound) outside it, in a thread, by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlmodel import Session

from plans.periods import Period, PeriodPolicy
from reports.answers.scope import is_leader, viewer_organization
from reports.outputs.document import render_document
from reports.outputs.pdf import to_pdf
from reports.outputs.report_data import ReportData, ReportError, build_report, report_filename
from reports.outputs.style import ReportStyle
from reports.outputs.templates import DEFAULT_NAME, TemplateError, check_template, default_template
from reports.outputs.xlsx import render_xlsx
from storage.models import Official, Role
from storage.queries.templates import delete_template, organization_template, save_template
from storage.text import nfc

Format = Literal["docx", "xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("docx", "xlsx", "pdf")
NOT_LEADER = "Chỉ lãnh đạo và quản trị viên được lập báo cáo của xã/phường."
NO_ORG = "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
ADMIN_ONLY = "Chỉ quản trị viên mới thay được mẫu báo cáo."


@dataclass(frozen=True)
class ReportSource:
    """What a report file is rendered from."""

    data: ReportData
    template: bytes | None  # the organization's own; None: the shipped default


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    caption: str  # ≤ 1024 characters


def organization_source(
    *,
    session: Session,
    organization_id: int,
    period: Period,
    today: date,
    policy: PeriodPolicy,
    plan_id: int | None = None,
) -> ReportSource:
    """The report of an organization (the command line); ReportError when there is nothing to report."""
    data = build_report(
        session=session,
        organization_id=organization_id,
        period=period,
        today=today,
        policy=policy,
        plan_id=plan_id,
    )
    found = organization_template(session=session, organization_id=organization_id)
    return ReportSource(data, found.content if found is not None else None)


def report_source(
    *, session: Session, viewer: Official, period: Period, today: date, policy: PeriodPolicy
) -> ReportSource | str:
    """The report of the viewer's organization for a period, or why there is none (leaders and
    admins only)."""
    if not is_leader(viewer):
        return NOT_LEADER
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return NO_ORG
    try:
        return organization_source(
            session=session, organization_id=org_id, period=period, today=today, policy=policy
        )
    except ReportError as exc:
        return str(exc)


def caption(data: ReportData) -> str:
    return f"{data.result_header}: " + " · ".join(data.closing_lines)


def render_file(
    source: ReportSource, fmt: Format, style: ReportStyle, *, soffice: str | None = None
) -> ReportFile:
    """The file in one format (CPU-bound; PDF raises reports.outputs.pdf.PdfUnavailable/PdfFailed)."""
    data = source.data
    if fmt == "xlsx":
        content = render_xlsx(data)
    else:
        content = render_document(data, style, source.template)
        if fmt == "pdf":
            content = to_pdf(content, ".docx", soffice=soffice)
    return ReportFile(content, report_filename(data, fmt), caption(data)[:1024])


# --- the organization's template -----------------------------------------------------------------


@dataclass(frozen=True)
class TemplateState:
    file_name: str
    content: bytes
    custom: bool  # the organization's own (else the shipped default)


@dataclass(frozen=True)
class TemplateOutcome:
    ok: bool
    message: str  # plain Vietnamese (the caller escapes it)
    placeholders: tuple[str, ...] = ()


def _admin_org(session: Session, official: Official) -> int | str:
    if official.role != Role.admin or not official.active:
        return ADMIN_ONLY
    org_id = viewer_organization(session=session, viewer=official)
    return NO_ORG if org_id is None else org_id


def current_template(*, session: Session, official: Official) -> TemplateState | str:
    """The template reports of the official's organization are written from."""
    org = _admin_org(session, official)
    if isinstance(org, str):
        return org
    found = organization_template(session=session, organization_id=org)
    if found is None:
        return TemplateState(DEFAULT_NAME, default_template(), False)
    return TemplateState(found.file_name, found.content, True)


def upload_template(
    *, session: Session, official: Official, file_name: str, content: bytes
) -> TemplateOutcome:
    """Check a template on arrival and keep it for the organization; a template with an unknown
    placeholder (or a broken tag, or not a .docx) is refused with the reason."""
    org = _admin_org(session, official)
    if isinstance(org, str):
        return TemplateOutcome(False, org)
    if not file_name.lower().endswith(".docx"):
        return TemplateOutcome(False, "Mẫu báo cáo phải là tệp Word .docx.")
    try:
        used = check_template(content)
    except TemplateError as exc:
        return TemplateOutcome(False, f"Chưa nhận mẫu «{nfc(file_name)}»: {exc}")
    save_template(
        session=session,
        organization_id=org,
        file_name=nfc(file_name)[:255],
        content=content,
        placeholders=used,
        uploaded_by=official.telegram_user_id,
    )
    return TemplateOutcome(True, f"Đã nhận mẫu báo cáo «{nfc(file_name)}» ({len(used)} trường).", tuple(used))


def reset_template(*, session: Session, official: Official) -> str:
    org = _admin_org(session, official)
    if isinstance(org, str):
        return org
    removed = delete_template(session=session, organization_id=org)
    return "Đã dùng lại mẫu báo cáo mặc định." if removed else "Xã/phường đang dùng mẫu báo cáo mặc định."
