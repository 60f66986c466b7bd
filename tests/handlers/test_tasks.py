"""/viec, the task card and search, through the fake Bot API."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from sqlmodel import select

from bot.offline.harness import BotHarness
from storage.models import ProgressReport
from tests.support.commune import TTPVHCC, VHXH, World, local_today


async def test_viec_groups_pages_and_opens_the_card(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        [page1] = await h.send(lan, "/viec")
        assert "Việc của Trung tâm Phục vụ hành chính công" in page1.text
        assert "trang 1/2" in page1.text
        # Overdue first, then due within 7 days; the coordinated task is marked.
        assert page1.text.index("Quá hạn") < page1.text.index("Đến hạn trong 7 ngày")
        assert "II.2" in page1.text and "(phối hợp)" in page1.text
        task_buttons = [
            b for b in page1.all_buttons if b.callback_data and b.callback_data.startswith("t:c:")
        ]
        assert len(task_buttons) == 8
        assert "◀" not in page1.button_texts and "▶" in page1.button_texts

        [page2] = await h.press(lan, page1, "▶")
        assert page2.message_id == page1.message_id  # edited in place
        assert h.last_answer is not None  # the press answered (while the page was read)
        assert "trang 2/2" in page2.text and "◀" in page2.button_texts
        assert "khi có phát sinh" in page2.text.lower() or "IV." in page2.text

        [back] = await h.press(lan, page2, "◀")
        [card] = await h.press(lan, back, "II.3")
        assert h.last_answer is not None and "text" not in h.last_answer
        assert "Số hóa hồ sơ, kết quả giải quyết TTHC" in card.text
        assert "Chủ trì: Trung tâm Phục vụ hành chính công" in card.text
        assert "Phối hợp: Phòng Văn hóa - Xã hội" in card.text
        assert "Trước ngày 30/9/2025" in card.text
        assert "tối thiểu 60,0%" in card.text
        assert "Chưa có báo cáo tiến độ." in card.text
        # Lan's agency leads II.3, but she is not its head: she reports, she does not assign
        # (plans/access.py may_assign; tests/handlers/test_heads.py has a head assigning)
        assert card.button_texts == ["Báo cáo tiến độ", "Quay lại"]
        [listing] = await h.press(lan, card, "Quay lại")
        assert "Việc của" in listing.text
        assert not h.errors


async def test_official_sees_only_their_agency_and_leader_sees_everything(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    world.add_official(103, "Phạm Thị Mây", None, role="leader")
    async with harness_factory() as h:
        hung = h.user(102, "Hùng", "Trần Văn")
        [listing] = await h.send(hung, "/viec")
        codes = {b.text.split(" · ")[0] for b in listing.all_buttons}
        # Lead III.1, coordinates II.3, and via the group "Các cơ quan chuyên môn": I.1, II.1, II.2.
        assert codes == {"I.1", "II.1", "II.2", "II.3", "III.1"}
        assert "IV.1" not in listing.text

        may = h.user(103, "Mây", "Phạm Thị")
        [all_tasks] = await h.send(may, "/viec")
        assert "Tất cả nhiệm vụ" in all_tasks.text
        assert f"{5 + 7} nhiệm vụ" in all_tasks.text
        assert "quy chế hoạt động" not in all_tasks.text  # the other commune's task


async def test_search_ignores_diacritics_and_case_and_finds_codes(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [found] = await h.send(lan, "/tim so hoa ho so")
        assert found.all_buttons[0].text.startswith("II.3")
        [plain] = await h.send(lan, "SỐ HÓA HỒ SƠ")  # plain text: not a question → search
        assert plain.all_buttons[0].text.startswith("II.3")
        nfd = unicodedata.normalize("NFD", "Số hóa hồ sơ")
        [decomposed] = await h.send(lan, nfd)
        assert decomposed.all_buttons[0].text.startswith("II.3")
        [card] = await h.send(lan, "/tim II.3")  # an exact code opens the card directly
        assert "Số hóa hồ sơ" in card.text
        [nothing] = await h.send(lan, "/tim xyz bãi đỗ xe")
        assert "Không tìm thấy" in nothing.text and not nothing.buttons


async def test_search_shows_only_visible_tasks(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    async with harness_factory() as h:
        hung = h.user(102, "Hùng")
        [found] = await h.send(hung, "/tim thanh toan truc tuyen phi le phi")
        assert all(not b.text.startswith("IV.") for b in found.all_buttons)


async def test_forged_and_stale_card_buttons_reveal_nothing(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    async with harness_factory() as h:
        hung = h.user(102, "Hùng")
        [listing] = await h.send(hung, "/viec")
        forged = f"t:c:{world.tasks['IV.1']}:0"
        replies = await h.press_data(hung, listing.message_id, forged)
        answer: dict[str, Any] = h.last_answer or {}
        assert "Không có quyền" in str(answer.get("text"))
        assert all("Tiếp nhận, giải quyết" not in (m.text or "") for m in replies)
        assert "Việc của" in h.tg.message(hung.id, listing.message_id).text
        await h.press_data(hung, listing.message_id, f"t:c:{world.other_task_id}:0")
        assert "Không có quyền" in str((h.last_answer or {}).get("text"))
        # Reporting on a task of another agency through a forged card button.
        replies = await h.press_data(hung, listing.message_id, f"p:s:{world.tasks['IV.1']}")
        assert any("Không có quyền" in (m.text or "") for m in replies)
        with h.db.session() as session:
            assert session.exec(select(ProgressReport)).all() == []


async def test_card_shows_history_with_reporters(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    lan_id = world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    hung_id = world.add_official(102, "Trần Văn Hùng", VHXH)
    from storage.models import Official
    from storage.queries.progress import create_report

    with world.db.session() as session:
        for official_id, status in ((lan_id, "in_progress"), (hung_id, "done")):
            official = session.get(Official, official_id)
            assert official is not None
            create_report(
                session=session,
                task_id=world.tasks["II.3"],
                official=official,
                status=status,
                reported_on=local_today(),
                documents=[{"doc_type": "Kế hoạch", "number": "23/KH-UBND", "issued_on": "2025-08-15"}],
                kpi_value=61.3 if status == "done" else None,
            )
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [card] = await h.send(lan, "/tim II.3")
        assert "Lịch sử báo cáo (2)" in card.text
        assert "Nguyễn Thị Lan" in card.text and "Trần Văn Hùng" in card.text
        assert "23/KH-UBND" in card.text
        assert "mới nhất 61,3% (đạt)" in card.text
