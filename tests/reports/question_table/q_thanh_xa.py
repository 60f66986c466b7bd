"""Leaders' questions about Thanh Xá, report of Q1/2023: expected answers worked out by hand
(rules and ground truth: table.py and README.md)."""

from __future__ import annotations

from tests.reports.question_table.ground import (
    CCCM,
    CCCM_IP,
    CCCM_NOT,
    OFFTOPIC,
    TX_ALL,
    TX_DONE,
    TX_IP,
    TX_NOT,
    TX_SRC,
    VHXH,
    VHXH_ALL,
    VHXH_NOT,
    VP,
    VP_IP,
)
from tests.reports.question_table.model import E, Q

# fmt: off
THANH_XA: list[Q] = [
    # ============================================================ Thanh Xá (report of Q1/2023)
    # ---- rate
    Q("tx-001", "thanh-xa", "2023-04-17", "tỷ lệ hoàn thành quý 1/2023?", "rate",
      E(ask="rate", period="2023-Q1", rate=(22, 30), source=TX_SRC)),
    # asked on 17/04 (inside Q1's reporting window, up to 20/04): no period given → Q1/2023.
    Q("tx-002", "thanh-xa", "2023-04-17", "tiến độ kế hoạch thế nào", "rate",
      E(ask="rate", period="2023-Q1", rate=(22, 30), source=TX_SRC)),
    Q("tx-003", "thanh-xa", "2023-04-20", "ti le hoan thnah quy I nam 2023", "rate",
      E(ask="rate", period="2023-Q1", rate=(22, 30), source=TX_SRC)),
    # 10/05/2023: the last ended quarter is Q1/2023.
    Q("tx-004", "thanh-xa", "2023-05-10", "Tỷ lệ hoàn thành quý trước?", "rate",
      E(ask="rate", period="2023-Q1", rate=(22, 30), source=TX_SRC)),
    Q("tx-005", "thanh-xa", "2023-06-02", "Q1/2023 đạt bn %", "rate",
      E(ask="rate", period="2023-Q1", rate=(22, 30), source=TX_SRC)),
    # H1/2023 contains Q1: the only reports of H1 are the Q1 results → 22/30 (not no_data).
    Q("tx-006", "thanh-xa", "2023-07-05", "6 tháng đầu năm hoàn thành bao nhiêu phần trăm", "rate",
      E(ask="rate", period="2023-H1", rate=(22, 30), source=TX_SRC)),
    # 01/03–30/06/2023 overlaps Q1 (March): the Q1 results speak for it → 22/30.
    Q("tx-007", "thanh-xa", "2023-07-05", "từ tháng 3 đến tháng 6 tiến độ ra sao", "rate",
      E(ask="rate", period="2023-03-01..2023-06-30", rate=(22, 30), source=TX_SRC)),
    # "năm nay" on 05/12/2023 = 2023; the year's only reports are Q1's → 22/30.
    Q("tx-008", "thanh-xa", "2023-12-05", "năm nay kế hoạch kiểm soát TTHC đạt bao nhiêu %", "rate",
      E(ask="rate", period="2023", rate=(22, 30), source=TX_SRC)),
    Q("tx-009", "thanh-xa", "2024-03-01", "năm ngoái hoàn thành bao nhiêu %?", "rate",
      E(ask="rate", period="2023", rate=(22, 30), source=TX_SRC)),
    # mục III: III.1 not done, III.2–III.5 in progress → 4/5 (scope: section III, whole commune).
    Q("tx-010", "thanh-xa", "2023-04-18", "mục III ứng dụng CNTT quý 1 đạt bao nhiêu", "rate",
      E(ask="rate", period="2023-Q1", rate=(4, 5), source=TX_SRC)),
    # ---- count
    Q("tx-011", "thanh-xa", "2023-04-17", "kế hoạch có bao nhiêu nhiệm vụ", "count", E(ask="count", count=30)),
    Q("tx-012", "thanh-xa", "2023-04-17", "quý 1 bn việc chưa thực hiện", "count",
      E(ask="count", period="2023-Q1", status="not_done", count=8, source=TX_SRC)),
    Q("tx-013", "thanh-xa", "2023-04-19", "có mấy việc đang thực hiện", "count",
      E(ask="count", period="2023-Q1", status="in_progress", count=8, source=TX_SRC)),
    # done: I.1, II.1.1–3, II.1.5–6, II.2.1–3, II.3.4–5, II.4, IV.1, IV.2 = 14.
    Q("tx-014", "thanh-xa", "2023-05-03", "quý I đã xong bao nhiêu việc", "count",
      E(ask="count", period="2023-Q1", status="done", count=14, source=TX_SRC)),
    Q("tx-015", "thanh-xa", "2023-04-17", "đã và đang thực hiện được bao nhiêu nhiệm vụ", "count",
      E(ask="count", period="2023-Q1", status="done_or_in_progress", count=22, source=TX_SRC)),
    # nội dung = first-level numbered rows: I.1; II.1–II.6; III.1–III.5; IV.1–IV.2 = 14.
    Q("tx-016", "thanh-xa", "2023-04-17", "kế hoạch có mấy nội dung", "count", E(ask="count", count=14)),
    # mục II: II.1 (7) + II.2 (6) + II.3 (6) + II.4 + II.5 + II.6 = 22 tasks.
    Q("tx-017", "thanh-xa", "2023-04-25", "mục II có bao nhiêu nhiệm vụ?", "count", E(ask="count", count=22)),
    # ---- list_status
    Q("tx-018", "thanh-xa", "2023-04-17", "những việc nào chưa thực hiện quý 1/2023", "list_status",
      E(ask="list", period="2023-Q1", status="not_done", count=8, codes=TX_NOT, source=TX_SRC)),
    Q("tx-019", "thanh-xa", "2023-04-17", "ds viec dang lam", "list_status",
      E(ask="list", period="2023-Q1", status="in_progress", count=8, codes=TX_IP, source=TX_SRC)),
    Q("tx-020", "thanh-xa", "2023-04-18", "Những nhiệm vụ đã hoàn thành quý I năm 2023?", "list_status",
      E(ask="list", period="2023-Q1", status="done", count=14, codes=TX_DONE, source=TX_SRC)),
    # No one-off task is due before 17/04/2023 (II.5 "Từ tháng 4 đến tháng 12/2023" is due 31/12).
    Q("tx-021", "thanh-xa", "2023-04-17", "việc nào quá hạn?", "list_status",
      E(ask="list", period="2023-Q1", status="overdue", count=0, codes=())),
    Q("tx-022", "thanh-xa", "2023-05-15", "có việc gì trễ hạn ko", "list_status",
      E(ask="list", period="2023-Q2", status="overdue", count=0, codes=())),
    # 10/01/2024 is inside Q4/2023's window; II.5 (due 31/12/2023) was reported "Chưa thực hiện" and
    # never reported done → overdue.
    # Fixed (question engine, issue 13): the table first read II.2's deadline cell as "Thường xuyên" only
    # and expected II.5 alone. The cell (seed, lines 294–303) also says "Kết quả rà soát … gửi về Văn
    # phòng HĐND và UBND xã chậm nhất ngày 20/6/2023 … trước ngày 30/6/2023": dated milestones of
    # II.2.1–II.2.6. The status model (plans/status.py: a continuous task is overdue when a milestone
    # in its cell passed without a done report for a period reaching it) makes them overdue on
    # 10/01/2024: the only reports are about Q1 (ending 31/03, before 20/06). 6 + II.5 = 7.
    Q("tx-023", "thanh-xa", "2024-01-10", "nhiệm vụ nào bị quá hạn", "list_status",
      E(ask="list", period="2023-Q4", status="overdue", count=7,
        codes=("II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.2.6", "II.5"))),
    # mục II not done: II.1.4, II.1.7, II.2.4–II.2.6, II.3.6, II.5.
    Q("tx-024", "thanh-xa", "2023-04-18", "mục II còn việc gì chưa làm", "list_status",
      E(ask="list", period="2023-Q1", status="not_done", count=7,
        codes=("II.1.4", "II.1.7", "II.2.4", "II.2.5", "II.2.6", "II.3.6", "II.5"), source=TX_SRC)),
    # ---- agency
    Q("tx-025", "thanh-xa", "2023-04-17", "phòng văn hoá còn việc gì chưa làm?", "agency",
      E(ask="list", period="2023-Q1", agency=VHXH, status="not_done", count=3, codes=VHXH_NOT,
        source=TX_SRC)),
    # every not-done task is led (or co-led) by the Văn phòng.
    Q("tx-026", "thanh-xa", "2023-04-17", "VP còn việc j chưa lm", "agency",
      E(ask="list", period="2023-Q1", agency=VP, status="not_done", count=8, codes=TX_NOT, source=TX_SRC)),
    # VP leads 26: done 12 + in progress 6 = 18 → 18/26 = 69,2 %.
    Q("tx-027", "thanh-xa", "2023-04-19", "tỷ lệ hoàn thành của văn phòng quý 1", "agency",
      E(ask="rate", period="2023-Q1", agency=VP, rate=(18, 26), source=TX_SRC)),
    # VH-XH co-leads II.2.1–II.2.6: II.2.1–3 done, II.2.4–6 not done → 3/6.
    Q("tx-028", "thanh-xa", "2023-04-19", "VH-XH tỷ lệ bn?", "agency",
      E(ask="rate", period="2023-Q1", agency=VHXH, rate=(3, 6), source=TX_SRC)),
    Q("tx-029", "thanh-xa", "2023-04-20", "CC chuyên môn còn việc nào chưa thực hiện", "agency",
      E(ask="list", period="2023-Q1", agency=CCCM, status="not_done", count=4, codes=CCCM_NOT,
        source=TX_SRC)),
    # CC chuyên môn leads 16 (II.2.x, II.3.x, III.3, III.4, IV.1, IV.2): done 7 + in progress 5 = 12.
    Q("tx-030", "thanh-xa", "2023-04-20", "công chức chuyên môn đạt bao nhiêu %", "agency",
      E(ask="rate", period="2023-Q1", agency=CCCM, rate=(12, 16), source=TX_SRC)),
    # VP in progress: II.3.1–II.3.3 (co-led with CC chuyên môn), II.6, III.2, III.5.
    Q("tx-031", "thanh-xa", "2023-04-19", "văn phòng đang làm những việc gì", "agency",
      E(ask="list", period="2023-Q1", agency=VP, status="in_progress", count=6, codes=VP_IP, source=TX_SRC)),
    # The Văn phòng is the coordinating agency ("Cơ quan phối hợp") of III.3, III.4, IV.1, IV.2.
    Q("tx-032", "thanh-xa", "2023-04-17", "văn phòng phối hợp những việc nào", "agency",
      E(ask="list", period="2023-Q1", agency=VP, count=4, codes=("III.3", "III.4", "IV.1", "IV.2"))),
    Q("tx-033", "thanh-xa", "2023-04-17", "đài truyền thanh xã có nhiệm vụ gì", "agency",
      E(ask="list", period="2023-Q1", agency="Đài truyền thanh xã", count=1, codes=("IV.1",))),
    Q("tx-034", "thanh-xa", "2023-04-18", "việc của tôi còn gì chưa làm", "agency",
      E(ask="list", period="2023-Q1", agency=VHXH, status="not_done", count=3, codes=VHXH_NOT,
        source=TX_SRC),
      role="official", agency_of_asker=VHXH),
    # an official of the Văn phòng sees only the Văn phòng's tasks: 18/26.
    Q("tx-035", "thanh-xa", "2023-04-18", "tỷ lệ hoàn thành quý 1 là bao nhiêu", "agency",
      E(ask="rate", period="2023-Q1", agency=VP, rate=(18, 26), source=TX_SRC),
      role="official", agency_of_asker=VP),
    Q("tx-036", "thanh-xa", "2023-04-19", "CC chuyên môn đang làm dở việc gì", "agency",
      E(ask="list", period="2023-Q1", agency=CCCM, status="in_progress", count=5, codes=CCCM_IP,
        source=TX_SRC)),
    # ---- kpi (values of the Q1 results; the plan sets no % target for them)
    Q("tx-037", "thanh-xa", "2023-04-17", "quý 1 tiếp nhận bao nhiêu hồ sơ trực tuyến", "kpi",
      E(ask="indicator", period="2023-Q1", value=(292, "hồ sơ"), codes=("II.1.2",), source=TX_SRC)),
    Q("tx-038", "thanh-xa", "2023-04-17", "tỷ lệ hồ sơ trực tuyến quý 1 2023", "kpi",
      E(ask="indicator", period="2023-Q1", value=(78.5, "%"), codes=("II.1.2",), source=TX_SRC)),
    Q("tx-039", "thanh-xa", "2023-04-18", "số hóa hồ sơ khi tiếp nhận đạt bao nhiêu", "kpi",
      E(ask="indicator", period="2023-Q1", value=(99.73, "%"), codes=("II.1.5",), source=TX_SRC)),
    Q("tx-040", "thanh-xa", "2023-04-18", "bao nhiêu hồ sơ được số hóa khi trả kết quả", "kpi",
      E(ask="indicator", period="2023-Q1", value=(372, "hồ sơ"), codes=("II.1.5",), source=TX_SRC)),
    # II.1.6: "UBND xã không tiếp nhận được phản ánh kiến nghi nào" → 0.
    Q("tx-041", "thanh-xa", "2023-04-19", "quý 1 có phản ánh kiến nghị nào không", "kpi",
      E(ask="indicator", period="2023-Q1", value=(0, "phản ánh, kiến nghị"), codes=("II.1.6",),
        source=TX_SRC)),
    # ---- documents
    Q("tx-042", "thanh-xa", "2023-04-17", "quý 1 ban hành những kế hoạch nào", "documents",
      E(ask="documents", period="2023-Q1", codes=("I.1",),
        docs=("25/KH-UBND", "27/KH-UBND", "35/KH-UBND", "01/KH-UBND", "03/KH-UBND"), source=TX_SRC)),
    Q("tx-043", "thanh-xa", "2023-04-17", "văn bản chỉ đạo của UBND xã quý I gồm những gì", "documents",
      E(ask="documents", period="2023-Q1", codes=("I.1",),
        docs=("25/KH-UBND", "27/KH-UBND", "35/KH-UBND", "01/KH-UBND", "03/KH-UBND", "47/QĐ-UBND",
              "14/TB-UBND"), source=TX_SRC)),
    Q("tx-044", "thanh-xa", "2023-04-18", "công khai kết quả giải quyết TTHC hàng tháng theo thông báo nào",
      "documents",
      E(ask="documents", period="2023-Q1", codes=("II.2.1",),
        docs=("02/TB-UBND", "07/TB-UBND", "15/TB-UBND"), source=TX_SRC)),
    # 09/TB-UBND is cited by II.1.3 (niêm yết) and II.3.4 (TTHC ngành dọc).
    Q("tx-045", "thanh-xa", "2023-04-18", "thông báo 09/TB-UBND là cho việc nào", "documents",
      E(ask="documents", period="2023-Q1", codes=("II.1.3", "II.3.4"), docs=("09/TB-UBND",), source=TX_SRC)),
    # a lookup by document number: no period applies (asked after Q1's window).
    Q("tx-046", "thanh-xa", "2023-04-21", "báo cáo 23/BC-UBND nằm ở nhiệm vụ nào", "documents",
      E(ask="documents", codes=("II.4", "IV.2"), docs=("23/BC-UBND",), source=TX_SRC)),
    Q("tx-047", "thanh-xa", "2023-04-21", "văn bản về mức thu phí lệ phí số mấy", "documents",
      E(ask="documents", codes=("II.3.5",), docs=("16/TB-UBND",), source=TX_SRC)),
    Q("tx-048", "thanh-xa", "2023-04-24", "QĐ kiện toàn bộ phận một cửa số bao nhiêu", "documents",
      E(ask="documents", codes=("I.1",), docs=("47/QĐ-UBND",), source=TX_SRC)),
    # the report the results come from.
    Q("tx-049", "thanh-xa", "2023-04-24", "báo cáo kết quả quý 1 là báo cáo số mấy", "documents",
      E(ask="documents", period="2023-Q1", docs=("28/BC-UBND",), source=TX_SRC)),
    Q("tx-050", "thanh-xa", "2023-04-25", "Bao cao dinh ky quy 1 da co chua, so may", "documents",
      E(ask="documents", period="2023-Q1", codes=("IV.2",), docs=("18/BC-UBND", "23/BC-UBND"), source=TX_SRC)),
    # ---- topic (codes = tasks that must be among the matches)
    Q("tx-051", "thanh-xa", "2023-04-17", "việc số hóa hồ sơ đến đâu rồi?", "topic",
      E(ask="list", period="2023-Q1", codes=("II.1.5", "III.4"), source=TX_SRC)),
    Q("tx-052", "thanh-xa", "2023-04-17", "thanh toán trực tuyến thế nào rồi", "topic",
      E(ask="list", period="2023-Q1", codes=("II.3.6", "III.5"), source=TX_SRC)),
    Q("tx-053", "thanh-xa", "2023-04-18", "rà soát đơn giản hoá TTHC tiến độ thế nào", "topic",
      E(ask="list", period="2023-Q1", codes=("II.1.4", "II.2.3", "II.2.4", "II.4"), source=TX_SRC)),
    Q("tx-054", "thanh-xa", "2023-04-18", "phản ánh kiến nghị xử lý ra sao", "topic",
      E(ask="list", period="2023-Q1", codes=("II.1.6", "II.6"), source=TX_SRC)),
    Q("tx-055", "thanh-xa", "2023-04-19", "dich vu cong truc tuyen toan trinh", "topic",
      E(ask="list", period="2023-Q1", codes=("III.1", "III.2"), source=TX_SRC)),
    Q("tx-056", "thanh-xa", "2023-04-19", "việc tuyên truyền cải cách TTHC làm chưa", "topic",
      E(ask="list", period="2023-Q1", codes=("IV.1",), source=TX_SRC)),
    Q("tx-057", "thanh-xa", "2023-04-19", "tập huấn nghiệp vụ đã tổ chức chưa", "topic",
      E(ask="list", period="2023-Q1", codes=("II.2.5",), source=TX_SRC)),
    Q("tx-058", "thanh-xa", "2023-04-20", "TTHC không phụ thuộc địa giới hành chính", "topic",
      E(ask="list", period="2023-Q1", codes=("II.3.3",), source=TX_SRC)),
    # ---- task
    Q("tx-059", "thanh-xa", "2023-04-17", "nhiệm vụ II.5 thế nào?", "task",
      E(ask="task", period="2023-Q1", status="not_done", codes=("II.5",), docs=("25/KH-UBND",), source=TX_SRC)),
    # II.3.6: "Chưa thực hiện: Do chưa có hướng dẫn".
    Q("tx-060", "thanh-xa", "2023-04-17", "II.3.6 sao chưa làm", "task",
      E(ask="task", period="2023-Q1", status="not_done", codes=("II.3.6",), source=TX_SRC)),
    Q("tx-061", "thanh-xa", "2023-04-18", "III.1 tiến đọ", "task",
      E(ask="task", period="2023-Q1", status="not_done", codes=("III.1",), source=TX_SRC)),
    # II.6: "Đã, đang thực hiện" → in progress (read as "done and still going on").
    Q("tx-062", "thanh-xa", "2023-04-18", "nhiệm vụ II.6 xong chưa", "task",
      E(ask="task", period="2023-Q1", status="in_progress", codes=("II.6",), source=TX_SRC)),
    Q("tx-063", "thanh-xa", "2023-04-20", "việc IV.2 báo cáo định kỳ", "task",
      E(ask="task", period="2023-Q1", status="done", codes=("IV.2",), docs=("18/BC-UBND", "23/BC-UBND"),
        source=TX_SRC)),
    # ---- compare
    Q("tx-064", "thanh-xa", "2023-04-18", "so sánh VP với VH-XH quý 1", "compare",
      E(ask="compare", period="2023-Q1", rows=((VP, 18, 26), (VHXH, 3, 6)), source=TX_SRC)),
    # by section: I 1/1; II 15/22 (II.1: 5, II.2: 3, II.3: 5, II.4: 1, II.5: 0, II.6: 1); III 4/5; IV 2/2.
    Q("tx-065", "thanh-xa", "2023-04-18", "so sánh các mục của kế hoạch", "compare",
      E(ask="compare", period="2023-Q1", rows=(("I", 1, 1), ("II", 15, 22), ("III", 4, 5), ("IV", 2, 2)),
        source=TX_SRC)),
    Q("tx-066", "thanh-xa", "2023-04-19", "văn phòng so với công chức chuyên môn thì sao", "compare",
      E(ask="compare", period="2023-Q1", rows=((VP, 18, 26), (CCCM, 12, 16)), source=TX_SRC)),
    # Q2/2023 has no report: only Q1 has figures.
    Q("tx-067", "thanh-xa", "2023-07-05", "quý 2 so với quý 1 thế nào", "compare",
      E(ask="compare", period="2023-Q2", rows=(("Quý I/2023", 22, 30),), no_data=True, source=TX_SRC)),
    # rows count tasks by status out of 30.
    Q("tx-068", "thanh-xa", "2023-04-20", "đã xong nhiều hơn hay đang làm nhiều hơn", "compare",
      E(ask="compare", period="2023-Q1", rows=(("Đã thực hiện", 14, 30), ("Đang thực hiện", 8, 30)),
        source=TX_SRC)),
    # ---- rank (worst first; the two co-leads of IV.1 tie at 1/1, in plan order)
    Q("tx-069", "thanh-xa", "2023-04-18", "đơn vị nào chậm nhất?", "rank",
      E(ask="rank", period="2023-Q1", first=VHXH,
        rows=((VHXH, 3, 6), (VP, 18, 26), (CCCM, 12, 16), ("Trang TTĐT xã", 1, 1), ("Đài truyền thanh xã", 1, 1)),
        source=TX_SRC)),
    Q("tx-070", "thanh-xa", "2023-04-19", "xếp hạng các đơn vị theo tỷ lệ hoàn thành", "rank",
      E(ask="rank", period="2023-Q1", first=VHXH,
        rows=((VHXH, 3, 6), (VP, 18, 26), (CCCM, 12, 16), ("Trang TTĐT xã", 1, 1), ("Đài truyền thanh xã", 1, 1)),
        source=TX_SRC)),
    # sections worst first: II 68,2 % < III 80 % < I = IV = 100 % (tie kept in plan order).
    Q("tx-071", "thanh-xa", "2023-04-20", "mục nào thấp nhất", "rank",
      E(ask="rank", period="2023-Q1", first="II", rows=(("II", 15, 22), ("III", 4, 5), ("I", 1, 1), ("IV", 2, 2)),
        source=TX_SRC)),
    # numerator = tasks not done, denominator = tasks led: VP 8/26, CC chuyên môn 4/16, VH-XH 3/6.
    # Fixed (issue 13): the two co-leads of IV.1 (done) lead a task too, so they are ranked with 0/1,
    # as every ranking of this table lists every member with its count (tx-104, th-063 list the
    # sections with 0); the first version of this row left them out.
    Q("tx-072", "thanh-xa", "2023-04-20", "đơn vị nào nhiều việc chưa làm nhất", "rank",
      E(ask="rank", period="2023-Q1", status="not_done", first=VP,
        rows=((VP, 8, 26), (CCCM, 4, 16), (VHXH, 3, 6), ("Trang TTĐT xã", 0, 1), ("Đài truyền thanh xã", 0, 1)),
        source=TX_SRC)),
    Q("tx-073", "thanh-xa", "2023-04-21", "bộ phận nào kém nhất quý I/2023", "rank",
      E(ask="rank", period="2023-Q1", first=VHXH,
        rows=((VHXH, 3, 6), (VP, 18, 26), (CCCM, 12, 16), ("Trang TTĐT xã", 1, 1), ("Đài truyền thanh xã", 1, 1)),
        source=TX_SRC)),
    # ---- not_reported
    # "quý này" on 17/04/2023 is Q2/2023 (the quarter containing today): no report yet.
    Q("tx-074", "thanh-xa", "2023-04-17", "tỷ lệ hoàn thành quý này?", "not_reported",
      E(ask="rate", period="2023-Q2", no_data=True)),
    Q("tx-075", "thanh-xa", "2023-05-10", "quý này đạt bao nhiêu", "not_reported",
      E(ask="rate", period="2023-Q2", no_data=True)),
    # 21/04/2023 is past Q1's window (20/04): no period → current quarter Q2 → no data.
    Q("tx-076", "thanh-xa", "2023-04-21", "tiến độ thực hiện kế hoạch thế nào", "not_reported",
      E(ask="rate", period="2023-Q2", no_data=True)),
    Q("tx-077", "thanh-xa", "2023-10-03", "Tỷ lệ hoàn thành quý III năm 2023", "not_reported",
      E(ask="rate", period="2023-Q3", no_data=True)),
    # 10/01/2024 is inside Q4/2023's window → Q4/2023: no report.
    Q("tx-078", "thanh-xa", "2024-01-10", "tỷ lệ hoàn thành?", "not_reported",
      E(ask="rate", period="2023-Q4", no_data=True)),
    Q("tx-079", "thanh-xa", "2023-07-05", "những việc nào chưa có báo cáo quý 2", "not_reported",
      E(ask="not_reported", period="2023-Q2", status="no_report", count=30, codes=TX_ALL)),
    # every one of the 30 tasks has a result in the Q1 appendix.
    Q("tx-080", "thanh-xa", "2023-04-18", "quý 1 còn việc nào chưa báo cáo kết quả không", "not_reported",
      E(ask="not_reported", period="2023-Q1", status="no_report", count=0, codes=())),
    Q("tx-081", "thanh-xa", "2024-03-01", "quý 1 năm 2024 tiến độ thế nào", "not_reported",
      E(ask="rate", period="2024-Q1", no_data=True)),
    # ---- upcoming
    # II.5 "Từ tháng 4 đến tháng 12/2023" is due 31/12/2023 and not done.
    Q("tx-082", "thanh-xa", "2023-12-05", "tháng này có việc gì đến hạn", "upcoming",
      E(ask="upcoming", period="2023-12", count=1, codes=("II.5",))),
    Q("tx-083", "thanh-xa", "2023-10-10", "quý 4 có việc nào phải hoàn thành không", "upcoming",
      E(ask="upcoming", period="2023-Q4", count=1, codes=("II.5",))),
    Q("tx-084", "thanh-xa", "2023-04-17", "tháng 4 có việc gì đến hạn không", "upcoming",
      E(ask="upcoming", period="2023-04", count=0, codes=())),
    Q("tx-085", "thanh-xa", "2023-05-15", "sắp đến hạn việc gì", "upcoming",
      E(ask="upcoming", period="2023-05", count=0, codes=())),
    # ---- english
    Q("tx-086", "thanh-xa", "2023-04-17", "what is the completion rate this quarter?", "english",
      E(ask="rate", period="2023-Q2", no_data=True)),
    Q("tx-087", "thanh-xa", "2023-04-17", "completion rate for Q1 2023", "english",
      E(ask="rate", period="2023-Q1", rate=(22, 30), source=TX_SRC)),
    Q("tx-088", "thanh-xa", "2023-04-18", "which tasks are not done yet?", "english",
      E(ask="list", period="2023-Q1", status="not_done", count=8, codes=TX_NOT, source=TX_SRC)),
    Q("tx-089", "thanh-xa", "2023-05-10", "which tasks are overdue?", "english",
      E(ask="list", period="2023-Q2", status="overdue", count=0, codes=())),
    Q("tx-090", "thanh-xa", "2023-04-19", "How many tasks does the plan have?", "english",
      E(ask="count", count=30)),
    # ---- offtopic
    Q("tx-091", "thanh-xa", "2023-04-17", "tỷ lệ hộ nghèo của xã năm 2023", "offtopic", OFFTOPIC),
    Q("tx-092", "thanh-xa", "2023-04-18", "xã Tân An tiến độ kiểm soát TTHC thế nào", "offtopic", OFFTOPIC),
    Q("tx-093", "thanh-xa", "2023-04-18", "thu ngân sách xã đạt bao nhiêu %", "offtopic", OFFTOPIC),
    Q("tx-094", "thanh-xa", "2023-04-19", "giá lúa hôm nay bao nhiêu", "offtopic", OFFTOPIC),
    # ---- followup chains
    # chain A (10/05/2023): tx-004 "quý trước" = Q1 22/30 → agency switches, period carried.
    Q("tx-095", "thanh-xa", "2023-05-10", "còn văn phòng thì sao?", "followup",
      E(ask="rate", period="2023-Q1", agency=VP, rate=(18, 26), source=TX_SRC), after="tx-004"),
    Q("tx-096", "thanh-xa", "2023-05-10", "phòng văn hoá?", "followup",
      E(ask="rate", period="2023-Q1", agency=VHXH, rate=(3, 6), source=TX_SRC), after="tx-095"),
    # "chi tiết" after an agency's rate: that agency's tasks in the period, every status.
    Q("tx-097", "thanh-xa", "2023-05-10", "chi tiết", "followup",
      E(ask="list", period="2023-Q1", agency=VHXH, count=6, codes=VHXH_ALL, source=TX_SRC), after="tx-096"),
    # period switches to the current quarter (Q2/2023), agency carried: no report.
    Q("tx-098", "thanh-xa", "2023-05-10", "thế còn quý này?", "followup",
      E(ask="rate", period="2023-Q2", agency=VHXH, no_data=True), after="tx-097"),
    # chain B (17/04/2023): tx-018 lists the 8 not-done tasks of Q1.
    Q("tx-099", "thanh-xa", "2023-04-17", "của VP thôi", "followup",
      E(ask="list", period="2023-Q1", agency=VP, status="not_done", count=8, codes=TX_NOT, source=TX_SRC),
      after="tx-018"),
    Q("tx-100", "thanh-xa", "2023-04-17", "còn CC chuyên môn?", "followup",
      E(ask="list", period="2023-Q1", agency=CCCM, status="not_done", count=4, codes=CCCM_NOT, source=TX_SRC),
      after="tx-099"),
    Q("tx-101", "thanh-xa", "2023-04-17", "đang làm thì sao", "followup",
      E(ask="list", period="2023-Q1", agency=CCCM, status="in_progress", count=5, codes=CCCM_IP, source=TX_SRC),
      after="tx-100"),
    # chain G (01/03/2024): tx-009 "năm ngoái" = 2023 → "quý 4" of that year.
    Q("tx-102", "thanh-xa", "2024-03-01", "thế còn quý 4?", "followup",
      E(ask="rate", period="2023-Q4", no_data=True), after="tx-009"),
    # ---- more rank / compare / task / upcoming / offtopic
    # best first among the three main agencies: CC chuyên môn 75 % > VP 69,2 % > VH-XH 50 %.
    Q("tx-103", "thanh-xa", "2023-04-18", "trong VP, VH-XH và CC chuyên môn đơn vị nào tốt nhất", "rank",
      E(ask="rank", period="2023-Q1", first=CCCM, rows=((CCCM, 12, 16), (VP, 18, 26), (VHXH, 3, 6)),
        source=TX_SRC)),
    # numerator = tasks not done: II 7 (II.1.4, II.1.7, II.2.4–6, II.3.6, II.5), III 1 (III.1), I 0, IV 0.
    Q("tx-104", "thanh-xa", "2023-04-19", "mục nào còn nhiều việc chưa làm nhất", "rank",
      E(ask="rank", period="2023-Q1", status="not_done", first="II",
        rows=(("II", 7, 22), ("III", 1, 5), ("I", 0, 1), ("IV", 0, 2)), source=TX_SRC)),
    # numerator = tasks of the section, of 30.
    Q("tx-105", "thanh-xa", "2023-04-19", "mục nào nhiều nhiệm vụ nhất", "rank",
      E(ask="rank", first="II", rows=(("II", 22, 30), ("III", 5, 30), ("IV", 2, 30), ("I", 1, 30)))),
    Q("tx-106", "thanh-xa", "2023-04-20", "so VH-XH với CC chuyên môn", "compare",
      E(ask="compare", period="2023-Q1", rows=((VHXH, 3, 6), (CCCM, 12, 16)), source=TX_SRC)),
    Q("tx-107", "thanh-xa", "2023-04-20", "mục II với mục III mục nào làm tốt hơn", "compare",
      E(ask="compare", period="2023-Q1", rows=(("II", 15, 22), ("III", 4, 5)), source=TX_SRC)),
    Q("tx-108", "thanh-xa", "2023-04-20", "nhiệm vụ I.1 đã làm chưa", "task",
      E(ask="task", period="2023-Q1", status="done", codes=("I.1",),
        docs=("25/KH-UBND", "27/KH-UBND", "35/KH-UBND", "01/KH-UBND", "03/KH-UBND", "47/QĐ-UBND", "14/TB-UBND"),
        source=TX_SRC)),
    Q("tx-109", "thanh-xa", "2023-11-28", "tháng 12/2023 còn việc gì phải xong", "upcoming",
      E(ask="upcoming", period="2023-12", count=1, codes=("II.5",))),
    Q("tx-110", "thanh-xa", "2023-04-21", "viết giúp bài phát biểu khai mạc hội nghị tổng kết", "offtopic", OFFTOPIC),
]
# fmt: on
