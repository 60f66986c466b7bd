"""Leaders' questions about Thanh Hà, report of Q3/2025: expected answers worked out by hand
(rules and ground truth: table.py and README.md)."""

from __future__ import annotations

from tests.reports.question_table.ground import (
    CQCM,
    OFFTOPIC,
    TH_ALL,
    TH_DONE,
    TH_IP,
    TH_SRC,
    TH_VHXH,
    TH_VP,
    TTP,
)
from tests.reports.question_table.model import E, Q

# fmt: off
THANH_HA: list[Q] = [
    # ============================================================ Thanh Hà (report of Q3/2025)
    # ---- rate
    Q("th-001", "thanh-ha", "2025-10-03", "tỷ lệ hoàn thành quý 3/2025?", "rate",
      E(ask="rate", period="2025-Q3", rate=(24, 24), source=TH_SRC)),
    # 15/10/2025 is inside Q3's reporting window → Q3/2025.
    Q("th-002", "thanh-ha", "2025-10-15", "Tỷ lệ hoàn thành?", "rate",
      E(ask="rate", period="2025-Q3", rate=(24, 24), source=TH_SRC)),
    Q("th-003", "thanh-ha", "2025-10-20", "tien do quy III the nao", "rate",
      E(ask="rate", period="2025-Q3", rate=(24, 24), source=TH_SRC)),
    Q("th-004", "thanh-ha", "2025-11-12", "quý vừa rồi đạt bao nhiêu %", "rate",
      E(ask="rate", period="2025-Q3", rate=(24, 24), source=TH_SRC)),
    # the year's only reports are Q3's → 24/24.
    Q("th-005", "thanh-ha", "2026-01-08", "năm 2025 hoàn thành bao nhiêu phần trăm kế hoạch", "rate",
      E(ask="rate", period="2025", rate=(24, 24), source=TH_SRC)),
    Q("th-006", "thanh-ha", "2025-12-20", "6 tháng cuối năm đạt bn", "rate",
      E(ask="rate", period="2025-H2", rate=(24, 24), source=TH_SRC)),
    Q("th-007", "thanh-ha", "2026-02-10", "năm ngoái tỷ lệ hoàn thành kế hoạch KSTTHC", "rate",
      E(ask="rate", period="2025", rate=(24, 24), source=TH_SRC)),
    # ---- count
    Q("th-008", "thanh-ha", "2025-10-03", "kế hoạch có bao nhiêu nhiệm vụ", "count", E(ask="count", count=24)),
    # done: I.1–I.3 (documents), II.2.1, II.2.2, II.3.1 (documents), III.4.2, III.5 ("Đạt 100%"), IV.1, IV.3.
    Q("th-009", "thanh-ha", "2025-10-06", "bn việc đã hoàn thành quý 3", "count",
      E(ask="count", period="2025-Q3", status="done", count=10, source=TH_SRC)),
    Q("th-010", "thanh-ha", "2025-10-06", "có mấy việc đang thực hiện", "count",
      E(ask="count", period="2025-Q3", status="in_progress", count=14, source=TH_SRC)),
    Q("th-011", "thanh-ha", "2025-10-07", "còn bao nhiêu việc chưa thực hiện", "count",
      E(ask="count", period="2025-Q3", status="not_done", count=0, source=TH_SRC)),
    # nội dung: I 1–3, II 1–6, III 1–5, IV 1–3 = 17.
    Q("th-012", "thanh-ha", "2025-10-07", "kế hoạch gồm mấy nội dung", "count", E(ask="count", count=17)),
    Q("th-013", "thanh-ha", "2025-10-08", "mục III có mấy nhiệm vụ", "count", E(ask="count", count=6)),
    # ---- list_status
    Q("th-014", "thanh-ha", "2025-10-03", "những việc nào chưa thực hiện quý 3", "list_status",
      E(ask="list", period="2025-Q3", status="not_done", count=0, codes=(), source=TH_SRC)),
    Q("th-015", "thanh-ha", "2025-10-06", "danh sách việc đang làm", "list_status",
      E(ask="list", period="2025-Q3", status="in_progress", count=14, codes=TH_IP, source=TH_SRC)),
    Q("th-016", "thanh-ha", "2025-10-06", "việc nào đã hoàn thành", "list_status",
      E(ask="list", period="2025-Q3", status="done", count=10, codes=TH_DONE, source=TH_SRC)),
    # one-off tasks: I.2 (Tháng 7), I.3 (Tháng 8), II.2.2 (15/9/2025): all done → nothing overdue.
    Q("th-017", "thanh-ha", "2025-10-15", "việc nào quá hạn?", "list_status",
      E(ask="list", period="2025-Q3", status="overdue", count=0, codes=())),
    Q("th-018", "thanh-ha", "2025-12-05", "co viec nao tre han ko", "list_status",
      E(ask="list", period="2025-Q4", status="overdue", count=0, codes=())),
    Q("th-019", "thanh-ha", "2025-10-08", "mục III việc gì còn đang làm", "list_status",
      E(ask="list", period="2025-Q3", status="in_progress", count=4,
        codes=("III.1", "III.2", "III.3", "III.4.1"), source=TH_SRC)),
    # ---- agency
    Q("th-020", "thanh-ha", "2025-10-06", "TTPVHCC còn việc gì đang làm", "agency",
      E(ask="list", period="2025-Q3", agency=TTP, status="in_progress", count=14, codes=TH_IP, source=TH_SRC)),
    # TTPVHCC leads 23 (both spellings "phục vụ" / "Phục vụ"): 9 done + 14 in progress.
    Q("th-021", "thanh-ha", "2025-10-06", "tỷ lệ của Trung tâm PVHCC quý 3", "agency",
      E(ask="rate", period="2025-Q3", agency=TTP, rate=(23, 23), source=TH_SRC)),
    # Phòng VH-XH leads no task (it coordinates I.2 and I.3).
    Q("th-022", "thanh-ha", "2025-10-07", "phòng văn hoá còn việc gì chưa làm?", "agency",
      E(ask="list", period="2025-Q3", agency=TH_VHXH, status="not_done", count=0, codes=())),
    Q("th-023", "thanh-ha", "2025-10-07", "VH-XH phối hợp những việc nào", "agency",
      E(ask="list", period="2025-Q3", agency=TH_VHXH, count=2, codes=("I.2", "I.3"), source=TH_SRC)),
    Q("th-024", "thanh-ha", "2025-10-08", "các cơ quan chuyên môn chủ trì việc gì", "agency",
      E(ask="list", period="2025-Q3", agency=CQCM, count=1, codes=("II.2.2",), source=TH_SRC)),
    Q("th-025", "thanh-ha", "2025-10-08", "văn phòng có nhiệm vụ nào không", "agency",
      E(ask="list", period="2025-Q3", agency=TH_VP, count=0, codes=())),
    Q("th-026", "thanh-ha", "2025-10-09", "đơn vị mình có việc gì", "agency",
      E(ask="list", period="2025-Q3", agency=CQCM, count=1, codes=("II.2.2",), source=TH_SRC),
      role="official", agency_of_asker=CQCM),
    Q("th-027", "thanh-ha", "2025-10-09", "việc của tôi đang làm dở những gì", "agency",
      E(ask="list", period="2025-Q3", agency=TTP, status="in_progress", count=14, codes=TH_IP, source=TH_SRC),
      role="official", agency_of_asker=TTP),
    # the coordinating agency of 21 tasks: all but I.2, I.3 (VH-XH, VP) and II.2.2 (TTPVHCC).
    # Fixed (issue 13): how many tasks an agency takes part in is the plan's own structure, with no
    # period, as every other count of tasks here (tx-011, tx-017, lm-033 "phụ trách bao nhiêu việc");
    # the first version gave this one the reporting period 2025-Q3.
    Q("th-028", "thanh-ha", "2025-10-10", "cơ quan chuyên môn phối hợp bao nhiêu việc", "agency",
      E(ask="count", agency=CQCM, count=21)),
    Q("th-029", "thanh-ha", "2025-10-10", "tỷ lệ hoàn thành quý 3 của đơn vị", "agency",
      E(ask="rate", period="2025-Q3", agency=CQCM, rate=(1, 1), source=TH_SRC),
      role="official", agency_of_asker=CQCM),
    # ---- kpi
    # III.1: "tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 61,3%" vs minimum 60 % → met.
    Q("th-030", "thanh-ha", "2025-10-06", "tỷ lệ hồ sơ trực tuyến quý 3 đạt bao nhiêu", "kpi",
      E(ask="indicator", period="2025-Q3", value=(61.3, "%"), codes=("III.1",),
        indicators=(("hồ sơ tiếp nhận trực tuyến", 61.3, "met"),), source=TH_SRC)),
    Q("th-031", "thanh-ha", "2025-10-06", "thanh toán trực tuyến đạt chỉ tiêu chưa", "kpi",
      E(ask="indicator", period="2025-Q3", value=(62.38, "%"), codes=("III.2",),
        indicators=(("thanh toán trực tuyến", 62.38, "met"),), source=TH_SRC)),
    # III.4.1: "Đạt 99,84% - chưa đạt" vs 100 %.
    Q("th-032", "thanh-ha", "2025-10-07", "số hoá hồ sơ đạt chưa", "kpi",
      E(ask="indicator", period="2025-Q3", value=(99.84, "%"), codes=("III.4.1",),
        indicators=(("số hóa hồ sơ, kết quả giải quyết TTHC", 99.84, "not_met"),), source=TH_SRC)),
    Q("th-033", "thanh-ha", "2025-10-07", "cấp kết quả giải quyết TTHC điện tử bao nhiêu %", "kpi",
      E(ask="indicator", period="2025-Q3", value=(100, "%"), codes=("III.4.2",),
        indicators=(("cấp kết quả giải quyết thủ tục hành chính điện tử", 100, "met"),), source=TH_SRC)),
    Q("th-034", "thanh-ha", "2025-10-08", "khai thác tái sử dụng dữ liệu số hóa được bao nhiêu", "kpi",
      E(ask="indicator", period="2025-Q3", value=(100, "%"), codes=("III.5",),
        indicators=(("khai thác, tái sử dụng thông tin, dữ liệu đã được số hóa", 100, "met"),), source=TH_SRC)),
    # only III.4.1 has a value below its target; the targets without a value (80 % xử lý trực tuyến,
    # hài lòng 95 % / 90 %, 100 % PAKN đúng hạn) are not "chưa đạt" but without data.
    Q("th-035", "thanh-ha", "2025-10-08", "chỉ tiêu nào chưa đạt", "kpi",
      E(ask="indicator", period="2025-Q3", codes=("III.4.1",),
        indicators=(("số hóa hồ sơ, kết quả giải quyết TTHC", 99.84, "not_met"),), source=TH_SRC)),
    # II.5's result is "Đã và đang thực hiện": no satisfaction figure was reported.
    Q("th-036", "thanh-ha", "2025-10-09", "mức độ hài lòng của người dân bao nhiêu", "kpi",
      E(ask="indicator", period="2025-Q3", codes=("II.5",),
        indicators=(("mức độ hài lòng", None, "no_data"),), source=TH_SRC)),
    # III.1's second target (80 % hồ sơ được xử lý trực tuyến) has no reported value.
    Q("th-037", "thanh-ha", "2025-10-09", "80% hồ sơ xử lý trực tuyến đạt chưa", "kpi",
      E(ask="indicator", period="2025-Q3", codes=("III.1",),
        indicators=(("hồ sơ TTHC được xử lý trực tuyến", None, "no_data"),), source=TH_SRC)),
    # II.2.1: "(đạt tỷ lệ 100%)" for công khai on the xã's website, target 100 %.
    Q("th-038", "thanh-ha", "2025-10-10", "niêm yết công khai TTHC đạt bao nhiêu phần trăm", "kpi",
      E(ask="indicator", period="2025-Q3", value=(100, "%"), codes=("II.2.1",),
        indicators=(("niêm yết, công khai thủ tục hành chính", 100, "met"),), source=TH_SRC)),
    # ---- documents
    Q("th-039", "thanh-ha", "2025-10-06", "quy chế hoạt động TTPVHCC ban hành theo quyết định nào", "documents",
      E(ask="documents", period="2025-Q3", codes=("I.2",), docs=("02/QĐ-TTPVHCC",), source=TH_SRC)),
    Q("th-040", "thanh-ha", "2025-10-06", "quy chế phối hợp số mấy", "documents",
      E(ask="documents", period="2025-Q3", codes=("I.3",), docs=("561/QĐ-UBND",), source=TH_SRC)),
    Q("th-041", "thanh-ha", "2025-10-07", "kế hoạch tuyên truyền số bao nhiêu", "documents",
      E(ask="documents", period="2025-Q3", codes=("IV.1",), docs=("28/KH-UBND",), source=TH_SRC)),
    Q("th-042", "thanh-ha", "2025-10-07", "kế hoạch KSTTHC 6 tháng cuối năm là kế hoạch nào", "documents",
      E(ask="documents", period="2025-Q3", codes=("I.1",), docs=("23/KH-UBND",), source=TH_SRC)),
    # IV.3 cites three reports, the last one without a number ("Báo cáo số ngày 02/10/2025").
    Q("th-043", "thanh-ha", "2025-10-08", "quý 3 đã có những báo cáo nào", "documents",
      E(ask="documents", period="2025-Q3", codes=("IV.3",),
        docs=("58/BC-UBND", "166/BC-UBND", "Báo cáo số ngày 02/10/2025"), source=TH_SRC)),
    Q("th-044", "thanh-ha", "2025-10-08", "báo cáo rà soát đơn giản hóa TTHC số mấy", "documents",
      E(ask="documents", period="2025-Q3", codes=("II.2.2",), docs=("Báo cáo số ngày 02/10/2025",),
        source=TH_SRC)),
    Q("th-045", "thanh-ha", "2025-10-09", "phụ lục kèm theo báo cáo số mấy", "documents",
      E(ask="documents", period="2025-Q3", docs=("194/BC-UBND",), source=TH_SRC)),
    Q("th-046", "thanh-ha", "2025-10-09", "văn bản số 166 là báo cáo gì", "documents",
      E(ask="documents", period="2025-Q3", codes=("IV.3",), docs=("166/BC-UBND",), source=TH_SRC)),
    # ---- topic
    Q("th-047", "thanh-ha", "2025-10-06", "việc số hóa hồ sơ đến đâu rồi?", "topic",
      E(ask="list", period="2025-Q3", codes=("III.4.1",), source=TH_SRC)),
    Q("th-048", "thanh-ha", "2025-10-06", "buu chinh cong ich", "topic",
      E(ask="list", period="2025-Q3", codes=("III.3",), source=TH_SRC)),
    Q("th-049", "thanh-ha", "2025-10-07", "quy chế của trung tâm làm xong chưa", "topic",
      E(ask="list", period="2025-Q3", codes=("I.2", "I.3"), source=TH_SRC)),
    Q("th-050", "thanh-ha", "2025-10-07", "liên thông giữa các cấp thế nào", "topic",
      E(ask="list", period="2025-Q3", codes=("II.3.5",), source=TH_SRC)),
    Q("th-051", "thanh-ha", "2025-10-08", "tthc ngành dọc", "topic",
      E(ask="list", period="2025-Q3", codes=("II.3.4",), source=TH_SRC)),
    Q("th-052", "thanh-ha", "2025-10-08", "giao ban định kỳ có làm không", "topic",
      E(ask="list", period="2025-Q3", codes=("IV.2.2",), source=TH_SRC)),
    Q("th-053", "thanh-ha", "2025-10-09", "công khai đánh giá theo QĐ 766", "topic",
      E(ask="list", period="2025-Q3", codes=("II.6",), source=TH_SRC)),
    # ---- task
    # II.2.2 (due 15/9/2025) is reported done (a report dated 02/10/2025 is cited).
    Q("th-054", "thanh-ha", "2025-10-06", "II.2.2 xong chưa", "task",
      E(ask="task", period="2025-Q3", status="done", codes=("II.2.2",), docs=("Báo cáo số ngày 02/10/2025",),
        source=TH_SRC)),
    Q("th-055", "thanh-ha", "2025-10-07", "nhiệm vụ III.4.1 thế nào", "task",
      E(ask="task", period="2025-Q3", status="in_progress", codes=("III.4.1",), source=TH_SRC)),
    Q("th-056", "thanh-ha", "2025-10-07", "I.2 làm chưa", "task",
      E(ask="task", period="2025-Q3", status="done", codes=("I.2",), docs=("02/QĐ-TTPVHCC",), source=TH_SRC)),
    # II.4: "Đã và đang thực hiên" (sic) → in progress.
    Q("th-057", "thanh-ha", "2025-10-08", "việc II.4 tiếp nhận phản ánh kiến nghị", "task",
      E(ask="task", period="2025-Q3", status="in_progress", codes=("II.4",), source=TH_SRC)),
    # ---- compare
    Q("th-058", "thanh-ha", "2025-10-06", "so sánh TTPVHCC với các cơ quan chuyên môn", "compare",
      E(ask="compare", period="2025-Q3", rows=((TTP, 23, 23), (CQCM, 1, 1)), source=TH_SRC)),
    Q("th-059", "thanh-ha", "2025-11-12", "quý 4 so với quý 3 thế nào", "compare",
      E(ask="compare", period="2025-Q4", rows=(("Quý III/2025", 24, 24),), no_data=True, source=TH_SRC)),
    Q("th-060", "thanh-ha", "2025-10-07", "so sánh mục III với mục IV", "compare",
      E(ask="compare", period="2025-Q3", rows=(("III", 6, 6), ("IV", 4, 4)), source=TH_SRC)),
    # rows count tasks by status out of 24.
    Q("th-061", "thanh-ha", "2025-10-08", "đã xong so với đang làm", "compare",
      E(ask="compare", period="2025-Q3", rows=(("Đã thực hiện", 10, 24), ("Đang thực hiện", 14, 24)),
        source=TH_SRC)),
    # ---- rank
    # lowest reported KPI values first: 61,3 (III.1) < 62,38 (III.2) < 99,84 (III.4.1) < 100 …
    Q("th-062", "thanh-ha", "2025-10-06", "chỉ tiêu nào thấp nhất", "rank",
      E(ask="rank", period="2025-Q3", first="hồ sơ tiếp nhận trực tuyến",
        indicators=(("hồ sơ tiếp nhận trực tuyến", 61.3, "met"), ("thanh toán trực tuyến", 62.38, "met"),
                    ("số hóa hồ sơ, kết quả giải quyết TTHC", 99.84, "not_met")), source=TH_SRC)),
    # numerator = tasks in progress, denominator = tasks of the section: II 8/11, III 4/6, IV 2/4, I 0/3.
    Q("th-063", "thanh-ha", "2025-10-07", "mục nào còn nhiều việc đang làm nhất", "rank",
      E(ask="rank", period="2025-Q3", status="in_progress", first="II",
        rows=(("II", 8, 11), ("III", 4, 6), ("IV", 2, 4), ("I", 0, 3)), source=TH_SRC)),
    # ranked by done / tasks of the section: I 3/3, IV 2/4 (IV.1, IV.3), III 2/6 (III.4.2, III.5),
    # II 3/11 (II.2.1, II.2.2, II.3.1).
    Q("th-064", "thanh-ha", "2025-10-08", "mục nào có tỷ lệ việc đã xong dứt điểm cao nhất", "rank",
      E(ask="rank", period="2025-Q3", status="done", first="I",
        rows=(("I", 3, 3), ("IV", 2, 4), ("III", 2, 6), ("II", 3, 11)), source=TH_SRC)),
    # ---- not_reported
    Q("th-065", "thanh-ha", "2025-11-12", "tỷ lệ hoàn thành quý này?", "not_reported",
      E(ask="rate", period="2025-Q4", no_data=True)),
    # 21/10/2025: past Q3's window → current quarter Q4/2025.
    Q("th-066", "thanh-ha", "2025-10-21", "tiến độ kế hoạch thế nào", "not_reported",
      E(ask="rate", period="2025-Q4", no_data=True)),
    Q("th-067", "thanh-ha", "2025-10-15", "6 tháng đầu năm 2025 đạt bao nhiêu", "not_reported",
      E(ask="rate", period="2025-H1", no_data=True)),
    Q("th-068", "thanh-ha", "2025-12-05", "việc nào chưa có báo cáo quý 4", "not_reported",
      E(ask="not_reported", period="2025-Q4", status="no_report", count=24, codes=TH_ALL)),
    # 08/01/2026 is inside Q4/2025's window → Q4/2025.
    Q("th-069", "thanh-ha", "2026-01-08", "tỷ lệ hoàn thành?", "not_reported",
      E(ask="rate", period="2025-Q4", no_data=True)),
    Q("th-070", "thanh-ha", "2025-10-06", "quý 2/2025 đạt bao nhiêu", "not_reported",
      E(ask="rate", period="2025-Q2", no_data=True)),
    # ---- upcoming: every open task is continuous ("Thường xuyên", "Trong năm 2025", "Định kỳ …").
    Q("th-071", "thanh-ha", "2025-10-15", "quý 4 có việc gì đến hạn không", "upcoming",
      E(ask="upcoming", period="2025-Q4", count=0, codes=())),
    Q("th-072", "thanh-ha", "2025-12-05", "tháng này phải xong việc gì", "upcoming",
      E(ask="upcoming", period="2025-12", count=0, codes=())),
    # ---- english
    Q("th-073", "thanh-ha", "2025-11-12", "what is the completion rate last quarter?", "english",
      E(ask="rate", period="2025-Q3", rate=(24, 24), source=TH_SRC)),
    Q("th-074", "thanh-ha", "2025-10-07", "is digitisation on target?", "english",
      E(ask="indicator", period="2025-Q3", codes=("III.4.1",),
        indicators=(("số hóa hồ sơ, kết quả giải quyết TTHC", 99.84, "not_met"),), source=TH_SRC)),
    Q("th-075", "thanh-ha", "2025-10-08", "which tasks of the public service centre are still in progress?",
      "english",
      E(ask="list", period="2025-Q3", agency=TTP, status="in_progress", count=14, codes=TH_IP, source=TH_SRC)),
    Q("th-076", "thanh-ha", "2025-10-08", "online payment rate?", "english",
      E(ask="indicator", period="2025-Q3", value=(62.38, "%"), codes=("III.2",),
        indicators=(("thanh toán trực tuyến", 62.38, "met"),), source=TH_SRC)),
    # ---- offtopic
    Q("th-077", "thanh-ha", "2025-10-06", "dân số xã Thanh Hà bao nhiêu người", "offtopic", OFFTOPIC),
    # another commune's figures are not this commune's to give.
    Q("th-078", "thanh-ha", "2025-10-07", "xã Thanh Xá tỷ lệ hoàn thành bao nhiêu", "offtopic", OFFTOPIC),
    Q("th-079", "thanh-ha", "2025-10-07", "Thanh Hà so với Thanh Xá thế nào", "offtopic", OFFTOPIC),
    Q("th-080", "thanh-ha", "2025-10-08", "tỷ lệ tiêm chủng trẻ em quý 3", "offtopic", OFFTOPIC),
    # ---- followup chains
    # chain C (12/11/2025): th-065 "quý này" = Q4/2025, no data.
    Q("th-081", "thanh-ha", "2025-11-12", "thế còn quý trước?", "followup",
      E(ask="rate", period="2025-Q3", rate=(24, 24), source=TH_SRC), after="th-065"),
    Q("th-082", "thanh-ha", "2025-11-12", "bn việc đã xong?", "followup",
      E(ask="count", period="2025-Q3", status="done", count=10, source=TH_SRC), after="th-081"),
    Q("th-083", "thanh-ha", "2025-11-12", "liệt kê ra", "followup",
      E(ask="list", period="2025-Q3", status="done", count=10, codes=TH_DONE, source=TH_SRC), after="th-082"),
    # chain D (07/10/2025): th-032 asks about số hóa.
    Q("th-084", "thanh-ha", "2025-10-07", "thế còn thanh toán trực tuyến?", "followup",
      E(ask="indicator", period="2025-Q3", value=(62.38, "%"), codes=("III.2",),
        indicators=(("thanh toán trực tuyến", 62.38, "met"),), source=TH_SRC), after="th-032"),
    Q("th-085", "thanh-ha", "2025-10-07", "hồ sơ trực tuyến?", "followup",
      E(ask="indicator", period="2025-Q3", value=(61.3, "%"), codes=("III.1",),
        indicators=(("hồ sơ tiếp nhận trực tuyến", 61.3, "met"),), source=TH_SRC), after="th-084"),
    # ---- more rank / compare / task / upcoming / english / offtopic
    # numerator = tasks led, of 24.
    Q("th-086", "thanh-ha", "2025-10-09", "đơn vị nào nhiều việc nhất", "rank",
      E(ask="rank", first=TTP, rows=((TTP, 23, 24), (CQCM, 1, 24)))),
    Q("th-087", "thanh-ha", "2025-10-09", "mục nào có nhiều nhiệm vụ nhất", "rank",
      E(ask="rank", first="II", rows=(("II", 11, 24), ("III", 6, 24), ("IV", 4, 24), ("I", 3, 24)))),
    Q("th-088", "thanh-ha", "2025-10-10", "so sánh mục I với mục II", "compare",
      E(ask="compare", period="2025-Q3", rows=(("I", 3, 3), ("II", 11, 11)), source=TH_SRC)),
    Q("th-089", "thanh-ha", "2025-10-10", "IV.2.1 cử công chức đi tập huấn", "task",
      E(ask="task", period="2025-Q3", status="in_progress", codes=("IV.2.1",), source=TH_SRC)),
    Q("th-090", "thanh-ha", "2025-11-03", "tháng 11 có việc gì đến hạn", "upcoming",
      E(ask="upcoming", period="2025-11", count=0, codes=())),
    Q("th-091", "thanh-ha", "2025-10-10", "lịch cắt điện tuần này", "offtopic", OFFTOPIC),
    Q("th-092", "thanh-ha", "2025-10-06", "how many tasks are done?", "english",
      E(ask="count", period="2025-Q3", status="done", count=10, source=TH_SRC)),
]
# fmt: on
