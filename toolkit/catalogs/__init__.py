"""Article ↔ gettext: an article's blocks become messages (`segments`), read
and written as `.po` files that keep their own layout (`po`, `po_syntax`),
merged with a new template (`merge`), with one answer to "is it translated"
(`states`), checked (`checks`, `numbers`, `quotes`, which also sets an
English translation's straight quotes curly for print), prefilled from a
translation memory (`memory`) and exchanged with CAT tools as XLIFF and TMX
(`exchange`).

No module here knows the project's folders: callers hand in catalogs and
paths.
"""
