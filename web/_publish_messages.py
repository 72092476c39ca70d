"""German and English texts of the publish and import-status pages (merged into web.i18n)."""

PUBLISH_MESSAGES: dict[str, dict[str, str]] = {
    "nav.publish": {"de": "Veröffentlichen", "en": "Publish"},
    "publish.title": {"de": "Lösung veröffentlichen", "en": "Publish a solution"},
    "publish.intro": {
        "de": "Nennen Sie ein Repository, eine Organisation auf einem Code-Hoster oder eine "
        "publiccode.yml. Die Vorschau zeigt Prüfergebnisse und die voraussichtliche Bewertung; "
        "beim Veröffentlichen läuft der Import im Hintergrund.",
        "en": "Name a repository, an organisation on a code host or a publiccode.yml. The "
        "preview shows the validation findings and the score it would get; publishing runs "
        "the import in the background.",
    },
    "publish.no_organisation": {
        "de": "Ihr Konto gehört zu keiner Organisation. Bitten Sie die Administratoren Ihrer "
        "Organisation, Sie aufzunehmen.",
        "en": "Your account belongs to no organisation. Ask your organisation's admins to add you.",
    },
    "publish.organisation": {"de": "Veröffentlichen für", "en": "Publish for"},
    "publish.source": {
        "de": "Was veröffentlichen? (eines davon)",
        "en": "What to publish (one of)",
    },
    "publish.repository_url": {"de": "Repository-URL", "en": "Repository URL"},
    "publish.repository_hint": {
        "de": "z. B. https://gitlab.opencode.de/stadt/app",
        "en": "e.g. https://gitlab.opencode.de/town/app",
    },
    "publish.organisation_url": {
        "de": "URL einer Organisation oder Gruppe",
        "en": "URL of an organisation or group",
    },
    "publish.organisation_hint": {
        "de": "Alle Repositorys dieser Organisation (GitHub, GitLab, Gitea/Forgejo) werden "
        "importiert, z. B. https://github.com/stadt",
        "en": "Every repository of this organisation (GitHub, GitLab, Gitea/Forgejo) is "
        "imported, e.g. https://github.com/town",
    },
    "publish.publiccode": {"de": "publiccode.yml (Text)", "en": "publiccode.yml (text)"},
    "publish.publiccode_file": {
        "de": "oder publiccode.yml hochladen",
        "en": "or upload a publiccode.yml",
    },
    "publish.preview": {"de": "Vorschau", "en": "Preview"},
    "publish.submit": {"de": "Veröffentlichen", "en": "Publish"},
    "publish.one_source": {
        "de": "Geben Sie genau eine Quelle an: eine Repository-URL, eine Organisations-URL "
        "oder eine publiccode.yml.",
        "en": "Give exactly one source: a repository URL, an organisation URL or a publiccode.yml.",
    },
    "preview.title": {"de": "Vorschau", "en": "Preview"},
    "preview.valid": {
        "de": "Die publiccode.yml ist gültig.",
        "en": "The publiccode.yml is valid.",
    },
    "preview.invalid": {
        "de": "Die publiccode.yml ist ungültig: {errors} Fehler. Veröffentlicht wird sie als "
        "inaktiver Eintrag, bis die Fehler behoben sind.",
        "en": "The publiccode.yml is invalid: {errors} errors. Published, it becomes an "
        "inactive entry until the errors are fixed.",
    },
    "preview.unreadable": {
        "de": "Die Eingabe ist keine lesbare publiccode.yml; es würde nichts gespeichert.",
        "en": "The input is not a readable publiccode.yml; nothing would be stored.",
    },
    "preview.errors": {"de": "Fehler", "en": "Errors"},
    "preview.warnings": {"de": "Hinweise", "en": "Warnings"},
    "preview.key": {"de": "Feld", "en": "Field"},
    "preview.line": {"de": "Zeile", "en": "Line"},
    "preview.message": {"de": "Meldung", "en": "Message"},
    "preview.severity_error": {"de": "Fehler", "en": "Error"},
    "preview.severity_warning": {"de": "Hinweis", "en": "Warning"},
    "preview.score": {"de": "Voraussichtliche Bewertung", "en": "Score it would get"},
    "preview.score_value": {
        "de": "{score} von 100 Punkten (Stufe: {level})",
        "en": "{score} of 100 points (level: {level})",
    },
    "preview.score_note": {
        "de": "Nur aus der publiccode.yml berechnet: Prüfungen, die das Repository brauchen "
        "(Lizenzdateien, Aktivität, Releases), bleiben offen, bis es gelesen wurde.",
        "en": "From the publiccode.yml alone: checks that need the repository (licence "
        "files, activity, releases) stay open until it has been read.",
    },
    "preview.no_level": {"de": "keine", "en": "none"},
    "preview.silo": {
        "de": "Silo-Risiko: {silo}",
        "en": "Silo risk: {silo}",
    },
    "preview.url_ok": {
        "de": "Die Adresse ist gültig. Das {kind} wird beim Veröffentlichen gelesen; "
        "Prüfergebnisse und Bewertung erscheinen danach am Eintrag.",
        "en": "The address is well-formed. The {kind} is read when you publish; validation "
        "findings and the score then appear on the entry.",
    },
    "preview.kind_repository": {"de": "Repository", "en": "repository"},
    "preview.kind_organisation": {"de": "Organisationskonto", "en": "organisation"},
    "preview.known": {
        "de": "Bereits im Katalog als „{name}“; Veröffentlichen aktualisiert den Eintrag.",
        "en": "Already in the catalogue as “{name}”; publishing updates the entry.",
    },
    "import.title": {"de": "Import {id}", "en": "Import {id}"},
    "import.status": {"de": "Status", "en": "Status"},
    "import.status_queued": {"de": "wartet in der Warteschlange", "en": "waiting in the queue"},
    "import.status_running": {"de": "läuft", "en": "running"},
    "import.status_done": {"de": "abgeschlossen", "en": "finished"},
    "import.status_failed": {"de": "fehlgeschlagen", "en": "failed"},
    "import.refreshing": {
        "de": "Diese Seite aktualisiert sich alle {seconds} Sekunden.",
        "en": "This page refreshes every {seconds} seconds.",
    },
    "import.source": {"de": "Quelle", "en": "Source"},
    "import.organisation": {"de": "Organisation", "en": "Organisation"},
    "import.result": {"de": "Ergebnis", "en": "Result"},
    "import.action_created": {"de": "neu angelegt", "en": "created"},
    "import.action_updated": {"de": "aktualisiert", "en": "updated"},
    "import.action_unchanged": {"de": "unverändert", "en": "unchanged"},
    "import.solution": {"de": "Zum Eintrag", "en": "Go to the entry"},
    "import.solutions": {"de": "Importierte Einträge", "en": "Imported entries"},
    "import.reasons": {"de": "Gründe", "en": "Reasons"},
    "import.warnings": {"de": "Hinweise", "en": "Warnings"},
    "import.again": {"de": "Erneut veröffentlichen", "en": "Publish again"},
}
