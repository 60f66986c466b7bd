"""The Thanh Xá Q1/2023 appendix (seed thanh-xa-2023-q1-report.txt) as database rows: 4 mục,
14 nội dung, 30 nhiệm vụ, 22 of them done or in progress in Q1/2023 (13 done, 9 in progress)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session

from storage.db import Database
from storage.models import (
    Official,
    ProgressReport,
    ReportDocument,
)
from tests.support.builders import add_agency, add_organization, add_plan, add_task

VP = "Văn phòng HĐND và UBND xã"
CCCM = "Các công chức chuyên môn thuộc UBND xã"
ND = "Ngành dọc tại xã"
VHXH = "Văn hóa xã hội xã"
TTDT = "Trang TTĐT xã"
DTT = "Đài truyền thanh xã"
VHTT = "Công chức Văn hóa và Thông tin xã"
YEAR = "Thường xuyên trong năm 2023"

D, IP, ND_ = "done", "in_progress", "not_done"

# (code, number, kind, content, lead, coordinating, deadline text, kind, product, result)
# result = (status, note, [(doc_type, number, issued_on)])
NODES: list[tuple[Any, ...]] = [
    (
        "I",
        "I",
        "section",
        "Xây dựng hoàn thiện thế chế, văn bản chỉ đạo",
        [],
        [],
        None,
        "unknown",
        None,
        None,
    ),
    (
        "I.1",
        "1.",
        "task",
        "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        "Văn bản chỉ đạo, đôn đốc, hướng dẫn,...",
        (
            D,
            None,
            [
                ("Kế hoạch", "25/KH-UBND", date(2023, 3, 9)),
                ("Kế hoạch", "27/KH-UBND", date(2023, 3, 9)),
                ("Kế hoạch", "35/KH-UBND", date(2023, 3, 29)),
                ("Kế hoạch", "01/KH-UBND", date(2023, 1, 4)),
                ("Kế hoạch", "03/KH-UBND", date(2023, 1, 6)),
                ("Quyết định", "47/QĐ-UBND", date(2023, 3, 24)),
                ("Thông báo", "14/TB-UBND", date(2023, 3, 24)),
            ],
        ),
    ),
    (
        "II",
        "II",
        "section",
        "Triển khai các nhiệm vụ cải cách, kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông",
        [],
        [],
        None,
        "unknown",
        None,
        None,
    ),
    (
        "II.1",
        "1.",
        "group",
        "Triển khai việc tổ chức thực hiện các nhiệm vụ về:",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        "Văn bản chỉ đạo, đôn đốc, hướng dẫn được ban hành",
        None,
    ),
    (
        "II.1.1",
        "-",
        "task",
        "Cải cách thủ tục thành chính, kiểm soát TTHC và đổi mới việc thực hiện cơ chế một "
        "cửa, một cửa liên thông trong giải quyết TTHC;",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (
            D,
            "Việc thực hiện cơ chế một cửa, cơ chế một cửa liên thông của xã tại Bộ phận tiếp nhận và trả kết quả "
            "được duy trì nền nếp, thông suốt",
            [],
        ),
    ),
    (
        "II.1.2",
        "-",
        "task",
        "Thực hiện giải quyết TTHC trên môi trường điện tử thông qua dịch vụ công trực tuyến;",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (D, "Quý 1 năm 2023 đã tiếp nhận 292 hồ sơ trực tuyến mức độ 3,4 đạt tỷ lệ 78,5%", []),
    ),
    (
        "II.1.3",
        "-",
        "task",
        "Niêm yết, công khai TTHC;",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (D, None, [("Thông báo", "09/TB-UBND", date(2023, 3, 8))]),
    ),
    (
        "II.1.4",
        "-",
        "task",
        "Rà soát, đơn giản hóa TTHC;",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (ND_, "Kế hoạch số 35/KH-UBND ngày 29/3/2023", []),
    ),
    (
        "II.1.5",
        "-",
        "task",
        "Số hóa hồ sơ, kết quả giải quyết TTHC;",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (D, "Quý 1/2023 số hóa được 371 hồ sơ khi tiếp nhận đạt 99,73 %", []),
    ),
    (
        "II.1.6",
        "-",
        "task",
        "Xử lý phản ánh kiến nghị về quy định hành chính và hành vi hành chính;",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (D, "UBND xã không tiếp nhận được phản ánh kiến nghị nào", []),
    ),
    (
        "II.1.7",
        "-",
        "task",
        "Nhiệm vụ đột xuất khác được giao.",
        [VP],
        [CCCM, ND],
        YEAR,
        "continuous",
        None,
        (ND_, "Thường xuyên thực hiện khi có yêu cầu", []),
    ),
    (
        "II.2",
        "2.",
        "group",
        "Tổ chức thực hiện các nhiệm vụ KS TTHC, gồm:",
        [VP, VHXH],
        [CCCM],
        "Thường xuyên trong năm 2023.",
        "continuous",
        "Văn bản chỉ đạo, đôn đốc; báo cáo...",
        None,
    ),
    (
        "II.2.1",
        "-",
        "task",
        "Theo dõi, đôn đốc việc công khai, thực hiện giải quyết TTHC;",
        [VP, VHXH],
        [CCCM],
        YEAR,
        "continuous",
        None,
        (
            D,
            "Công khai kết quả giải quyết TTHC hàng tháng",
            [("Thông báo", "02/TB-UBND", date(2023, 2, 1)), ("Thông báo", "07/TB-UBND", date(2023, 3, 1))],
        ),
    ),
    (
        "II.2.2",
        "-",
        "task",
        "Cập nhật công khai dữ liệu TTHC trên trang thông tin điện tử của xã;",
        [VP, VHXH],
        [CCCM],
        YEAR,
        "continuous",
        None,
        (D, "Đã cập nhật thông tin công khai trên Trang thông tin điện tử của xã", []),
    ),
    (
        "II.2.3",
        "-",
        "task",
        "Tổ chức rà soát, đơn giản hóa TTHC; rà soát độc lập các quy định TTHC đang còn hiệu lực",
        [VP, VHXH],
        [CCCM],
        YEAR,
        "continuous",
        None,
        (IP, "Rà soát theo Kế hoạch số 35/KH-UBND ngày 29/3/2023", []),
    ),
    (
        "II.2.4",
        "-",
        "task",
        "Thực hiện rà soát, tổng hợp, đề xuất phương án đơn giản hóa TTHC báo cáo UBND tỉnh;",
        [VP, VHXH],
        [CCCM],
        YEAR,
        "continuous",
        None,
        (ND_, None, []),
    ),
    (
        "II.2.5",
        "-",
        "task",
        "Phối hợp, tổ chức tập huấn, bồi dưỡng nghiệp vụ;",
        [VP, VHXH],
        [CCCM],
        YEAR,
        "continuous",
        None,
        (ND_, None, []),
    ),
    (
        "II.2.6",
        "-",
        "task",
        "Thực hiện các nhiệm vụ đột xuất khác.",
        [VP, VHXH],
        [CCCM],
        "Khi có yêu cầu",
        "on_demand",
        None,
        (ND_, "Thực hiện khi có yêu cầu", []),
    ),
    (
        "II.3",
        "3.",
        "group",
        "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC:",
        [VP, CCCM],
        [CCCM, ND],
        "Theo yêu cầu hoặc thường xuyên trong năm 2023",
        "continuous",
        "Văn bản chỉ đạo, đôn đốc; công khai; báo cáo...",
        None,
    ),
    (
        "II.3.1",
        "-",
        "task",
        "Tiếp tục triển khai, thực hiện đề án kiện toàn, đổi mới Bộ phận Tiếp nhận và Trả kết quả, cấp xã.",
        [VP, CCCM],
        [ND],
        YEAR,
        "continuous",
        None,
        (IP, None, []),
    ),
    (
        "II.3.2",
        "-",
        "task",
        "Theo dõi, đôn đốc, hướng dẫn, phối hợp với các công chức chuyên môn xã kiện toàn, nâng "
        "cao chất lượng phục vụ của Bộ phận Tiếp nhận và Trả kết quả cấp xã;",
        [VP, CCCM],
        [ND],
        YEAR,
        "continuous",
        None,
        (IP, None, []),
    ),
    (
        "II.3.3",
        "-",
        "task",
        "Triển khai thực hiện TTHC không phụ thuộc vào địa giới hành chính (theo hướng dẫn của huyện);",
        [VP, CCCM],
        [ND],
        YEAR,
        "continuous",
        None,
        (IP, None, []),
    ),
    (
        "II.3.4",
        "-",
        "task",
        "Tiếp tục đưa TTHC ngành dọc ra thực hiện tại Bộ phận Tiếp nhận và Trả kết quả cấp xã;",
        [VP, CCCM],
        [ND],
        YEAR,
        "continuous",
        None,
        (D, None, [("Thông báo", "09/TB-UBND", date(2023, 3, 8))]),
    ),
    (
        "II.3.5",
        "-",
        "task",
        "Thống kê, rà soát TTHC có quy định phí, lệ phí và nghĩa vụ tài chính khác để thực hiện trực tuyến;",
        [VP, CCCM],
        [ND],
        YEAR,
        "continuous",
        None,
        (D, None, [("Thông báo", "16/TB-UBND", date(2023, 4, 12))]),
    ),
    (
        "II.3.6",
        "-",
        "task",
        "Triển khai, theo dõi, đôn đốc thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia "
        "(khi có hướng dẫn)",
        [VP, CCCM],
        [ND],
        YEAR,
        "continuous",
        None,
        (ND_, "Do chưa có hướng dẫn", []),
    ),
    (
        "II.4",
        "4.",
        "task",
        "Tiếp tục triển khai thực hiện rà soát, đơn giản hóa TTHC nội bộ đảm bảo Kế hoạch đề ra",
        [VP],
        [CCCM],
        "Theo tiến độ đã giao",
        "on_demand",
        "Các báo cáo,....",
        (D, None, [("Báo cáo", "15/BC-UBND", date(2023, 3, 9)), ("Báo cáo", "23/BC-UBND", date(2023, 4, 5))]),
    ),
    (
        "II.5",
        "5.",
        "task",
        "Tự tổ chức kiểm tra định kỳ hoặc đột xuất việc tổ chức thực hiện công tác kiểm soát "
        "TTHC và thực hiện cơ chế một cửa, một cửa liên thông",
        [VP],
        [CCCM],
        "Từ tháng 4 đến tháng 12/2023.",
        "range",
        "Quyết định thành lập đoàn kiểm tra; kết luận kiểm tra...",
        (ND_, None, []),
    ),
    (
        "II.6",
        "6.",
        "task",
        "Tiếp nhận, xử lý, công khai phản ánh, kiến nghị về quy định TTHC, hành vi của công "
        "chức trong tiếp nhận, giải quyết, trả kết quả giải quyết TTHC.",
        [VP],
        [CCCM],
        "Thường xuyên năm 2023",
        "continuous",
        "Phân loại, xử lý phản ánh, kiến nghị và báo cáo, công khai kết quả giải quyết",
        (IP, None, []),
    ),
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


@pytest.fixture
def thanh_xa(db: Database) -> dict[str, int]:
    """The Thanh Xá plan with its Q1/2023 results in the test database."""
    return db.call(seed_thanh_xa)


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


@pytest.fixture
def leader(thanh_xa: dict[str, int]) -> Official:
    return make_viewer(thanh_xa["org"])


@pytest.fixture
def viewer_factory() -> Callable[..., Official]:
    """make_viewer, for tests (conftest modules cannot be imported from tests)."""
    return make_viewer
