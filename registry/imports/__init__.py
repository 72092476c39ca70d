"""Import runs and their log: publiccode.yml and repository imports, members' publish
jobs, whose entry an import may write (ownership), previews and the steps after an import."""

from registry.imports.errors import PROBLEM_CODES, explain_failure
from registry.imports.hooks import import_batch
from registry.imports.jobs import (
    MAX_URL,
    ImportStatus,
    InProcessWorker,
    Submission,
    assign_publisher,
    assign_publisher_of_run,
    guess_kind,
    import_status,
    in_process_worker,
    publish_request,
    publishing_organisation,
    run_publiccode,
)
from registry.imports.mine import my_imports, organisation_solutions
from registry.imports.models import ImportLogEntry, ImportRun
from registry.imports.ownership import EntryTaken, Writer, acting_for, check_submission, proves
from registry.imports.preview import preview_publiccode, preview_repository
from registry.imports.publiccode import export_publiccode, import_publiccode
from registry.imports.repository import mark_failed, store_repository
from registry.imports.services import ImportRecorder, last_log

__all__ = [
    "MAX_URL",
    "PROBLEM_CODES",
    "EntryTaken",
    "ImportLogEntry",
    "ImportRecorder",
    "ImportRun",
    "ImportStatus",
    "InProcessWorker",
    "Submission",
    "Writer",
    "acting_for",
    "assign_publisher",
    "assign_publisher_of_run",
    "check_submission",
    "explain_failure",
    "export_publiccode",
    "guess_kind",
    "import_batch",
    "import_publiccode",
    "import_status",
    "in_process_worker",
    "last_log",
    "mark_failed",
    "my_imports",
    "organisation_solutions",
    "preview_publiccode",
    "preview_repository",
    "proves",
    "publish_request",
    "publishing_organisation",
    "run_publiccode",
    "store_repository",
]
