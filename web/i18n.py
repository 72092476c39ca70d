"""German and English for every page: the language is chosen once per request.

Order: an explicit ``?lang=`` choice, then the ``lang`` cookie (remembered choice), then
the browser's ``Accept-Language``, then the first configured language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from litestar import Request

MESSAGES: dict[str, dict[str, str]] = {
    "site.title": {"de": "Register kommunaler Software", "en": "Registry of municipal software"},
    "site.tagline": {
        "de": "Kommunen veröffentlichen ihre Lösungen, andere finden und übernehmen sie, "
        "Fördergeber prüfen Nachnutzbarkeit.",
        "en": "Municipalities publish their solutions, others find and reuse them, "
        "funders check reuse requirements.",
    },
    "publish.taken": {
        "de": "„{slug}“ wird schon von „{publisher}“ veröffentlicht. Nur deren Mitglieder "
        "dürfen den Eintrag importieren. Soll er zu Ihrer Organisation wechseln, beantragen "
        "Sie eine Übertragung bei den Administratoren beider Organisationen oder der Registry.",
        "en": "“{slug}” is already published by “{publisher}”. Only its members may import "
        "the entry. To move it to your organisation, ask both organisations' admins or a "
        "registry admin for a transfer.",
    },
    "publish.unowned": {
        "de": "„{slug}“ ist schon im Katalog, noch ohne Herausgeber. Übernehmen kann ihn eine "
        "Organisation, deren bestätigte Code-Quelle oder Domain das Repository enthält, oder "
        "ein Registry-Admin.",
        "en": "“{slug}” is already in the catalogue, without a publisher yet. An organisation "
        "whose verified code source or domain holds the repository can take it over, or a "
        "registry admin.",
    },
    # --- publish (issue 17): background preview, import errors, editor, my imports ---
    "preview.job_title": {"de": "Vorschau {id}", "en": "Preview {id}"},
    "preview.status_queued": {"de": "wartet in der Warteschlange", "en": "waiting in the queue"},
    "preview.status_running": {"de": "Repository wird gelesen", "en": "reading the repository"},
    "preview.status_done": {"de": "Vorschau fertig", "en": "preview ready"},
    "preview.status_failed": {"de": "fehlgeschlagen", "en": "failed"},
    "import.step_queued": {"de": "In der Warteschlange", "en": "Queued"},
    "import.step_reading": {"de": "Repository lesen", "en": "Reading the repository"},
    "import.step_store": {"de": "Eintrag speichern und bewerten", "en": "Storing and scoring"},
    "preview.step_judge": {
        "de": "Prüfen und bewerten (nichts wird gespeichert)",
        "en": "Checking and scoring (nothing is stored)",
    },
    "import.next": {"de": "Was Sie tun können", "en": "What to do next"},
    "import.details": {"de": "Technische Meldung", "en": "Technical message"},
    "preview.nothing_stored": {
        "de": "Noch ist nichts gespeichert. Erst „Jetzt veröffentlichen“ legt den Eintrag an.",
        "en": "Nothing is stored yet. Only “Publish now” creates the entry.",
    },
    "preview.would_store": {"de": "Das würde gespeichert", "en": "What would be stored"},
    "preview.name": {"de": "Name", "en": "Name"},
    "preview.url": {"de": "Repository", "en": "Repository"},
    "preview.licence": {"de": "Lizenz", "en": "Licence"},
    "preview.licence_detected": {
        "de": "im Repository erkannt: {licence}",
        "en": "found in the repository: {licence}",
    },
    "preview.development_status": {"de": "Entwicklungsstand", "en": "Development status"},
    "preview.maintenance": {"de": "Wartung", "en": "Maintenance"},
    "preview.publiccode_file": {"de": "publiccode.yml", "en": "publiccode.yml"},
    "preview.publiccode_missing": {
        "de": "keine im Repository gefunden.",
        "en": "none found in the repository.",
    },
    "preview.releases": {"de": "Releases", "en": "Releases"},
    "preview.head": {"de": "Neuester Commit", "en": "Newest commit"},
    "preview.failing": {
        "de": "Nicht erfüllte Prüfungen und wie Sie sie beheben ({n})",
        "en": "Checks not met and how to fix them ({n})",
    },
    "preview.publish_now": {"de": "Jetzt veröffentlichen", "en": "Publish now"},
    "preview.again": {"de": "Neu prüfen", "en": "Check again"},
    "importerror.private": {
        "de": "Die Adresse zeigt in ein internes Netz; die Registry liest nur öffentlich "
        "erreichbare Repositories.",
        "en": "The address points into a private network; the registry reads only publicly "
        "reachable repositories.",
    },
    "importerror.private.next": {
        "de": "Geben Sie die öffentliche Adresse des Repositorys an (wie sie im Browser außerhalb "
        "Ihres Netzes erreichbar ist) oder spiegeln Sie es auf einen öffentlichen Git-"
        "Dienst.",
        "en": "Give the repository's public address (as reached from outside your network) or "
        "mirror it to a public Git host.",
    },
    "importerror.refused_url": {
        "de": "Diese Art Adresse wird nicht gelesen (nur http(s) und git://, ohne Zugangsdaten).",
        "en": "This kind of address is not read (only http(s) and git://, without credentials).",
    },
    "importerror.refused_url.next": {
        "de": "Kopieren Sie die https-Adresse zum Klonen von der Seite des Repositorys.",
        "en": "Copy the https clone address from the repository's page.",
    },
    "importerror.dns": {
        "de": "Den Servernamen in der Adresse gibt es nicht (er ist im DNS unbekannt).",
        "en": "The server name in the address does not exist (DNS does not know it).",
    },
    "importerror.dns.next": {
        "de": "Prüfen Sie die Schreibweise der Adresse; öffnen Sie sie zur Probe im Browser.",
        "en": "Check the address for typos; try opening it in a browser.",
    },
    "importerror.timeout": {
        "de": "Der Server hat nicht rechtzeitig geantwortet; das Lesen wurde abgebrochen.",
        "en": "The server did not answer in time; reading was stopped.",
    },
    "importerror.timeout.next": {
        "de": "Versuchen Sie es später noch einmal. Bleibt es dabei, ist das Repository vielleicht"
        " zu groß oder der Server überlastet.",
        "en": "Try again later. If it keeps happening, the repository may be too large or the "
        "server overloaded.",
    },
    "importerror.too_big": {
        "de": "Das Repository überschreitet die Größengrenzen der Registry.",
        "en": "The repository exceeds the registry's size limits.",
    },
    "importerror.too_big.next": {
        "de": "Veröffentlichen Sie ein schlankeres Repository (ohne große Binärdateien) oder "
        "beschreiben Sie die Lösung mit dem publiccode.yml-Editor.",
        "en": "Publish a leaner repository (without large binaries) or describe the solution with "
        "the publiccode.yml editor.",
    },
    "importerror.auth": {
        "de": "Das Repository ist nicht öffentlich: der Server verlangt eine Anmeldung.",
        "en": "The repository is not public: the server asks for a sign-in.",
    },
    "importerror.auth.next": {
        "de": "Machen Sie das Repository öffentlich lesbar; die Registry liest nur offene "
        "Repositories.",
        "en": "Make the repository publicly readable; the registry reads only open repositories.",
    },
    "importerror.not_found": {
        "de": "Unter dieser Adresse gibt es kein Repository (der Server antwortet „nicht "
        "gefunden“, 404).",
        "en": "There is no repository at this address (the server answers “not found”, 404).",
    },
    "importerror.not_found.next": {
        "de": "Prüfen Sie Besitzer und Namen in der Adresse und ob das Repository öffentlich ist.",
        "en": "Check the owner and name in the address and that the repository is public.",
    },
    "importerror.not_git": {
        "de": "Unter dieser Adresse antwortet kein Git-Repository, sondern z. B. eine Webseite.",
        "en": "What answers at this address is not a Git repository (a web page, for example).",
    },
    "importerror.not_git.next": {
        "de": "Verwenden Sie die Klon-Adresse (oft mit „.git“ am Ende), nicht die Adresse einer "
        "Webseite.",
        "en": "Use the clone address (often ending in “.git”), not a web page's address.",
    },
    "importerror.connection": {
        "de": "Zum Server kam keine Verbindung zustande.",
        "en": "No connection to the server could be made.",
    },
    "importerror.connection.next": {
        "de": "Prüfen Sie, ob der Server erreichbar ist, und versuchen Sie es später erneut.",
        "en": "Check that the server is reachable and try again later.",
    },
    "importerror.taken": {
        "de": "Der Eintrag gehört einer anderen Organisation.",
        "en": "The entry belongs to another organisation.",
    },
    "importerror.taken.next": {
        "de": "Bitten Sie deren Administratoren oder die Registry um eine Übertragung.",
        "en": "Ask its admins or a registry admin for a transfer.",
    },
    "importerror.publiccode": {
        "de": "Die publiccode.yml konnte nicht gelesen werden.",
        "en": "The publiccode.yml could not be read.",
    },
    "importerror.publiccode.next": {
        "de": "Prüfen Sie die Datei mit der Vorschau oder erstellen Sie sie im Editor neu.",
        "en": "Check the file with the preview or make it again in the editor.",
    },
    "importerror.unknown": {"de": "Der Import ist fehlgeschlagen.", "en": "The import failed."},
    "importerror.unknown.next": {
        "de": "Versuchen Sie es erneut; bleibt der Fehler, senden Sie die technische Meldung an "
        "die Betreiber der Registry.",
        "en": "Try again; if it stays, send the technical message to the registry's operators.",
    },
    # publish (issue 17): the publiccode.yml editor
    "publish.editor_link": {
        "de": "Noch keine publiccode.yml? Im Editor erstellen",
        "en": "No publiccode.yml yet? Make one in the editor",
    },
    "editor.title": {"de": "publiccode.yml erstellen", "en": "Make a publiccode.yml"},
    "editor.intro": {
        "de": "Beschreiben Sie Ihre Lösung nach dem Standard publiccode.yml. Die Registry prüft "
        "die Angaben, zeigt die Bewertung und erzeugt die Datei zum Herunterladen (für Ihr "
        "Repository) oder veröffentlicht sie direkt.",
        "en": "Describe your solution following the publiccode.yml standard. The registry checks "
        "what you enter, shows the score and writes the file to download (for your "
        "repository) or publishes it directly.",
    },
    "editor.make_one": {"de": "Im Editor erstellen", "en": "Make one in the editor"},
    "editor.required": {"de": "Pflichtangabe", "en": "required"},
    "editor.choose": {"de": "– bitte wählen –", "en": "– please choose –"},
    "editor.check": {"de": "Prüfen und bewerten", "en": "Check and score"},
    "editor.download": {"de": "publiccode.yml herunterladen", "en": "Download publiccode.yml"},
    "editor.show_text": {"de": "Erzeugte Datei ansehen", "en": "Show the file"},
    "editor.valid_title": {"de": "Die Datei ist gültig", "en": "The file is valid"},
    "editor.section.software": {"de": "Die Software", "en": "The software"},
    "editor.section.description": {
        "de": "Beschreibung ({language})",
        "en": "Description ({language})",
    },
    "editor.section.legal": {"de": "Lizenz und Wartung", "en": "Licence and maintenance"},
    "editor.section.localisation": {
        "de": "Sprachen der Software",
        "en": "Languages of the software",
    },
    "editor.section.finish": {"de": "Abschließen", "en": "Finish"},
    "editor.language.de": {"de": "Deutsch", "en": "German"},
    "editor.language.en": {"de": "Englisch", "en": "English"},
    "editor.field.name": {"de": "Name der Software", "en": "Name of the software"},
    "editor.field.url": {"de": "Repository-URL", "en": "Repository URL"},
    "editor.field.landing_url": {"de": "Webseite der Software", "en": "The software's website"},
    "editor.field.software_version": {"de": "Aktuelle Version", "en": "Current version"},
    "editor.field.development_status": {"de": "Entwicklungsstand", "en": "Development status"},
    "editor.field.software_type": {"de": "Art der Software", "en": "Type of software"},
    "editor.field.platforms": {"de": "Plattformen", "en": "Platforms"},
    "editor.field.categories": {"de": "Kategorien", "en": "Categories"},
    "editor.field.short": {"de": "Kurzbeschreibung", "en": "Short description"},
    "editor.field.long": {"de": "Ausführliche Beschreibung", "en": "Long description"},
    "editor.field.features": {"de": "Funktionen (eine je Zeile)", "en": "Features (one per line)"},
    "editor.field.documentation": {"de": "Dokumentation (URL)", "en": "Documentation (URL)"},
    "editor.field.licence": {"de": "Lizenz (SPDX-Kennung)", "en": "Licence (SPDX identifier)"},
    "editor.field.maintenance_type": {"de": "Wartung", "en": "Maintenance"},
    "editor.field.contact_name": {"de": "Ansprechperson", "en": "Contact person"},
    "editor.field.contact_email": {"de": "E-Mail der Ansprechperson", "en": "Contact's e-mail"},
    "editor.field.contractor_name": {"de": "Beauftragtes Unternehmen", "en": "Contractor"},
    "editor.field.contractor_until": {"de": "Vertrag bis", "en": "Contract until"},
    "editor.field.localisation_ready": {
        "de": "Die Software ist für Übersetzungen vorbereitet",
        "en": "The software is ready for translation",
    },
    "editor.field.available_languages": {"de": "Verfügbare Sprachen", "en": "Available languages"},
    "editor.field.organisation": {"de": "Organisation", "en": "Organisation"},
    "editor.help.name": {
        "de": "Der Name, unter dem die Software bekannt ist (name).",
        "en": "The name the software is known by (name).",
    },
    "editor.help.url": {
        "de": "Die öffentliche Adresse des Quellcode-Repositorys (url), z. B. "
        "https://gitlab.opencode.de/stadt/app.",
        "en": "The public address of the source code repository (url), e.g. "
        "https://gitlab.opencode.de/town/app.",
    },
    "editor.help.landing_url": {
        "de": "Optional: eine Seite, die die Software vorstellt (landingURL).",
        "en": "Optional: a page presenting the software (landingURL).",
    },
    "editor.help.software_version": {
        "de": "Optional: die neueste stabile Version, wie Sie sie nennen (softwareVersion).",
        "en": "Optional: the latest stable version, as you name it (softwareVersion).",
    },
    "editor.help.development_status": {
        "de": "Wie weit die Software ist (developmentStatus): Konzept, in Entwicklung, Beta, "
        "stabil oder veraltet.",
        "en": "How far the software is (developmentStatus): concept, development, beta, stable or "
        "obsolete.",
    },
    "editor.help.software_type": {
        "de": "Eigenständige Anwendung (mit Art), Erweiterung, Bibliothek oder Konfiguration "
        "(softwareType).",
        "en": "A standalone application (with its kind), an add-on, a library or configuration "
        "files (softwareType).",
    },
    "editor.help.platforms": {
        "de": "Worauf die Software läuft; mindestens eine Plattform (platforms).",
        "en": "What the software runs on; at least one platform (platforms).",
    },
    "editor.help.categories": {
        "de": "Optional: Kategorien aus der Liste des Standards (categories); mehrere mit "
        "Strg/Cmd.",
        "en": "Optional: categories from the standard's list (categories); several with Ctrl/Cmd.",
    },
    "editor.help.organisation": {
        "de": "Die Organisation, für die Sie veröffentlichen.",
        "en": "The organisation you publish for.",
    },
    "editor.help.licence": {
        "de": "Die Lizenz des Codes als SPDX-Ausdruck (legal.license), z. B. EUPL-1.2 oder "
        "AGPL-3.0-or-later.",
        "en": "The code's licence as an SPDX expression (legal.license), e.g. EUPL-1.2 or "
        "AGPL-3.0-or-later.",
    },
    "editor.help.maintenance_type": {
        "de": "Wer die Software pflegt (maintenance.type): die eigene Verwaltung (intern), ein "
        "beauftragtes Unternehmen (Vertrag), eine Community, oder niemand.",
        "en": "Who maintains the software (maintenance.type): your own administration (internal), "
        "a contractor (contract), a community, or nobody.",
    },
    "editor.help.contact_name": {
        "de": "Eine echte Person, die Fragen beantwortet (maintenance.contacts); Pflicht bei "
        "interner oder Community-Wartung.",
        "en": "A real person who answers questions (maintenance.contacts); required for internal "
        "or community maintenance.",
    },
    "editor.help.contact_email": {
        "de": "Optional: ihre E-Mail-Adresse. Sie steht in der Datei und ist damit öffentlich.",
        "en": "Optional: their e-mail address. It is written into the file and so becomes public.",
    },
    "editor.help.contractor_name": {
        "de": "Nur bei Wartung per Vertrag: das Unternehmen (maintenance.contractors).",
        "en": "Only for contract maintenance: the company (maintenance.contractors).",
    },
    "editor.help.contractor_until": {
        "de": "Nur bei Wartung per Vertrag: bis wann der Vertrag läuft (JJJJ-MM-TT).",
        "en": "Only for contract maintenance: when the contract ends (YYYY-MM-DD).",
    },
    "editor.help.localisation_ready": {
        "de": "Ob sich die Oberfläche übersetzen lässt (localisation.localisationReady).",
        "en": "Whether the interface can be translated (localisation.localisationReady).",
    },
    "editor.help.available_languages": {
        "de": "Sprachen der Oberfläche als Kürzel, durch Kommas getrennt "
        "(localisation.availableLanguages), z. B. de, en.",
        "en": "Languages of the interface as codes, separated by commas "
        "(localisation.availableLanguages), e.g. de, en.",
    },
    "editor.opt.concept": {"de": "Konzept", "en": "concept"},
    "editor.opt.development": {"de": "in Entwicklung", "en": "in development"},
    "editor.opt.beta": {"de": "Beta", "en": "beta"},
    "editor.opt.stable": {"de": "stabil", "en": "stable"},
    "editor.opt.obsolete": {"de": "veraltet", "en": "obsolete"},
    "editor.opt.standalone/mobile": {"de": "Anwendung: Mobilgerät", "en": "application: mobile"},
    "editor.opt.standalone/iot": {"de": "Anwendung: Internet der Dinge", "en": "application: IoT"},
    "editor.opt.standalone/desktop": {"de": "Anwendung: Desktop", "en": "application: desktop"},
    "editor.opt.standalone/web": {"de": "Anwendung: Web", "en": "application: web"},
    "editor.opt.standalone/backend": {
        "de": "Anwendung: Backend/Dienst",
        "en": "application: backend",
    },
    "editor.opt.standalone/other": {"de": "Anwendung: sonstige", "en": "application: other"},
    "editor.opt.addon": {"de": "Erweiterung (Add-on)", "en": "add-on"},
    "editor.opt.library": {"de": "Bibliothek", "en": "library"},
    "editor.opt.configurationFiles": {"de": "Konfigurationsdateien", "en": "configuration files"},
    "editor.opt.internal": {"de": "intern (eigene Verwaltung)", "en": "internal"},
    "editor.opt.contract": {"de": "per Vertrag", "en": "by contract"},
    "editor.opt.community": {"de": "durch eine Community", "en": "by a community"},
    "editor.opt.none": {"de": "keine Wartung", "en": "not maintained"},
    "editor.err.required": {"de": "Bitte ausfüllen.", "en": "Please fill this in."},
    "editor.err.choose_one": {
        "de": "Bitte mindestens eine auswählen.",
        "en": "Please choose at least one.",
    },
    "editor.err.url": {
        "de": "Bitte eine vollständige Adresse mit http:// oder https:// angeben.",
        "en": "Please give a full address starting with http:// or https://.",
    },
    "editor.err.unknown": {
        "de": "„{value}“ ist im Standard nicht vorgesehen.",
        "en": "“{value}” is not one of the standard's values.",
    },
    "editor.err.contact_needed": {
        "de": "Bei interner oder Community-Wartung verlangt der Standard eine Ansprechperson.",
        "en": "For internal or community maintenance the standard requires a contact person.",
    },
    "editor.err.contractor_needed": {
        "de": "Bei Wartung per Vertrag bitte das Unternehmen nennen.",
        "en": "For contract maintenance please name the contractor.",
    },
    "editor.err.date": {
        "de": "Bitte ein Datum (JJJJ-MM-TT) angeben.",
        "en": "Please give a date (YYYY-MM-DD).",
    },
    "editor.err.email": {
        "de": "Das ist keine gültige E-Mail-Adresse.",
        "en": "That is not a valid e-mail address.",
    },
    "editor.err.one_language": {
        "de": "Bitte die Software in mindestens einer Sprache beschreiben.",
        "en": "Please describe the software in at least one language.",
    },
    "editor.err.too_long": {
        "de": "Höchstens {max} Zeichen (jetzt {n}).",
        "en": "At most {max} characters (now {n}).",
    },
    "editor.err.long_length": {
        "de": "Zwischen {min} und {max} Zeichen (jetzt {n}).",
        "en": "Between {min} and {max} characters (now {n}).",
    },
    "editor.err.features": {
        "de": "Bitte mindestens eine Funktion nennen.",
        "en": "Please name at least one feature.",
    },
    "editor.err.language": {
        "de": "„{value}“ ist kein Sprachkürzel (z. B. de, en, fr).",
        "en": "“{value}” is not a language code (e.g. de, en, fr).",
    },
    "editor.err.standard": {
        "de": "Der Prüfer des Standards lehnt diesen Wert ab.",
        "en": "The standard's validator refuses this value.",
    },
    "editor.err.organisation": {
        "de": "Bitte eine Organisation wählen, in der Sie Mitglied sind.",
        "en": "Please choose an organisation you are a member of.",
    },
    "editor.field.de_short": {
        "de": "Kurzbeschreibung (Deutsch)",
        "en": "Short description (German)",
    },
    "editor.help.de_short": {
        "de": "Ein Satz, höchstens 150 Zeichen (description.de.shortDescription).",
        "en": "One sentence, at most 150 characters (description.de.shortDescription).",
    },
    "editor.field.de_long": {
        "de": "Ausführliche Beschreibung (Deutsch)",
        "en": "Long description (German)",
    },
    "editor.help.de_long": {
        "de": "150 bis 10.000 Zeichen: was die Software tut und für wen "
        "(description.de.longDescription); einfaches Markdown erlaubt.",
        "en": "150 to 10,000 characters: what the software does and for whom "
        "(description.de.longDescription); basic Markdown is allowed.",
    },
    "editor.field.de_features": {"de": "Funktionen (Deutsch)", "en": "Features (German)"},
    "editor.help.de_features": {
        "de": "Die wichtigsten Funktionen, eine je Zeile (description.de.features).",
        "en": "The main features, one per line (description.de.features).",
    },
    "editor.field.de_documentation": {
        "de": "Dokumentation (Deutsch)",
        "en": "Documentation (German)",
    },
    "editor.help.de_documentation": {
        "de": "Optional: wo die Dokumentation für Nutzende steht (description.de.documentation).",
        "en": "Optional: where the user documentation is (description.de.documentation).",
    },
    "editor.field.en_short": {
        "de": "Kurzbeschreibung (Englisch)",
        "en": "Short description (English)",
    },
    "editor.help.en_short": {
        "de": "Ein Satz, höchstens 150 Zeichen (description.en.shortDescription).",
        "en": "One sentence, at most 150 characters (description.en.shortDescription).",
    },
    "editor.field.en_long": {
        "de": "Ausführliche Beschreibung (Englisch)",
        "en": "Long description (English)",
    },
    "editor.help.en_long": {
        "de": "150 bis 10.000 Zeichen: was die Software tut und für wen "
        "(description.en.longDescription); einfaches Markdown erlaubt.",
        "en": "150 to 10,000 characters: what the software does and for whom "
        "(description.en.longDescription); basic Markdown is allowed.",
    },
    "editor.field.en_features": {"de": "Funktionen (Englisch)", "en": "Features (English)"},
    "editor.help.en_features": {
        "de": "Die wichtigsten Funktionen, eine je Zeile (description.en.features).",
        "en": "The main features, one per line (description.en.features).",
    },
    "editor.field.en_documentation": {
        "de": "Dokumentation (Englisch)",
        "en": "Documentation (English)",
    },
    "editor.help.en_documentation": {
        "de": "Optional: wo die Dokumentation für Nutzende steht (description.en.documentation).",
        "en": "Optional: where the user documentation is (description.en.documentation).",
    },
    # publish (issue 17): my solutions and imports (account page)
    "mine.title": {"de": "Meine Lösungen und Importe", "en": "My solutions and imports"},
    "mine.solutions": {"de": "Lösungen meiner Organisationen", "en": "My organisations' solutions"},
    "mine.solution": {"de": "Lösung", "en": "Solution"},
    "mine.score": {"de": "Bewertung", "en": "Score"},
    "mine.percent": {"de": "{score} von 100", "en": "{score} of 100"},
    "mine.not_scored": {"de": "Noch nicht bewertet", "en": "Not scored yet"},
    "mine.state": {"de": "Zustand", "en": "State"},
    "mine.active": {"de": "sichtbar", "en": "visible"},
    "mine.inactive": {
        "de": "inaktiv (ungültige publiccode.yml)",
        "en": "inactive (invalid publiccode.yml)",
    },
    "mine.no_solutions": {
        "de": "Ihre Organisationen veröffentlichen noch keine Lösung.",
        "en": "Your organisations publish no solution yet.",
    },
    "mine.imports": {"de": "Meine Importe", "en": "My imports"},
    "mine.import": {"de": "Import", "en": "Import"},
    "mine.when": {"de": "Angefordert", "en": "Requested"},
    "mine.kind_repository": {"de": "Repository", "en": "Repository"},
    "mine.kind_organisation": {"de": "Organisationskonto", "en": "Organisation account"},
    "mine.kind_publiccode": {"de": "publiccode.yml", "en": "publiccode.yml"},
    "mine.kind_preview": {"de": "Vorschau", "en": "Preview"},
    "mine.no_imports": {
        "de": "Sie haben noch nichts importiert.",
        "en": "You have imported nothing yet.",
    },
    # --- end publish (issue 17) ---
    "nav.skip": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "nav.home": {"de": "Start", "en": "Home"},
    "nav.main": {"de": "Hauptnavigation", "en": "Main navigation"},
    "nav.language": {"de": "Sprache", "en": "Language"},
    "home.catalogue": {"de": "Katalog", "en": "Catalogue"},
    "home.count": {
        "de": "{n} Lösungen",
        "en": "{n} solutions",
        "de_one": "1 Lösung",
        "en_one": "1 solution",
    },
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
    "search.results": {"de": "{n} Treffer", "en": "{n} results", "en_one": "1 result"},
    "search.results_for": {
        "de": "{n} Treffer für „{q}“",
        "en": "{n} results for “{q}”",
        "en_one": "1 result for “{q}”",
    },
    "search.none": {
        "de": "Keine Lösung passt. Entfernen Sie Filter oder versuchen Sie andere Begriffe.",
        "en": "No solution matches. Remove filters or try other words.",
    },
    "search.relaxed": {
        "de": "Keine Lösung enthält alle Suchbegriffe. Gezeigt werden Lösungen, die einige "
        "davon enthalten, die besten zuerst.",
        "en": "No solution contains all of your search terms. Shown are solutions that "
        "contain some of them, best first.",
    },
    "search.did_you_mean": {"de": "Meinten Sie:", "en": "Did you mean:"},
    "search.browse_domains": {
        "de": "Oder stöbern Sie nach Handlungsfeld:",
        "en": "Or browse by field of action:",
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
    "card.adopters": {
        "de": "{n} bestätigte Nutzer",
        "en": "{n} verified adopters",
        "de_one": "1 bestätigter Nutzer",
        "en_one": "1 verified adopter",
    },
    "card.by": {"de": "von {name}", "en": "by {name}"},
    # solution page
    "sol.facts": {"de": "Steckbrief", "en": "Key facts"},
    "sol.contents": {"de": "Inhalt dieser Seite", "en": "On this page"},
    "sol.description": {"de": "Beschreibung", "en": "Description"},
    "sol.features": {"de": "Funktionen", "en": "Features"},
    "sol.type": {"de": "Art der Software", "en": "Software type"},
    "sol.dev_status": {"de": "Entwicklungsstand", "en": "Development status"},
    "sol.version": {"de": "Aktuelle Version", "en": "Current version"},
    "ver.tag": {"de": "Release-Tag {tag} vom {d}", "en": "release tag {tag} of {d}"},
    "ver.disagree": {
        "de": "Abweichung: publiccode.yml nennt softwareVersion {declared}, der neueste "
        "Release-Tag im Standard-Branch ist {tag}.",
        "en": "Mismatch: publiccode.yml states softwareVersion {declared}; the newest release "
        "tag on the default branch is {tag}.",
    },
    "ver.other_tags": {"de": "Weitere Tags (keine Versionen)", "en": "Other tags (not releases)"},
    "sol.platforms": {"de": "Plattformen", "en": "Platforms"},
    "sol.website": {"de": "Website", "en": "Website"},
    "sol.repository": {"de": "Quellcode", "en": "Source code"},
    "sol.documentation": {"de": "Dokumentation", "en": "Documentation"},
    "sol.alternative_to": {"de": "Alternative zu", "en": "Alternative to"},
    "sol.inactive": {
        "de": "Dieser Eintrag ist inaktiv: {reason}",
        "en": "This entry is inactive: {reason}",
    },
    # -- licence (issue 20.3/20.4): where the licence is stated, each conflict with both paths
    "lic.title": {"de": "Lizenz", "en": "Licence"},
    "lic.declared": {"de": "Lizenz", "en": "Licence"},
    "lic.detected": {"de": "Lizenztexte im Repository", "en": "Licence texts in the repository"},
    "lic.source.declared": {"de": "vom Projekt erklärt", "en": "declared by the project"},
    "lic.source.detected": {"de": "aus den Lizenztexten", "en": "from the licence texts"},
    "lic.source.host": {"de": "laut Code-Hoster", "en": "as the code host reports"},
    "lic.stated_in.declared": {"de": "erklärt in", "en": "declared in"},
    "lic.stated_in.detected": {"de": "Lizenztexte:", "en": "licence texts:"},
    "lic.stated_in.host": {"de": "laut", "en": "reported by"},
    "lic.none": {"de": "keine Angabe", "en": "not stated"},
    "lic.no_text": {"de": "keine Lizenzdatei gefunden", "en": "no licence file found"},
    "lic.disagree": {
        "de": "Achtung: Erklärte und erkannte Lizenz stimmen nicht überein.",
        "en": "Warning: the declared and the detected licence disagree.",
    },
    "lic.agree": {
        "de": "Erklärte und erkannte Lizenz stimmen überein.",
        "en": "The declared and the detected licence agree.",
    },
    "lic.files": {"de": "Widersprüche zwischen Dateien", "en": "Conflicting statements"},
    "lic.conflict": {
        "de": "{a} nennt {x}, {b} dagegen {y}",
        "en": "{a} states {x}, but {b} has {y}",
    },
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
        "de": "Commits pro Monat in den 12 Monaten vor dem letzten Commit",
        "en": "Commits per month in the 12 months before the last commit",
    },
    "act.releases": {
        "de": "Versionen pro Quartal in den letzten drei Jahren",
        "en": "Releases per quarter over the last three years",
    },
    "act.commit_figure": {
        "de": "{n} Commits von {a} Personen in den 12 Monaten vor dem letzten Commit ({d})",
        "en": "{n} commits by {a} authors in the 12 months before the last commit ({d})",
    },
    "act.last_commit": {"de": "Letzter Commit", "en": "Last commit"},
    "act.total": {
        "de": "{n} Commits insgesamt",
        "en": "{n} commits in all",
        "de_one": "1 Commit insgesamt",
        "en_one": "1 commit in all",
    },
    "act.quiet": {
        "de": "Ruhig: kein Commit in den letzten 12 Monaten (letzter Commit am {d}).",
        "en": "Quiet: no commit in the last 12 months (last commit on {d}).",
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
    "score.checks_summary": {
        "de_one": "{n} Prüfung im Einzelnen, mit Belegen und Abhilfe",
        "de": "Alle {n} Prüfungen im Einzelnen, mit Belegen und Abhilfe",
        "en_one": "{n} check in detail, with evidence and fixes",
        "en": "All {n} checks in detail, with evidence and fixes",
    },
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
    "silo.no_signs": {
        "de": "Kein Silo, {n} Warnzeichen",
        "en": "Not a silo, {n} warning signs",
        "en_one": "Not a silo, 1 warning sign",
    },
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
    # „Meine Organisation“, official domains and verification (helper orgs)
    "nav.my_organisation": {"de": "Meine Organisation", "en": "My organisation"},
    "myorg.title": {"de": "Meine Organisation", "en": "My organisation"},
    "myorg.none": {
        "de": "Sie gehören noch keiner Organisation an. Ein Konto mit Organisation legen Sie "
        "über „Konto anlegen“ an; die Administration einer Organisation kann Sie aufnehmen.",
        "en": "You do not belong to an organisation yet. Sign up with an organisation, or ask "
        "an organisation's admins to add you.",
    },
    "myorg.state": {"de": "Status", "en": "State"},
    "myorg.public_page": {"de": "Öffentliche Seite", "en": "Public page"},
    "myorg.verification": {"de": "Bestätigung", "en": "Verification"},
    "myorg.verification_intro": {
        "de": "Eine Organisation gilt als bestätigt, wenn ein Mitglied mit einer Adresse an "
        "einer ihrer offiziellen Domains einen Bestätigungslink erhält und ihm folgt, oder "
        "wenn die Registry-Administration sie bestätigt.",
        "en": "An organisation is verified when a member with an address at one of its "
        "official domains receives a confirmation link and follows it, or when a registry "
        "admin verifies it.",
    },
    "myorg.domains": {"de": "Offizielle Domains", "en": "Official domains"},
    "myorg.domains_hint": {
        "de": "Eine Domain je Zeile, z. B. stadt-beispiel.de (keine Freemail-Anbieter).",
        "en": "One domain a line, e.g. stadt-beispiel.de (no free-mail providers).",
    },
    "myorg.domains_save": {"de": "Domains speichern", "en": "Save domains"},
    "myorg.no_domains": {
        "de": "Noch keine offiziellen Domains angegeben.",
        "en": "No official domains stated yet.",
    },
    "myorg.domain_proved": {"de": "bestätigt", "en": "proved"},
    "myorg.domain_stated": {"de": "angegeben, nicht bestätigt", "en": "stated, not proved"},
    "myorg.send_link": {
        "de": "Bestätigungslink an {email} senden",
        "en": "Send a confirmation link to {email}",
    },
    "myorg.no_mail": {
        "de": "Das Register hat keinen Mailserver eingerichtet; die Registry-Administration "
        "bestätigt die Organisation.",
        "en": "The registry has no mail server set up; a registry admin verifies the organisation.",
    },
    "myorg.not_at_domain": {
        "de": "Ihre Adresse {email} liegt auf keiner der offiziellen Domains; ein Mitglied mit "
        "einer solchen Adresse kann die Organisation bestätigen.",
        "en": "Your address {email} is at none of the official domains; a member with such an "
        "address can verify the organisation.",
    },
    "myorg.admin_verify": {"de": "Als Registry-Admin bestätigen", "en": "Verify as registry admin"},
    "myorg.done_domains": {"de": "Die Domains sind gespeichert.", "en": "The domains are saved."},
    "myorg.done_sent": {
        "de": "Der Bestätigungslink ist an {email} unterwegs; er gilt drei Tage.",
        "en": "The confirmation link is on its way to {email}; it works for three days.",
    },
    "myorg.done_verified": {
        "de": "Die Organisation ist bestätigt.",
        "en": "The organisation is verified.",
    },
    "myorg.no_requests": {"de": "Keine offenen Anfragen.", "en": "No open requests."},
    "myorg.members": {"de": "Mitglieder", "en": "Members"},
    "myorg.member_name": {"de": "Name", "en": "Name"},
    "myorg.member_admin": {"de": "Administration", "en": "Admin"},
    "myorg.admin_yes": {"de": "ja", "en": "yes"},
    "myorg.claims": {
        "de": "Nutzungsangaben, die auf Ihre Bestätigung warten",
        "en": "Adoption claims waiting for your confirmation",
    },
    "myorg.no_claims": {"de": "Keine.", "en": "None."},
    "myorg.verified_title": {"de": "Organisation bestätigen", "en": "Verify the organisation"},
    "edit.domains": {"de": "Handlungsfeld", "en": "Domain"},
    "edit.domains_hint": {
        "de": "Worum es geht: ein oder mehrere Handlungsfelder. Ohne Auswahl gilt, was der "
        "Import angibt.",
        "en": "What it is about: one or more domains. With none chosen, the import's domains "
        "stand.",
    },
    "edit.until": {"de": "Angeboten bis", "en": "Offered until"},
    "edit.uncatalogued": {
        "de": "Nicht im Katalog: Standard",
        "en": "Not in the catalogue: standard",
    },
    "edit.standard_hint": {
        "de": "Wählen Sie einen Standard aus dem Katalog. Steht er nicht darin, kreuzen Sie "
        "„Nicht im Katalog“ an.",
        "en": "Choose a standard from the catalogue. If it is not there, tick “Not in the "
        "catalogue”.",
    },
    "edit.unknown_standard": {
        "de": "„{name}“ steht nicht im Standardkatalog. Wählen Sie einen Standard aus dem "
        "Katalog oder kreuzen Sie „Nicht im Katalog“ an.",
        "en": "“{name}” is not in the standards catalogue. Choose one from the catalogue or "
        "tick “Not in the catalogue”.",
    },
    "edit.new_org": {
        "de": "Nicht gefunden? Neue Organisation anlegen",
        "en": "Not found? Add a new organisation",
    },
    "edit.new_org_hint": {
        "de": "Prüfen Sie zuerst die Suchergebnisse oben. Eine neue Organisation ist nicht "
        "bestätigt, bis sie sich über ihre Domain oder die Registry-Administration bestätigt.",
        "en": "Check the search results above first. A new organisation stays unverified until "
        "it verifies through its domain or a registry admin.",
    },
    "edit.new_org_create": {"de": "Organisation anlegen", "en": "Add organisation"},
    "edit.org_created": {
        "de": "Die Organisation ist angelegt (nicht bestätigt). Tragen Sie sie unten mit dem "
        "Kürzel {slug} ein.",
        "en": "The organisation is added (unverified). Enter it below by its slug {slug}.",
    },
    "edit.pick_existing": {"de": "{slug} wählen", "en": "Choose {slug}"},
    "saved.updated": {
        "de": "Ihre Änderungen sind gespeichert.",
        "en": "Your changes are saved.",
    },
    "saved.unchanged": {
        "de": "Gespeichert – es hat sich nichts geändert.",
        "en": "Saved – nothing changed.",
    },
    "saved.adoption": {
        "de": "Ihre Erklärung zur Nachnutzung ist gespeichert.",
        "en": "Your adoption declaration is saved.",
    },
    "adopt.version": {"de": "Version im Einsatz", "en": "Version in use"},
    "adopt.contact": {"de": "Ansprechperson", "en": "Contact person"},
    "adopt.ask": {"de": "{org} fragen", "en": "Ask {org}"},
    "declare.contact_hint": {
        "de": "Name, Adresse oder Kontaktseite, wie es auf der Seite stehen soll. Leer lassen, "
        "wenn niemand genannt werden soll.",
        "en": "Name, address or contact page, as it should read on the page. Leave it empty "
        "if nobody is to be named.",
    },
    "declare.contact_consent": {
        "de": "Die genannte Person ist einverstanden, öffentlich als Kontakt zu erscheinen.",
        "en": "The person named agrees to be shown publicly as the contact.",
    },
    "myorg.verified_done": {
        "de": "„{name}“ ist jetzt eine bestätigte Organisation.",
        "en": "“{name}” is now a verified organisation.",
    },
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
    "dom.count": {
        "de": "{n} Lösungen",
        "en": "{n} solutions",
        "de_one": "1 Lösung",
        "en_one": "1 solution",
    },
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
    # the sign-in, account, history, edit, adopt and report pages
    "nav.login": {"de": "Anmelden", "en": "Sign in"},
    "nav.logout": {"de": "Abmelden", "en": "Sign out"},
    "nav.account": {"de": "Mein Konto", "en": "My account"},
    "login.title": {"de": "Anmelden", "en": "Sign in"},
    "login.no_account": {
        "de": "Noch kein Konto? Kommunen, IT-Dienstleister und Fördergeber registrieren sich "
        "selbst.",
        "en": "No account yet? Municipalities, IT providers and funders sign up themselves.",
    },
    "signup.title": {"de": "Konto anlegen", "en": "Sign up"},
    "signup.intro": {
        "de": "Mit einem Konto veröffentlichen Sie die Lösungen Ihrer Organisation und pflegen "
        "deren Einträge. Zum Suchen und Lesen brauchen Sie keines.",
        "en": "With an account you publish your organisation's solutions and keep their "
        "entries right. Searching and reading need none.",
    },
    "signup.find": {"de": "Ihre Organisation finden", "en": "Find your organisation"},
    "signup.find_label": {"de": "Name oder amtlicher Schlüssel", "en": "Name or official key"},
    "signup.find_help": {
        "de": "Zum Beispiel „Musterstadt“ oder der Gemeindeschlüssel (AGS, 8 Ziffern) bzw. "
        "Regionalschlüssel (ARS, 12 Ziffern).",
        "en": "For example “Musterstadt”, or the municipality key (AGS, 8 digits) or "
        "regional key (ARS, 12 digits).",
    },
    "signup.find_submit": {"de": "Suchen", "en": "Search"},
    "signup.organisation": {"de": "Organisation", "en": "Organisation"},
    "signup.none_found": {
        "de": "Keine Organisation zu „{q}“ gefunden. Registrieren Sie sie unten neu.",
        "en": "No organisation found for “{q}”. Register it below.",
    },
    "signup.join": {"de": "Beitreten: {name}", "en": "Join: {name}"},
    "signup.key": {"de": "Schlüssel", "en": "key"},
    "signup.register": {
        "de": "Neue Organisation registrieren (startet als nicht bestätigt)",
        "en": "Register a new organisation (starts unverified)",
    },
    "signup.org_name": {"de": "Name der Organisation", "en": "Organisation name"},
    "signup.org_kind": {"de": "Art", "en": "Kind"},
    "signup.org_identifier": {
        "de": "Amtlicher Schlüssel (AGS/ARS) oder URI, falls vorhanden",
        "en": "Official key (AGS/ARS) or URI, if any",
    },
    "signup.org_identifier_help": {
        "de": "Damit finden andere Ihre Organisation eindeutig.",
        "en": "It lets others find your organisation without doubt.",
    },
    "signup.org_website": {"de": "Website", "en": "Website"},
    "signup.person": {"de": "Ihre Angaben", "en": "About you"},
    "signup.name": {"de": "Name (freiwillig)", "en": "Name (optional)"},
    "signup.password_help": {
        "de": "Mindestens 12 Zeichen; ein Satz ist leichter zu merken.",
        "en": "At least 12 characters; a sentence is easier to remember.",
    },
    "signup.submit": {"de": "Konto anlegen", "en": "Sign up"},
    "signup.have_account": {"de": "Schon ein Konto? Anmelden", "en": "Have an account? Sign in"},
    "signup.sent_title": {"de": "Fast geschafft", "en": "Almost done"},
    "signup.mailed": {
        "de": "Wir haben einen Bestätigungslink an {email} geschickt. Er gilt drei Tage.",
        "en": "We sent a confirmation link to {email}. It works for three days.",
    },
    "signup.no_mail": {
        "de": "Diese Registry verschickt keine E-Mails (kein Mailserver eingerichtet). Ein "
        "Registry-Admin bestätigt das Konto {email} („registry account confirm“); danach "
        "können Sie sich anmelden.",
        "en": "This registry sends no mail (no mail server configured). A registry admin "
        "confirms the account {email} (“registry account confirm”); then you can sign in.",
    },
    "signup.pending": {
        "de": "Ihre Anfrage, „{name}“ beizutreten, wartet auf deren Admins.",
        "en": "Your request to join “{name}” waits for its admins.",
    },
    "signup.registered": {
        "de": "„{name}“ ist registriert (noch nicht bestätigt); Sie sind ihr Admin.",
        "en": "“{name}” is registered (not verified yet); you are its admin.",
    },
    "signup.confirmed_title": {"de": "Adresse bestätigt", "en": "Address confirmed"},
    "signup.confirmed": {
        "de": "Das Konto {email} ist aktiv. Sie können sich jetzt anmelden.",
        "en": "The account {email} is active. You can sign in now.",
    },
    "account.requests": {"de": "Beitrittsanfragen", "en": "Join requests"},
    "account.request_line": {
        "de": "{email} möchte „{name}“ beitreten",
        "en": "{email} asks to join “{name}”",
    },
    "account.approve": {"de": "Aufnehmen", "en": "Approve"},
    "account.refuse": {"de": "Ablehnen", "en": "Refuse"},
    "nav.signup": {"de": "Konto anlegen", "en": "Sign up"},
    "nav.reports": {"de": "Förderberichte", "en": "Funding reports"},
    "login.email": {"de": "E-Mail-Adresse", "en": "E-mail address"},
    "login.password": {"de": "Passwort", "en": "Password"},
    "login.submit": {"de": "Anmelden", "en": "Sign in"},
    "login.failed": {
        "de": "E-Mail-Adresse oder Passwort falsch.",
        "en": "Wrong e-mail address or password.",
    },
    "login.throttled": {
        "de": "Zu viele Fehlversuche. Bitte in {wait} Sekunden erneut versuchen.",
        "en": "Too many failed attempts. Please try again in {wait} seconds.",
    },
    "login.sso": {"de": "Anmelden mit {label}", "en": "Sign in with {label}"},
    "login.readers": {
        "de": "Zum Suchen und Lesen ist keine Anmeldung nötig.",
        "en": "No account is needed to search and read.",
    },
    # demo mode (registry serve --demo): the three demo sign-ins on the login page
    "demo.signins.title": {"de": "Demo-Zugänge", "en": "Demo sign-ins"},
    "demo.signins.intro": {
        "de": "Diese Registry läuft im Demo-Modus. "
        "Mit diesen Zugängen lässt sich jede Rolle ausprobieren:",
        "en": "This registry runs in demo mode. Try each role with these sign-ins:",
    },
    "demo.signin.town": {"de": "Stadt (Mitglied, München)", "en": "Town (member, Munich)"},
    "demo.signin.provider": {"de": "IT-Dienstleister (Maykin)", "en": "IT provider (Maykin)"},
    "demo.signin.funder": {"de": "Fördergeber", "en": "Funder"},
    "demo.signin.password": {"de": "Passwort", "en": "Password"},
    "demo.signin.submit": {"de": "Anmelden als {who}", "en": "Sign in as {who}"},
    "account.title": {"de": "Mein Konto", "en": "My account"},
    "account.role": {"de": "Rolle", "en": "Role"},
    "account.organisations": {"de": "Organisationen", "en": "Organisations"},
    "account.none": {"de": "keine", "en": "none"},
    "account.tokens": {"de": "API-Tokens", "en": "API tokens"},
    "account.token_prefix": {"de": "Kennung", "en": "Prefix"},
    "account.token_scope": {"de": "Geltungsbereich", "en": "Scope"},
    "account.token_name": {"de": "Zweck", "en": "Purpose"},
    "account.token_created": {"de": "Erstellt", "en": "Created"},
    "account.token_used": {"de": "Zuletzt benutzt", "en": "Last used"},
    "account.token_expires": {"de": "Läuft ab", "en": "Expires"},
    "account.token_state": {"de": "Status", "en": "State"},
    "account.token_active": {"de": "aktiv", "en": "active"},
    "account.token_revoked": {"de": "widerrufen", "en": "revoked"},
    "account.token_never": {"de": "nie", "en": "never"},
    "account.token_revoke": {"de": "Widerrufen", "en": "Revoke"},
    "account.token_new": {"de": "Neues Token", "en": "New token"},
    "account.token_days": {
        "de": "Gültig für Tage (leer: unbegrenzt)",
        "en": "Valid for days (empty: no expiry)",
    },
    "account.token_create": {"de": "Token erstellen", "en": "Create token"},
    "account.token_shown_once": {
        "de": "Ihr neues Token. Es wird nur jetzt angezeigt, bitte sicher aufbewahren:",
        "en": "Your new token. It is shown only now; store it safely:",
    },
    "account.no_tokens": {"de": "Noch keine Tokens.", "en": "No tokens yet."},
    "history.title": {"de": "Änderungsverlauf", "en": "History"},
    "history.breadcrumb": {"de": "Zurück zum Eintrag", "en": "Back to the entry"},
    "history.none": {"de": "Noch keine Änderungen.", "en": "No changes yet."},
    "history.by": {"de": "von", "en": "by"},
    "history.role.member": {"de": "einem Mitglied", "en": "a member"},
    "history.role.admin": {"de": "der Registry-Administration", "en": "the registry's admins"},
    "history.role.funder": {"de": "einem Fördergeber", "en": "a funder"},
    "history.role.unknown": {"de": "einem früheren Konto", "en": "a former account"},
    "history.system.cli": {"de": "der Kommandozeile des Betriebs", "en": "the operator's CLI"},
    "history.system.web": {"de": "der Website", "en": "the website"},
    "history.system.worker": {"de": "einem Import", "en": "an import"},
    "history.system.crawl": {"de": "einem Crawl der Code-Quellen", "en": "a crawl of code sources"},
    "history.system.migration": {"de": "einem Update der Registry", "en": "a registry update"},
    "history.system.demo": {"de": "dem Demo-Katalog", "en": "the demo catalogue"},
    "history.system.serve": {"de": "dem Serverstart", "en": "the server's start"},
    "history.system.system": {"de": "der Registry", "en": "the registry"},
    "history.system.other": {"de": "einem Vorgang der Registry", "en": "a registry process"},
    "history.changes": {"de": "Geänderte Felder", "en": "Changed fields"},
    "history.field": {"de": "Feld", "en": "Field"},
    "history.before": {"de": "Vorher", "en": "Before"},
    "history.after": {"de": "Nachher", "en": "After"},
    "history.added": {"de": "hinzugefügt", "en": "added"},
    "history.removed": {"de": "entfernt", "en": "removed"},
    "history.action.create": {"de": "Angelegt", "en": "Created"},
    "history.action.update": {"de": "Geändert", "en": "Changed"},
    "history.action.delete": {"de": "Zurückgezogen", "en": "Withdrawn"},
    "history.action.restore": {"de": "Wiederhergestellt", "en": "Restored"},
    "form.error_summary": {"de": "Bitte korrigieren Sie:", "en": "Please correct:"},
    "edit.title": {"de": "Angaben bearbeiten", "en": "Edit details"},
    "edit.intro": {
        "de": "Was kein Import wissen kann: Betrieb, Organisation, Förderung, Schnittstellen. "
        "Ihre Angaben bleiben bei jedem neuen Import erhalten.",
        "en": "What no import can know: operation, organisation, funding, interfaces. "
        "Your values stay in place through every re-import.",
    },
    "edit.organisation_model": {"de": "Organisationsmodell", "en": "Organisation model"},
    "edit.governance": {"de": "Steuerung", "en": "Governance"},
    "edit.maintenance": {"de": "Wartung", "en": "Maintenance"},
    "edit.offers": {"de": "Betriebsangebote", "en": "Operating offers"},
    "edit.offer_n": {"de": "Betriebsangebot {n}", "en": "Operating offer {n}"},
    "edit.offer_kind": {"de": "Art des Angebots", "en": "Kind of offer"},
    "edit.provider": {"de": "Anbieter", "en": "Provider"},
    "edit.docs_url": {"de": "Dokumentation (URL)", "en": "Documentation (URL)"},
    "edit.region": {"de": "Region", "en": "Region"},
    "edit.funding": {"de": "Förderung", "en": "Funding"},
    "edit.funding_n": {"de": "Förderung {n}", "en": "Funding {n}"},
    "edit.funder": {"de": "Fördergeber", "en": "Funder"},
    "edit.programme": {"de": "Programm", "en": "Programme"},
    "edit.grant": {"de": "Förderkennzeichen", "en": "Grant reference"},
    "edit.interfaces": {"de": "Schnittstellen", "en": "Interfaces"},
    "edit.interface_n": {"de": "Schnittstelle {n}", "en": "Interface {n}"},
    "edit.standard": {"de": "Standard", "en": "Standard"},
    "edit.role": {"de": "Richtung", "en": "Direction"},
    "edit.role_provides": {"de": "bietet an", "en": "provides"},
    "edit.role_consumes": {"de": "nutzt", "en": "consumes"},
    "edit.alternatives": {
        "de": "Ersetzt (ein Produkt je Zeile)",
        "en": "Replaces (one product per line)",
    },
    "edit.alternatives_hint": {
        "de": "Proprietäre Produkte, die diese Lösung ersetzen kann.",
        "en": "Proprietary products this solution can replace.",
    },
    "edit.choose_hint": {
        "de": "Eine Organisation aus dem Register: Name, Kürzel oder Kennung. Neue "
        "Organisationen werden zuerst eigens angelegt.",
        "en": "An organisation in the registry: its name, slug or identifier. New "
        "organisations are added first, on their own.",
    },
    "edit.unknown_organisation": {
        "de": "„{name}“ ist keine Organisation im Register. Wählen Sie eine bestehende "
        "(Name, Kürzel oder Kennung) oder legen Sie sie zuerst an.",
        "en": "“{name}” is not an organisation in the registry. Choose an existing one "
        "(name, slug or identifier) or add it first.",
    },
    "edit.find_organisation": {"de": "Organisation suchen", "en": "Find an organisation"},
    "edit.find": {"de": "Suchen", "en": "Find"},
    "edit.found": {
        "de": "{n} Organisationen für „{q}“",
        "en": "{n} organisations for “{q}”",
        "de_one": "1 Organisation für „{q}“",
        "en_one": "1 organisation for “{q}”",
    },
    "edit.org_name": {"de": "Name", "en": "Name"},
    "edit.org_slug": {"de": "Kürzel (zum Eintragen)", "en": "Slug (to enter)"},
    "edit.org_identifier": {"de": "Kennung", "en": "Identifier"},
    "edit.org_verified": {"de": "Bestätigt", "en": "Verified"},
    "edit.save": {"de": "Speichern", "en": "Save"},
    "edit.cancel": {"de": "Abbrechen", "en": "Cancel"},
    "declare.title": {"de": "Nachnutzung erklären", "en": "Declare adoption"},
    "declare.intro": {
        "de": "Ihre Organisation nutzt, betreibt, fördert oder entwickelt diese Lösung mit. "
        "Die Erklärung gilt 24 Monate und kann dann bestätigt werden.",
        "en": "Your organisation uses, operates, funds or co-develops this solution. "
        "The declaration holds for 24 months and can then be reconfirmed.",
    },
    "declare.organisation": {"de": "Organisation", "en": "Organisation"},
    "declare.role": {"de": "Art der Nachnutzung", "en": "Kind of adoption"},
    "declare.since": {"de": "Seit", "en": "Since"},
    "declare.version": {"de": "Version", "en": "Version"},
    "declare.instance_url": {"de": "Adresse der Instanz (URL)", "en": "Instance address (URL)"},
    "declare.contact": {"de": "Öffentlicher Kontakt", "en": "Public contact"},
    "declare.submit": {"de": "Erklären", "en": "Declare"},
    "declare.no_organisation": {
        "de": "Ihr Konto gehört zu keiner Organisation.",
        "en": "Your account belongs to no organisation.",
    },
    "reports.title": {"de": "Förderberichte", "en": "Funding reports"},
    "reports.funder": {"de": "Fördergeber (Kürzel)", "en": "Funder (slug)"},
    "reports.show": {"de": "Bericht zeigen", "en": "Show report"},
    "reports.profiles": {"de": "Anforderungsprofile", "en": "Requirement profiles"},
    "reports.count": {
        "de": "{n} Lösungen geprüft.",
        "en": "{n} solutions checked.",
        "de_one": "1 Lösung geprüft.",
        "en_one": "1 solution checked.",
    },
    "reports.summary": {
        "de": "{passed} erfüllt, {failed} nicht erfüllt, {unknown} unbekannt",
        "en": "{passed} passed, {failed} failed, {unknown} unknown",
    },
    "reports.commit": {"de": "geprüfter Stand", "en": "judged commit"},
    "reports.rules": {"de": "Regeln", "en": "Rules"},
    "reports.rule": {"de": "Regel", "en": "Rule"},
    "reports.verdict": {"de": "Ergebnis", "en": "Verdict"},
    "reports.observed": {"de": "Festgestellt", "en": "Observed"},
    "reports.evidence": {"de": "Nachweis", "en": "Evidence"},
    "reports.fix": {"de": "Abhilfe", "en": "Fix"},
    "adopt.org_unverified": {
        "de": "Organisation nicht verifiziert",
        "en": "organisation not verified",
    },
    "adopt.expired": {"de": "Erklärung abgelaufen am {d}", "en": "declaration expired on {d}"},
    "adopt.expires": {"de": "Erklärung läuft am {d} ab", "en": "declaration expires on {d}"},
    "adopt.confirm": {
        "de": "Als Mitglied von {org} bestätigen",
        "en": "Confirm as a member of {org}",
    },
    # the publishing pages
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
    "pc.kept": {
        "de": "Die zuletzt importierte publiccode.yml ist ungültig; der Eintrag zeigt weiter "
        "die letzte gültige Fassung. Das muss in der Datei behoben werden:",
        "en": "The publiccode.yml imported last is invalid; the entry still shows the last "
        "valid version. This is what the file must fix:",
    },
    "import.action_kept": {
        "de": "nicht übernommen: die Datei ist ungültig, der Eintrag behält seine gültigen Angaben",
        "en": "not taken: the file is invalid, the entry keeps its valid data",
    },
    "import.solution": {"de": "Zum Eintrag", "en": "Go to the entry"},
    "import.solutions": {"de": "Importierte Einträge", "en": "Imported entries"},
    "import.reasons": {"de": "Gründe", "en": "Reasons"},
    "import.warnings": {"de": "Hinweise", "en": "Warnings"},
    "import.again": {"de": "Erneut veröffentlichen", "en": "Publish again"},
    # reader's page: at a glance (the summary at the top of a solution page)
    "glance.title": {"de": "Auf einen Blick", "en": "At a glance"},
    "glance.licence_conflict": {"de": "Widerspruch – siehe Lizenz", "en": "Conflict – see licence"},
    "glance.licence_none": {"de": "Keine Lizenz angegeben", "en": "No licence stated"},
    "glance.operation": {"de": "Betrieb und Support", "en": "Operation and support"},
    "glance.operation_none": {
        "de": "Kein Anbieter für Betrieb oder Support eingetragen",
        "en": "No provider of operation or support listed",
    },
    "glance.users": {"de": "Im Einsatz bei", "en": "In use at"},
    "glance.users_n": {
        "de_one": "{n} bestätigten Organisation",
        "de": "{n} bestätigten Organisationen",
        "en_one": "{n} confirmed organisation",
        "en": "{n} confirmed organisations",
    },
    "glance.contact": {"de": "Kontakt", "en": "Contact"},
    "glance.activity": {"de": "Aktivität", "en": "Activity"},
    "glance.last_commit": {"de": "letzter Commit am {d}", "en": "last commit on {d}"},
    "glance.quiet": {"de": "seit über 12 Monaten ruhig", "en": "quiet for over 12 months"},
    "glance.activity_none": {"de": "keine Aktivitätsdaten", "en": "no activity data"},
    "glance.start": {"de": "So starten Sie", "en": "How to get started"},
    "glance.install_docs": {
        "de": "Installations- und Nutzungsdokumentation",
        "en": "Installation and user documentation",
    },
    "glance.hosted_by": {"de": "Als betriebener Dienst von", "en": "As a hosted service from"},
    "glance.website": {
        "de": "Website und Demo des Projekts",
        "en": "The project's website and demo",
    },
    "glance.start_none": {
        "de": "Keine Dokumentation und kein betriebener Dienst eingetragen.",
        "en": "No documentation and no hosted service listed.",
    },
    "glance.repository": {"de": "Zum Quellcode", "en": "To the source code"},
    # reader's page: the badge to embed
    "badge.title": {"de": "Badge zum Einbinden", "en": "Badge to embed"},
    "badge.alt": {"de": "Nachnutzbarkeit von {name}", "en": "Reuse readiness of {name}"},
    "badge.help": {
        "de": "Zeigen Sie die Bewertung in Ihrer README oder auf Ihrer Website:",
        "en": "Show the score in your README or on your website:",
    },
    # interfaces: direction and every piece of evidence, strongest first (issue 20.5)
    "evidence_kind.document": {"de": "Schnittstellenbeschreibung", "en": "interface document"},
    "evidence_kind.file": {"de": "Dateien im Format", "en": "files in the format"},
    "evidence_kind.identifier": {
        "de": "im Code oder in der Konfiguration",
        "en": "in code or configuration",
    },
    "evidence_kind.dependency": {"de": "Bibliothek", "en": "library"},
    "evidence_kind.mention": {"de": "nur erwähnt", "en": "mentioned only"},
    "if.operations": {"de": "{n} Pfade", "en": "{n} paths", "de_one": "1 Pfad", "en_one": "1 path"},
    "if.documents": {
        "de": "{n} Schnittstellenbeschreibungen",
        "en": "{n} interface documents",
        "de_one": "1 Schnittstellenbeschreibung",
        "en_one": "1 interface document",
    },
    "if.more_evidence": {
        "de": "und {n} weitere Nachweise",
        "en": "and {n} more pieces of evidence",
        "de_one": "und 1 weiterer Nachweis",
        "en_one": "and 1 more piece of evidence",
    },
    "if.all_evidence": {"de": "Alle {n} Nachweise", "en": "All {n} pieces of evidence"},
    # -- funding: programmes, grants and the reports a funder files (issue 18) ----------
    "funding.programmes": {"de": "Ihre Förderprogramme", "en": "Your funding programmes"},
    "funding.no_programmes": {
        "de": "Noch keine Programme erfasst.",
        "en": "No programmes recorded yet.",
    },
    "funding.no_org": {
        "de": "Ihr Konto gehört zu keiner Organisation. Programme erfassen Mitglieder einer "
        "fördernden Organisation.",
        "en": "Your account belongs to no organisation. Programmes are recorded by members of "
        "a funding organisation.",
    },
    "funding.new": {"de": "Programm erfassen", "en": "Record a programme"},
    "funding.funder": {"de": "Fördergeber (Organisation)", "en": "Funder (organisation)"},
    "funding.name": {"de": "Name des Programms", "en": "Programme name"},
    "funding.profile": {"de": "Anforderungsprofil", "en": "Requirement profile"},
    "funding.starts_on": {"de": "Beginn (JJJJ-MM-TT)", "en": "Start (YYYY-MM-DD)"},
    "funding.ends_on": {"de": "Ende (JJJJ-MM-TT)", "en": "End (YYYY-MM-DD)"},
    "funding.save": {"de": "Programm speichern", "en": "Save programme"},
    "funding.grants": {"de": "Förderungen", "en": "Grants"},
    "funding.no_grants": {"de": "Noch keine Förderungen erfasst.", "en": "No grants yet."},
    "funding.add_grant": {"de": "Förderung erfassen", "en": "Record a grant"},
    "funding.solution": {
        "de": "Lösung (Kürzel aus der Adresse)",
        "en": "Solution (slug from its address)",
    },
    "funding.reference": {"de": "Förderkennzeichen", "en": "Grant reference"},
    "funding.save_grant": {"de": "Förderung speichern", "en": "Save grant"},
    "funding.from_entries": {
        "de": "Förderungen aus den Angaben der Einträge übernehmen",
        "en": "Take the grants from the entries' funding data",
    },
    "funding.from_entries_done": {
        "de": "{n} Förderungen aus den Einträgen übernommen.",
        "en": "{n} grants taken from the entries.",
        "de_one": "1 Förderung aus den Einträgen übernommen.",
        "en_one": "1 grant taken from the entries.",
    },
    "funding.source.entry": {
        "de": "aus den Angaben des Eintrags",
        "en": "from the entry's funding data",
    },
    "funding.source.funder": {"de": "vom Fördergeber erfasst", "en": "recorded by the funder"},
    "funding.report": {"de": "Programmbericht", "en": "Programme report"},
    "funding.grant_report": {"de": "Bericht zur Förderung", "en": "Grant report"},
    "funding.open_report": {"de": "Bericht", "en": "Report"},
    "funding.back": {"de": "Zum Programm", "en": "Back to the programme"},
    "funding.h.funder": {"de": "Fördergeber", "en": "Funder"},
    "funding.h.programme": {"de": "Programm", "en": "Programme"},
    "funding.h.period": {"de": "Laufzeit", "en": "Period"},
    "funding.h.profile": {"de": "Anforderungsprofil", "en": "Requirement profile"},
    "funding.h.version": {"de": "Version {v}", "en": "version {v}"},
    "funding.h.date": {"de": "Erstellt am", "en": "Generated on"},
    "funding.h.data_date": {"de": "Datenstand", "en": "Data as of"},
    "funding.h.registry": {"de": "Register", "en": "Registry"},
    "funding.h.reference": {"de": "Förderkennzeichen", "en": "Grant reference"},
    "funding.h.solution": {"de": "Lösung", "en": "Solution"},
    "funding.h.publisher": {"de": "Herausgeberin", "en": "Publisher"},
    "funding.h.commit": {"de": "Geprüfter Commit", "en": "Judged commit"},
    "funding.period": {"de": "{start} bis {end}", "en": "{start} to {end}"},
    "funding.open_end": {"de": "offen", "en": "open"},
    "funding.verdict.pass": {"de": "erfüllt", "en": "met"},
    "funding.verdict.fail": {"de": "nicht erfüllt", "en": "not met"},
    "funding.verdict.unknown": {"de": "offen (unbekannt)", "en": "open (unknown)"},
    "funding.verdict.line": {
        "de": "Ergebnis: {verdict}. {passed} von {total} Regeln erfüllt, {failed} nicht "
        "erfüllt, {unknown} unbekannt.",
        "en": "Verdict: {verdict}. {passed} of {total} rules met, {failed} not met, "
        "{unknown} unknown.",
    },
    "funding.verdict.by_unknown": {
        "de": "Nicht erfüllt, weil Angaben fehlen: nach diesem Profil zählt Unbekanntes als "
        "nicht erfüllt.",
        "en": "Not met because information is missing: under this profile unknown counts as "
        "not met.",
    },
    "funding.unknown_as.fail": {
        "de": "Nach diesem Profil zählt eine unbekannte Regel als nicht erfüllt.",
        "en": "Under this profile an unknown rule counts as not met.",
    },
    "funding.unknown_as.pass": {
        "de": "Nach diesem Profil zählt eine unbekannte Regel als erfüllt.",
        "en": "Under this profile an unknown rule counts as met.",
    },
    "funding.unknown_as.unknown": {
        "de": "Nach diesem Profil bleibt eine unbekannte Regel unbekannt; das Ergebnis ist "
        "dann offen.",
        "en": "Under this profile an unknown rule stays unknown; the verdict is then open.",
    },
    "funding.col.rule": {"de": "Regel", "en": "Rule"},
    "funding.col.verdict": {"de": "Ergebnis", "en": "Verdict"},
    "funding.col.details": {"de": "Geprüft und Nachweis", "en": "Checked, with evidence"},
    "funding.col.fix": {"de": "Abhilfe", "en": "Fix"},
    "funding.required": {"de": "Gefordert", "en": "Required"},
    "funding.observed": {"de": "festgestellt", "en": "found"},
    "funding.no_evidence": {"de": "kein Nachweis", "en": "no evidence"},
    "funding.missing": {"de": "Fehlt: {what}. {who}", "en": "Missing: {what}. {who}"},
    "funding.ev.declared": {
        "de": "selbst angegeben von der Herausgeberin",
        "en": "self-declared by the publisher",
    },
    "funding.ev.repository": {
        "de": "im Repository festgestellt (Commit {commit})",
        "en": "detected in the repository (commit {commit})",
    },
    "funding.ev.repository_plain": {
        "de": "im Repository festgestellt",
        "en": "detected in the repository",
    },
    "funding.ev.host": {
        "de": "von der Code-Plattform gemeldet",
        "en": "reported by the code platform",
    },
    "funding.ev.confirmed": {
        "de": "von einer anderen Organisation bestätigt",
        "en": "confirmed by another organisation",
    },
    "funding.ev.computed": {"de": "von der Registry berechnet", "en": "computed by the registry"},
    "funding.ev.on": {"de": "am {date}", "en": "on {date}"},
    "funding.supplier.publisher-repo": {
        "de": "Liefern kann es die Herausgeberin: ein öffentliches Repository verlinken; das "
        "Register wertet es beim nächsten Import aus.",
        "en": "The publisher can supply it: link a public repository; the registry analyses "
        "it at the next import.",
    },
    "funding.supplier.publisher-entry": {
        "de": "Liefern kann es die Herausgeberin: im Eintrag oder in der publiccode.yml angeben.",
        "en": "The publisher can supply it: state it in the entry or in publiccode.yml.",
    },
    "funding.supplier.adopters": {
        "de": "Liefern können es andere Organisationen: ihren Einsatz im Register bestätigen.",
        "en": "Other organisations can supply it: confirm their use in the registry.",
    },
    "funding.supplier.host": {
        "de": "Liefern kann es die Code-Plattform über ihre Schnittstelle; das Register liest "
        "sie beim nächsten Import.",
        "en": "The code platform can supply it through its API; the registry reads it at the "
        "next import.",
    },
    "funding.supplier.registry": {
        "de": "Das Register berechnet es, sobald die übrigen Angaben vorliegen.",
        "en": "The registry computes it once the other information is there.",
    },
    "funding.op.eq_true": {"de": "{label}", "en": "{label}"},
    "funding.op.eq_false": {"de": "{label}: nein", "en": "{label}: no"},
    "funding.op.eq": {"de": "{label}: {value}", "en": "{label}: {value}"},
    "funding.op.ne": {"de": "{label}: nicht {value}", "en": "{label}: not {value}"},
    "funding.op.gt": {"de": "{label}: mehr als {value}", "en": "{label}: more than {value}"},
    "funding.op.gte": {"de": "{label}: mindestens {value}", "en": "{label}: at least {value}"},
    "funding.op.lt": {"de": "{label}: weniger als {value}", "en": "{label}: less than {value}"},
    "funding.op.lte": {"de": "{label}: höchstens {value}", "en": "{label}: at most {value}"},
    "funding.op.in": {"de": "{label}: eines von {value}", "en": "{label}: one of {value}"},
    "funding.op.not_in": {"de": "{label}: keines von {value}", "en": "{label}: none of {value}"},
    "funding.op.exists": {"de": "{label}: bekannt", "en": "{label}: known"},
    "funding.value.true": {"de": "ja", "en": "yes"},
    "funding.value.false": {"de": "nein", "en": "no"},
    "funding.value.none": {"de": "unbekannt", "en": "unknown"},
    "funding.value.instructions": {"de": "Anleitung vorhanden", "en": "instructions given"},
    "funding.value.file": {"de": "als Datei", "en": "as a file"},
    "funding.or": {"de": " oder ", "en": " or "},
    "funding.overview": {"de": "Überblick", "en": "Overview"},
    "funding.overview.passed": {
        "de": "{passed} von {n} geförderten Lösungen erfüllen das Profil.",
        "en": "{passed} of {n} funded solutions meet the profile.",
        "de_one": "{passed} von 1 geförderten Lösung erfüllt das Profil.",
        "en_one": "{passed} of 1 funded solution meets the profile.",
    },
    "funding.overview.failing": {
        "de": "Am häufigsten nicht erfüllt",
        "en": "Rules not met most often",
    },
    "funding.overview.failing_row": {
        "de": "{title}: bei {n} Lösungen",
        "en": "{title}: {n} solutions",
        "de_one": "{title}: bei 1 Lösung",
        "en_one": "{title}: 1 solution",
    },
    "funding.overview.none_failing": {
        "de": "Keine Regel wird verfehlt.",
        "en": "No rule is failed.",
    },
    "funding.overview.reused": {
        "de": "Von anderen Organisationen nachgenutzt",
        "en": "Reused by other organisations",
    },
    "funding.overview.reused_none": {
        "de": "Noch keine bestätigte Nachnutzung außerhalb der geförderten Organisation.",
        "en": "No confirmed reuse outside the funded organisation yet.",
    },
    "funding.reused_by": {"de": "Nachgenutzt von: {names}", "en": "Reused by: {names}"},
    "funding.download.pdf": {"de": "PDF herunterladen", "en": "Download PDF"},
    "funding.download.csv": {"de": "CSV herunterladen", "en": "Download CSV"},
    "funding.downloads": {"de": "Herunterladen", "en": "Downloads"},
    "funding.runs": {"de": "Festgehaltene Berichte", "en": "Kept reports"},
    "funding.record_run": {
        "de": "Diesen Stand festhalten (für die Förderentscheidung)",
        "en": "Keep this state (for the grant decision)",
    },
    "funding.run_kept": {"de": "Stand vom {date} festgehalten.", "en": "State of {date} kept."},
    "funding.compare": {
        "de": "Was sich seit dem {date} geändert hat",
        "en": "What changed since {date}",
    },
    "funding.compare_with": {"de": "Vergleichen", "en": "Compare"},
    "funding.no_changes": {
        "de": "Seitdem hat sich kein Ergebnis geändert.",
        "en": "No verdict has changed since.",
    },
    "funding.change.overall": {"de": "Gesamtergebnis", "en": "Overall verdict"},
    "funding.change.absent": {"de": "nicht enthalten", "en": "not included"},
    "funding.change.before": {"de": "vorher", "en": "before"},
    "funding.change.after": {"de": "jetzt", "en": "now"},
    "funding.explain": {
        "de": "Ein Anforderungsprofil fasst prüfbare Förderbedingungen zusammen (offene Lizenz, "
        "Dokumentation, offene Schnittstellen …). Jedes Programm wird gegen ein Profil "
        "geprüft; der Bericht zeigt je Förderung jede Regel mit Ergebnis und Nachweis.",
        "en": "A requirement profile gathers funding conditions that can be checked (open "
        "licence, documentation, open interfaces …). Each programme is checked against one "
        "profile; the report shows every rule of each grant with its verdict and evidence.",
    },
    "funding.profile_rules": {"de": "{n} Regeln", "en": "{n} rules"},
    "funding.csv.solution_verdict": {"de": "Ergebnis der Lösung", "en": "Solution verdict"},
    "funding.csv.rule_id": {"de": "Regel-ID", "en": "Rule id"},
    "funding.csv.evidence": {"de": "Nachweis", "en": "Evidence"},
    "funding.csv.missing": {"de": "Fehlende Angaben", "en": "Missing information"},
    "funding.error.name": {
        "de": "Name: bitte den Namen des Programms angeben.",
        "en": "Name: give the programme's name.",
    },
    "funding.error.too_long": {"de": "Höchstens {n} Zeichen.", "en": "At most {n} characters."},
    "funding.error.profile": {
        "de": "Anforderungsprofil: bitte eines der Profile wählen.",
        "en": "Requirement profile: choose one of the profiles.",
    },
    "funding.error.period": {
        "de": "Ende: das Ende liegt vor dem Beginn.",
        "en": "End: the end is before the start.",
    },
    "funding.error.starts_on": {
        "de": "Beginn: bitte als JJJJ-MM-TT angeben (etwa 2026-01-01).",
        "en": "Start: give it as YYYY-MM-DD (such as 2026-01-01).",
    },
    "funding.error.ends_on": {
        "de": "Ende: bitte als JJJJ-MM-TT angeben (etwa 2027-12-31).",
        "en": "End: give it as YYYY-MM-DD (such as 2027-12-31).",
    },
    "funding.error.funder": {
        "de": "Fördergeber: bitte eine Ihrer Organisationen wählen.",
        "en": "Funder: choose one of your organisations.",
    },
    "funding.error.duplicate_programme": {
        "de": "Ein Programm „{name}“ gibt es bei diesem Fördergeber schon.",
        "en": "This funder already has a programme “{name}”.",
    },
    "funding.error.solution": {
        "de": "Lösung: keine Lösung mit dem Kürzel „{slug}“ gefunden.",
        "en": "Solution: no solution with the slug “{slug}”.",
    },
    "funding.error.reference": {
        "de": "Förderkennzeichen: bitte angeben.",
        "en": "Grant reference: please give it.",
    },
    "funding.error.duplicate_grant": {
        "de": "Diese Förderung ({reference}) ist im Programm schon erfasst.",
        "en": "This grant ({reference}) is already in the programme.",
    },
    "funding.error.heading": {"de": "Bitte korrigieren", "en": "Please correct"},
    "reports.error.funded_by": {
        "de": "Bitte einen Fördergeber angeben.",
        "en": "Please name a funder.",
    },
    "account.reports_link": {
        "de": "Förderprogramme und Berichte",
        "en": "Funding programmes and reports",
    },
    # -- federation: where a harvested entry came from (solution page, import section) --
    "fed.from": {"de": "aus {catalogue}", "en": "from {catalogue}"},
    "fed.id": {"de": "dort", "en": "there"},
    "fed.gone": {"de": "dort nicht mehr geführt", "en": "no longer listed there"},
    "fed.local": {"de": "in diesem Register veröffentlicht", "en": "published in this registry"},
    "fed.repository": {"de": "aus dem Repository erkannt", "en": "detected from the repository"},
    # --- federation: field provenance, claiming harvested entries, the catalogue facet ---
    "prov.local": {"de": "aus diesem Register", "en": "from this registry"},
    "prov.catalogue": {"de": "aus {catalogue}", "en": "from {catalogue}"},
    "prov.repository": {"de": "aus dem Repository erkannt", "en": "detected from the repository"},
    "prov.name_description": {"de": "Name und Beschreibung", "en": "Name and description"},
    "claim.button": {"de": "Eintrag für {org} übernehmen", "en": "Claim this entry for {org}"},
    "claim.hint": {
        "de": "Ihre Organisation veröffentlicht dieses Repository (bestätigte Code-Quelle oder "
        "Domain); danach gelten Ihre Angaben vor denen der Kataloge.",
        "en": "Your organisation publishes this repository (verified code source or domain); "
        "afterwards your data wins over the catalogues'.",
    },
    "saved.claimed": {
        "de": "Der Eintrag gehört jetzt Ihrer Organisation. Die Kataloge bleiben als Quellen "
        "genannt, überschreiben ihn aber nicht mehr.",
        "en": "The entry now belongs to your organisation. The catalogues stay listed as "
        "sources but no longer overwrite it.",
    },
    "facet.catalog": {"de": "Katalog", "en": "Catalogue"},
    "catalog.local": {"de": "dieses Register", "en": "this registry"},
}


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
        one = values.get("n") == 1  # "1 Lösung", not "1 Lösungen": the ``<lang>_one`` form
        text = (entry.get(f"{lang}_one") if one else None) or entry.get(lang) or entry.get("en")
        text = text or key
        return text.format(**values) if values else text

    return t


def one_language(message: str, lang: str) -> str:
    """The part of a bilingual ``"deutsch / english"`` domain message in ``lang``.

    Domain errors carry both languages (the API answers them as they are); a page shows
    one. A message without the separator is returned whole.
    """
    head, sep, tail = message.partition(" / ")
    if not sep:
        return message
    field, colon, _german = head.partition(": ")
    if lang == "de":
        return head
    if colon and " " not in field and not tail.startswith(f"{field}: "):
        return f"{field}: {tail}"  # "field: deutsch / english": the field for both
    return tail


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else English, else German, else any."""
    for code in (lang, "en", "de"):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()), "")
