"""Server-rendered pages (HTML, no JavaScript needed to read and search)."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
from litestar.types import ControllerRouterHandler

from web.pages import account as account_pages
from web.pages._deps import provide_search, provide_views
from web.pages.browse import alternatives_page, domain_list, domain_page
from web.pages.claims import claim_entry_page
from web.pages.editor import editor_page, editor_submit
from web.pages.funding import funding_handlers
from web.pages.history import history_page
from web.pages.home import home, switch_language
from web.pages.manage import (
    adopt_page,
    adopt_submit,
    confirm_claim_page,
    create_organisation_page,
    edit_page,
    edit_submit,
)
from web.pages.my_organisation import (
    my_organisation,
    my_organisation_page,
    request_verification_page,
    set_domains_page,
    verify_by_admin_page,
    verify_link_page,
)
from web.pages.organisations import organisation_list, organisation_page
from web.pages.publish import import_page, publish_page, publish_submit
from web.pages.reports import report_page, reports_index
from web.pages.signup import confirm_signup, decide_request, signup, signup_page
from web.pages.solutions import search_page, solution_media, solution_page
from web.pages.standards import standard_list, standard_page

__all__ = ["page_handlers", "pages_router"]


def pages_router() -> Router:
    """The reader's pages under ``/``, kept out of the OpenAPI document."""
    return Router(
        path="/",
        route_handlers=[
            search_page,
            solution_page,
            solution_media,
            organisation_list,
            organisation_page,
            standard_list,
            standard_page,
            domain_list,
            domain_page,
            alternatives_page,
        ],
        dependencies={
            "views": Provide(provide_views, sync_to_thread=False),
            "search": Provide(provide_search, sync_to_thread=False),
        },
        include_in_schema=False,
    )


def page_handlers() -> list[ControllerRouterHandler]:
    """Every HTML page and form: the reader's pages (one router) and the members' forms."""
    return [
        home,
        switch_language,
        pages_router(),
        history_page,
        reports_index,
        *funding_handlers(),
        report_page,
        edit_page,
        edit_submit,
        adopt_page,
        adopt_submit,
        confirm_claim_page,
        claim_entry_page,
        create_organisation_page,
        account_pages.login_page,
        account_pages.login,
        account_pages.oidc_start,
        account_pages.oidc_callback,
        account_pages.logout,
        account_pages.account_page,
        account_pages.create_token,
        account_pages.revoke_token,
        publish_page,
        publish_submit,
        editor_page,
        editor_submit,
        signup_page,
        signup,
        confirm_signup,
        decide_request,
        my_organisation,
        my_organisation_page,
        set_domains_page,
        request_verification_page,
        verify_by_admin_page,
        verify_link_page,
        import_page,
    ]
