"""PDF through LibreOffice (`soffice --headless --convert-to pdf`), when it is installed.

One conversion at a time per process, each with this process's own LibreOffice profile, so that
concurrent requests and several bot processes never share a profile (LibreOffice refuses that).
Conversions are CPU-bound and take seconds: callers run them in a thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

logger = logging.getLogger(__name__)

INSTALL_HINT = (
    "apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui "
    "fonts-liberation2"
)
TIMEOUT = 180.0
_lock = threading.Lock()


class PdfUnavailable(Exception):
    """LibreOffice is not installed (or not where PLANBOT_SOFFICE says)."""


class PdfFailed(Exception):
    """LibreOffice ran but wrote no PDF."""


def find_soffice(configured: str | None = None) -> str | None:
    """The LibreOffice program: PLANBOT_SOFFICE when set, else soffice or libreoffice on PATH."""
    if configured:
        return configured if Path(configured).is_file() or shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile() -> Path:
    return (
        Path(tempfile.gettempdir())
        / f"planbot-soffice-{os.getuid() if hasattr(os, 'getuid') else 0}-{os.getpid()}"
    )


def to_pdf(content: bytes, suffix: str, *, soffice: str | None = None, timeout: float = TIMEOUT) -> bytes:
    """PDF bytes of a .docx or .xlsx document."""
    program = find_soffice(soffice)
    if program is None:
        raise PdfUnavailable(f"LibreOffice is not installed: {INSTALL_HINT}")
    with _lock, tempfile.TemporaryDirectory(prefix="planbot-pdf-") as folder:
        source = Path(folder) / f"bao-cao{suffix}"
        source.write_bytes(content)
        command = [
            program,
            f"-env:UserInstallation={_profile().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfFailed(f"LibreOffice took longer than {timeout:.0f} s") from exc
        except OSError as exc:
            raise PdfUnavailable(f"cannot run {program}: {exc}") from exc
        target = source.with_suffix(".pdf")
        if not target.is_file():
            detail = (done.stderr or done.stdout or b"").decode(errors="replace").strip().splitlines()
            logger.warning("soffice wrote no PDF (exit %s): %s", done.returncode, detail[-1:] or "")
            raise PdfFailed(detail[-1] if detail else f"soffice exited with {done.returncode}")
        return target.read_bytes()
