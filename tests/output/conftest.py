from podcast_fixtures import podcast, served  # noqa: F401  (fixtures for every test in this folder)
