"""Hand-made ground truth of the question table (README.md): sources, task codes and agency names
read off each commune's documents."""

from __future__ import annotations

from tests.reports.question_table.model import E

# ---------------------------------------------------------------- hand-made ground truth (README.md)

# Thanh Xá, results of Q1/2023 (Báo cáo số 28/BC-UBND ngày 14/04/2023): 30 tasks, 14 done, 8 in
# progress, 8 not done; 22/30 = 73,3 %.
TX_SRC = "Báo cáo số 28/BC-UBND ngày 14/04/2023"
TX_ALL = (
    "I.1",
    "II.1.1", "II.1.2", "II.1.3", "II.1.4", "II.1.5", "II.1.6", "II.1.7",
    "II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.2.6",
    "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5", "II.3.6",
    "II.4", "II.5", "II.6",
    "III.1", "III.2", "III.3", "III.4", "III.5",
    "IV.1", "IV.2",
)  # fmt: skip
TX_DONE = (
    "I.1", "II.1.1", "II.1.2", "II.1.3", "II.1.5", "II.1.6", "II.2.1", "II.2.2", "II.2.3",
    "II.3.4", "II.3.5", "II.4", "IV.1", "IV.2",
)  # fmt: skip
TX_IP = ("II.3.1", "II.3.2", "II.3.3", "II.6", "III.2", "III.3", "III.4", "III.5")
TX_NOT = ("II.1.4", "II.1.7", "II.2.4", "II.2.5", "II.2.6", "II.3.6", "II.5", "III.1")
VP = "Văn phòng HĐND và UBND xã"  # leads 26 tasks: all but III.3, III.4, IV.1, IV.2
VHXH = "Văn hóa xã hội xã"  # co-leads II.2.1–II.2.6
CCCM = "Các công chức chuyên môn"  # co-leads II.2.x, II.3.x; leads III.3, III.4, IV.1, IV.2
VP_IP = ("II.3.1", "II.3.2", "II.3.3", "II.6", "III.2", "III.5")
CCCM_NOT = ("II.2.4", "II.2.5", "II.2.6", "II.3.6")
CCCM_IP = ("II.3.1", "II.3.2", "II.3.3", "III.3", "III.4")
VHXH_ALL = ("II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.2.6")
VHXH_NOT = ("II.2.4", "II.2.5", "II.2.6")

# Thanh Hà, results of Q3/2025 (Phụ lục kèm Báo cáo số 194/BC-UBND ngày 02/10/2025): 24 tasks, 10 done,
# 14 in progress, 0 not done; 24/24 = 100,0 %.
TH_SRC = "Báo cáo số 194/BC-UBND ngày 02/10/2025"
TH_ALL = (
    "I.1", "I.2", "I.3",
    "II.1", "II.2.1", "II.2.2", "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5", "II.4", "II.5", "II.6",
    "III.1", "III.2", "III.3", "III.4.1", "III.4.2", "III.5",
    "IV.1", "IV.2.1", "IV.2.2", "IV.3",
)  # fmt: skip
TH_DONE = ("I.1", "I.2", "I.3", "II.2.1", "II.2.2", "II.3.1", "III.4.2", "III.5", "IV.1", "IV.3")
TH_IP = (
    "II.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5", "II.4", "II.5", "II.6",
    "III.1", "III.2", "III.3", "III.4.1", "IV.2.1", "IV.2.2",
)  # fmt: skip
TTP = "Trung tâm Phục vụ hành chính công"  # leads 23 tasks (all but II.2.2)
CQCM = "Các cơ quan chuyên môn thuộc UBND xã"  # leads II.2.2 only; coordinates 21 tasks
TH_VHXH = "Phòng Văn hóa xã hội (VH-XH)"  # leads none; coordinates I.2, I.3
TH_VP = "Văn phòng HĐND- UBND xã"  # leads none; coordinates I.2, I.3

# Khúc Thừa Dụ: narrative report of November 2025, no task table (indicator questions only).
KTD_SRC = "Báo cáo tháng 11/2025"

# Lương Minh: Kế hoạch số 16/KH-MTTQ-BTT ngày 18/11/2025, 18 tasks, no report published at all.
# Due days read by hand (README.md): 30/11/2025: II.1.1–II.1.3; 31/12/2025: II.4.1, II.5.1;
# 31/03/2026: II.2.1–II.2.3, II.3.1, II.3.2, II.3.2-2, II.3.3, II.4.2, II.5.2, II.6.2;
# 30/04/2026: II.6.1, II.7.1, II.7.2.
LM_SRC = "Kế hoạch số 16/KH-MTTQ-BTT ngày 18/11/2025"
LM_ALL = (
    "II.1.1", "II.1.2", "II.1.3", "II.2.1", "II.2.2", "II.2.3",
    "II.3.1", "II.3.2", "II.3.2-2", "II.3.3", "II.4.1", "II.4.2",
    "II.5.1", "II.5.2", "II.6.1", "II.6.2", "II.7.1", "II.7.2",
)  # fmt: skip
LM_DUE_NOV = ("II.1.1", "II.1.2", "II.1.3")
LM_DUE_DEC = ("II.4.1", "II.5.1")
LM_DUE_MAR = (
    "II.2.1", "II.2.2", "II.2.3", "II.3.1", "II.3.2", "II.3.2-2", "II.3.3", "II.4.2", "II.5.2", "II.6.2",
)  # fmt: skip
LM_DUE_APR = ("II.6.1", "II.7.1", "II.7.2")
PCT = "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội"  # leads all 18

OFFTOPIC = E(ask="offtopic")
