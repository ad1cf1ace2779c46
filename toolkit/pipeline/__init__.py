"""Project on disk → PDFs in dist/: `snapshot` reads every source, sidecar
and catalog first; `plan` decides what to build from those values; `build`
renders and lays out what the `manifest` says changed. The read cache
(`readcache`) keeps read articles between runs."""
