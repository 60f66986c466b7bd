"""Leaders' questions and their expected answers, worked out BY HAND from the source documents.

Ground truth per commune (tasks, leads, deadlines, statuses, documents, KPI values): README.md here.
Task codes are planbot's codes, used as identifiers only; every status, count, document and figure
below was read off the source text (the seeds in shared/seeds/ and communes/luong-minh.docx's source,
see SOURCES.md), never taken from planbot's output.

Rules applied (the brief's): rate = (done + in progress) / all tasks in scope; results belong to the
period their report is about (Thanh Xá: Q1/2023, Thanh Hà: Q3/2025, Khúc Thừa Dụ: 11/2025); a period
without any report has no figures (no_data); a question without a period asked up to the 20th of the
month after a quarter ends is about that quarter, otherwise about the current one; "quý trước" = the
last ended quarter; the same window applies to Khúc Thừa Dụ's monthly report (asked up to the 20th of
the next month without a month → 11/2025); overdue = a one-off task (date/month/quarter/range deadline) due before today and
not reported done; an agency's tasks are those it leads unless the question says "phối hợp".
"""

from __future__ import annotations

from tests.reports.question_table.model import Q
from tests.reports.question_table.q_khuc_thua_du import KHUC_THUA_DU
from tests.reports.question_table.q_luong_minh import LUONG_MINH
from tests.reports.question_table.q_thanh_ha import THANH_HA
from tests.reports.question_table.q_thanh_xa import THANH_XA

QUESTIONS: list[Q] = [*THANH_XA, *THANH_HA, *KHUC_THUA_DU, *LUONG_MINH]
