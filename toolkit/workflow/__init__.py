"""Sources and catalogs on disk → catalogs on disk: the catalog commands.
`update` extracts templates and merges and prefills catalogs, `status` says
how far each catalog is and what its checks find, `transfer` sends XLIFF
and TMX out and takes them back, `review` records who approved, and when."""
