"""The example articles a first launch ingests (shipped with the package as timeline_app.seeds)."""
