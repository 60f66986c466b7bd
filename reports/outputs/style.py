"""What a commune writes the same way on every report: the signature block, the recipients and the
địa danh (from the settings: PLANBOT_REPORT_SIGNER_*, PLANBOT_REPORT_RECIPIENTS, PLANBOT_REPORT_PLACE)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_RECIPIENTS = (
    "Thường trực Đảng ủy xã",
    "Thường trực HĐND xã",
    "Chủ tịch, các Phó Chủ tịch UBND xã",
    "Các cơ quan, đơn vị thuộc UBND xã",
)
ARCHIVE = "Lưu: VT"


@dataclass(frozen=True)
class ReportStyle:
    """The signature block of Nghị định 30/2020 (TM. / KT. / chức vụ / họ tên) and the "Nơi nhận"."""

    signer_authority: str = "TM. ỦY BAN NHÂN DÂN"  # thẩm quyền ký
    signer_on_behalf: str = "KT. CHỦ TỊCH"  # empty when the Chủ tịch signs
    signer_title: str = "PHÓ CHỦ TỊCH"
    signer_name: str = ""  # empty: left for the signer to write
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS  # "Lưu: VT." is always added last
    place: str = ""  # địa danh; empty: from the organization's name ("Thanh Xá")

    def recipient_lines(self) -> list[str]:
        """ "- Thường trực Đảng ủy xã;" … "- Lưu: VT."."""
        names = [r.strip().rstrip(";.") for r in self.recipients if r.strip()]
        if not any(n.lower().startswith("lưu") for n in names):
            names.append(ARCHIVE)
        return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]
