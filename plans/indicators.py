"""Measured figures (KPI indicators): the key registry, matching words to keys by meaning, reading
figures out of task results and narrative reports, and storing them as IndicatorValue rows.

A figure belongs only to the indicator it names. "Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 61,3%" is
`ty_le_truc_tuyen`, never the "80% hồ sơ được xử lý trực tuyến" target of the same task; hồ sơ
received online (tiếp nhận), processed online (xử lý) and settled online (giải quyết) are three
indicators. A value the result does not name ("Đạt 99,84% - chưa đạt") is the task's own first
target. A value written in a result counts even when the plan sets no target for it (its state is
then "no_target"). The keys are those plans/parsing/narrative.py documents, plus a few it does not
read (`tthc_kien_nghi_cat_giam`, `ty_le_cong_khai`, `ty_le_xu_ly_truc_tuyen`, …).

Matching works on folded text with the plans' abbreviations spelled out (plans.search.search_key):
every `need` group of a kind must occur and no `avoid` phrase; the kind with most groups wins, then
registry order (specific kinds are listed before the general ones they refine).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from plans.parsing.narrative import NarrativeReport, parse_narrative
from plans.parsing.references import parse_references
from plans.parsing.targets import parse_targets
from plans.periods import Period
from plans.search import search_key
from plans.wording import document_text
from storage.facts import TaskFacts
from storage.models import IndicatorValue, Organization
from storage.queries.indicators import add_indicator_values, replace_source_values
from storage.queries.plans import organization_by_name
from storage.text import fold, nfc, squash

RATE, COUNT = "rate", "count"
TARGET_PREFIX = "muc_tieu:"  # a narrative report's target ("đảm bảo tỷ lệ tối thiểu 60%") for a key
REPORT_KEY = "bao_cao_ky"  # one row per stored report: its label names the report of the period


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # planbot's name for it
    unit: str  # "%" for rates
    need: tuple[str, ...]  # folded alternatives ("a|b"); every group must occur
    avoid: tuple[str, ...] = ()
    parent: str | None = None  # the total a count is part of (the denominator of its rows)
    group: str | None = None  # the breakdown of the parent it belongs to ("kenh": by channel)
    rate: str | None = None  # the rate that speaks for a count

    @property
    def family(self) -> str:
        return RATE if self.unit == "%" else COUNT


_ONLINE_OTHERS = "thanh toan|xu ly|toan trinh|mot phan|buu chinh|ket qua dien tu|lien thong"
KINDS: tuple[Kind, ...] = (
    # ---- rates
    Kind("ty_le_xu_ly_truc_tuyen", "hồ sơ TTHC được xử lý trực tuyến", "%", ("xu ly", "truc tuyen"),
         ("phan anh|kien nghi",)),
    Kind("ty_le_giai_quyet_truc_tuyen", "hồ sơ được giải quyết trực tuyến", "%", ("giai quyet", "truc tuyen"),
         ("tiep nhan|nop",)),
    Kind("ty_le_thanh_toan_truc_tuyen", "thanh toán trực tuyến", "%", ("thanh toan|payment",)),
    Kind("ty_le_toan_trinh", "dịch vụ công trực tuyến toàn trình", "%", ("toan trinh",)),
    Kind("ty_le_so_hoa_ket_qua", "kết quả được số hóa khi trả", "%", ("so hoa", "tra ket qua|khi tra")),
    Kind("ty_le_so_hoa_ho_so", "hồ sơ được tiếp nhận và số hóa", "%", ("so hoa", "tiep nhan")),
    Kind("ty_le_tai_su_dung", "khai thác, sử dụng lại thông tin, dữ liệu số hóa", "%",
         ("khai thac|tai su dung|su dung lai",)),
    Kind("ty_le_so_hoa", "số hóa hồ sơ, kết quả giải quyết TTHC", "%", ("so hoa|digiti",)),
    Kind("ty_le_ket_qua_dien_tu", "cấp kết quả giải quyết TTHC bản điện tử", "%", ("ket qua", "dien tu"),
         ("so hoa",)),
    Kind("ty_le_hai_long", "mức độ hài lòng", "%", ("hai long|satisf",)),
    Kind("ty_le_pakn_dung_han", "phản ánh, kiến nghị được xử lý đúng hạn", "%",
         ("phan anh|kien nghi", "dung han|xu ly")),
    Kind("ty_le_dung_han", "hồ sơ giải quyết trước hạn, đúng hạn", "%", ("dung han|truoc han|dung hen",)),
    Kind("ty_le_qua_han", "hồ sơ giải quyết quá hạn", "%", ("qua han|tre han",)),
    Kind("ty_le_cong_khai", "niêm yết, công khai thủ tục hành chính", "%", ("niem yet|cong khai",),
         ("danh gia",)),
    Kind("ty_le_mot_cua", "TTHC tiếp nhận tại bộ phận một cửa", "%", ("mot cua",)),
    Kind("ty_le_truc_tuyen", "tiếp nhận hồ sơ trực tuyến", "%", ("truc tuyen|online",), (_ONLINE_OTHERS,)),
    # ---- counts (hồ sơ received, by channel; settled, by result; procedures)
    Kind("ho_so_ky_truoc", "kỳ trước chuyển sang", "hồ sơ", ("ky truoc",), (), "ho_so_tiep_nhan", "kenh"),
    Kind("ho_so_truc_tiep", "tiếp nhận trực tiếp", "hồ sơ", ("truc tiep",), (), "ho_so_tiep_nhan", "kenh",
         "ty_le_truc_tuyen"),
    Kind("ho_so_truc_tuyen", "tiếp nhận trực tuyến", "hồ sơ", ("truc tuyen|online",), (_ONLINE_OTHERS,),
         "ho_so_tiep_nhan", "kenh", "ty_le_truc_tuyen"),
    Kind("ho_so_buu_chinh", "tiếp nhận qua bưu chính", "hồ sơ", ("tiep nhan", "buu chinh"), ("tra",)),
    Kind("tra_ket_qua_buu_chinh", "trả kết quả qua bưu chính công ích", "hồ sơ", ("buu chinh",)),
    Kind("ho_so_dang_giai_quyet", "đang giải quyết", "hồ sơ", ("dang giai quyet|dang xu ly|chua giai quyet",),
         (), "ho_so_tiep_nhan", "ket_qua"),
    Kind("giai_quyet_truoc_han", "giải quyết trước hạn", "hồ sơ", ("truoc han",), (), "ho_so_da_giai_quyet"),
    Kind("giai_quyet_dung_han", "giải quyết trước và đúng hạn", "hồ sơ", ("dung han",), (),
         "ho_so_da_giai_quyet"),
    Kind("giai_quyet_qua_han", "giải quyết quá hạn", "hồ sơ", ("qua han|tre han",), (), "ho_so_da_giai_quyet"),
    Kind("ho_so_rut", "hồ sơ công dân rút", "hồ sơ", ("rut",)),
    Kind("ho_so_lien_thong", "hồ sơ giải quyết liên thông", "hồ sơ", ("lien thong",)),
    Kind("so_hoa_ket_qua", "hồ sơ được số hóa khi trả kết quả", "hồ sơ", ("so hoa", "tra ket qua|khi tra"),
         ("khai thac|tai su dung|su dung lai",), rate="ty_le_so_hoa_ket_qua"),
    Kind("so_hoa_ho_so", "hồ sơ được số hóa", "hồ sơ", ("so hoa",), ("khai thac|tai su dung|su dung lai",),
         rate="ty_le_so_hoa_ho_so"),
    Kind("ho_so_da_giai_quyet", "đã giải quyết", "hồ sơ", ("giai quyet",),
         ("dang|tiep nhan|truoc han|dung han|qua han|lien thong|truc tuyen|kien nghi",), "ho_so_tiep_nhan",
         "ket_qua"),
    Kind("thanh_toan_truc_tuyen", "hồ sơ thanh toán trực tuyến", "hồ sơ", ("thanh toan",),
         rate="ty_le_thanh_toan_truc_tuyen"),
    Kind("tthc_toan_trinh", "DVC trực tuyến toàn trình", "thủ tục", ("toan trinh",), (), "tthc_tong", "dvc"),
    Kind("tthc_mot_phan", "DVC trực tuyến một phần", "thủ tục", ("mot phan",), (), "tthc_tong", "dvc"),
    Kind("tthc_chua_truc_tuyen", "TTHC chưa cung cấp DVC trực tuyến", "thủ tục", ("chua cung cap",), (),
         "tthc_tong", "dvc"),
    Kind("tthc_kien_nghi_cat_giam", "TTHC kiến nghị cắt giảm, đơn giản hóa", "thủ tục",
         ("kien nghi|de nghi|de xuat", "cat giam|bai bo|don gian hoa|sua doi")),
    Kind("phan_anh_kien_nghi", "phản ánh, kiến nghị", "phản ánh, kiến nghị", ("phan anh|kien nghi",)),
    Kind("ho_so_tiep_nhan", "hồ sơ tiếp nhận", "hồ sơ", ("tiep nhan|tong cong|tong so ho so|nhan duoc",),
         rate="ty_le_truc_tuyen"),
    Kind("tthc_tong", "TTHC thuộc thẩm quyền của xã", "thủ tục", ("thu tuc",)),
)  # fmt: skip
BY_KEY: dict[str, Kind] = {k.key: k for k in KINDS}
_NEED = {k.key: [re.compile(rf"(?<![a-z])(?:{n})") for n in k.need] for k in KINDS}
_AVOID = {k.key: [re.compile(rf"(?<![a-z])(?:{a})") for a in k.avoid] for k in KINDS}


def _key_text(text: str) -> str:
    return search_key(nfc(text))


def kinds_in(text: str, family: str | None = None) -> list[Kind]:
    """Every kind the text names (its needs all there, nothing it avoids), most specific first."""
    key = _key_text(text)
    found: list[tuple[int, int, Kind]] = []
    for order, kind in enumerate(KINDS):
        if family is not None and kind.family != family:
            continue
        if all(p.search(key) for p in _NEED[kind.key]) and not any(p.search(key) for p in _AVOID[kind.key]):
            found.append((-len(kind.need), order, kind))
    return [kind for *_, kind in sorted(found, key=lambda item: item[:2])]


def key_of(text: str, family: str | None = None) -> str | None:
    """The indicator a phrase names ("hồ sơ tiếp nhận trực tuyến" → ty_le_truc_tuyen), or None."""
    found = kinds_in(text, family)
    return found[0].key if found else None


def label_of(key: str) -> str:
    kind = BY_KEY.get(key)
    return kind.label if kind else key.split(":", 1)[-1].replace("_", " ")


def unit_of(key: str) -> str:
    kind = BY_KEY.get(key)
    return kind.unit if kind else ("%" if "ty_le" in key else "")


# ---------------------------------------------------------------- targets of a task


@dataclass(frozen=True)
class Goal:
    key: str
    label: str  # the target as the plan writes it
    minimum: float
    task_id: int | None = None


def _targets(raw: Iterable[dict[str, Any]]) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for target in raw:
        try:
            minimum = float(target.get("min_percent", target.get("min", 0)) or 0)
        except (TypeError, ValueError):
            continue
        out.append((str(target.get("metric") or "").strip(), minimum))
    return out


def task_goals(task: TaskFacts) -> list[Goal]:
    """The task's % targets, one per indicator. The targets its content names come first; the
    expected-product column only adds targets when the content names none (a product cell merged
    over several rows would otherwise give every row its neighbour's target)."""
    stored = _targets(task.targets)
    if not stored:
        return []
    in_content = {fold(t.metric) for t in parse_targets(task.content)}
    own = [t for t in stored if fold(t[0]) in in_content] or stored
    goals: list[Goal] = []
    for metric, minimum in own:
        key = key_of(metric, RATE) or key_of(f"{metric} {task.content}", RATE) or _free_key(metric)
        if all(g.key != key for g in goals):
            goals.append(Goal(key, metric or task.content, minimum, task.id))
    return goals


def _free_key(words: str) -> str:
    return "ty_le:" + "_".join(re.sub(r"[^a-z0-9 ]+", " ", fold(words)).split()[:8])


# ---------------------------------------------------------------- figures of a result


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    value: float
    unit: str
    text: str


def _rekey(key: str, label: str, unit: str) -> str:
    """The narrative parser's key, refined by this registry's meaning ("ty_le:<words>" gets a name)."""
    if key.endswith("_ty_le") and key[: -len("_ty_le")] in BY_KEY:
        named = BY_KEY[key[: -len("_ty_le")]].rate
        return named or key
    if unit == "%":
        return key_of(label, RATE) or key
    return key


def result_measures(text: str, goals: Sequence[Goal] = (), percents: Sequence[float] = ()) -> list[Measure]:
    """The figures a task's result names; a percentage it leaves unnamed belongs to the task's
    first target that has no value yet."""
    found = [
        Measure(_rekey(i.key, i.label, i.unit), i.label, i.value, i.unit, i.text)
        for i in parse_narrative(text).indicators
    ]
    named = [m.value for m in found if m.unit == "%"]
    open_goals = [g for g in goals if all(m.key != g.key for m in found)]
    for value in percents:
        if value in named:
            named.remove(value)
            continue
        if not open_goals:
            break
        goal = open_goals.pop(0)
        found.append(Measure(goal.key, goal.label, value, "%", squash(text)))
    return found


def store_result_values(
    *, session: Any, task: Any, text: str | None, percents: Sequence[float], period: Period,
    report_id: int | None, source: str = "",
) -> int:  # fmt: skip
    """IndicatorValue rows for the figures of one imported result (plans/importing.py calls this).
    The rows of the same task and period are replaced: a re-imported report does not count twice."""
    from sqlalchemy import delete
    from sqlmodel import col

    from storage.models import Plan

    plan = session.get(Plan, task.plan_id)
    if plan is None or not text:
        return 0
    facts = TaskFacts(task.id, task.plan_id, plan.organization_id, task.code, task.content, None, None,
                      "unknown", None, None, None, targets=tuple(task.targets or ()))  # fmt: skip
    measures = result_measures(text, task_goals(facts), percents)
    session.execute(
        delete(IndicatorValue).where(
            col(IndicatorValue.task_id) == task.id,
            col(IndicatorValue.period_start) == period.start,
            col(IndicatorValue.period_end) == period.end,
        )
    )
    rows = [
        IndicatorValue(organization_id=plan.organization_id, key=m.key, label=m.label[:255], value=m.value,
                       unit=m.unit[:32], period_start=period.start, period_end=period.end, task_id=task.id,
                       report_id=report_id, source=source[:255], text=m.text)
        for m in measures
    ]  # fmt: skip
    return add_indicator_values(session=session, rows=rows)


# ---------------------------------------------------------------- narrative reports

_FUTURE = re.compile(r"thoi gian toi|phuong huong|nhiem vu (?:trong tam )?(?:tiep theo|thoi gian)|de xuat")
_GOAL_WORDS = re.compile(r"toi thieu|it nhat|phan dau|dam bao (?:dat|ty le)|chi tieu")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_CUT = re.compile(
    r"(?:kien nghi|de nghi|de xuat)[^.]{0,160}?(?:cat giam|bai bo|don gian hoa|sua doi)[^.]{0,160}?"
    r"(?:cua|doi voi)\s+(\d{1,4})\s+(?:thu tuc|tthc)"
)
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ\d-])")


def report_source(report: NarrativeReport, text: str) -> str:
    """The report a narrative's figures come from: its own number, else the report it is attached
    to ("(Kèm theo Báo cáo số 194/BC-UBND …)"), else its kind and period."""
    if report.number:
        return document_text("Báo cáo", report.number, report.issued_on)
    for line in nfc(text).split("\n")[:60]:
        if fold(line).lstrip("( ").startswith(("kem theo", "ban hanh kem theo")):
            for ref in parse_references(line):
                if ref.doc_type == "Báo cáo" and ref.number:
                    return document_text(ref.doc_type, ref.number, ref.issued_on)
    if report.period is not None:
        return f"Báo cáo {report.period.label[:1].lower()}{report.period.label[1:]}"
    return "Báo cáo"


def _blocks(text: str) -> list[tuple[bool, list[str]]]:
    """(about future work?, sentences) per numbered block of the report."""
    blocks: list[tuple[bool, list[str]]] = []
    future = False
    current: list[str] = []
    for line in nfc(text).split("\n"):
        heading = re.match(r"^\s*([IVX]{1,4})\.\s+(\S.*)$", line)
        if heading or re.match(r"^\s*\d{1,2}\.\s+\S", line):
            if current:
                blocks.append((future, _SENTENCE.split(squash(" ".join(current)))))
            current = []
            if heading:
                future = bool(_FUTURE.search(fold(heading.group(2))))
        if line.strip():
            current.append(line.strip())
    if current:
        blocks.append((future, _SENTENCE.split(squash(" ".join(current)))))
    return blocks


def narrative_extras(text: str) -> tuple[list[Measure], list[Goal]]:
    """What the narrative parser leaves out: procedures proposed for cutting ("đã kiến nghị … cắt
    giảm … của 05 thủ tục hành chính"), with the sentence citing the review it comes from, and the
    targets of the coming period ("… đảm bảo tỷ lệ tối thiểu 60%"), keyed by meaning."""
    measures: list[Measure] = []
    goals: list[Goal] = []
    for future, sentences in _blocks(text):
        for index, sentence in enumerate(sentences):
            folded = fold(sentence)
            cut = _CUT.search(folded)
            if cut and not future:
                cited = next((s for s in reversed(sentences[:index]) if parse_references(s)), "")
                measures.append(Measure("tthc_kien_nghi_cat_giam", label_of("tthc_kien_nghi_cat_giam"),
                                        float(cut.group(1)), "thủ tục", squash(f"{cited} {sentence}")))  # fmt: skip
            value = _PERCENT.search(sentence)
            if future and value and _GOAL_WORDS.search(folded):
                key = key_of(sentence, RATE)
                if key and all(g.key != key for g in goals):
                    goals.append(Goal(key, squash(sentence), float(value.group(1).replace(",", "."))))
    return measures, goals


@dataclass(frozen=True)
class StoredReport:
    organization_id: int
    period: Period | None
    source: str
    values: int


def store_narrative(*, session: Any, text: str, organization_name: str | None = None) -> StoredReport | None:
    """A narrative report (a monthly "Báo cáo công tác kiểm soát TTHC …", or the text of a report
    whose appendix was imported) → IndicatorValue rows of its period: its figures, its targets
    (key TARGET_PREFIX + key, value = the minimum) and one REPORT_KEY row naming the report. The
    rows the same report gave before are replaced. None when it names no period or organization."""
    report = parse_narrative(text)
    name = organization_name or report.organization
    if report.period is None or not name:
        return None
    org = organization_by_name(session=session, name=name)
    if org is None:
        org = Organization(name=name, name_key=fold(name))
        session.add(org)
        session.flush()
    assert org.id is not None
    source = report_source(report, text)
    extras, goals = narrative_extras(text)
    measures = [
        Measure(_rekey(i.key, i.label, i.unit), i.label, i.value, i.unit, i.text) for i in report.indicators
    ]
    rows = [(m.key, m.label, m.value, m.unit, m.text) for m in [*measures, *extras]]
    rows += [(TARGET_PREFIX + g.key, g.label, g.minimum, "%", g.label) for g in goals]
    rows.append((REPORT_KEY, source, 0.0, "", report.title or source))
    replace_source_values(session=session, organization_id=org.id, source=source)
    period = report.period
    count = add_indicator_values(
        session=session,
        rows=[
            IndicatorValue(organization_id=org.id, key=key, label=label[:255], value=value, unit=unit[:32],
                           period_start=period.start, period_end=period.end, source=source[:255], text=sentence)
            for key, label, value, unit, sentence in rows
        ],
    )  # fmt: skip
    return StoredReport(org.id, period, source, count)
