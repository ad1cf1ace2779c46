"""Bilingual publishing toolkit: Chinese source articles → print-ready PDF briefs.

The stages, one module each: source (text → Article) → convert (Traditional →
Simplified, OpenCC) → catalog (Article ↔ gettext catalogs) → render (Article
+ edition → HTML) → pdf (HTML → PDF); build.py orchestrates them, cli.py is
the command line.
"""

__version__ = "0.1.0"
