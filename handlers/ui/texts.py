"""Texts several handlers share (every user-facing text is Vietnamese with diacritics)."""

from __future__ import annotations

STRANGER_TEXT = (
    "Xin chào! Bot này chỉ dành cho cán bộ, công chức đã được mời.\n"
    "Vui lòng liên hệ quản trị viên của xã/phường để nhận đường dẫn mời "
    "(dạng https://t.me/…?start=…), rồi mở đường dẫn đó để đăng ký."
)
NO_PERMISSION_TEXT = "Không có quyền thực hiện thao tác này."
STALE_BUTTON_TEXT = "Nút này không còn dùng được."
