"""The Thanh Xá Q1/2023 appendix (seed thanh-xa-2023-q1-report.txt) as database rows: 4 mục,
14 nội dung, 30 nhiệm vụ, 22 of them done or in progress in Q1/2023 (13 done, 9 in progress)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session

from storage.models import (
    Official,
    ProgressReport,
    ReportDocument,
)
from tests.support.builders import add_agency, add_organization, add_plan, add_task
from tests.support.thanh_xa_nodes import CCCM, DTT, IP, ND, ND_, NODES_I_II, TTDT, VHTT, VHXH, VP, YEAR, D

# (code, number, kind, content, lead, coordinating, deadline text, kind, product, result)
# result = (status, note, [(doc_type, number, issued_on)])
NODES: list[tuple[Any, ...]] = [
    *NODES_I_II,
    (
        "III",
        "III",
        "section",
        "Ứng dụng công nghệ thông tin trong giải quyết TTHC",
        [],
        [],
        None,
        "unknown",
        None,
        None,
    ),
    (
        "III.1",
        "1.",
        "task",
        "Thực hiện rà soát, đánh giá TTHC đáp ứng yêu cầu xây dựng dịch vụ công trực tuyến một "
        "phần hoặc toàn trình",
        [VP],
        [VHTT, CCCM],
        "Theo hướng dẫn của Văn phòng UBND huyện",
        "on_demand",
        "Văn bản được ban hành",
        (ND_, "do chưa có hướng dẫn của cấp trên", []),
    ),
    (
        "III.2",
        "2.",
        "task",
        "Triển khai, thực hiện dịch vụ công trực tuyến toàn trình và dịch vụ công trực tuyến một phần",
        [VP],
        [CCCM],
        YEAR,
        "continuous",
        "Văn bản chỉ đạo, hướng dẫn, thực hiện.",
        (IP, None, []),
    ),
    (
        "III.3",
        "3.",
        "task",
        "Triển khai thực hiện việc tiếp nhận, giải quyết TTHC trên môi trường điện tử.",
        [CCCM],
        [VP],
        YEAR,
        "continuous",
        "Văn bản hướng dẫn thực hiện…",
        (IP, None, []),
    ),
    (
        "III.4",
        "4.",
        "task",
        "Thực hiện Số hóa hồ sơ, kết quả giải quyết TTHC bảo đảm chỉ tiêu được giao.",
        [CCCM],
        [VP],
        YEAR,
        "continuous",
        "Hồ sơ, kết quả giải quyết TTHC được số hóa",
        (IP, None, []),
    ),
    (
        "III.5",
        "5.",
        "task",
        "Thanh toán trực tuyến nghĩa vụ tài chính (gồm cả phí, lệ phí) Cổng Dịch vụ công Quốc gia:",
        [VP],
        [CCCM],
        YEAR,
        "continuous",
        "Văn bản chỉ đạo, hướng dẫn triển khai thực hiện.",
        (IP, None, []),
    ),
    ("IV", "IV", "section", "Nhiệm vụ khác có liên quan", [], [], None, "unknown", None, None),
    (
        "IV.1",
        "1.",
        "task",
        "Tuyên truyền về cải cách TTHC, kiểm soát TTHC, thực hiện cơ chế một cửa, một cửa liên thông",
        [CCCM, TTDT, DTT],
        [VP],
        YEAR,
        "continuous",
        "Tin bài phát trên Đài truyền thanh xã; Trang thông tin điện tử của xã.",
        (D, "Các bài viết tuyên truyền trên Trang thông tin điện tử của xã", []),
    ),
    (
        "IV.2",
        "2",
        "task",
        "Báo cáo định kỳ hoặc đột xuất về tình hình, kết quả công tác kiểm soát TTHC",
        [CCCM],
        [VP],
        "Định kỳ hoặc đột xuất trong năm 2023",
        "recurring",
        "Báo cáo được ký ban hành",
        (
            D,
            None,
            [("Báo cáo", "18/BC-UBND", date(2023, 3, 15)), ("Báo cáo", "23/BC-UBND", date(2023, 4, 5))],
        ),
    ),
]


def seed_thanh_xa(session: Session) -> dict[str, int]:
    """Insert the organization, agencies, plan, nodes and the imported Q1/2023 results.

    Returns ids: "org", "plan", agency names, and task codes."""
    org_id = add_organization(session, "UBND xã Thanh Xá")
    ids: dict[str, int] = {"org": org_id}
    agencies: dict[str, int] = {}
    for name in (VP, CCCM, ND, VHXH, TTDT, DTT, VHTT):
        agencies[name] = ids[name] = add_agency(session, org_id, name, is_group=name == CCCM)
    ids["plan"] = add_plan(
        session,
        org_id,
        "Kế hoạch Kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông năm 2023 "
        "trên địa bàn xã Thanh Xá",
        number="25/KH-UBND",
        issued_on=date(2023, 3, 9),
        year=2023,
    )
    created = datetime(2023, 4, 14, 2, 0, tzinfo=UTC)
    for position, node in enumerate(NODES):
        code, number, kind, content, lead, coord, dl_text, dl_kind, product, result = node
        parent = code.rsplit(".", 1)[0] if "." in code else None
        level = code.count(".") + 1
        due = start = None
        if dl_kind in ("continuous", "recurring"):
            start, due = date(2023, 1, 1), date(2023, 12, 31)
        elif dl_kind == "range":
            start, due = date(2023, 4, 1), date(2023, 12, 31)
        task_id = ids[code] = add_task(
            session,
            ids["plan"],
            code,
            content,
            lead=[agencies[name] for name in lead],
            coordinating=[agencies[name] for name in coord],
            parent_id=ids.get(parent) if parent else None,
            number=number,
            kind=kind,
            level=level,
            position=position,
            section=code.split(".")[0],
            deadline_text=dl_text,
            deadline_kind=dl_kind,
            deadline_due=due,
            deadline_start=start,
            product=product,
        )
        if result is not None:
            status, note, docs = result
            report = ProgressReport(
                task_id=task_id,
                status=status,
                note=note,
                reported_on=date(2023, 4, 14),
                period_start=date(2023, 1, 1),
                period_end=date(2023, 3, 31),
                source="import",
                created_at=created,
            )
            session.add(report)
            session.flush()
            assert report.id is not None
            for doc_type, doc_number, issued_on in docs:
                session.add(
                    ReportDocument(
                        report_id=report.id, doc_type=doc_type, number=doc_number, issued_on=issued_on
                    )
                )
    session.flush()
    return ids


def make_viewer(org_id: int, *, role: str = "leader", agency_id: int | None = None) -> Official:
    """An official that is not stored (answers only read its organization, agency and role)."""
    return Official(
        id=None,
        telegram_user_id=1,
        full_name="Lãnh đạo",
        organization_id=org_id,
        agency_id=agency_id,
        role=role,
    )
