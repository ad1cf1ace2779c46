"""Article → Simplified Article: OpenCC, phrase-aware, with the config and
phrase overrides a project chooses (`simplify`), and the conversion report
that says what changed (`report`)."""
