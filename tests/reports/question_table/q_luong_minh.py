"""Leaders' questions about Lương Minh, plan only, never reported: expected answers worked out by hand
(rules and ground truth: table.py and README.md)."""

from __future__ import annotations

from tests.reports.question_table.ground import (
    LM_ALL,
    LM_DUE_APR,
    LM_DUE_DEC,
    LM_DUE_MAR,
    LM_DUE_NOV,
    OFFTOPIC,
    PCT,
)
from tests.reports.question_table.model import E, Q

# fmt: off
LUONG_MINH: list[Q] = [
    # ============================================================ Lương Minh (plan only, never reported)
    # ---- not_reported: no result was ever published for the plan → every rate has no data.
    Q("lm-001", "luong-minh", "2026-01-10", "tỷ lệ hoàn thành quý 4/2025?", "not_reported",
      E(ask="rate", period="2025-Q4", no_data=True)),
    Q("lm-002", "luong-minh", "2026-02-15", "tỷ lệ hoàn thành quý này", "not_reported",
      E(ask="rate", period="2026-Q1", no_data=True)),
    # 10/01/2026 is inside Q4/2025's window → Q4/2025.
    Q("lm-003", "luong-minh", "2026-01-10", "tiến độ công tác bầu cử thế nào", "not_reported",
      E(ask="rate", period="2025-Q4", no_data=True)),
    Q("lm-004", "luong-minh", "2026-02-15", "việc nào chưa có báo cáo", "not_reported",
      E(ask="not_reported", period="2026-Q1", status="no_report", count=18, codes=LM_ALL)),
    Q("lm-005", "luong-minh", "2026-05-05", "quý 1 năm 2026 đạt bao nhiêu %", "not_reported",
      E(ask="rate", period="2026-Q1", no_data=True)),
    Q("lm-006", "luong-minh", "2026-01-10", "năm 2025 hoàn thành bao nhiêu", "not_reported",
      E(ask="rate", period="2025", no_data=True)),
    Q("lm-007", "luong-minh", "2026-03-20", "bao nhiêu việc đã xong", "not_reported",
      E(ask="count", period="2026-Q1", status="done", no_data=True)),
    Q("lm-008", "luong-minh", "2026-04-10", "quý 1 còn việc nào chưa báo cáo kết quả", "not_reported",
      E(ask="not_reported", period="2026-Q1", status="no_report", count=18, codes=LM_ALL)),
    # ---- list_status (overdue: one-off, due before today, never reported done)
    Q("lm-009", "luong-minh", "2025-12-05", "việc nào quá hạn?", "list_status",
      E(ask="list", period="2025-Q4", status="overdue", count=3, codes=LM_DUE_NOV)),
    Q("lm-010", "luong-minh", "2026-01-10", "những việc nào đã quá hạn", "list_status",
      E(ask="list", period="2025-Q4", status="overdue", count=5, codes=LM_DUE_NOV + LM_DUE_DEC)),
    Q("lm-011", "luong-minh", "2026-02-15", "co viec nao tre han chua", "list_status",
      E(ask="list", period="2026-Q1", status="overdue", count=5, codes=LM_DUE_NOV + LM_DUE_DEC)),
    # 10/04/2026 is inside Q1/2026's window: due ≤ 31/03/2026 and before today → 3 + 2 + 10 = 15.
    Q("lm-012", "luong-minh", "2026-04-10", "việc nào quá hạn", "list_status",
      E(ask="list", period="2026-Q1", status="overdue", count=15, codes=LM_DUE_NOV + LM_DUE_DEC + LM_DUE_MAR)),
    # 05/05/2026 (Q2/2026): all 18, the last three were due 30/04/2026.
    Q("lm-013", "luong-minh", "2026-05-05", "bn việc quá hạn", "list_status",
      E(ask="count", period="2026-Q2", status="overdue", count=18)),
    # "chưa làm" with no report at all: every task is "chưa có báo cáo", none is reported not done.
    Q("lm-014", "luong-minh", "2026-02-15", "còn việc gì chưa làm", "list_status",
      E(ask="list", period="2026-Q1", status="no_report", count=18, codes=LM_ALL)),
    # ---- upcoming
    Q("lm-015", "luong-minh", "2025-11-20", "tháng này có việc gì đến hạn", "upcoming",
      E(ask="upcoming", period="2025-11", count=3, codes=LM_DUE_NOV)),
    # Dec 2025: II.4.1, II.5.1 ("Quý IV/2025"); II.2.1 "Quý IV/2025 và Quý I/2026" is read as due
    # 31/03/2026 (the later of the two quarters, see README).
    Q("lm-016", "luong-minh", "2025-12-05", "tháng 12 phải xong những việc gì", "upcoming",
      E(ask="upcoming", period="2025-12", count=2, codes=LM_DUE_DEC)),
    Q("lm-017", "luong-minh", "2026-03-20", "sắp đến hạn những việc nào", "upcoming",
      E(ask="upcoming", period="2026-03", count=10, codes=LM_DUE_MAR)),
    Q("lm-018", "luong-minh", "2026-04-10", "tháng 4 có những việc gì đến hạn", "upcoming",
      E(ask="upcoming", period="2026-04", count=3, codes=LM_DUE_APR)),
    Q("lm-019", "luong-minh", "2026-01-12", "quý 1/2026 bao nhiêu việc phải hoàn thành", "upcoming",
      E(ask="upcoming", period="2026-Q1", count=10, codes=LM_DUE_MAR)),
    Q("lm-020", "luong-minh", "2026-02-15", "tháng 2 có việc nào đến hạn ko", "upcoming",
      E(ask="upcoming", period="2026-02", count=0, codes=())),
    Q("lm-021", "luong-minh", "2025-11-25", "quý 4 có mấy việc phải hoàn thành", "upcoming",
      E(ask="upcoming", period="2025-Q4", count=5, codes=LM_DUE_NOV + LM_DUE_DEC)),
    # ---- task
    Q("lm-022", "luong-minh", "2026-01-10", "nhiệm vụ II.4.1 thế nào", "task",
      E(ask="task", period="2025-Q4", status="no_report", codes=("II.4.1",))),
    Q("lm-023", "luong-minh", "2026-01-10", "việc ban hành kế hoạch tuyên truyền bầu cử xong chưa", "task",
      E(ask="task", period="2025-Q4", status="no_report", codes=("II.5.1",))),
    Q("lm-024", "luong-minh", "2026-03-20", "tổng kết công tác bầu cử hạn khi nào", "task",
      E(ask="task", status="no_report", codes=("II.7.1",))),
    # the 3rd row of item 3 is printed "3.2" again in the source → planbot code II.3.2-2.
    Q("lm-025", "luong-minh", "2026-02-15", "việc tiếp nhận thông tin, giải đáp về quyền trách nhiệm MTTQ", "task",
      E(ask="task", period="2026-Q1", status="no_report", codes=("II.3.2-2",))),
    Q("lm-026", "luong-minh", "2026-01-12", "II.2.1 chuẩn bị hội nghị hiệp thương tiến độ", "task",
      E(ask="task", period="2025-Q4", status="no_report", codes=("II.2.1",))),
    # ---- topic (asked 12–14/01/2026: inside Q4/2025's reporting window → Q4/2025)
    Q("lm-027", "luong-minh", "2026-01-12", "hiệp thương đến đâu rồi", "topic",
      E(ask="list", period="2025-Q4", codes=("II.2.1", "II.2.3"))),
    Q("lm-028", "luong-minh", "2026-01-12", "tiếp công dân, đơn thư khiếu nại", "topic",
      E(ask="list", period="2025-Q4", codes=("II.4.1", "II.4.2"))),
    Q("lm-029", "luong-minh", "2026-01-13", "tuyên truyền bầu cử", "topic",
      E(ask="list", period="2025-Q4", codes=("II.5.1", "II.5.2"))),
    Q("lm-030", "luong-minh", "2026-01-13", "việc giám sát bầu cử", "topic",
      E(ask="list", period="2025-Q4", codes=("II.1.2", "II.3.1"))),
    Q("lm-031", "luong-minh", "2026-01-14", "hội nghị tiếp xúc cử tri", "topic",
      E(ask="list", period="2025-Q4", codes=("II.2.2",))),
    Q("lm-032", "luong-minh", "2026-01-14", "tập huấn bầu cử", "topic",
      E(ask="list", period="2025-Q4", codes=("II.6.2",))),
    # ---- agency: one lead for every task.
    Q("lm-033", "luong-minh", "2026-01-10", "đồng chí phó chủ tịch thường trực phụ trách bao nhiêu việc", "agency",
      E(ask="count", agency=PCT, count=18)),
    Q("lm-034", "luong-minh", "2026-01-10", "PCT thường trực còn việc gì quá hạn", "agency",
      E(ask="list", period="2025-Q4", agency=PCT, status="overdue", count=5, codes=LM_DUE_NOV + LM_DUE_DEC)),
    Q("lm-035", "luong-minh", "2026-04-10", "việc của tôi quá hạn những gì", "agency",
      E(ask="list", period="2026-Q1", agency=PCT, status="overdue", count=15,
        codes=LM_DUE_NOV + LM_DUE_DEC + LM_DUE_MAR),
      role="official", agency_of_asker=PCT),
    # ---- count
    Q("lm-036", "luong-minh", "2025-11-20", "kế hoạch bầu cử có bao nhiêu nhiệm vụ", "count",
      E(ask="count", count=18)),
    Q("lm-037", "luong-minh", "2025-11-20", "kế hoạch có mấy nội dung lớn", "count", E(ask="count", count=7)),
    Q("lm-038", "luong-minh", "2026-01-10", "bao nhiêu việc quá hạn", "count",
      E(ask="count", period="2025-Q4", status="overdue", count=5)),
    # item 3 has four rows (3.1, 3.2, 3.2, 3.3).
    Q("lm-039", "luong-minh", "2025-11-21", "mục 3 kiểm tra giám sát có mấy việc", "count", E(ask="count", count=4)),
    # ---- compare / rank
    Q("lm-040", "luong-minh", "2026-04-10", "quý 1/2026 so với quý 4/2025", "compare",
      E(ask="compare", period="2026-Q1", rows=(), no_data=True)),
    # items by number of tasks (numerator = tasks of the item, of 18): 3 (4 rows) first; 1 and 2 have
    # 3; 4–7 have 2 (ties in plan order). Labels are planbot's codes of the items.
    Q("lm-041", "luong-minh", "2025-11-21", "nội dung nào nhiều việc nhất", "rank",
      E(ask="rank", first="II.3", rows=(("II.3", 4, 18), ("II.1", 3, 18), ("II.2", 3, 18), ("II.4", 2, 18),
                                        ("II.5", 2, 18), ("II.6", 2, 18), ("II.7", 2, 18)))),
    # ---- english
    Q("lm-042", "luong-minh", "2026-01-10", "which tasks are overdue?", "english",
      E(ask="list", period="2025-Q4", status="overdue", count=5, codes=LM_DUE_NOV + LM_DUE_DEC)),
    Q("lm-043", "luong-minh", "2026-03-20", "what is due this month?", "english",
      E(ask="upcoming", period="2026-03", count=10, codes=LM_DUE_MAR)),
    Q("lm-044", "luong-minh", "2026-02-15", "completion rate this quarter?", "english",
      E(ask="rate", period="2026-Q1", no_data=True)),
    # ---- offtopic
    Q("lm-045", "luong-minh", "2026-03-20", "ai trúng cử đại biểu HĐND xã", "offtopic", OFFTOPIC),
    Q("lm-046", "luong-minh", "2026-03-20", "thôn nào đông cử tri nhất", "offtopic", OFFTOPIC),
    # ---- followup chain E (10/01/2026): lm-010 lists the 5 overdue tasks.
    Q("lm-047", "luong-minh", "2026-01-10", "chi tiết II.4.1", "followup",
      E(ask="task", period="2025-Q4", status="no_report", codes=("II.4.1",)), after="lm-010"),
    Q("lm-048", "luong-minh", "2026-01-10", "ai chủ trì?", "followup",
      E(ask="task", agency=PCT, codes=("II.4.1",)), after="lm-047"),
    Q("lm-049", "luong-minh", "2026-02-27", "tháng 3 có bao nhiêu việc đến hạn", "upcoming",
      E(ask="upcoming", period="2026-03", count=10, codes=LM_DUE_MAR)),
    Q("lm-050", "luong-minh", "2026-02-27", "tỷ lệ bao phủ bảo hiểm y tế của xã", "offtopic", OFFTOPIC),
]
# fmt: on
