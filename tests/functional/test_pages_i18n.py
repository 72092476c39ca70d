"""Every text the templates ask for exists in German and English."""

from __future__ import annotations

import os
import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from registry.entries import vocab
from registry.facts import EVIDENCE_KINDS
from registry.publiccode._vocab import vocabulary
from registry.search import FACETS
from web import catalogues
from web.catalogues import texts
from web.i18n import accepted_language, translator
from web.pages._context import VOCABULARIES
from web.pages._search import MULTI_FACETS, SINGLE_FACETS
from web.pages.solutions import SAVED

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
#: The reader's pages (part 1). Account and publishing pages keep their own catalogue.
PAGES = [TEMPLATES / f"{name}.html" for name in (
    "base", "_macros", "home", "error", "search", "solution", "organisations", "organisation",
    "standards", "standard", "domains", "domain", "alternatives",
)]  # fmt: skip


CATALOGUES = {lang: texts(lang) for lang in ("de", "en")}


def _translated(key: str) -> bool:
    return all(CATALOGUES[lang].get(key) for lang in CATALOGUES)


def _literal_keys(text: str) -> set[str]:
    # A key ending in a dot is a prefix (``t("lic.source." ~ value)``): checked as built keys.
    return set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.-]*[a-z_-]|yes|no)["']""", text))


@pytest.mark.parametrize("template", PAGES, ids=lambda p: p.name)
def test_every_literal_key_is_translated(template: Path) -> None:
    keys = _literal_keys(template.read_text(encoding="utf-8"))
    missing = sorted(k for k in keys if not _translated(k))
    assert not missing, f"{template.name}: {missing}"


def test_keys_built_from_values_are_translated() -> None:
    built = [f"facet.{name}" for name in (*MULTI_FACETS, *SINGLE_FACETS)]
    built += [f"maintenance.{v}" for v in vocab.MAINTENANCE_TYPES]
    built += [f"status.{v}" for v in ("pass", "partial", "fail", "unknown", "not_applicable")]
    built += [f"silo.{v}" for v in ("no", "risk", "silo")]
    built += [f"evidence.{v}" for v in vocab.EVIDENCE_LEVELS]
    built += [f"if.{v}" for v in vocab.INTERFACE_ROLES]
    built += [f"evidence_kind.{v}" for v in EVIDENCE_KINDS]
    built += [f"deps.{v}" for v in vocab.DEPENDENCY_KINDS]
    built += [f"contact.{v}" for v in vocab.CONTACT_ROLES]
    built += [f"fork.{v}" for v in vocab.FORK_KINDS]
    built += [f"imp.{v}" for v in vocab.IMPORT_STATUSES]
    built += [f"saved.{v}" for v in SAVED]
    built += [f"lic.{kind}.{v}" for kind in ("source", "stated_in") for v in vocab.LICENCE_SOURCES]
    built += [f"vocab.{kind}.{key}" for kind, values in VOCABULARIES.items() for key in values]
    built += [f"vocab.category.{c}" for c in vocabulary().categories]
    missing = [k for k in built if not _translated(k)]
    assert not missing
    # Every facet the search service counts is offered on the page.
    assert set(FACETS) <= {*MULTI_FACETS, *SINGLE_FACETS}


def test_the_key_scan_sees_keys() -> None:
    assert _literal_keys("{{ t(\"lic.title\") }} {{ t('yes') }}") == {"lic.title", "yes"}


def test_one_of_something_is_singular_in_both_languages() -> None:
    """Issue 21: "1 Lösungen" read wrong; plural messages (ngettext) take their form by n."""
    de, en = translator("de"), translator("en")
    assert de("home.count", n=1) == "1 Lösung" and de("home.count", n=2) == "2 Lösungen"
    assert en("search.results", n=1) == "1 result" and de("search.results", n=1) == "1 Treffer"
    assert de("card.adopters", n=1) == "1 bestätigter Nutzer"
    assert en("card.adopters", n=0) == "0 verified adopters"
    assert de("home.count", n=0) == "0 Lösungen"


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("de;q=0.3, en;q=0.9", "en"),
        ("en;q=0.5,de-AT", "de"),
        ("de-AT,de;q=0.9,en;q=0.8", "de"),
        ("fr, en-GB;q=0.7, de;q=0.6", "en"),
        ("en;q=0, de;q=0.1", "de"),
        ("fr, *;q=0.5", "de"),
        ("en;q=bogus, de;q=0.2", "de"),
        ("", "de"),
    ],
)
def test_accept_language_honours_quality_and_region(header: str, chosen: str) -> None:
    assert accepted_language(header, ("de", "en")) == chosen


def test_no_tick_beside_a_silo_reason() -> None:
    """Issue 20, class 8: "✓ Kein Silo" never stands beside a listed silo reason."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    badge = env.get_template("_macros.html").module.silo_badge  # type: ignore[attr-defined]
    de = translator("de")
    assert "✓" in str(badge("no", de)) and "Kein Silo" in str(badge("no", de))
    one = str(badge("no", de, 1))
    assert "✓" not in one and "Kein Silo, 1 Warnzeichen" in one
    assert "Not a silo, 2 warning signs" in str(badge("no", translator("en"), 2))
    assert "Silo-Risiko" in str(badge("risk", de, 2))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_hold_the_same_messages_with_the_same_placeholders() -> None:
    catalogs = {}
    for lang in ("de", "en"):
        with catalogues.po_path(lang).open("rb") as f:
            catalogs[lang] = {m.id if isinstance(m.id, str) else m.id[0]: m
                              for m in read_po(f, locale=lang) if m.id}  # fmt: skip
    de, en = catalogs["de"], catalogs["en"]
    assert de.keys() == en.keys() and len(de) > 900
    for key, message in de.items():
        other = en[key]
        assert message.pluralizable == other.pluralizable, key
        forms = [*message.string, *other.string] if message.pluralizable else [
            message.string, other.string]  # fmt: skip
        assert all(forms) and not message.fuzzy, key  # translated, nothing left out of the .mo
        # "1 Lösung" may drop {n}; every other form names the same values.
        assert len({frozenset(_placeholders(f) - {"n"}) for f in forms}) == 1, key


def test_a_missing_or_older_mo_is_compiled_from_the_po(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(catalogues.LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    mo = locale / "de" / "LC_MESSAGES" / "messages.mo"
    assert catalogues.load("de", locale).gettext("site.title") == "Register kommunaler Software"
    assert mo.exists()  # written back for the next start
    po = catalogues.po_path("de", locale)
    edited = po.read_text(encoding="utf-8").replace(
        'msgstr "Register kommunaler Software"', 'msgstr "Softwareregister"'
    )
    po.write_text(edited, encoding="utf-8")
    past = po.stat().st_mtime - 60
    os.utime(mo, (past, past))  # the .mo was compiled before this edit
    assert catalogues.load("de", locale).gettext("site.title") == "Softwareregister"
    assert mo.stat().st_mtime >= po.stat().st_mtime
    assert catalogues.load("de", locale).ngettext("home.count", "home.count", 1) == "1 Lösung"
