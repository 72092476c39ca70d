"""The gettext catalogues: ``web/locale/<lang>/LC_MESSAGES/messages.po`` compiled to ``.mo``.

The ``.po`` files are the one place for page text (message id = the key templates call
``t()`` with). ``setup.py`` compiles them into the wheel and ``make catalogues`` into the
tree; an editable install or a fresh checkout compiles at first use (``load``), so no
manual step is needed. Only Babel is imported here: ``setup.py`` loads this file on its own.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes of one ``.po`` file (fuzzy entries left out, as msgfmt does)."""
    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_all(locale_dir: Path = LOCALE_DIR, target: Path | None = None) -> list[Path]:
    """Write every catalogue's ``.mo`` beside its ``.po`` (or under ``target``)."""
    written = []
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = (target / po.relative_to(locale_dir) if target else po).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(mo, compiled(po))
        written.append(mo)
    return written


def load(lang: str, locale_dir: Path = LOCALE_DIR) -> Translations:
    """One language's translations from its ``.mo``; compiled from the ``.po`` when the
    ``.mo`` is missing or older (written back where the folder is writable, else kept in
    memory)."""
    po = po_path(lang, locale_dir)
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f, DOMAIN)
    data = compiled(po)
    with contextlib.suppress(OSError):  # a read-only installed tree: kept in memory only
        _write_atomically(mo, data)
    return Translations(io.BytesIO(data), DOMAIN)


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def texts(lang: str, locale_dir: Path = LOCALE_DIR) -> dict[str, str]:
    """Every message of ``lang`` by key, a plural message in its "other" form (for checks)."""
    with po_path(lang, locale_dir).open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    found = {}
    for message in catalog:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            text = message.string
            found[str(key)] = str(text[-1] if isinstance(text, tuple | list) else text)
    return found
