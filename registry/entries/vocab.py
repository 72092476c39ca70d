"""The catalogue's controlled vocabularies: one place for every enumerated value.

Values are stored as strings (no database CHECK or native enum, see CONTRIBUTING.md) and
validated here. Labels are German and English for pages and exports.
"""

from __future__ import annotations

from typing import Final

from registry.forges import HOST_DRIVERS, PLAIN_GIT

#: Handlungsfelder (fields of municipal action). key -> (de, en)
DOMAINS: Final[dict[str, tuple[str, str]]] = {
    "administration": ("Verwaltung", "Administration"),
    "mobility": ("Mobilität", "Mobility"),
    "energy": ("Energie", "Energy"),
    "health": ("Gesundheit", "Health"),
    "education": ("Bildung", "Education"),
    "environment": ("Umwelt", "Environment"),
    "participation": ("Beteiligung", "Participation"),
    "geodata": ("Geodaten", "Geodata"),
    "security": ("Sicherheit", "Public safety"),
    "tourism": ("Tourismus", "Tourism"),
    "commerce": ("Handel", "Commerce"),
    "housing": ("Wohnen und Bauen", "Housing and building"),
    "social": ("Soziales und Pflege", "Social affairs and care"),
    "infrastructure": ("Infrastruktur", "Infrastructure"),
    "open-data": ("Open Data", "Open data"),
    "other": ("Sonstiges", "Other"),
}

ORGANISATION_KINDS: Final[dict[str, tuple[str, str]]] = {
    "municipality": ("Gemeinde / Stadt", "Municipality"),
    "county": ("Landkreis", "County"),
    "state": ("Land", "State"),
    "federal": ("Bundesbehörde", "Federal body"),
    "association-of-municipalities": ("Zweckverband", "Special-purpose association"),
    "it-provider": ("Kommunaler IT-Dienstleister", "Municipal IT service provider"),
    "company": ("Unternehmen", "Company"),
    "association": ("Verein / Verband", "Association"),
    "community": ("Community", "Community"),
    "other-public-body": ("Sonstige öffentliche Stelle", "Other public body"),
}

#: Host types (registry.forges: the one list of drivers, plus plain git).
SOURCE_DRIVERS: Final = (*HOST_DRIVERS, PLAIN_GIT)
SOFTWARE_TYPE_LABELS: Final[dict[str, tuple[str, str]]] = {
    "standalone/mobile": ("Eigenständige mobile App", "Standalone mobile app"),
    "standalone/iot": ("Eigenständige IoT-Software", "Standalone IoT software"),
    "standalone/desktop": ("Eigenständiges Desktop-Programm", "Standalone desktop program"),
    "standalone/web": ("Eigenständige Webanwendung", "Standalone web application"),
    "standalone/backend": ("Eigenständiger Hintergrunddienst", "Standalone backend service"),
    "standalone/other": ("Eigenständige Software (sonstige)", "Standalone software (other)"),
    "addon": ("Erweiterung (Add-on)", "Add-on"),
    "library": ("Bibliothek", "Library"),
    "configurationFiles": ("Konfigurationsdateien", "Configuration files"),
}
SOFTWARE_TYPES: Final = tuple(SOFTWARE_TYPE_LABELS)
DEVELOPMENT_STATUS_LABELS: Final[dict[str, tuple[str, str]]] = {
    "concept": ("Konzept", "Concept"),
    "development": ("In Entwicklung", "In development"),
    "beta": ("Beta", "Beta"),
    "stable": ("Stabil", "Stable"),
    "obsolete": ("Veraltet", "Obsolete"),
}
DEVELOPMENT_STATUSES: Final = tuple(DEVELOPMENT_STATUS_LABELS)
#: publiccode.yml ``platforms`` values seen in the field; others are shown as written.
PLATFORM_LABELS: Final[dict[str, tuple[str, str]]] = {
    "web": ("Web", "Web"),
    "linux": ("Linux", "Linux"),
    "windows": ("Windows", "Windows"),
    "mac": ("macOS", "macOS"),
    "android": ("Android", "Android"),
    "ios": ("iOS", "iOS"),
}
MAINTENANCE_TYPES: Final = ("internal", "contract", "community", "none")
GOVERNANCE: Final[dict[str, tuple[str, str]]] = {
    "single-owner": ("Einzelne Stelle", "Single owner"),
    "consortium": ("Verbund von Kommunen", "Consortium of municipalities"),
    "foundation": ("Verein / Stiftung", "Association or foundation"),
    "community": ("Community", "Community"),
}
LICENCE_SOURCES: Final = ("declared", "detected", "host")
FORGES: Final = SOURCE_DRIVERS
FORK_KINDS: Final = ("technical", "variant", "git-fork")
IMPORT_STATUSES: Final = ("pending", "ok", "invalid", "failed")
OFFER_KINDS: Final[dict[str, tuple[str, str]]] = {
    "self-hosting": ("Selbstbetrieb", "Self-hosting"),
    "hosted-service": ("Betrieb durch Dienstleister", "Hosted service"),
    "community-support": ("Community-Support", "Community support"),
    "support-contract": ("Supportvertrag", "Support contract"),
}
CONTACT_ROLES: Final = ("contact", "contractor", "maintainer")
DEPENDENCY_KINDS: Final = ("open", "proprietary", "hardware")
INTERFACE_ROLES: Final = ("provides", "consumes")
EVIDENCE_LEVELS: Final = ("declared", "detected", "validated")
ADOPTION_ROLES: Final[dict[str, tuple[str, str]]] = {
    "uses": ("nutzt", "uses"),
    "operates": ("betreibt", "operates"),
    "funds": ("fördert", "funds"),
    "co-develops": ("entwickelt mit", "co-develops"),
}
ACCOUNT_ROLES: Final = ("admin", "member", "funder")
TOKEN_SCOPES: Final = ("read", "publish", "admin")
AUDIT_ACTIONS: Final = ("create", "update", "delete", "restore")
