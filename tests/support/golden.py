"""Golden outputs of the bundled Thanh Xá sample: answers to the README's questions, the digests
of fixed days, and the text of the written report. tests/test_golden.py holds them equal to the
files in tests/golden/ (regenerate with `python -m tests.support.golden`, then read the diff)."""

from __future__ import annotations

import asyncio
import html
import io
import json
import re
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
QUESTIONS = [
    "tỷ lệ hoàn thành quý 1 năm 2023?",
    "tỷ lệ hoàn thành quý này?",
    "quý 3 đạt bao nhiêu phần trăm",
    "ti le hoan thanh quy truoc",
    "đơn vị nào chậm nhất?",
    "thống kê theo đơn vị quý 1 năm 2023",
    "thống kê theo đơn vị",
    "việc nào quá hạn?",
    "tuần này có việc gì đến hạn",
    "các chỉ tiêu chưa đạt",
    "biểu đồ quý này",
    "so hoa ho so",
]
ASKED_ON = [date(2023, 3, 20), date(2023, 4, 20), date(2023, 12, 20)]
DIGEST_DAYS = [date(2023, 3, 20), date(2023, 3, 27), date(2023, 4, 3), date(2023, 6, 19), date(2023, 12, 18)]
REPORT_PERIODS = ["2023-Q1"]
REPORT_DAY = date(2023, 4, 20)  # the report is written in Q1's reporting window


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _docx_text(content: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            seen: list[Any] = []
            cells = []
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.append(cell._tc)
                cells.append(cell.text)
            lines.append(" | ".join(cells))
    return lines


def generate() -> dict[str, Any]:
    """Import the sample into a fresh database and collect every golden output."""
    from tests.support import golden_api as api

    out: dict[str, Any] = {"answers": {}, "digests": {}, "reports": {}}
    with tempfile.TemporaryDirectory(prefix="planbot-golden-") as tmp:
        info = api.prepare_demo(Path(tmp))
        settings = api.load_settings(DATABASE_URL=info.database_url)
        db = api.Database(info.database_url)
        try:
            found = db.call(api.find_organization, name=None)
            assert found is not None, "the sample was not imported"
            org_id = found[0]
            leader = api.Official(
                telegram_user_id=1, full_name="Lãnh đạo", organization_id=org_id, role="leader"
            )
            for day in ASKED_ON:
                now = datetime.combine(day, time(12), TZ)
                for question in QUESTIONS:
                    answer = db.call(
                        api.answer_question,
                        text=question,
                        viewer=leader,
                        today=day,
                        periods=settings.period_policy(),
                    )
                    out["answers"][f"{day.isoformat()} {question}"] = _plain(answer.text) if answer else None
            for day in DIGEST_DAYS:
                now = datetime.combine(day, time(9), TZ)
                report = asyncio.run(
                    api.run_reminders(
                        db=db, sender=None, config=settings.reminder_config(), now=now, dry_run=True
                    )
                )
                out["digests"][day.isoformat()] = [
                    {"official": d.official_id, "kind": d.kind, "text": _plain(d.text)}
                    for d in report.previews
                ]
            for code in REPORT_PERIODS:
                period = api.parse_period_code(code)
                source = db.call(
                    api.organization_source,
                    organization_id=org_id,
                    period=period,
                    today=REPORT_DAY,
                    policy=settings.period_policy(),
                )
                # what /baocao sends: the Báo cáo from the default template, then the Phụ lục
                written = api.render_file(source, "docx", api.ReportStyle(signer_name="Phạm Thị Mây"))
                out["reports"][code] = _docx_text(written.content)
        finally:
            db.dispose()
    return out


def main() -> int:
    GOLDEN_DIR.mkdir(exist_ok=True)
    target = GOLDEN_DIR / "thanh_xa_sample.json"
    target.write_text(json.dumps(generate(), ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
