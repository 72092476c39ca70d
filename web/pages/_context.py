"""What every page template receives: language, translator, helpers."""

from __future__ import annotations

from typing import Any

from litestar import Request

from registry.catalogue.vocab import DOMAINS
from web.i18n import choose_language, pick, translator


def page_context(request: Request[Any, Any, Any], **values: Any) -> dict[str, Any]:
    """The base context: ``lang``, ``t`` and ``pick`` plus the page's own values."""
    languages = request.app.state.settings.languages
    lang = choose_language(request, languages)
    return {
        "lang": lang,
        "languages": languages,
        "t": translator(lang),
        "pick": lambda texts: pick(texts, lang),
        "domain_label": lambda key: DOMAINS.get(key, (key, key))[0 if lang == "de" else 1],
        "path": request.url.path,
        **values,
    }
