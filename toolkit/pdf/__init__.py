"""HTML → PDF bytes: WeasyPrint with the toolkit's one guarded extension
(`extension/`), the fonts an edition needs (`fonts`), the writer and its
fetcher (`write`), lay-out on this machine's cores (`workers`) or on a Dask
cluster (`cluster`), and page previews (`preview`).

Importing this package imports no WeasyPrint: the modules that need it load
it when they lay out, so that a no-op build never pays for it.
"""
