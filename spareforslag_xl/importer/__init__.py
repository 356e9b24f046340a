"""Imports a proposals document (the Markdown/Pandoc dialect of 'Administrative spareforslag').

The data flows one way: ``text`` decodes the file, ``blocks`` splits it into headings,
paragraphs and table rows, ``sections`` finds the overview and each theme's section,
``potential`` and ``keytables`` read the tables, ``distribution`` interprets 'Fordeling på
afdeling', and ``build_plan`` assembles a Plan, the document's stated figures and an import
report. Only ``text``, ``departments`` and ``run`` touch files.
"""
