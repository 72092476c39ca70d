"""German and English for every page: the language is chosen once per request.

Order: an explicit ``?lang=`` choice, then the ``lang`` cookie (remembered choice), then
the browser's ``Accept-Language``, then the first configured language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from litestar import Request

from web._account_messages import ACCOUNT_MESSAGES
from web._publish_messages import PUBLISH_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    "site.title": {"de": "Register kommunaler Software", "en": "Registry of municipal software"},
    "site.tagline": {
        "de": "Kommunen veröffentlichen ihre Lösungen, andere finden und übernehmen sie, "
        "Fördergeber prüfen Nachnutzbarkeit.",
        "en": "Municipalities publish their solutions, others find and reuse them, "
        "funders check reuse requirements.",
    },
    "nav.skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.home": {"de": "Start", "en": "Home"},
    "nav.main": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.language": {"de": "Sprache", "en": "Language"},
    "home.catalogue": {"de": "Katalog", "en": "Catalogue"},
    "home.count": {"de": "{n} Lösungen", "en": "{n} solutions"},
    "home.empty": {
        "de": "Noch keine Lösungen. Laden Sie den Demo-Katalog mit „registry demo load“.",
        "en": "No solutions yet. Load the demo catalogue with “registry demo load”.",
    },
    "field.licence": {"de": "Lizenz", "en": "Licence"},
    "field.publisher": {"de": "Herausgeber", "en": "Publisher"},
    "field.domains": {"de": "Handlungsfelder", "en": "Domains"},
    "field.interfaces": {"de": "Schnittstellen", "en": "Interfaces"},
    "field.status": {"de": "Status", "en": "Status"},
    "field.inactive": {"de": "inaktiv", "en": "inactive"},
    "error.title": {"de": "Fehler", "en": "Error"},
    "error.not_found": {"de": "Nicht gefunden", "en": "Not found"},
    "footer.api": {"de": "API-Dokumentation", "en": "API documentation"},
    "footer.feed": {"de": "Atom-Feed neuer Lösungen", "en": "Atom feed of new solutions"},
    "footer.csv": {"de": "Katalog als CSV", "en": "Catalogue as CSV"},
    "footer.json": {"de": "Katalog als JSON", "en": "Catalogue as JSON"},
    "feed.title": {
        "de": "Neue und geänderte Lösungen",
        "en": "New and updated solutions",
    },
    # navigation and search box
    "nav.solutions": {"de": "Lösungen", "en": "Solutions"},
    "nav.domains": {"de": "Handlungsfelder", "en": "Domains"},
    "nav.organisations": {"de": "Organisationen", "en": "Organisations"},
    "nav.standards": {"de": "Standards", "en": "Standards"},
    "nav.alternatives": {"de": "Alternativen", "en": "Alternatives"},
    "nav.search": {"de": "Suche im Katalog", "en": "Search the catalogue"},
    "search.q": {"de": "Suchbegriff", "en": "Search terms"},
    "search.submit": {"de": "Suchen", "en": "Search"},
    "search.title": {"de": "Lösungen finden", "en": "Find solutions"},
    "search.results": {"de": "{n} Treffer", "en": "{n} results"},
    "search.results_for": {"de": "{n} Treffer für „{q}“", "en": "{n} results for “{q}”"},
    "search.none": {
        "de": "Keine Lösung passt. Entfernen Sie Filter oder versuchen Sie andere Begriffe.",
        "en": "No solution matches. Remove filters or try other words.",
    },
    "search.filters": {"de": "Filter", "en": "Filters"},
    "search.apply": {"de": "Filter anwenden", "en": "Apply filters"},
    "search.reset": {"de": "Alle Filter entfernen", "en": "Remove all filters"},
    "search.sort": {"de": "Sortieren nach", "en": "Sort by"},
    "search.results_heading": {"de": "Ergebnisse", "en": "Results"},
    "search.active": {"de": "Aktive Filter", "en": "Active filters"},
    "search.remove": {"de": "Filter entfernen: {f}", "en": "Remove filter: {f}"},
    "search.any": {"de": "alle", "en": "any"},
    "sort.relevance": {"de": "Relevanz", "en": "Relevance"},
    "sort.score": {"de": "Bewertung", "en": "Score"},
    "sort.adopters": {"de": "Anzahl Nutzer", "en": "Adopters"},
    "sort.activity": {"de": "Letzte Aktivität", "en": "Recent activity"},
    "sort.name": {"de": "Name", "en": "Name"},
    "page.nav": {"de": "Seiten", "en": "Pages"},
    "page.of": {"de": "Seite {p} von {n}", "en": "Page {p} of {n}"},
    "page.prev": {"de": "Vorherige Seite", "en": "Previous page"},
    "page.next": {"de": "Nächste Seite", "en": "Next page"},
    "facet.domain": {"de": "Handlungsfeld", "en": "Domain"},
    "facet.category": {"de": "Kategorie", "en": "Category"},
    "facet.licence": {"de": "Lizenz", "en": "Licence"},
    "facet.osi": {"de": "OSI-anerkannte Lizenz", "en": "OSI-approved licence"},
    "facet.standard": {"de": "Schnittstellen-Standard", "en": "Interface standard"},
    "facet.status": {"de": "Entwicklungsstand", "en": "Development status"},
    "facet.maintenance": {"de": "Wartung", "en": "Maintenance"},
    "facet.offer": {"de": "Betriebsangebot", "en": "Operating offer"},
    "facet.adopters": {"de": "Bestätigte Nutzer", "en": "Verified adopters"},
    "facet.org_kind": {"de": "Art der Organisation", "en": "Organisation type"},
    "facet.state": {"de": "Bundesland", "en": "State (Bundesland)"},
    "facet.score_band": {"de": "Bewertungsbereich", "en": "Score band"},
    "facet.level": {"de": "Stufe", "en": "Level"},
    "facet.silo": {"de": "Silo-Kennzeichen", "en": "Silo flag"},
    "facet.recent": {"de": "Kürzlich aktiv", "en": "Recently active"},
    "facet.similar": {"de": "Kommunen wie meine", "en": "Towns like mine"},
    "facet.similar_label": {
        "de": "Kommunen wie meine: genutzt von Organisationen ähnlich wie",
        "en": "Towns like mine: used by organisations similar to",
    },
    # cards
    "card.score": {"de": "Bewertung {p} von 100", "en": "Score {p} of 100"},
    "card.adopters": {"de": "{n} bestätigte Nutzer", "en": "{n} verified adopters"},
    "card.by": {"de": "von {name}", "en": "by {name}"},
    # solution page
    "sol.facts": {"de": "Steckbrief", "en": "Key facts"},
    "sol.contents": {"de": "Inhalt dieser Seite", "en": "On this page"},
    "sol.description": {"de": "Beschreibung", "en": "Description"},
    "sol.features": {"de": "Funktionen", "en": "Features"},
    "sol.type": {"de": "Art der Software", "en": "Software type"},
    "sol.dev_status": {"de": "Entwicklungsstand", "en": "Development status"},
    "sol.version": {"de": "Aktuelle Version", "en": "Current version"},
    "sol.platforms": {"de": "Plattformen", "en": "Platforms"},
    "sol.website": {"de": "Website", "en": "Website"},
    "sol.repository": {"de": "Quellcode", "en": "Source code"},
    "sol.documentation": {"de": "Dokumentation", "en": "Documentation"},
    "sol.alternative_to": {"de": "Alternative zu", "en": "Alternative to"},
    "sol.inactive": {
        "de": "Dieser Eintrag ist inaktiv: {reason}",
        "en": "This entry is inactive: {reason}",
    },
    "lic.title": {"de": "Lizenz", "en": "Licence"},
    "lic.declared": {"de": "Erklärte Lizenz", "en": "Declared licence"},
    "lic.detected": {"de": "Im Repository erkannt", "en": "Detected in the repository"},
    "lic.source": {"de": "Quelle: {s}", "en": "source: {s}"},
    "lic.none": {"de": "keine Angabe", "en": "not stated"},
    "lic.disagree": {
        "de": "Achtung: Erklärte und erkannte Lizenz stimmen nicht überein.",
        "en": "Warning: the declared and the detected licence disagree.",
    },
    "lic.agree": {
        "de": "Erklärte und erkannte Lizenz stimmen überein.",
        "en": "The declared and the detected licence agree.",
    },
    "lic.files": {"de": "Widersprüche in Dateien", "en": "Conflicting files"},
    "offers.title": {"de": "Betrieb und Support", "en": "Operating offers"},
    "offers.none": {
        "de": "Kein Betriebs- oder Supportangebot angegeben.",
        "en": "No operating or support offer stated.",
    },
    "offers.kind": {"de": "Angebot", "en": "Offer"},
    "offers.provider": {"de": "Anbieter", "en": "Provider"},
    "offers.region": {"de": "Region", "en": "Region"},
    "offers.until": {"de": "Bis", "en": "Until"},
    "offers.docs": {"de": "Unterlagen", "en": "Documents"},
    "org_model.title": {"de": "Organisationsmodell", "en": "Organisation model"},
    "org_model.maintenance": {"de": "Wartung", "en": "Maintenance"},
    "org_model.governance": {"de": "Steuerung", "en": "Governance"},
    "org_model.contacts": {"de": "Ansprechpersonen", "en": "Contacts"},
    "maintenance.internal": {"de": "durch die Organisation selbst", "en": "in-house"},
    "maintenance.contract": {"de": "per Vertrag", "en": "under contract"},
    "maintenance.community": {"de": "durch die Community", "en": "by the community"},
    "maintenance.none": {"de": "keine Wartung", "en": "not maintained"},
    "contact.contact": {"de": "Kontakt", "en": "Contact"},
    "contact.contractor": {"de": "Auftragnehmer", "en": "Contractor"},
    "contact.maintainer": {"de": "Maintainer", "en": "Maintainer"},
    "if.title": {"de": "Schnittstellen und Standards", "en": "Interfaces and standards"},
    "if.none": {"de": "Keine Schnittstellen angegeben.", "en": "No interfaces stated."},
    "if.interface": {"de": "Schnittstelle", "en": "Interface"},
    "if.role": {"de": "Rolle", "en": "Role"},
    "if.evidence_level": {"de": "Nachweisstufe", "en": "Evidence level"},
    "if.evidence": {"de": "Nachweis", "en": "Evidence"},
    "if.provides": {"de": "bietet an", "en": "provides"},
    "if.consumes": {"de": "nutzt", "en": "consumes"},
    "if.open": {"de": "offener Standard", "en": "open standard"},
    "if.not_open": {"de": "kein offener Standard", "en": "not an open standard"},
    "if.unmatched": {"de": "kein bekannter Standard", "en": "no known standard"},
    "evidence.declared": {"de": "erklärt", "en": "declared"},
    "evidence.detected": {"de": "erkannt", "en": "detected"},
    "evidence.validated": {"de": "validiert", "en": "validated"},
    "deps.title": {"de": "Abhängigkeiten", "en": "Dependencies"},
    "deps.none": {"de": "Keine Abhängigkeiten angegeben.", "en": "No dependencies stated."},
    "deps.name": {"de": "Name", "en": "Name"},
    "deps.kind": {"de": "Art", "en": "Kind"},
    "deps.version": {"de": "Version", "en": "Version"},
    "deps.open": {"de": "offen", "en": "open"},
    "deps.proprietary": {"de": "proprietär", "en": "proprietary"},
    "deps.hardware": {"de": "Hardware", "en": "hardware"},
    "deps.optional": {"de": "optional", "en": "optional"},
    "adopt.title": {"de": "Wer die Lösung einsetzt", "en": "Who uses it"},
    "adopt.verified": {
        "de": "Bestätigt (von der Organisation selbst erklärt)",
        "en": "Verified (declared by the organisation itself)",
    },
    "adopt.claimed": {
        "de": "Behauptet (vom Herausgeber genannt, nicht bestätigt)",
        "en": "Claimed (named by the publisher, not verified)",
    },
    "adopt.none": {"de": "Keine.", "en": "None."},
    "adopt.since": {"de": "seit {d}", "en": "since {d}"},
    "funding.title": {"de": "Förderung", "en": "Funding"},
    "funding.programme": {"de": "Programm", "en": "Programme"},
    "org.reports": {
        "de": "Prüfbericht nach Förderprofil",
        "en": "Report against a funder profile",
    },
    "funding.none": {"de": "Keine Förderung angegeben.", "en": "No funding stated."},
    "rel.title": {"de": "Versionen", "en": "Releases"},
    "rel.none": {"de": "Keine Versionen bekannt.", "en": "No releases known."},
    "rel.version": {"de": "Version", "en": "Version"},
    "rel.date": {"de": "Datum", "en": "Date"},
    "act.title": {"de": "Aktivität", "en": "Activity"},
    "act.none": {"de": "Keine Aktivitätsdaten.", "en": "No activity data."},
    "act.commits": {
        "de": "Commits pro Monat in den letzten 12 Monaten",
        "en": "Commits per month over the last 12 months",
    },
    "act.releases": {
        "de": "Versionen pro Quartal in den letzten drei Jahren",
        "en": "Releases per quarter over the last three years",
    },
    "act.commit_figure": {
        "de": "{n} Commits in den letzten {d} Tagen",
        "en": "{n} commits in the last {d} days",
    },
    "act.release_figure": {
        "de": "{n} Versionen in den letzten {d} Tagen",
        "en": "{n} releases in the last {d} days",
    },
    "score.title": {"de": "Bewertung der Nachnutzbarkeit", "en": "Reuse-readiness score"},
    "score.none": {"de": "Noch nicht bewertet.", "en": "Not scored yet."},
    "score.value": {"de": "{p} von 100", "en": "{p} of 100"},
    "score.points": {"de": "{total} von {max} Punkten", "en": "{total} of {max} points"},
    "score.coverage": {"de": "Abdeckung", "en": "Coverage"},
    "score.level": {"de": "Stufe", "en": "Level"},
    "score.rubric": {"de": "Bewertungsschema", "en": "Rubric"},
    "score.computed": {"de": "Berechnet am", "en": "Computed on"},
    "score.checks": {"de": "Prüfungen im Einzelnen", "en": "Every check"},
    "score.check": {"de": "Prüfung", "en": "Check"},
    "score.status": {"de": "Ergebnis", "en": "Result"},
    "score.check_points": {"de": "Punkte", "en": "Points"},
    "score.observed": {"de": "Beobachtet", "en": "Observed"},
    "score.fix": {"de": "So beheben", "en": "How to fix"},
    "status.pass": {"de": "erfüllt", "en": "pass"},
    "status.partial": {"de": "teilweise", "en": "partial"},
    "status.fail": {"de": "nicht erfüllt", "en": "fail"},
    "status.unknown": {"de": "unbekannt (kein Nachweis)", "en": "unknown (no evidence)"},
    "status.not_applicable": {"de": "nicht anwendbar", "en": "not applicable"},
    "silo.title": {"de": "Silo-Kennzeichen", "en": "Silo flag"},
    "silo.no": {"de": "Kein Silo", "en": "Not a silo"},
    "silo.risk": {"de": "Silo-Risiko", "en": "Silo risk"},
    "silo.silo": {"de": "Silo", "en": "Silo"},
    "silo.reasons": {"de": "Gründe", "en": "Reasons"},
    "silo.clear": {"de": "Was es aufhebt", "en": "What clears it"},
    "fork.title": {"de": "Forks und Varianten", "en": "Forks and variants"},
    "fork.based_on": {"de": "Basiert auf", "en": "Based on"},
    "fork.variants": {"de": "Varianten dieser Lösung", "en": "Variants of this solution"},
    "fork.none": {"de": "Keine bekannt.", "en": "None known."},
    "fork.technical": {"de": "technischer Fork", "en": "technical fork"},
    "fork.variant": {"de": "Variante", "en": "variant"},
    "fork.git-fork": {"de": "Git-Fork", "en": "git fork"},
    "imp.title": {"de": "Import und Herkunft", "en": "Import and provenance"},
    "imp.repository": {"de": "Repository", "en": "Repository"},
    "imp.status": {"de": "Status", "en": "Status"},
    "imp.at": {"de": "Zuletzt importiert", "en": "Last imported"},
    "imp.error": {"de": "Fehler", "en": "Error"},
    "imp.never": {"de": "nie", "en": "never"},
    "imp.log": {"de": "Letzte Einträge im Import-Protokoll", "en": "Latest import log"},
    "imp.log_none": {"de": "Noch keine Importe protokolliert.", "en": "No imports logged yet."},
    "imp.time": {"de": "Zeit", "en": "Time"},
    "imp.action": {"de": "Vorgang", "en": "Action"},
    "imp.message": {"de": "Meldung", "en": "Message"},
    "imp.run": {"de": "Lauf", "en": "Run"},
    "imp.pending": {"de": "ausstehend", "en": "pending"},
    "imp.ok": {"de": "erfolgreich", "en": "succeeded"},
    "imp.invalid": {"de": "ungültig", "en": "invalid"},
    "imp.failed": {"de": "fehlgeschlagen", "en": "failed"},
    "imp.archived": {"de": "archiviert", "en": "archived"},
    "imp.gone": {"de": "beim Hoster gelöscht", "en": "deleted on the host"},
    "pc.title": {"de": "publiccode.yml", "en": "publiccode.yml"},
    "pc.export": {"de": "publiccode.yml dieses Eintrags", "en": "publiccode.yml of this entry"},
    "pc.valid": {"de": "Die gelieferte Datei ist gültig.", "en": "The file received is valid."},
    "pc.invalid": {
        "de": "Die gelieferte Datei hat Fehler:",
        "en": "The file received has errors:",
    },
    "pc.missing": {
        "de": "Der Herausgeber hat keine publiccode.yml geliefert.",
        "en": "The publisher supplied no publiccode.yml.",
    },
    # organisations
    "orgs.title": {"de": "Organisationen", "en": "Organisations"},
    "orgs.intro": {
        "de": "Herausgeber, Nutzer, Betreiber und Fördergeber im Katalog.",
        "en": "Publishers, adopters, operators and funders in the catalogue.",
    },
    "orgs.name": {"de": "Name", "en": "Name"},
    "orgs.kind": {"de": "Art", "en": "Type"},
    "orgs.region": {"de": "Land / Region", "en": "Country / region"},
    "orgs.published": {"de": "Veröffentlicht", "en": "Published"},
    "orgs.adopted": {"de": "Nutzt", "en": "Adopts"},
    "org.verified": {"de": "bestätigte Organisation", "en": "verified organisation"},
    "org.unverified": {"de": "nicht bestätigte Organisation", "en": "unverified organisation"},
    "org.population": {"de": "Einwohner", "en": "Population"},
    "org.published": {"de": "Veröffentlichte Lösungen", "en": "Solutions published"},
    "org.adopts": {"de": "Nutzt, betreibt, fördert", "en": "Uses, operates, funds"},
    "org.operates": {"de": "Bietet Betrieb oder Support an", "en": "Offers operation or support"},
    "org.funds": {"de": "Fördert", "en": "Funds"},
    "org.sources": {"de": "Code-Quellen", "en": "Code sources"},
    "org.source_status": {"de": "Letzter Abruf", "en": "Last crawl"},
    "org.none": {"de": "Keine.", "en": "None."},
    "org.role": {"de": "Rolle", "en": "Role"},
    "org.solution": {"de": "Lösung", "en": "Solution"},
    "org.evidence": {"de": "Nachweis", "en": "Evidence"},
    "org.verified_short": {"de": "bestätigt", "en": "verified"},
    "org.claimed_short": {"de": "behauptet", "en": "claimed"},
    # standards
    "std.title": {
        "de": "Standards und offene Schnittstellen",
        "en": "Standards and open interfaces",
    },
    "std.intro": {
        "de": "Welche Lösungen welchen Standard anbieten oder nutzen.",
        "en": "Which solutions provide or consume each standard.",
    },
    "std.name": {"de": "Standard", "en": "Standard"},
    "std.kind": {"de": "Art", "en": "Kind"},
    "std.steward": {"de": "Herausgeber des Standards", "en": "Steward"},
    "std.openness": {"de": "Offenheit", "en": "Openness"},
    "std.open": {"de": "offen", "en": "open"},
    "std.not_open": {"de": "nicht offen", "en": "not open"},
    "std.royalty_free": {"de": "lizenzgebührenfrei", "en": "royalty-free"},
    "std.not_royalty_free": {"de": "lizenzgebührenpflichtig", "en": "royalty-bearing"},
    "std.provides": {"de": "Anbieter", "en": "Provided by"},
    "std.consumes": {"de": "Nutzer", "en": "Consumed by"},
    "std.version": {"de": "Version", "en": "Version"},
    "std.spec": {"de": "Spezifikation", "en": "Specification"},
    "std.providers": {"de": "Lösungen, die {name} anbieten", "en": "Solutions providing {name}"},
    "std.consumers": {"de": "Lösungen, die {name} nutzen", "en": "Solutions consuming {name}"},
    "std.none": {"de": "Noch keine.", "en": "None yet."},
    # entry points
    "dom.title": {"de": "Nach Handlungsfeld stöbern", "en": "Browse by domain"},
    "dom.count": {"de": "{n} Lösungen", "en": "{n} solutions"},
    "dom.search": {"de": "Mit Filtern durchsuchen", "en": "Search with filters"},
    "alt.title": {"de": "Alternativen zu …", "en": "Alternatives to …"},
    "alt.intro": {
        "de": "Offene Lösungen, die ein benanntes (meist proprietäres) Produkt ersetzen können.",
        "en": "Open solutions that can replace a named (usually proprietary) product.",
    },
    "alt.product": {"de": "Produktname", "en": "Product name"},
    "alt.submit": {"de": "Alternativen zeigen", "en": "Show alternatives"},
    "alt.for": {"de": "Alternativen zu {p}", "en": "Alternatives to {p}"},
    "alt.none": {"de": "Keine Alternative eingetragen.", "en": "No alternative listed."},
    "home.browse": {"de": "Einstiege", "en": "Ways in"},
    # common
    "yes": {"de": "ja", "en": "yes"},
    "no": {"de": "nein", "en": "no"},
    "error.back": {"de": "Zur Startseite", "en": "Go to the home page"},
    "error.not_found_detail": {
        "de": "Diese Seite gibt es nicht (mehr). Vielleicht hilft die Suche.",
        "en": "This page does not exist (any more). The search may help.",
    },
    "error.generic_detail": {
        "de": "Die Anfrage konnte nicht bearbeitet werden.",
        "en": "The request could not be handled.",
    },
}

MESSAGES.update(ACCOUNT_MESSAGES)
MESSAGES.update(PUBLISH_MESSAGES)

LANG_COOKIE = "lang"


def choose_language(request: Request[Any, Any, Any], languages: Sequence[str]) -> str:
    """The language for this request."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked in languages:
        return str(asked)
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in languages:
            return code
    return languages[0]


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)`` for templates; falls back to English, then to the key."""

    def t(key: str, **values: object) -> str:
        entry = MESSAGES.get(key, {})
        text = entry.get(lang) or entry.get("en") or key
        return text.format(**values) if values else text

    return t


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else English, else German, else any."""
    for code in (lang, "en", "de"):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()), "")
