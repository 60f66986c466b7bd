"""The searches that judge task search, over three communes' plans (task list: README.md here).

Each S(commune, query, must, note): every code in `must` must be among the first five results of
`query` over that commune's plan. The expectations were read by hand from the task contents (the
search indexes contents, codes and printed numbers); they were not taken from planbot's output.
Where more tasks than `must` contain the words equally, `must` names the ones any sensible ranking
shows (the note says how many compete).
"""

from __future__ import annotations

from tests.plans.search_table.model import S
from tests.plans.search_table.s_chi_linh import CHI_LINH_SEARCHES
from tests.plans.search_table.s_quyet_thang import QUYET_THANG_SEARCHES
from tests.plans.search_table.s_thanh_xa import THANH_XA_SEARCHES

SEARCHES: list[S] = THANH_XA_SEARCHES + CHI_LINH_SEARCHES + QUYET_THANG_SEARCHES
