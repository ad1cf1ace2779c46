"""A browser's requests → the project's catalogs and drafts: `toolkit serve`,
the translator's desk. `app` is the Starlette application (routes, token,
file watcher, rebuilds); `desk` reads and saves what its pages show;
`templates/` and `static/` are its pages."""
