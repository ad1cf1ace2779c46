"""Catalog commands on disk: `update` (extract templates, merge and prefill
catalogs), `status` (how far each catalog is, and its checks), `transfer`
(XLIFF and TMX out and in) and `review` (who approves, and when)."""
