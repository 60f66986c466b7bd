"""/start (with or without an invite code) and /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply

HELP_TEXT = (
    "<b>planbot — trợ lý theo dõi kế hoạch và tiến độ</b>\n\n"
    "<b>Cán bộ</b>\n"
    "/viec — việc của đơn vị (quá hạn, sắp đến hạn…)\n"
    "/viectoi — việc được giao riêng cho tôi\n"
    "/tim &lt;từ khoá&gt; — tìm nhiệm vụ (gõ không dấu cũng được)\n"
    "/xong — báo cáo đã xong một nhiệm vụ · /capnhat — cập nhật tiến độ\n"
    "/baocaoky — báo cáo cả kỳ: mọi nhiệm vụ của đơn vị một lần\n"
    "/toi — thông tin của tôi · /nhac — cài đặt nhắc việc\n\n"
    "<b>Lãnh đạo</b>\n"
    "/tyle [kỳ] — tỷ lệ hoàn thành · /quahan — việc quá hạn\n"
    "/donvi — thống kê theo đơn vị · /chitieu — các chỉ tiêu\n"
    "/chuabaocao [kỳ] — ai chưa báo cáo (theo người)\n"
    "/baocao [kỳ] [excel|pdf] — báo cáo kèm phụ lục (Word, Excel, PDF)\n"
    "Hoặc hỏi tự nhiên: «tỷ lệ hoàn thành quý này?»\n\n"
    "<b>Quản trị</b>\n"
    "/moi — tạo lời mời (một người, hoặc dùng chung cả cơ quan) · /canbo — quản lý cán bộ\n"
    "/truongdonvi — trưởng đơn vị (người giao việc cho cán bộ của đơn vị)\n"
    "/ganxa — gõ trong nhóm chat để gắn nhóm với xã (cả lãnh đạo)\n"
    "/kehoach — kế hoạch (lưu trữ) · /lichnghi — lịch nghỉ, ngày làm bù\n"
    "/nhom — thành viên cơ quan nhóm · /maubaocao — mẫu báo cáo của xã\n"
    "/coquan — cơ quan: đổi tên, gộp cơ quan trùng\n"
    "Gửi tệp kế hoạch (Word, Excel, PDF) để nhập nhiệm vụ.\n\n"
    "/huy — huỷ thao tác đang làm"
)


async def start(update: Update, context: PlanbotContext) -> None:
    if context.args:
        # A deep link with an invite code: onboarding owns it.
        from handlers.onboarding import redeem_invite

        await redeem_invite(update, context, context.args[0])
        return
    official = await current_official(update, context)
    if official is None:
        from handlers.ui.texts import STRANGER_TEXT

        await reply(update, esc(STRANGER_TEXT))
        return
    await reply(
        update,
        f"Xin chào <b>{esc(official.full_name)}</b>!\n"
        "Tôi là planbot, trợ lý theo dõi kế hoạch và tiến độ công việc của xã.\n"
        "Gõ /viec để xem việc của đơn vị, /help để xem hướng dẫn.",
    )
    if update.effective_chat is not None and update.effective_chat.type == "private":
        from handlers.menus import set_menu

        # A configured admin's first /start (no menu of their own yet); one call, errors logged.
        await set_menu(context, chat_id=update.effective_chat.id, role=official.role)


async def help_command(update: Update, context: PlanbotContext) -> None:
    await reply(update, HELP_TEXT)


def register(application: object) -> None:
    from telegram.ext import Application

    assert isinstance(application, Application)
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
