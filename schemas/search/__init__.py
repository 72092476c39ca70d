"""Data for search: the municipal thesaurus (synonyms, compound parts, stemming exceptions).

A package only so that the file ships inside wheels; read it with
``importlib.resources.files("schemas.search")``.
"""
