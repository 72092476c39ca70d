"""DCAT-AP 3 records of the catalogue: each solution a ``dcat:Dataset``, built with rdflib.

National and EU catalogues (data.europa.eu, GovData, the EU OSS catalogue) harvest DCAT-AP;
describing the registry as one dataset of files told them nothing about the software in
it. So every solution is its own dataset: publisher, licence as an SPDX URI, themes from the
EU data-theme vocabulary (mapped from our domains), landing page, contact point, and
distributions for its source code, its publiccode.yml and its API documents. Pages follow
the DCAT-AP paging advice (a ``hydra:PartialCollectionView`` with ``hydra:next``).

rdflib writes both serialisations (JSON-LD and Turtle) from one graph, so they cannot drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final
from urllib.parse import quote

from license_expression import ExpressionError
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, XSD

from registry.catalogue import models as m
from registry.licensing import spdx_licensing

__all__ = ["DOMAIN_THEMES", "catalogue_graph", "jsonld", "turtle"]

VCARD: Final = Namespace("http://www.w3.org/2006/vcard/ns#")
HYDRA: Final = Namespace("http://www.w3.org/ns/hydra/core#")
ADMS: Final = Namespace("http://www.w3.org/ns/adms#")
SPDX_LICENCES: Final = "http://spdx.org/licenses/"
THEME: Final = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPE: Final = "http://publications.europa.eu/resource/authority/file-type/"
#: The licence of the registry's own metadata (the records, exports and feed).
METADATA_LICENCE: Final = SPDX_LICENCES + "CC0-1.0"
#: Our domains (Handlungsfelder) as EU data themes (Publications Office authority table).
DOMAIN_THEMES: Final[dict[str, str]] = {
    "administration": "GOVE",
    "mobility": "TRAN",
    "energy": "ENER",
    "health": "HEAL",
    "education": "EDUC",
    "environment": "ENVI",
    "participation": "GOVE",
    "geodata": "REGI",
    "security": "JUST",
    "tourism": "EDUC",
    "commerce": "ECON",
    "housing": "REGI",
    "social": "SOCI",
    "infrastructure": "TECH",
    "open-data": "GOVE",
    "other": "OP_DATPRO",
}
_CONTEXT: Final = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "hydra": str(HYDRA),
    "rdfs": str(RDFS),
    "adms": str(ADMS),
    "xsd": str(XSD),
}


def _dated(value: datetime) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def _licence(graph: Graph, expression: str | None) -> URIRef | BNode | None:
    """One SPDX licence as its SPDX URI; a compound expression as a licence document."""
    if not expression:
        return None
    try:
        parsed = spdx_licensing().parse(expression, validate=False)
        keys = sorted(parsed.objects) if parsed is not None else []
    except ExpressionError:
        keys = []
    if len(keys) == 1 and keys[0] == expression.strip():
        node: URIRef | BNode = URIRef(SPDX_LICENCES + quote(keys[0]))
        graph.add((node, RDF.type, DCTERMS.LicenseDocument))
        return node
    node = BNode()
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    graph.add((node, RDFS.label, Literal(expression)))
    for key in keys:  # each licence the expression names, for machines that follow them
        graph.add((node, DCTERMS.relation, URIRef(SPDX_LICENCES + quote(key))))
    return node


def _agent(graph: Graph, base: str, solution: m.Solution) -> URIRef | None:
    publisher = solution.publisher
    if publisher is None:
        return None
    node = URIRef(f"{base}/organisations/{quote(publisher.slug)}")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(publisher.name)))
    return node


def _contact(graph: Graph, solution: m.Solution) -> BNode | None:
    """The entry's public contact (as its publiccode.yml states it), as a vCard."""
    chosen = next((c for c in solution.contacts if c.role == "contact"), None) or next(
        iter(solution.contacts), None
    )
    if chosen is None:
        return None
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, VCARD.fn, Literal(chosen.name)))
    if chosen.email:
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{chosen.email}")))
    return node


def _distribution(
    graph: Graph, subject: URIRef, url: str, title: str, *, media: str | None = None,
    licence: URIRef | BNode | None = None, download: bool = False, what: str = "",
    file_type: str | None = None,
) -> URIRef:  # fmt: skip
    node = URIRef(f"{subject}/distribution/{quote(title.lower().replace(' ', '-'))}")
    graph.add((subject, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(title, lang="en")))
    if what:
        graph.add((node, DCTERMS.description, Literal(what, lang="en")))
    if file_type:
        graph.add((node, DCTERMS.format, URIRef(FILE_TYPE + file_type)))
    graph.add((node, DCAT.accessURL, URIRef(url)))
    if download:
        graph.add((node, DCAT.downloadURL, URIRef(url)))
    if media:
        graph.add(
            (node, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}"))
        )
    if licence is not None:
        graph.add((node, DCTERMS.license, licence))
    return node


def _texts(graph: Graph, subject: URIRef, solution: m.Solution) -> None:
    graph.add((subject, DCTERMS.title, Literal(solution.name)))
    described = False
    for text in solution.texts:
        words = text.short_description or text.long_description
        if words:
            graph.add((subject, DCTERMS.description, Literal(words, lang=text.lang)))
            described = True
    if not described:  # dct:description is mandatory in DCAT-AP
        graph.add((subject, DCTERMS.description, Literal(solution.name)))


def _dataset(graph: Graph, base: str, solution: m.Solution) -> URIRef:
    page = f"{base}/solutions/{quote(solution.slug)}"
    subject = URIRef(f"{page}#dataset")
    graph.add((subject, RDF.type, DCAT.Dataset))
    _texts(graph, subject, solution)
    graph.add((subject, DCTERMS.identifier, Literal(solution.slug)))
    graph.add((subject, DCAT.landingPage, URIRef(page)))
    graph.add((subject, DCTERMS.issued, _dated(solution.created_at)))
    graph.add((subject, DCTERMS.modified, _dated(solution.updated_at)))
    if solution.software_version:
        graph.add((subject, DCAT.version, Literal(solution.software_version)))
    if not solution.active:
        graph.add((subject, ADMS.status, URIRef("http://purl.org/adms/status/Deprecated")))
    if (agent := _agent(graph, base, solution)) is not None:
        graph.add((subject, DCTERMS.publisher, agent))
    if (contact := _contact(graph, solution)) is not None:
        graph.add((subject, DCAT.contactPoint, contact))
    for keyword in solution.keywords:
        graph.add((subject, DCAT.keyword, Literal(keyword)))
    domains = {t.value for t in solution.tags if t.kind == "domain"}
    for theme in sorted({DOMAIN_THEMES.get(d, "OP_DATPRO") for d in domains}):
        graph.add((subject, DCAT.theme, URIRef(THEME + theme)))
    for interface in solution.interfaces:
        if interface.standard is not None and interface.role == "provides":
            graph.add(
                (subject, DCTERMS.conformsTo, URIRef(f"{base}/standards/{interface.standard.slug}"))
            )
    licence = _licence(graph, solution.licence or solution.licence_detected)
    if solution.url:
        _distribution(
            graph, subject, solution.url, "Source code", licence=licence,
            what="The source code repository, under the software's licence.",
        )  # fmt: skip
    _distribution(
        graph, subject, f"{page}/publiccode.yml", "publiccode.yml", media="application/yaml",
        download=True, licence=_metadata_licence(graph), file_type="YAML",
        what="The entry's metadata in the publiccode.yml standard.",
    )  # fmt: skip
    api_documents = sorted({t.api_documentation for t in solution.texts if t.api_documentation})
    for number, url in enumerate(api_documents, start=1):
        _distribution(
            graph, subject, url, f"API documentation {number}",
            what="Documentation of an interface the software provides.",
        )  # fmt: skip
    return subject


def _metadata_licence(graph: Graph) -> URIRef:
    node = URIRef(METADATA_LICENCE)
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    return node


def _exports(graph: Graph, base: str, catalogue: URIRef) -> None:
    """The whole catalogue as files (JSON, CSV, Atom): one more dataset, on the first page."""
    subject = URIRef(f"{base}/api/v1/catalog#exports")
    graph.add((catalogue, DCAT.dataset, subject))
    graph.add((subject, RDF.type, DCAT.Dataset))
    graph.add((subject, DCTERMS.title, Literal("Alle Lösungen als Dateien", lang="de")))
    graph.add((subject, DCTERMS.title, Literal("Every solution as files", lang="en")))
    graph.add((subject, DCTERMS.description, Literal("Every entry of the registry.", lang="en")))
    graph.add((subject, DCAT.landingPage, URIRef(f"{base}/solutions")))
    graph.add((subject, DCAT.theme, URIRef(THEME + "GOVE")))
    for path, media, file_type in (
        ("/api/v1/export/solutions.json", "application/json", "JSON"),
        ("/api/v1/export/solutions.csv", "text/csv", "CSV"),
        ("/feed.atom", "application/atom+xml", "ATOM"),
    ):
        _distribution(
            graph, subject, base + path, file_type, media=media, download=True,
            licence=_metadata_licence(graph), file_type=file_type,
            what=f"Every entry as {file_type}.",
        )  # fmt: skip


def catalogue_graph(
    solutions: Sequence[m.Solution], base: str, *, modified: datetime | None,
    page_url: str, next_url: str | None, first_page: bool = True,
) -> Graph:  # fmt: skip
    """The registry as a ``dcat:Catalog`` with one page of its solutions as datasets."""
    graph = Graph()
    for prefix, iri in _CONTEXT.items():
        graph.bind(prefix, iri)
    catalogue = URIRef(f"{base}/api/v1/catalog")
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal("Register kommunaler Software", lang="de")))
    graph.add((catalogue, DCTERMS.title, Literal("Registry of municipal software", lang="en")))
    for lang, words in (
        ("de", "Open-Source-Lösungen für die öffentliche Hand mit Lizenz-, Betriebs- und "
               "Organisationsmodell."),
        ("en", "Open-source solutions for public bodies, with licence, operating and "
               "organisation model."),
    ):  # fmt: skip
        graph.add((catalogue, DCTERMS.description, Literal(words, lang=lang)))
    operator = URIRef(f"{base}/")
    graph.add((operator, RDF.type, FOAF.Agent))
    graph.add((operator, FOAF.name, Literal("Register kommunaler Software", lang="de")))
    graph.add((catalogue, DCTERMS.publisher, operator))
    graph.add((catalogue, FOAF.homepage, URIRef(f"{base}/")))
    if modified is not None:
        graph.add((catalogue, DCTERMS.modified, _dated(modified)))
    graph.add((catalogue, DCTERMS.license, _metadata_licence(graph)))
    if first_page:
        _exports(graph, base, catalogue)
    for solution in solutions:
        graph.add((catalogue, DCAT.dataset, _dataset(graph, base, solution)))
    _paging(graph, catalogue, page_url, next_url)
    return graph


def _paging(graph: Graph, catalogue: URIRef, page_url: str, next_url: str | None) -> None:
    view = URIRef(page_url)
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((catalogue, HYDRA.view, view))
    if next_url:
        graph.add((view, HYDRA.next, URIRef(next_url)))


def jsonld(graph: Graph) -> str:
    """The graph as JSON-LD with our prefixes as its context."""
    return graph.serialize(format="json-ld", context=_CONTEXT, auto_compact=True)


def turtle(graph: Graph) -> str:
    """The graph as Turtle."""
    return graph.serialize(format="turtle")
