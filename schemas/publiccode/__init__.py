"""Data for publiccode.yml: vocabularies, reference lists and the domain table.

A package only so that the files ship inside wheels; read them with
``importlib.resources.files("schemas.publiccode")``.
"""
