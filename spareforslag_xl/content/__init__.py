"""The outputs' content as plain data, built once from the computed plan of a scenario.

``nodes`` is the tree (sheets of headings, tables with the meaning of their totals, paragraphs,
charts); ``report``, ``department`` and ``theme`` build it; the writers in render/ turn it into
a format. One tree, many writers, as docutils' nodes and writers and Pandoc's AST.
"""
